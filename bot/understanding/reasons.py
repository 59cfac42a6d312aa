"""The reason an official gives, in the words and spelling of the reply.

The text after "vì/do/lý do" when there is one; otherwise the whole reply for an obstacle,
and for an extension request the clauses that are neither the request nor its date ("Xin gia
hạn đến 30/6, chưa có số liệu" → "chưa có số liệu"). Polite openings ("Dạ", "Báo cáo anh")
and final particles ("ạ") are dropped.
"""

from __future__ import annotations

import re

from bot.understanding import lexicon
from bot.understanding.dates import DATE_CUES
from bot.understanding.normalise import normalise
from storage.enums import Status

_CAUSE = re.compile(
    r"(?i)(?<!\w)(?<!đơn )(?<!don )(lý do|ly do|tại vì|tai vi|bởi vì|boi vi|vì|vi|do|bởi|boi)"
    r"(?!\w)\s*:?\s*"
)
_POLITE = re.compile(
    r"(?i)^(?:(?:dạ|vâng|thưa|báo cáo|bao cao)(?!\w)"
    r"(?:\s+(?:anh|chị|chi|a|c|thầy|sếp)(?!\w))?(?:\s+(?:ơi|oi)(?!\w))?[\s,.]*)+"
)
_PARTICLES = frozenset({"ạ", "a", "nhé", "nha", "ah"})
_DATE_WORDS = DATE_CUES | {"thang", "quy", "nam", "nay", "sau", "em", "xin", "duoc", "khong"}
_CLAUSES = re.compile(r"[,;!?\n]+|\.(?=\s|$)|\s+(?:nhưng|nhung)\s+", re.IGNORECASE)


def reason(display: str, status: Status | None) -> str:
    """The cause after "vì/do/lý do"; else the obstacle, or what an extension adds."""
    cause = _CAUSE.search(display)
    if cause and _tidy(display[cause.end() :]):
        return _tidy(display[cause.end() :])
    if status is Status.BLOCKED:
        return _tidy(display)
    if status is Status.EXTENSION_REQUESTED:
        kept = [t for c in _CLAUSES.split(display) if (t := _tidy(c)) and _worth_keeping(t)]
        return ", ".join(kept)
    return ""


def _worth_keeping(clause: str) -> bool:
    """Not the request itself, a bare date ("đến 30/6") or thanks."""
    norm = normalise(clause)
    if lexicon.EXTENSION.search(norm) or "cam on" in norm or _SLIP_OWNED.fullmatch(norm):
        return False  # (nor "à nhầm": the writer setting a figure right)
    return any(w not in _DATE_WORDS for w in re.findall(r"[a-z]{2,}", norm))


_SLIP_OWNED = re.compile(r"(?:a|a_q|o|oi|xin loi) nham(?: (?:a|roi))?")


def _tidy(text: str) -> str:
    """Without the polite opening ("Dạ", "Báo cáo anh"), final particles and punctuation."""
    text = _POLITE.sub("", text.strip())
    while True:
        text = text.rstrip(" ,.;:!?…")
        head, _, last = text.rpartition(" ")
        if last.lower() not in _PARTICLES:
            return text
        text = head
