"""The plan file's recurrence rules (data/README.md grammar), expanded over a plan year.

    monthly:day=20            -> one period a month:    2024-01 … 2024-12
    quarterly:day=10:month_of_quarter=3  -> a quarter: 2024-Q1 … 2024-Q4
    yearly:11-15              -> one period:            2024
    yearly:06-10,12-10        -> one per date:          2024-06-10, 2024-12-10
    semiannual:day=last:month_of_half=6  -> a half:    2024-H1, 2024-H2
    continuous                -> one open-ended period: "" with no deadline

``DAY`` may be ``last``, or ``last_workday`` (the last working day of the month:
the caller passes the province's calendar as ``workday``, Monday to Friday
otherwise); a day past the month's end is clamped to it.

Offices write recurrences in words ("hằng quý", "trước ngày 15 tháng cuối quý",
"thường xuyên", "ngày làm việc cuối cùng của tháng"); ``from_words`` turns
those into a rule, matched after folding accents and case.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storage.textfold import fold

Workday = Callable[[date], bool]

CONTINUOUS = "continuous"
_DAY = r"(\d{1,2}|last_workday|last)"
_MONTHLY = re.compile(rf"^monthly:day={_DAY}$")
_QUARTERLY = re.compile(rf"^quarterly:day={_DAY}:month_of_quarter=([123])$")
_SEMIANNUAL = re.compile(rf"^semiannual:day={_DAY}:month_of_half=([1-6])$")
_YEARLY = re.compile(r"^yearly:(\d{2}-\d{2}(?:,\d{2}-\d{2})*)$")


class BadRule(ValueError):
    pass


@dataclass(frozen=True)
class Occurrence:
    period: str
    deadline: date | None


def _weekday(day: date) -> bool:
    return day.weekday() < 5


def _day_in_month(year: int, month: int, day: str, workday: Workday | None = None) -> date:
    last = calendar.monthrange(year, month)[1]
    if day == "last":
        return date(year, month, last)
    if day == "last_workday":
        found = date(year, month, last)
        while not (workday or _weekday)(found) and found.day > 1:
            found -= timedelta(days=1)
        return found
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


def expand(rule: str, year: int, workday: Workday | None = None) -> list[Occurrence]:
    """Every occurrence of ``rule`` in ``year``, in date order. Raises ``BadRule``.

    ``workday`` says which days are working days, for ``day=last_workday``.
    """
    rule = rule.strip().replace(" ", "")
    if rule == CONTINUOUS:
        return [Occurrence("", None)]
    if match := _MONTHLY.match(rule):
        return [
            Occurrence(f"{year}-{m:02d}", _day_in_month(year, m, match[1], workday))
            for m in range(1, 13)
        ]
    if match := _QUARTERLY.match(rule):
        offset = int(match[2]) - 1
        return [
            Occurrence(
                f"{year}-Q{q}", _day_in_month(year, 3 * (q - 1) + 1 + offset, match[1], workday)
            )
            for q in range(1, 5)
        ]
    if match := _SEMIANNUAL.match(rule):
        offset = int(match[2]) - 1
        return [
            Occurrence(
                f"{year}-H{h}", _day_in_month(year, 6 * (h - 1) + 1 + offset, match[1], workday)
            )
            for h in (1, 2)
        ]
    if match := _YEARLY.match(rule):
        dates = _yearly_dates(match[1], year)
        if len(dates) == 1:
            return [Occurrence(str(year), dates[0])]
        return [Occurrence(d.isoformat(), d) for d in dates]
    raise BadRule(
        "accepted: monthly:day=N, quarterly:day=N:month_of_quarter=1|2|3, "
        "semiannual:day=N:month_of_half=1-6, yearly:MM-DD[,MM-DD…], continuous "
        "(N: 1-31, last or last_workday), or words such as «hằng quý», "
        "«trước ngày 15 tháng cuối quý», «thường xuyên»"
    )


_MONTH_OF_QUARTER = {"dau": 1, "giua": 2, "cuoi": 3}
# Words, folded (storage.textfold.fold: "hàng" and "hằng" are both "hang").
_EVERY = r"(?:(?:dinh ky )?hang |moi )"
_BEFORE = r"(?:(?:truoc|cham nhat|han chot|vao)(?: ngay)? |ngay )"
_WORDS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = tuple(
    (re.compile(f"^(?:{pattern})$"), make)
    for pattern, make in (
        (r"(?:thuong xuyen|lien tuc|ca nam)", lambda m: CONTINUOUS),
        (
            rf"ngay lam viec cuoi cung (?:cua |trong )?{_EVERY}?thang",
            lambda m: "monthly:day=last_workday",
        ),
        (
            rf"ngay lam viec cuoi cung (?:cua |trong )?{_EVERY}?quy",
            lambda m: "quarterly:day=last_workday:month_of_quarter=3",
        ),
        (rf"{_EVERY}?thang", lambda m: "monthly:day=last"),
        (rf"(?:bao cao )?{_EVERY}?quy", lambda m: "quarterly:day=last:month_of_quarter=3"),
        (
            rf"(?:{_EVERY}|dinh ky )?(?:6|sau) thang(?: mot lan)?|{_EVERY}?nua nam",
            lambda m: "semiannual:day=last:month_of_half=6",
        ),
        (rf"{_EVERY}?nam", lambda m: "yearly:12-31"),
        (rf"{_BEFORE}(\d{{1,2}}) {_EVERY}?thang", lambda m: f"monthly:day={int(m[1])}"),
        (
            rf"{_BEFORE}(\d{{1,2}}) (?:cua )?thang (dau|giua|cuoi) (?:moi |cua |hang )?quy",
            lambda m: f"quarterly:day={int(m[1])}:month_of_quarter={_MONTH_OF_QUARTER[m[2]]}",
        ),
        (
            rf"{_BEFORE}(\d{{1,2}}) (?:cua )?thang cuoi (?:moi )?(?:6 thang|nua nam)",
            lambda m: f"semiannual:day={int(m[1])}:month_of_half=6",
        ),
        (
            rf"{_BEFORE}(\d{{1,2}})(?: thang |/)(\d{{1,2}}) {_EVERY}?nam",
            lambda m: f"yearly:{int(m[2]):02d}-{int(m[1]):02d}",
        ),
    )
)


def from_words(text: str) -> str | None:
    """The rule a recurrence in words means, or None: "Hằng quý" -> quarterly, last day."""
    words = re.sub(r"[\s,.;:()]+", " ", fold(text)).strip()
    for pattern, make in _WORDS:
        if match := pattern.match(words):
            return make(match)
    return None


def to_rule(text: str) -> str:
    """The rule syntax of ``text``: words translated, a rule kept as written (spaces out)."""
    return from_words(text) or text.strip().replace(" ", "")
