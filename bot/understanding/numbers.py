"""Numbers in a reply that are progress, and numbers that are not.

A percent ("70%", "70 %", "70 phần trăm", "~60%", "tầm 40%") is the task's progress unless a
measure is named before it in its clause, or it is a share of counted things: "tỷ lệ hồ sơ trực
tuyến đạt 45%", "chỉ số hài lòng 87%", "giảm 30% thời gian", "giải quyết 100% hồ sơ đúng hạn",
"100% các xã", "giải ngân 40% kinh phí" are indicators, and so is a percent of another period
("năm 2025 đạt 100%"), and an "đạt …%" after such a measure ("chỉ tiêu giao 80%, hiện đạt
71%"): reported but not progress. A share of the work's own units after its verb ("rà soát
được 25% số TTHC") is progress, and so is a share of its volume ("3/4 khối lượng", "một
phần tư khối lượng"); a bare share ("được một nửa", "mới 1/4") is not a percent.
The first progress percent wins. A count
"3/5 xã", "1.200/2.000 hồ sơ", "2 trên 3 nội dung" is a ``Fraction``: shown, never a percent.
A fraction is not a count when it is a date (after a date cue or with a year) or part of a
document number ("05/KH-UBND", "15/2026/QĐ-UBND").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding import lexicon
from bot.understanding.clauses import Clause
from bot.understanding.normalise import DIGIT_WORDS

_PERCENT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|phan tram(?!\w))")
_FRACTION = re.compile(
    r"(?<![\w/.,-])(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:/|\s(?:tren|trong)\s)\s*(\d{1,3}(?:\.\d{3})+|\d+)"
    r"(?![\w/%]|[.-]\d)(?:\s+((?:ho|noi|thu|don|van|co|phong|so) [a-z]+|[a-z]+))?"
)
_DATE_BEFORE = re.compile(
    r"(den|toi|sang|ngay|truoc|het|lui|vao|khoang|tu|hom|cuoi|tan|han|mung|mong|tam)\s*$"
)
_ABOUT = frozenset({"khoang", "tam"})  # "khoảng 2/3": a share, when it is one


_UNITS = frozenset(
    "khoi noi xa phuong ho thu don van co phong so chi muc phan viec nhiem huyen truong thon to"
    " hang bao tthc dia cau bo can nguoi hs".split()
)


def _unit(word: str | None) -> bool:
    return bool(word) and word.split()[0] in _UNITS  # type: ignore[union-attr]


@dataclass(frozen=True, slots=True)
class Fraction:
    done: int
    total: int
    unit: str  # the counted thing as written after it, folded ("xa", "ho so"), or ""

    def __str__(self) -> str:
        return f"{self.done}/{self.total}" + (f" {self.unit}" if self.unit else "")


_PEOPLE_COUNTED = re.compile(
    r"(?<![\w/.,])\d+ (?:cong chuc|vien chuc|can bo|nguoi|dang vien|hoc sinh|ho|xa|phuong"
    r"|don vi|truong|ho so)(?!\w)"
)
_STEP_SHARE = re.compile(  # "rà soát được 25% số TTHC": how much of the task's own work is done
    r"(?<!\w)(?:ra soat|so hoa|cap nhat|nhap|nhap lieu|thuc hien|lam|trien khai|chuyen|dua len"
    r"|tich hop|chinh ly|scan|ky so|xu ly xong|hoan thanh|xong) duoc (?:khoang |tam |gan |hon )?$"
)
_PART_FIRST = re.compile(r"(?:phan|dot|giai doan|buoc) (?:\d+|mot|hai|ba|dau)(?!\w)")
_MISTAKEN = re.compile(r"(?<!\w)nham(?!\w)")
# "chỉ tiêu 80%, hiện đạt 71%": the same measure
_REACHED = re.compile(r"(?<!\w)(?:dat|duoc)(?!\w)")
# a time before "đạt/được" names no subject: "tháng 7 tới giờ được 45%"
_WHEN = re.compile(r"(?:thang|tuan|quy|nam) \d+ |toi gio |den nay |hien tai |hien |nay ")
_SUBJECT_BEFORE = re.compile(r"^(?:\S+ ){3}")  # words enough before "đạt" to name its own subject
_UNIT_SUBJECT = re.compile(  # only the unit and a time before "đạt": the indicator's subject
    r"(?:(?:hien|hien tai|hien nay|nay|den nay|gio) )?(?:(?:xa|phuong|don vi|truong|so|phong|tram)"
    r"(?: (?:em|minh|toi|ta))? )?(?:(?:moi|da|chi|cung|van) )*"
)


# the indicator names the product: "báo cáo đánh giá chỉ số hài lòng … được khoảng 70%"
_PRODUCT_NAMED = re.compile(
    r"(?<!\w)(?:bao cao|ke hoach|de an|phuong an)(?: \w+){0,3} (?:chi so|ty le|ti le|muc do"
    r"|hai long)(?!\w)"
)


def percents(clauses: list[Clause]) -> tuple[int | None, bool]:
    """(the progress percent, whether some percent was a measure instead)."""
    measured = False
    near: set[int] = set()  # the clauses holding a measure
    for clause in clauses:
        if "%" not in clause.text and "phan tram" not in clause.text:
            continue
        if _MISTAKEN.search(clause.text):
            continue  # "hôm trước em ghi 80% là nhầm, đúng ra mới 50%": the corrected one
        here = False
        for m in _PERCENT.finditer(clause.text):
            value = round(float(m.group(1).replace(",", ".")))
            if not 0 <= value <= 100:
                continue
            reached = _REACHED.search(clause.text, 0, m.start())
            before = clauses[clause.index - 1].text if clause.index else ""
            same_measure = reached is not None and (
                here
                or (
                    (
                        clause.index - 1 in near
                        or (lexicon.INDICATOR.search(before) and not _PRODUCT_NAMED.search(before))
                    )
                    and (
                        not _SUBJECT_BEFORE.match(
                            head := _WHEN.sub("", clause.text[: reached.start()])
                        )
                        or _UNIT_SUBJECT.fullmatch(head)  # "…, hiện xã em mới đạt 42%": the unit
                    )
                )
            )  # "chỉ tiêu 80%, hiện đạt 71%", "giải quyết đúng hạn 1.001 hồ sơ, đạt 97,8%" (not
            # "…; nhiệm vụ … đạt khoảng 65% kế hoạch")
            if (
                clause.text.startswith(" phan ", m.end())  # "100% phần nhập liệu": a part's
                or _PART_FIRST.match(clause.text)  # "phần 1 xong 100%, phần 2 mới 40%"
                or (
                    lexicon.INDICATOR.search(clause.text, 0, m.start())
                    and not _STEP_SHARE.search(clause.text, 0, m.start())
                    and not _PRODUCT_NAMED.search(clause.text, 0, m.start())
                )  # (not "tự đánh giá chỉ số CCHC bên em làm được khoảng 60%": its progress)
                or same_measure
                or (
                    lexicon.COUNTED_AFTER.match(clause.text, m.end())
                    and not _STEP_SHARE.search(clause.text, 0, m.start())
                )
                or lexicon.OTHER_PERIOD.search(clause.text, 0, m.start())
                or (value == 100 and m.start() == 0 and _PEOPLE_COUNTED.search(before))
                # "Sở có 86 công chức, 412 viên chức; 100% đã ký cam kết": all of them (a part
                # of them, "…, 80% đã gửi", stays the share it says, units still owed)
            ):
                measured = here = (
                    True  # "tỷ lệ … 45%", "giải quyết 100% hồ sơ": a share, not progress
                )
                near.add(clause.index)
                continue
            return value, measured
    if " phan" in (whole := " , ".join(c.text for c in clauses)) and (
        tenths := _TENTHS.search(whole)
    ):  # "được 6 phần rồi, còn 4 phần em làm nốt": the whole said to be ten parts
        done, left = (int(n) if n.isdigit() else DIGIT_WORDS[n] for n in (tenths[1], tenths[2]))
        if done + left == 10:
            return 10 * done, measured
    for clause in clauses:  # "làm được 3/4 khối lượng": a share of the work itself
        if "/" in clause.text and (share := _WORK_SHARE.search(clause.text)):
            done, total = int(share[1] or share[3]), int(share[2] or share[4])
            if 0 < total and done <= total:
                return round(100 * done / total), measured
        if " phan " in clause.text and (share := _WORK_SHARE_WORDS.search(clause.text)):
            done, total = DIGIT_WORDS[share[1]], DIGIT_WORDS[share[2]]  # "một phần tư …"
            if 0 < done < total:
                return round(100 * done / total), measured
    return None, measured


_VOLUME = r"(?:khoi luong|cong viec|phan viec|so phan viec)(?!\w)"
_DIGIT = r"(\d|mot|hai|ba|bon|nam|sau|bay|tam|chin)"
_TENTHS = re.compile(  # "6 phần … còn 4 phần", "6 phần rồi, 4 phần còn lại": parts of ten
    rf"(?<![\w/.]){_DIGIT} phan(?! tram| viec| \d)(?: \S+){{0,3}} , (?:con(?: lai)? )?{_DIGIT} phan"
    r"(?! tram)"
)
# "3/4 khối lượng"; "khối lượng công việc đã làm được 3/4"
_WORK_SHARE = lexicon.gated(
    r"(?<![\w/.])(\d{1,2})/(\d{1,2}) "
    + _VOLUME
    + r"|(?<!\w)khoi luong(?: cong viec)?(?: da)?(?: lam)?(?: duoc)? (\d{1,2})/(\d{1,2})(?![\w/])"
)
_WORK_SHARE_WORDS = re.compile(
    r"(?<!\w)(mot|hai|ba|bon) phan (ba|tu|bon|nam) (?:(?:tong |toan bo )?)" + _VOLUME
)


def fractions(clauses: list[Clause]) -> list[Fraction]:
    """The counts written in the reply ("3/5 xã"), dates and document numbers left out."""
    found = []
    for clause in clauses:
        text = clause.text
        if "/" not in text and " tren " not in text and " trong " not in text:
            continue
        for m in _FRACTION.finditer(clause.text):
            done, total = (int(g.replace(".", "")) for g in m.groups()[:2])
            cue = _DATE_BEFORE.search(clause.text, 0, m.start())
            if cue and cue.group(1) == "ngay" and "/" in m.group():
                continue  # "ngày 6/7 báo cáo rồi": a day, whatever word follows
            if cue and not _unit(m.group(3)) and not (cue.group(1) in _ABOUT and done < total):
                continue  # "đến 30/6", but "khoảng 2/3 khối lượng", "xong khoảng 2/3" count
            slash = "/" in m.group()
            if slash and total <= 12 and done <= 31 and m.group(3) is None and done > total:
                continue  # "30/6" with no cue and no unit: a date, not a count
            if slash and m.group(1).startswith("0") and total <= 12:
                continue  # "ban hành 01/7": a day written with its zero, never a count
            if total == 0 or done > total:
                continue
            found.append(Fraction(done, total, m.group(3) or ""))
    return found
