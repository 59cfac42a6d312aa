"""A normalised reply cut into clauses, each knowing how it opened and whether it asks.

A clause ends at , ; : ! ? ( ) a new line or a full stop (not inside a number: "1.250",
"15.9", "45,5%"), and a new one opens at a linking word: "nhưng", "còn", "mà", "thì", "nên",
"vì", "do", "rồi mới". The linking word is kept as ``lead`` (and stays the first word of the
text): "còn 2 xã chưa báo cáo" is what is left, "thì" closes a condition, "vì/do" give the
cause. A clause asks when it ends with "?" or holds a question form ("bao giờ", "khi nào",
"… được không", "đã xong chưa anh") — see ``lexicon.QUESTION``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understanding import lexicon

_STOPS = re.compile(r"(\?)|[;:!()\n\"“”]+|,(?!\d)|(?<!\d),|\.(?!\d)|(?<!\d)\.")
_TOKEN = re.compile(r"[\w%]+(?:[/.,-][\w%]+)*")
LEADS = frozenset({"nhung", "con", "ma", "thi", "nen", "vi", "do"})
_NOT_LEAD = {  # (word before, word) pairs where the word is not linking clauses
    ("don", "vi"),
    ("lam", "do"),
    ("dang", "do"),
    ("hom", "thi"),
    ("con", "con"),
    ("ban", "thi"),
    ("tien", "do"),  # "tiến độ": progress, not "do" (because)
}
_NOT_LEAD_BEFORE = {
    "thi": frozenset({"xa", "tran", "truong", "tuyen", "hanh", "diem"}),
    "do": frozenset({"dac", "luong"}),  # "đo đạc", "đo lường"
}


@dataclass(frozen=True, slots=True)
class Clause:
    text: str  # the clause's tokens joined by single spaces, lead word first
    lead: str  # the linking word that opened it, or ""
    question: bool
    index: int


def split(norm: str) -> list[Clause]:
    """The clauses of a normalised reply, in order."""
    pieces: list[tuple[list[str], str, bool]] = []
    last = 0
    for stop in [*_STOPS.finditer(norm), None]:
        end = stop.start() if stop else len(norm)
        asks = bool(stop and stop.group(1))
        words = _TOKEN.findall(norm[last:end])
        last = stop.end() if stop else end
        start, lead = 0, ""
        for i, word in enumerate(words):
            if word in LEADS and (_links(words, i) if i else len(words) > 1):
                if words[start:i]:
                    pieces.append((words[start:i], lead, False))
                start, lead = i, word
        if words[start:]:
            pieces.append((words[start:], lead, asks))
        elif asks and pieces:
            pieces[-1] = (pieces[-1][0], pieces[-1][1], True)
    clauses = []
    for i, (words, lead, asks) in enumerate(pieces):
        text = " ".join(words)
        asks = asks or (lexicon.QUESTION.within(words) and bool(lexicon.QUESTION.search(text)))
        clauses.append(Clause(text, lead, asks, i))
    return clauses


def _links(words: list[str], i: int) -> bool:
    word = words[i]
    if (words[i - 1], word) in _NOT_LEAD:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    if not after:
        return False
    return after not in _NOT_LEAD_BEFORE.get(word, ())
