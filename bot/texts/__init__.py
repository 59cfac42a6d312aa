"""Every text a user reads, Vietnamese first (``vi``) with English (``en``): one catalogue.

The entries live in one module per feature (``chat``, ``checkin``, ``menu``, ``nudges``,
``decisions``, ``overview``, ``digests``, ``reports``, ``groups``, ``channels``,
``cli``, ``problems``, ``directory``, ``replies``, ``lifecycle``) and are merged here into
``TEXTS``; a key defined twice stops the import. ``t(lang, key, **values)`` formats one
text, an unknown language falling back to Vietnamese. Some keys are built from a value, one
family each: ``status_{Status}``, ``group_{1..7}``, ``group_short_{1..7}``,
``menu_{command}``, ``help_{command}``, ``invite_{InviteRefused.reason}``,
``problem_{Problem.code}``, ``attachment_{kind}``, ``weekday_{0..6}``;
tests/test_texts.py checks that each member exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from bot.texts import (
    channels,
    chat,
    checkin,
    cli,
    decisions,
    digests,
    directory,
    evidence,
    groups,
    lifecycle,
    menu,
    nudges,
    overview,
    problems,
    replies,
    reports,
)
from storage.enums import Status
from storage.groups import GROUP_NUMBERS
from storage.imports.problems import Problem

Entries = Mapping[str, Mapping[str, str]]
LANGUAGES = ("vi", "en")
# How the Vietnamese texts address a person (NHACVIEC_ADDRESS): the catalogue is written
# with "Anh/Chị"; "dong_chi" says "đồng chí" instead (capitalised where a sentence starts).
ADDRESSES = ("anh_chi", "dong_chi")
DAY_UNITS = ("calendar", "working")  # NHACVIEC_DAYS_UNIT: texts unit_{unit}
_ANH_CHI = re.compile(r"(^|[.!?:]\s+|\n)?Anh/Chị")
_address = "anh_chi"


def merge(*parts: Entries) -> dict[str, Mapping[str, str]]:
    """One dict of every part's entries; a key in two parts is a mistake, not an override."""
    merged: dict[str, Mapping[str, str]] = {}
    for part in parts:
        for key, entry in part.items():
            if key in merged:
                raise ValueError(f"text key {key!r} is defined twice")
            merged[key] = entry
    return merged


TEXTS = merge(
    chat.ENTRIES,
    checkin.ENTRIES,
    menu.ENTRIES,
    nudges.ENTRIES,
    decisions.ENTRIES,
    overview.ENTRIES,
    digests.ENTRIES,
    reports.ENTRIES,
    groups.ENTRIES,
    channels.ENTRIES,
    evidence.ENTRIES,
    cli.ENTRIES,
    problems.ENTRIES,
    directory.ENTRIES,
    replies.ENTRIES,
    lifecycle.ENTRIES,
)


def use_address(address: str) -> None:
    """Set how Vietnamese texts address people, once at start-up (``ADDRESSES``)."""
    global _address
    if address not in ADDRESSES:
        raise ValueError(f"address: one of {ADDRESSES}, not {address!r}")
    _address = address


def address_in_use() -> str:
    """How Vietnamese texts address people now (``use_address``)."""
    return _address


def _addressed(text: str) -> str:
    # A sentence's start (group 1 matched, maybe empty) takes the capital.
    return _ANH_CHI.sub(lambda m: f"{m[1]}Đồng chí" if m[1] is not None else "đồng chí", text)


def t(lang: str, key: str, /, **values: object) -> str:
    """The text of ``key`` in ``lang`` (Vietnamese when ``lang`` is not one of ours)."""
    entry = TEXTS[key]
    text = entry.get(lang, entry["vi"])
    if _address != "anh_chi" and lang != "en" and "Anh/Chị" in text:
        text = _addressed(text)
    return text.format(**values)


say = t  # the chat side's name for the same lookup


def percent(lang: str, value: float) -> str:
    """A share in %, one decimal at most: "28,6" in Vietnamese (decimal comma), "28.6"."""
    text = f"{value:.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang != "en" else text


def when(lang: str, days: int, unit: str = "calendar") -> str:
    """ "quá hạn 5 ngày", "hạn hôm nay", "còn 3 ngày làm việc": ``days`` past the deadline
    (negative: left) in ``unit`` (``DAY_UNITS``; see ``WorkCalendar.days_past``)."""
    unit_word = t(lang, f"unit_{unit}")
    if days > 0:
        return t(lang, "days_overdue", n=days, unit=unit_word)
    if days == 0:
        return t(lang, "due_today")
    return t(lang, "days_left", n=-days, unit=unit_word)


def status_name(lang: str, status: Status) -> str:
    return t(lang, f"status_{Status(status).value}")


def group_name(lang: str, number: int | None, *, short: bool = False) -> str:
    """The name of task group ``number`` (1-7); "" for any other number."""
    if number not in GROUP_NUMBERS:
        return ""
    return t(lang, f"group_short_{number}" if short else f"group_{number}")


def group_label(lang: str, number: int | None) -> str:
    """ "Nhóm 2 — Cải cách thể chế": the group's number and name."""
    return f"{t(lang, 'group', n=number)} — {group_name(lang, number)}"


def group_names(lang: str) -> dict[int, str]:
    """Number → name of every task group, e.g. for the plan import to store."""
    return {n: group_name(lang, n) for n in GROUP_NUMBERS}


def dmy(day: date | None, lang: str = "vi") -> str:
    """dd/mm/yyyy, or the word for a continuous duty when there is no day."""
    return day.strftime("%d/%m/%Y") if day else t(lang, "no_deadline")


def describe_problem(lang: str, problem: Problem) -> str:
    """One line naming where the problem is, the bad value and what to do."""
    if problem.row and problem.column:
        where = t(lang, "where_row_col", row=problem.row, column=problem.column)
    elif problem.row:
        where = t(lang, "where_row", row=problem.row)
    else:
        where = t(lang, "where_file")
    suggest = ""
    if problem.hint and problem.code in ("unknown_agency", "duplicate_short_code"):
        choices = "; ".join(f"«{h}»" for h in problem.hint)
        suggest = t(lang, "problem_did_you_mean", choices=choices)
    key = f"problem_{problem.code}"
    if key not in TEXTS:  # a code this catalogue does not know yet: say it as it is
        return f"{where}: {problem.code}"
    text = t(
        lang,
        key,
        column=problem.column or "",
        value=problem.value,
        hint=", ".join(problem.hint),
        suggest=suggest,
    )
    return f"{where}: {text}"
