"""Which assignment a text names: task codes anywhere in it, full codes, period words.

Pure: the text is read here, the store is asked in ``bot.handlers.progress``.

- A task code ("4.2") may stand anywhere ("dạ việc 4.2 em xong rồi"); an
  assignment's full code adds the agency and the period ("1.1@snv", "1.9#2024-Q2",
  "3.12@dakha#2024-05").
- Period words select the period of a recurring task: "quý II", "quy 2", "Q2",
  "tháng 5", "6 tháng đầu năm" / "6 tháng cuối năm".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding.normalise import fold

# Not inside a longer number or a date ("15.3", "2.3.2024"), not a percent or decimal.
CODE = re.compile(
    r"(?<![\w.@#/])([1-7]\.\d{1,3}(?:@[A-Za-z0-9][A-Za-z0-9_-]{0,39})?(?:#[A-Za-z0-9-]+)?)"
    r"(?![\w%/@#]|[.,]\d)"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(r"\b(?:quy|q)\s*(iv|iii|ii|i|[1-4])\b")
# "tháng 5", not a date's month ("30 tháng 6") nor a new deadline ("đến tháng 6").
_MONTH = re.compile(
    r"(?<!\d )(?<!\d)(?<!den )(?<!toi )(?<!truoc )\bthang\s*(1[0-2]|0?[1-9])\b(?!\s*[/\d])"
)
_HALF = re.compile(r"\b6\s*thang\s*(dau|cuoi)\s*nam\b")


@dataclass(frozen=True)
class Named:
    """A code found in a text: the code as typed and where it stood."""

    code: str
    start: int
    end: int


def codes_in(text: str) -> list[Named]:
    """Every code in ``text``, in order (the same code twice counts once)."""
    seen: dict[str, Named] = {}
    for match in CODE.finditer(text):
        seen.setdefault(match[1].lower(), Named(match[1], match.start(1), match.end(1)))
    return list(seen.values())


def without(text: str, named: Named) -> str:
    """``text`` with the code taken out (what is left is read as the report)."""
    head, tail = text[: named.start], text[named.end :]
    return (head.rstrip() + " " + tail.lstrip(" :,.-")).strip()


@dataclass(frozen=True)
class PeriodWords:
    """A period named in words: a quarter (1–4), a month (1–12) or a half year (1, 2)."""

    quarter: int | None = None
    month: int | None = None
    half: int | None = None

    def __bool__(self) -> bool:
        return any(v is not None for v in (self.quarter, self.month, self.half))

    def fits(self, period: str) -> bool:
        """Whether an assignment's period ("2024-Q2", "2024-05", "2024-06-10", "2024")
        is the one named."""
        quarter, month = _period_quarter_month(period)
        if self.quarter is not None:
            return quarter == self.quarter or (
                month is not None and (month - 1) // 3 + 1 == self.quarter
            )
        if self.month is not None:
            if month is not None:
                return month == self.month
            return quarter == (self.month - 1) // 3 + 1
        if self.half is not None:
            if month is not None:
                return (month <= 6) == (self.half == 1)
            return quarter is not None and (quarter <= 2) == (self.half == 1)
        return True


def _period_quarter_month(period: str) -> tuple[int | None, int | None]:
    parts = period.split("-")
    if len(parts) >= 2 and parts[1].upper().startswith("Q") and parts[1][1:].isdigit():
        return int(parts[1][1:]), None
    if len(parts) >= 2 and parts[1].isdigit():
        return None, int(parts[1])
    return None, None


def period_words(text: str) -> PeriodWords:
    """The period ``text`` names in words, if any (accents and case do not matter)."""
    folded = fold(text)
    if match := _HALF.search(folded):
        return PeriodWords(half=1 if match[1] == "dau" else 2)
    if match := _QUARTER.search(folded):
        value = match[1]
        return PeriodWords(quarter=_ROMAN.get(value) or int(value))
    if match := _MONTH.search(folded):
        return PeriodWords(month=int(match[1]))
    return PeriodWords()
