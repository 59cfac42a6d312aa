"""Dates in replies: the new deadline of an extension request, the day a task was done.

Works on the normalised reply text of ``bot.understanding.normalise`` (folded: lower-case
ASCII, đ→d, shorthand expanded). New deadlines (``extension_date``) come from explicit days,
months, quarters and the few relative forms officials use:

* document references ("số 215/SNV-CCHC ngày 12/3", "KH số 45/KH-UBND ngày 15/3/2024",
  "theo công văn ngày 2/4") are removed first: their dates are never new deadlines;
* a bare "30/6", "30-6", "20.9" counts only after a cue word ("đến", "sang", "ngày",
  "trước", "gia hạn" …), before "mới xong/nộp …" ("15/8 mới xong": not until then) or when it
  carries a year, so "2/3 nội dung" is never a date;
* "ngày 15 tháng 7" is 15 July; "hết/cuối/đến/sang/trong tháng 8[/2024]" the last day of
  August; "giữa tháng 8" the 15th; "mùng 10 tháng sau" the 10th of next month; "hết/sang quý
  3" 30 September; "cuối tháng" alone the last day of today's month ("hết tháng này" too),
  "cuối tháng sau" of the next one; "cuối năm" 31 December;
* "tuần sau" is the Friday of next week, "thứ 6 tuần sau" that day (thứ 2 … thứ 7, chủ nhật);
* "trước Tết" is the eve of the next lunar new year (``TET``); "sau Tết" and other lunar
  dates ("rằm tháng 8 âm lịch") give no day: nothing rather than a wrong one;
* "cuối quý" alone is the end of today's quarter; "thêm nửa tháng" 15 days;
* without a written year the year is today's, or the next one when the date would lie
  more than a month in the past (asked in June, "15/1" is next January; a date a few
  days back is kept, a slip the caller can refuse rather than a year-long extension);
* "thêm/lùi/gia hạn N ngày/tuần/tháng" ("chục" = 10, "một" … "mười" in words) counts from
  the current deadline when it is known; working days and "đầu tháng sau" stay empty;
* the first candidate in the text wins, except one equal to the current deadline;
  an invalid date ("31/6") gives None.

``completion_date`` reads the day a done task was finished: "ngày 10/7", "hôm 8/7", "từ 12/5",
"ngày 12 tháng 7" (of a span, "từ ngày 30/6 đến 3/7", the last day),
a document's date of issue, "hôm qua", "hôm kia", "hôm thứ 2", "tuần trước thứ 4", a day of
this month named alone ("xong từ hôm 10", "mùng 3 tháng này"). It must lie before the message
day and, when ``plan_start`` is given, not before it; without a written year the year is the
message's (a later date in that year is a slip and gives None).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from bot.understanding.lexicon import Gated

# Words after which a bare "d/m" is a date rather than a fraction or a count.
DATE_CUES = frozenset("den toi sang qua ngay truoc het lui vao khoang tam hoac cuoi tan".split())

_NOT_UNTIL = re.compile(
    r" (?:\w+ ){0,2}moi (?:xong|hoan thanh|nop|gui|lam)(?!\w)"
)  # "15/8 mới xong"
_GRACE = timedelta(days=31)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DOC_WORDS = (
    "van ban|cong van|ke hoach|quyet dinh|thong bao|thong tu|nghi quyet|nghi dinh|chi thi"
    "|to trinh|bao cao|vb|cv|qd|tb|tt|nq|nd|ttr"
)
_DATE = r"\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
_DOC_REFS = (
    # a document number, with the date it was issued: "215/snv-cchc ngay 12/3"
    re.compile(rf"\d+[a-z]*/[a-z][\w&.-]*(?:,?\s+(?:ban hanh\s+)?ngay\s+{_DATE})?"),
    # "van ban so 12 ngay 3/4", "theo ke hoach ngay 15/3"
    re.compile(
        rf"(?:(?:{_DOC_WORDS})\s+so\s+\S+|(?:theo|tai|cua)\s+(?:{_DOC_WORDS}))"
        rf"\s+(?:ban hanh\s+)?ngay\s+{_DATE}"
    ),
)
_YEAR = r"(?:(?:\s*[/.-]\s*|\s+nam\s+)(\d{4}))?"
_TO = r"(?:het|cuoi|den|toi|sang|qua|trong)\s+(?:(?:het|cuoi)\s+)?"  # "qua tháng 8": southern
_NOTHING = date.min  # a relative form that cannot be resolved: not a candidate at all


def cued(text: str, start: int) -> bool:
    """Whether the number at ``start`` follows a date cue ("đến 30/6", "gia hạn 30/6")."""
    last = re.findall(r"[a-z]+", text[max(0, start - 40) : start])[-6:]
    if last[-1:] == ["mung"]:
        last = last[:-1]  # "tầm mùng 5/8": the day's own word
    if last[-2:-1] == ["thu"] and last[-1] in _WEEKDAYS:
        last = last[:-2]  # "đến thứ Tư 5/8": the weekday named before its date
    elif last[-1:] == ["thu"]:
        last = last[:-1]  # "đến thứ 4 5/8" (the digit is not a word here)
    last = last[-4:]
    if last[-2:] == ["han", "moi"] or (last[-2:] == ["de", "xuat"] and "han" in last):
        return True  # "hạn mới 14/8", "hạn mới đề xuất 14/8"
    words = last[-2:]
    if not words:
        return False
    if words[-1] in ("khoang", "tam") and words[0] in ("duoc", "dat", "xong"):
        return False  # "được khoảng 2/3 rồi": a share of the work, not a day
    if words[-1] == "han":  # "gia hạn 30/6", "lùi hạn 30/6", but not "hạn 30/6"
        return len(words) == 2 and words[0] in ("gia", "lui")
    return words[-1] in DATE_CUES


def extension_date(
    text: str, *, today: date, current_deadline: date | None = None, upcoming: bool = False
) -> date | None:
    """The new deadline written in ``text``, or None (see the module docstring); ``upcoming``:
    the text is known to ask for more time, so a day gone by is another fact, not the date."""
    for ref in _DOC_REFS:
        text = ref.sub(lambda m: " ; " + " " * (len(m.group()) - 3), text)
    candidates: list[tuple[int, date | None]] = []
    for pattern, resolve in _FORMS:
        for match in pattern.finditer(text):
            if pattern is _DAY_MONTH and not (
                match.group(4) or cued(text, match.start()) or _NOT_UNTIL.match(text, match.end())
            ):
                continue
            try:
                found = resolve(match, today, current_deadline)
            except (ValueError, OverflowError):
                found = None
            if found is not _NOTHING:
                candidates.append((match.start(), found))
            text = text[: match.start()] + " " * len(match.group()) + text[match.end() :]
    for _, found in sorted(candidates, key=lambda c: c[0]):
        if upcoming and found is not None and found < today:
            continue  # "Công văn … ký ngày 13/7 đề nghị gia hạn đến 20/8": a day gone, not asked
        if found is None or found != current_deadline:
            return found
    return None


def _year(written: str | None) -> int | None:
    if not written:
        return None
    return 2000 + int(written) if len(written) == 2 else int(written)


def _on(day: int, month: int, written_year: str | None, today: date) -> date | None:
    try:
        found = date(_year(written_year) or today.year, month, day)
        if written_year is None and found < today - _GRACE:
            found = date(today.year + 1, month, day)
    except ValueError:
        return None
    return found


def _month_end(month: int, written_year: str | None, today: date) -> date | None:
    if not 1 <= month <= 12:
        return None
    return _on(monthrange(_year(written_year) or today.year, month)[1], month, written_year, today)


def _day_month(m: re.Match[str], today: date, _: date | None) -> date | None:
    return _on(int(m.group(1)), int(m.group(3)), m.group(4), today)


def _day_month_words(m: re.Match[str], today: date, _: date | None) -> date | None:
    return _on(int(m.group(1)), int(m.group(2)), m.group(3), today)


def _month(m: re.Match[str], today: date, _: date | None) -> date | None:
    return _month_end(int(m.group(1)), m.group(2), today)


def _quarter(m: re.Match[str], today: date, _: date | None) -> date | None:
    quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
    return _month_end(3 * quarter, m.group(2), today)


def _this_or_next_month(m: re.Match[str], today: date, _: date | None) -> date | None:
    if m.group(1) in ("sau", "toi"):
        first_of_next = date(today.year, today.month, 1) + timedelta(days=32)
        return _month_end(first_of_next.month, str(first_of_next.year), today)
    return _month_end(today.month, str(today.year), today)


def _mid_month(m: re.Match[str], today: date, _: date | None) -> date | None:
    if m.group(1) is None:  # "giữa tháng sau" / "giữa tháng này"
        month = _next_month(today) if m.group(3) in ("sau", "toi") else today.replace(day=1)
        return month.replace(day=15)
    return _on(15, int(m.group(1)), m.group(2), today)


def _day_next_month(m: re.Match[str], today: date, _: date | None) -> date | None:
    month = _next_month(today) if m.group(2) in ("sau", "toi") else today.replace(day=1)
    return month.replace(day=int(m.group(1)))


def _next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def _year_end(m: re.Match[str], today: date, _: date | None) -> date | None:
    written = m.group(1)
    return date(int(written) if written and written.isdigit() else today.year, 12, 31)


def _extra(m: re.Match[str], _: date, deadline: date | None) -> date | None:
    if deadline is None:
        return _NOTHING
    count = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_WORDS[m.group(1)]
    if m.group(2) == "thang":
        month = deadline.month - 1 + count
        year, month = deadline.year + month // 12, month % 12 + 1
        return date(year, month, min(deadline.day, monthrange(year, month)[1]))
    return deadline + timedelta(days=count * (7 if m.group(2) == "tuan" else 1))


def _one_more(m: re.Match[str], _: date, deadline: date | None) -> date | None:
    """ "thêm tuần nữa", "lùi tháng nữa": one week or month past the deadline."""
    if deadline is None:
        return _NOTHING
    if m.group(1) == "thang":
        year, month = deadline.year + deadline.month // 12, deadline.month % 12 + 1
        return date(year, month, min(deadline.day, monthrange(year, month)[1]))
    return deadline + timedelta(days=7)


def _weekday(m: re.Match[str], today: date, _: date | None) -> date | None:
    weekday = 6 if m.group(2) else _WEEKDAYS.get(m.group(1) or "", 4)  # "tuần sau": Friday
    monday = today - timedelta(days=today.weekday())
    if m.group(3) in ("sau", "toi"):
        monday += timedelta(days=7)
    return monday + timedelta(days=weekday)


def _this_weekday(m: re.Match[str], today: date, _: date | None) -> date | None:
    """ "thứ 6 này": that day of this week."""
    return today + timedelta(days=_WEEKDAYS[m.group(1)] - today.weekday())


def _tet(m: re.Match[str], today: date, _: date | None) -> date | None:
    return next((day - timedelta(days=1) for day in TET if day > today), None)


# The first day of the lunar new year (Tết Nguyên đán), from the Vietnamese lunar calendar of
# the `holidays` package (Vietnam, "Lunar New Year"); tests/test_reader_api.py checks them.
TET = (
    date(2024, 2, 10), date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6),
    date(2028, 1, 26), date(2029, 2, 13), date(2030, 2, 2),
)  # fmt: skip
_NUMBER_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8,
    "chin": 9, "muoi": 10, "chuc": 10, "nua": 1,
}  # fmt: skip
_WEEKDAYS = {"2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5, "hai": 0, "ba": 1, "tu": 2,
             "nam": 3, "sau": 4, "bay": 5}  # fmt: skip
_COUNT = r"(\d{1,3}|" + "|".join(_NUMBER_WORDS) + ")"
_DAY_MONTH = re.compile(
    r"(?<![\w/.-])(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\w/%]|[.-]\d)"
)
_Resolver = Callable[[re.Match[str], date, "date | None"], "date | None"]


def _half_month(_: re.Match[str], __: date, deadline: date | None) -> date | None:
    return deadline + timedelta(days=15) if deadline else _NOTHING


def _quarter_end(_: re.Match[str], today: date, __: date | None) -> date | None:
    return _month_end(3 * ((today.month - 1) // 3 + 1), str(today.year), today)


_FORMS_WRITTEN: tuple[tuple[re.Pattern[str], _Resolver], ...] = (
    (re.compile(r"(?:them|lui|gia han|xin)\s+(?:them\s+)?nua\s+thang(?!\w)"), _half_month),
    (re.compile(r"(?:het|cuoi)\s+quy(?!\s+(?:iv|i{1,3}|[1-4]|sau|toi)(?!\w))(?!\w)"), _quarter_end),
    (re.compile(r"(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})(?!\d)" + _YEAR), _day_month_words),
    (re.compile(r"giua\s+thang\s+(?:(\d{1,2})(?!\d)" + _YEAR + r"|(nay|sau|toi))"), _mid_month),
    (re.compile(r"(?:mung|mong|ngay)\s+(\d{1,2})\s+thang\s+(nay|sau|toi)"), _day_next_month),
    (re.compile(_TO + r"thang\s+(\d{1,2})(?!\d)" + _YEAR), _month),
    (re.compile(_TO + r"quy\s+(iv|i{1,3}|[1-4])(?!\w)" + _YEAR), _quarter),
    (_DAY_MONTH, _day_month),
    (re.compile(r"(?:het|cuoi)\s+thang(?:\s+(nay|sau|toi))?(?!\w|\s+\d)"), _this_or_next_month),
    (re.compile(r"(?:sang|trong|den|toi)\s+thang\s+(sau|toi)(?!\w)"), _this_or_next_month),
    (re.compile(r"(?:het|cuoi)\s+nam(?:\s+(nay|\d{4}))?(?!\w)"), _year_end),
    (
        re.compile(
            r"(?:them|lui|gia han|xin)\s+(?:han\s+|them\s+|thoi han\s+)?"
            r"(?:(?:chung|khoang|tam|do|co|tu)\s+)?"  # "thêm chừng 1 tuần"
            + _COUNT
            + r"\s+(ngay|tuan|thang)"
            r"(?!\s+lam\s+viec)"
        ),
        _extra,
    ),
    (re.compile(r"(?:them|lui)\s+(tuan|thang)\s+nua(?!\w)"), _one_more),  # "thêm tuần nữa"
    (
        re.compile(
            r"(?:thu\s+(\d|hai|ba|tu|nam|sau|bay)\s+|(chu nhat|cn)\s+)?tuan\s+(sau|toi|nay)"
            r"(?!\s+\w+\s+tuan)"
        ),
        _weekday,
    ),
    (re.compile(r"(?:truoc|den|toi|sang|qua)\s+tet"), _tet),  # not "sau Tết": when, not said
    (re.compile(r"(?<!\w)thu\s+(\d|hai|ba|tu|nam|sau|bay)\s+(?:nay|ni)(?!\w)"), _this_weekday),
)
# each form tried only on a text holding a string every match of it holds (Gated; the bare
# day-month form holds none)
_FORMS: tuple[tuple[re.Pattern[str] | Gated, _Resolver], ...] = tuple(
    (form if form is _DAY_MONTH else Gated(form.pattern), resolve)
    for form, resolve in _FORMS_WRITTEN
)

_RANGE_END = re.compile(  # the end of a span after the day found: "… đến (ngày) 3/7"
    r"\s+(?:den|toi)\s+(?:ngay\s+)?(\d{1,2})([/.-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\w/%]|[.-]\d)"
)
_COMPLETION_CUE = re.compile(  # (also "chiều 14/7", "sáng 13/7": the part of a day)
    r"(?:ngay|hom|bua|tu|luc|vao|xong|ngay nhan|ban hanh|phat hanh|(?<!\w)(?:chieu|sang|toi))\s+$"
)
_DONE_ON_WORDS = re.compile(  # "ngày 12 tháng 7 (năm 2026)", "hôm 8 tháng 7"
    r"(?<!\w)(?:ngay|hom|tu|vao)\s+(\d{1,2})\s+thang\s+(\d{1,2})(?!\d)(?:\s+nam\s+(\d{4}))?"
)
# a day named alone: "xong từ hôm 10", "hôm mồng 10", "mùng 3 tháng này"
_DAY_OF_MONTH = re.compile(
    r"(?<!\w)(?:hom|ngay|mung|mong)(?:\s+(?:mung|mong))?\s+(\d{1,2})(?:\s+thang\s+nay)?"
    r"(?![\d/.-]|\s+thang\s+(?:\d|sau|toi|truoc))(?!\w)"
)
_DAYS_BACK = re.compile(r"(?<!\w)(?:hom|chieu|sang|toi|dem)\s+(qua|kia)(?!\w)")
_UNITS_AFTER = re.compile(
    r" (?:xa|phuong|thon|ap|to|don vi|phong|truong|tram|ho so|bo|thu tuc|tthc|can bo|nguoi"
    r"|diem|khoi|lop|huyen|so|nganh|co quan|ban|muc|noi dung|chi tieu|cai|van ban)(?!\w)"
)
_SINCE_UNTIL_NOW = re.compile(r" (?:den|toi) (?:nay|gio|hom nay|bay gio)(?!\w)")
_RECENT_WEEKDAY = re.compile(  # "thứ 2 vừa rồi", "thứ 6 tuần trước", "thứ hai tuần này"
    r"(?<!\w)thu\s+(\d|hai|ba|tu|nam|sau|bay)"
    r"(?=\s+(?:vua roi|vua qua|tuan truoc|tuan roi|tuan nay)(?!\w))"
)
_LAST_WEEKDAY = re.compile(
    r"(?<!\w)(?:hom|hoi|bua|tu|ngay|sang|chieu|tuan truoc|tuan roi|xong)\s+thu\s+"
    r"(\d|hai|ba|tu|nam|sau|bay)(?!\w)"
)


def completion_date(
    text: str, *, today: date, plan_start: date | None = None, issued: date | None = None
) -> date | None:
    """The day a done task was finished, from normalised ``text`` (see the module docstring).

    ``issued``: the date of issue of a document the reply names, used when no other day is.
    """
    found: date | None = None
    for m in _DAY_MONTH.finditer(text):
        if (
            m.group(2) == "."
            and not m.group(4)
            and not text.endswith(("ngay ", "hom "), 0, m.start())
        ):
            continue  # "xong 2.3 rồi": a task's code, not 2 March
        if _UNITS_AFTER.match(text, m.end()):
            continue  # "đã xong 5/5 xã": a count of units, not 5 May
        if _SINCE_UNTIL_NOW.match(text, m.end()) and text.endswith("tu ", 0, m.start()):
            continue  # "hồ sơ tiếp nhận từ 1/7 đến nay": a period, not the day it was done
        if m.group(4) or _COMPLETION_CUE.search(text, max(0, m.start() - 11), m.start()):
            when = _past(int(m.group(1)), int(m.group(3)), m.group(4), today)
            if end := _RANGE_END.match(text, m.end()):  # "từ ngày 30/6 đến 3/7": the last day
                when = _past(int(end.group(1)), int(end.group(3)), end.group(4), today) or when
            if when and (found is None or when > found):  # (not "xong 47/47 thủ tục": a count)
                found = when  # the steps told in order, the last one's day: "họp ngày 8/7 …,
                # kế hoạch đã ký ngày 10/7 và gửi", "Tờ trình ngày 02/7, Quyết định ngày 10/7"
    if found is None and (words := _DONE_ON_WORDS.search(text)):
        found = _past(int(words.group(1)), int(words.group(2)), words.group(3), today)
    if found is None and (only := _DAY_OF_MONTH.search(text)):
        day = int(only.group(1))  # "xong từ hôm 10", "mùng 3 tháng này": of this month
        if 1 <= day < today.day:
            found = today.replace(day=day)
    if found is None and (backs := _DAYS_BACK.findall(text)):  # the last step's, as above:
        found = today - timedelta(days=1 if "qua" in backs else 2)  # "hôm kia hệ thống lỗi,
        # hôm qua sửa được, em nhập liệu xong luôn chiều hôm qua"
    if found is None and (last := _LAST_WEEKDAY.search(text) or _RECENT_WEEKDAY.search(text)):
        weekday = _WEEKDAYS[last.group(1)]
        if text.startswith((" tuan truoc", " tuan roi"), last.end()) or text.endswith(
            ("tuan truoc ", "tuan roi "), 0, last.start()
        ):  # "thứ 2 tuần trước", "tuần trước thứ 4", southern "thứ Ba tuần rồi": last week's
            days = today.weekday() + 7 - weekday
        elif text.startswith(" tuan nay", last.end()):
            days = today.weekday() - weekday  # "thứ hai tuần này": this week's, if gone by
        else:
            days = (today.weekday() - weekday) % 7 or 7
        found = today - timedelta(days=days) if days > 0 else None
    found = found or issued
    if found is None or found >= today or (plan_start and found < plan_start):
        return None
    return found


def this_year(day: int, month: int, today: date) -> date | None:
    """The day of this month in today's year, or None when there is no such day."""
    return _past(day, month, None, today)


def _past(day: int, month: int, written_year: str | None, today: date) -> date | None:
    try:
        return date(_year(written_year) or today.year, month, day)
    except ValueError:
        return None
