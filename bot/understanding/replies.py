"""Today's reply API (``parse_reply``), a thin adapter over ``bot.understanding.reader``.

``parse_reply`` records only what the reader is sure of: a reply the reader would ask about
("xong rồi nhưng chưa gửi", "hơi vướng nhưng vẫn làm", a bare "10/10 xã") comes back as not
understood, so that nothing is recorded against the official's meaning until the caller
asks with ``read_reply``'s alternatives. A percent is the one written as the task's progress
(never a measure such as "tỷ lệ hồ sơ trực tuyến đạt 45%"); the new date is that of an
extension request; the reason keeps the original text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.understanding.normalise import normalise
from bot.understanding.reader import Reading, read_reply
from storage.enums import Status


@dataclass(frozen=True)
class ParsedReply:
    status: Status | None  # None: not understood (or unsure: see ``read_reply``)
    percent: int | None  # 0..100, only when written as this task's progress
    new_date: date | None  # only for extension requests with an explicit date
    reason: str  # obstacle / extension reason, original spelling; "" if none
    understood: bool


def parse_reply(text: str, *, today: date, current_deadline: date | None = None) -> ParsedReply:
    """Read one reply. Never raises; what it cannot read, or is unsure of, is not understood."""
    reading = read_reply(text, today=today, current_deadline=current_deadline)
    return from_reading(reading)


def from_reading(reading: Reading) -> ParsedReply:
    if not reading.recordable:
        return ParsedReply(None, None, None, "", False)
    return ParsedReply(reading.status, reading.percent, reading.new_date, reading.reason, True)


__all__ = ["ParsedReply", "Status", "normalise", "parse_reply"]
