"""The one path from the ledger to the chat side.

The sweep hands each claimed nudge to a ``Delivery`` and records what it
says. The chat side implements it (Telegram, Zalo, console); tests use a
recording implementation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol


class Outcome(StrEnum):
    SENT = "sent"
    RETRY = "retry"  # a transient failure: network, 5xx, 429
    FAILED = "failed"  # permanent: the chat blocked the bot, the chat is gone
    UNREACHABLE = "unreachable"  # the person has no linked chat


@dataclass(frozen=True)
class NudgeToSend:
    nudge_id: int
    assignment_id: int
    person_id: int
    kind: str
    for_deadline: date
    due_at: datetime
    attempt: int  # 1 for the first try


@dataclass(frozen=True)
class DeliveryResult:
    outcome: Outcome
    channel: str | None = None
    message_id: str | None = None
    error: str | None = None
    retry_after: timedelta | None = None  # the platform's own wait (Telegram's 429)

    @classmethod
    def sent(cls, channel: str, message_id: str) -> DeliveryResult:
        return cls(Outcome.SENT, channel=channel, message_id=message_id)


class Delivery(Protocol):
    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult: ...
