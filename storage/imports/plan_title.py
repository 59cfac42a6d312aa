"""The plan's name, decision and issuing body as an office's file writes them above
the header (its title block), for instance::

    ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
    KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026
    (Ban hành kèm theo Quyết định số 617/QĐ-UBND ngày 20/12/2025 của UBND tỉnh Quảng Ngãi)

Only what is found is returned; the operator's options win over it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storage.textfold import fold

# "617/QĐ-UBND", "12/2025/QĐ-UBND": a number, an optional year, then the kind and body.
DECISION = re.compile(r"\b(\d{1,5}(?:/\d{4})?/Q[ĐD]-[A-ZĐ0-9]+(?:-[A-ZĐ0-9]+)*)", re.IGNORECASE)
_ISSUED_BY = re.compile(r"\bcủa\s+(.+?)\s*\)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class TitleBlock:
    title: str = ""
    decision: str = ""
    issuer: str = ""


def _sentence_case(line: str) -> str:
    # Title blocks are often in capitals; the stored name reads as a sentence.
    return line[:1].upper() + line[1:].lower() if line.isupper() else line


def read_title_block(lines: tuple[str, ...]) -> TitleBlock:
    title = decision = issuer = ""
    for line in lines:
        text = line.strip().strip("()").strip()
        folded = fold(text)
        if not decision and (match := DECISION.search(text)):
            decision = match[1].upper().replace("QD-", "QĐ-")
            if by := _ISSUED_BY.search(text[match.end() :]):
                issuer = by[1].strip(" .;,")
        elif not title and folded.startswith("ke hoach"):
            title = _sentence_case(text)
        elif not issuer and (folded.startswith("uy ban nhan dan") or folded.startswith("ubnd")):
            issuer = text  # capitals kept: lowering them would lose the place's name
    return TitleBlock(title, decision, issuer)
