"""The plan file's recurrence rules (data/README.md grammar), expanded over a plan year.

    monthly:day=20            -> one period a month:    2024-01 … 2024-12
    quarterly:day=10:month_of_quarter=3  -> a quarter: 2024-Q1 … 2024-Q4
    yearly:11-15              -> one period:            2024
    yearly:06-10,12-10        -> one per date:          2024-06-10, 2024-12-10
    continuous                -> one open-ended period: "" with no deadline

``DAY`` may be ``last``; a day past the month's end is clamped to it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

CONTINUOUS = "continuous"
_MONTHLY = re.compile(r"^monthly:day=(\d{1,2}|last)$")
_QUARTERLY = re.compile(r"^quarterly:day=(\d{1,2}|last):month_of_quarter=([123])$")
_YEARLY = re.compile(r"^yearly:(\d{2}-\d{2}(?:,\d{2}-\d{2})*)$")


class BadRule(ValueError):
    pass


@dataclass(frozen=True)
class Occurrence:
    period: str
    deadline: date | None


def _day_in_month(year: int, month: int, day: str) -> date:
    last = calendar.monthrange(year, month)[1]
    if day == "last":
        return date(year, month, last)
    number = int(day)
    if not 1 <= number <= 31:
        raise BadRule(f"day {number} is not 1–31 or 'last'")
    return date(year, month, min(number, last))


def _yearly_dates(spec: str, year: int) -> list[date]:
    out = []
    for mmdd in spec.split(","):
        month, day = map(int, mmdd.split("-"))
        try:
            out.append(date(year, month, day))
        except ValueError:
            raise BadRule(f"{mmdd} is not a day of the year") from None
    if len(set(out)) != len(out):
        raise BadRule("the same date appears twice")
    return sorted(out)


def expand(rule: str, year: int) -> list[Occurrence]:
    """Every occurrence of ``rule`` in ``year``, in date order. Raises ``BadRule``."""
    rule = rule.strip().replace(" ", "")
    if rule == CONTINUOUS:
        return [Occurrence("", None)]
    if match := _MONTHLY.match(rule):
        return [
            Occurrence(f"{year}-{m:02d}", _day_in_month(year, m, match[1])) for m in range(1, 13)
        ]
    if match := _QUARTERLY.match(rule):
        offset = int(match[2]) - 1
        return [
            Occurrence(f"{year}-Q{q}", _day_in_month(year, 3 * (q - 1) + 1 + offset, match[1]))
            for q in range(1, 5)
        ]
    if match := _YEARLY.match(rule):
        dates = _yearly_dates(match[1], year)
        if len(dates) == 1:
            return [Occurrence(str(year), dates[0])]
        return [Occurrence(d.isoformat(), d) for d in dates]
    raise BadRule(
        "accepted: monthly:day=N, quarterly:day=N:month_of_quarter=1|2|3, "
        "yearly:MM-DD[,MM-DD…], continuous"
    )
