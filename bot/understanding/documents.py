"""Document references in a reply: số/ký hiệu and the date of issue.

A reference is a number, optionally a year, and a sign with at least one letter, joined by
"/" and "-": "05/KH-UBND", "215/SNV-CCHC", "15/2026/QĐ-UBND", "1234/UBND-VX". It is kept as
written (upper-cased, with its diacritics: "QĐ"), with the kind named by its type code (KH →
Kế hoạch, QĐ → Quyết định …; a sign without one, "UBND-VX", is a Công văn) and the date that
follows it after "ngày" ("KH số 05/KH-UBND ngày 20/01/2026"). Without a written year the
date is in the year of the message, or the year before when it would lie after the message
(a document already issued). "15/8", "3/5 xã" are never references: no letter after "/".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.understanding.normalise import fold

_REF = re.compile(r"(?<![\w/])\d{1,5}(?:/\d{4})?/[^\W\d_][\w&.]*(?:-[\w&.]+)*")
_ISSUED = re.compile(
    r"\s*,?\s*(?:ban hanh\s+)?(?:ngay|ngày)\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})"
    r"(?:\s*[/.-]\s*(\d{4}|\d{2}))?(?!\d)"
)
KINDS = {
    "kh": "Kế hoạch", "qd": "Quyết định", "bc": "Báo cáo", "tb": "Thông báo", "ttr": "Tờ trình",
    "nq": "Nghị quyết", "ct": "Chỉ thị", "hd": "Hướng dẫn", "kl": "Kết luận", "qc": "Quy chế",
    "cv": "Công văn", "nd": "Nghị định", "tt": "Thông tư", "bb": "Biên bản", "gm": "Giấy mời",
    "ctr": "Chương trình", "da": "Đề án",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class DocumentRef:
    number: str  # số/ký hiệu as written, upper-cased: "05/KH-UBND"
    kind: str  # "Kế hoạch", "Quyết định", … "Công văn" when the sign names no type
    issued: date | None  # the date after "ngày", when written

    def __str__(self) -> str:
        issued = f" ngày {self.issued:%d/%m/%Y}" if self.issued else ""
        return f"{self.kind} số {self.number}{issued}"


def documents(display: str, *, today: date) -> tuple[DocumentRef, ...]:
    """The references in an NFC reply, in order, each once."""
    if "/" not in display:
        return ()
    folded = fold(display)
    aligned = len(folded) == len(display)
    found: list[DocumentRef] = []
    for m in _REF.finditer(display):
        number = m.group().rstrip(".")
        number = number if any(c.isupper() for c in number) else number.upper()
        code = fold(number).split("/")[-1].split("-")[0]
        kind = KINDS.get(code, "Công văn")
        issued = None
        if aligned and (when := _ISSUED.match(folded, m.end())):
            issued = _issue_date(when, today)
        if all(ref.number != number for ref in found):
            found.append(DocumentRef(number, kind, issued))
    return tuple(found)


def _issue_date(m: re.Match[str], today: date) -> date | None:
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    try:
        if year:
            return date(int(year) + (2000 if len(year) == 2 else 0), month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None
