"""Column headers as offices write them: Vietnamese names beside the English ones.

A header cell is matched after folding (accents, case, runs of spaces, and the
punctuation around words: "Cơ quan/đơn vị", "CƠ QUAN, ĐƠN VỊ" and "co quan don vi"
are one key). Each table kind maps its folded aliases to the canonical English
column (data/README.md); a column matched by nothing keeps its own name. An
alias marked as a fallback ("STT" for ``code``) is used only when the file has
no better column for it, so a plan with both "STT" and "Mã" reads its codes
from "Mã".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from storage.textfold import fold

_PUNCT = re.compile(r"[\s/,;:.()\-_*]+")

Aliases = Mapping[str, tuple[str, ...]]  # canonical column -> aliases, best first


def key(header: str) -> str:
    """The folded form a header is matched on: "Cơ quan/đơn vị" -> "co quan don vi"."""
    return _PUNCT.sub(" ", fold(header)).strip()


PLAN: Aliases = {
    "code": ("code", "ma", "ma nhiem vu", "ma so", "so hieu", "ky hieu"),
    "group": ("group", "nhom", "nhom nhiem vu", "linh vuc"),
    "title": (
        "title",
        "noi dung nhiem vu",
        "noi dung",
        "ten nhiem vu",
        "nhiem vu",
        "noi dung cong viec",
    ),
    "lead_agency": (
        "lead_agency",
        "co quan chu tri",
        "don vi chu tri",
        "chu tri",
        "co quan thuc hien",
        "don vi thuc hien",
    ),
    "cooperating_agencies": (
        "cooperating_agencies",
        "co quan phoi hop",
        "don vi phoi hop",
        "phoi hop",
    ),
    "deadline": (
        "deadline",
        "thoi han hoan thanh",
        "thoi han",
        "thoi gian hoan thanh",
        "han hoan thanh",
    ),
    "recurrence": ("recurrence", "tan suat", "dinh ky", "chu ky", "tan suat thuc hien"),
    "deliverable": ("deliverable", "san pham", "san pham dau ra", "ket qua san pham"),
}
PLAN_FALLBACKS = {"code": ("stt", "so thu tu", "tt")}

PEOPLE: Aliases = {
    "full_name": ("full_name", "ho va ten", "ho ten", "ten can bo"),
    "title": ("title", "chuc vu", "chuc danh"),
    "agency": ("agency", "co quan don vi", "co quan", "don vi", "noi cong tac"),
    "role": ("role", "vai tro", "quyen"),
    "phone": ("phone", "so dien thoai", "dien thoai", "sdt", "so dt"),
    "email": ("email", "e mail", "thu dien tu", "dia chi email"),
    "focal_for": ("focal_for", "dau moi", "dau moi nhiem vu", "nhiem vu dau moi"),
}

AGENCIES: Aliases = {
    "name": ("name", "ten co quan", "ten don vi", "co quan", "don vi", "ten co quan don vi"),
    "short_code": ("short_code", "ma", "ma co quan", "ma viet tat", "ten viet tat", "ky hieu"),
    "kind": ("kind", "loai", "loai co quan", "cap"),
    "parent": ("parent", "co quan cap tren", "cap tren", "truc thuoc", "co quan chu quan"),
}

COLLECTIVES: Aliases = {
    "group_label": ("group_label", "ten nhom", "nhom", "nhom co quan", "tap the"),
    "member": ("member", "thanh vien", "co quan thanh vien", "don vi thanh vien"),
    "member_type": ("member_type", "loai thanh vien"),
    "joined_on": ("joined_on", "ngay tham gia", "tham gia tu ngay", "ngay gia nhap"),
}

FALLBACKS: Mapping[int, Mapping[str, tuple[str, ...]]] = {id(PLAN): PLAN_FALLBACKS}


def _lookup(aliases: Aliases) -> dict[str, str]:
    return {key(alias): column for column, names in aliases.items() for alias in names}


def canonical(headers: Sequence[str], *kinds: Aliases) -> list[str]:
    """``headers`` (already lower-cased) with every known alias replaced by its column.

    With several kinds (the agency files hold agencies or collectives), the kind
    matching the most headers wins. Unknown and empty headers are kept as they are.
    """
    if not kinds:
        return list(headers)
    best = max(kinds, key=lambda kind: sum(key(h) in _lookup(kind) for h in headers if h))
    lookup = _lookup(best)
    out = [lookup.get(key(h), h) if h else h for h in headers]
    for column, names in FALLBACKS.get(id(best), {}).items():
        if column in out:
            continue
        folded = {key(n) for n in names}
        for i, h in enumerate(headers):
            if h and key(h) in folded:
                out[i] = column
                break
    return out


def recognised(headers: Sequence[str], *kinds: Aliases) -> int:
    """How many of ``headers`` name a known column of one of ``kinds`` (delimiter guessing)."""
    known = {k for kind in kinds for k in _lookup(kind)}
    return sum(1 for h in headers if h and key(h) in known)
