"""The one path from the ledger to the chat side.

The sweep hands the claimed nudges of one person to a ``Delivery`` as one
``CheckIn`` (a grouped message: the daily check-in, or a leader's escalation
message) and records what it says, row by row: which message carried each
nudge. A delivery without ``deliver_checkin`` is handed the nudges one by one.
The chat side implements it (Telegram, Zalo, console); tests use a recording
implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
    chat_id: str | None = None  # the chat it went to
    # For a check-in: the nudges that went out, each (nudge id, message id, position in
    # that message from 1), also when a later page failed (those nudges take ``outcome``).
    carried: tuple[tuple[int, str, int], ...] = ()
    # The service stopped between pages: the nudges not carried stay claimed, to be
    # released at once, as if never tried (not a failure).
    stopped: bool = False

    @classmethod
    def sent(cls, channel: str, message_id: str) -> DeliveryResult:
        return cls(Outcome.SENT, channel=channel, message_id=message_id)


@dataclass(frozen=True)
class CheckIn:
    """The due nudges of one person that go out together as one message (paged if long).

    ``audience`` is ``official`` (status actions per assignment) or ``leader`` (the
    escalations: leader actions); ``catch_up`` when some came due on an earlier day
    (downtime, a chat linked late, a plan imported late). ``stopping`` says the service
    is stopping: a paged message sends no further page.
    """

    person_id: int
    audience: str
    items: tuple[NudgeToSend, ...]
    catch_up: bool = False
    stopping: Callable[[], bool] = field(default=lambda: False, compare=False, repr=False)


class Delivery(Protocol):
    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult: ...


class CheckInDelivery(Delivery, Protocol):
    """Also optional, read by the sweep: ``grouped`` (False: nudges one by one) and
    ``only_channels`` (the chat channels that are the delivery's only way to a person:
    people with no reachable chat on them are marked unreachable in bulk, unclaimed)."""

    async def deliver_checkin(self, checkin: CheckIn, now: datetime) -> DeliveryResult: ...
