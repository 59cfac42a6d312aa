"""The audit trail: one log line per nudge outcome and per update recorded.

Lines go to the ``nhacviec.audit`` logger at INFO as ``action=NAME key=value …``
(values with spaces or quotes are JSON-quoted): who (person id), what (assignment,
nudge kind, status), from which message (channel, chat, message id). Never a token,
and of what a person wrote only a clipped excerpt.

A line stands for what the database keeps, so an event recorded inside a
transaction is written when that transaction commits (``later``): a turn rolled back
and run again alone writes its line once. Listeners (the metrics) see every event
with its fields.

It lives in ``storage`` because the commit decides, and both the scheduler (nudge
outcomes) and the chat side (updates) call it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

log = logging.getLogger("nhacviec.audit")

EXCERPT = 40  # characters of a person's text a line may carry
Fields = Mapping[str, Any]
Listener = Callable[[str, Fields], None]
_listeners: list[Listener] = []
_PENDING = "nhacviec.audit.pending"


class Claimed(Protocol):
    """A nudge on its way (``scheduler.delivery.NudgeToSend``)."""

    @property
    def nudge_id(self) -> int: ...
    @property
    def assignment_id(self) -> int: ...
    @property
    def person_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def attempt(self) -> int: ...


class Result(Protocol):
    """What the delivery said (``scheduler.delivery.DeliveryResult``)."""

    @property
    def outcome(self) -> str: ...
    @property
    def channel(self) -> str | None: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def error(self) -> str | None: ...


class Message(Protocol):
    """Where an update came from (``bot.channels.base.Incoming``)."""

    @property
    def channel(self) -> str: ...
    @property
    def chat_id(self) -> str: ...
    @property
    def update_key(self) -> str: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def text(self) -> str: ...


def subscribe(listener: Listener) -> Callable[[], None]:
    """Call ``listener(action, fields)`` for every event; returns the unsubscribe."""
    _listeners.append(listener)

    def undo() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return undo


def excerpt(text: str | None, limit: int = EXCERPT) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def line(action: str, fields: Fields) -> str:
    parts = [f"action={action}"]
    for key, value in fields.items():
        if value is None or value == "":
            continue
        shown = str(value)
        if not shown or any(c.isspace() or c in "\"='" for c in shown):
            shown = json.dumps(shown, ensure_ascii=False)
        parts.append(f"{key}={shown}")
    return " ".join(parts)


def emit(action: str, fields: Fields) -> None:
    log.info("%s", line(action, fields))
    for listener in list(_listeners):
        try:
            listener(action, fields)
        except Exception:  # a listener's bug must not break the recording
            log.exception("action=audit_listener_failed listener=%r", listener)


def later(session: AsyncSession, action: str, fields: Fields) -> None:
    """``emit`` once ``session``'s transaction commits; nothing if it rolls back."""
    session.sync_session.info.setdefault(_PENDING, []).append((action, fields))


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    for action, fields in session.info.pop(_PENDING, ()):
        emit(action, fields)


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction: Any) -> None:
    session.info.pop(_PENDING, None)


# -- the events -----------------------------------------------------------------------


def nudge_outcome(nudge: Claimed, result: Result, worker: str, *, kept: int, retry: bool) -> None:
    """A delivery's outcome, once recorded (``kept``: this worker still held the claim).

    ``retry``: a transient failure is tried again (else it failed for good)."""
    outcome = str(result.outcome)
    fields = {
        "nudge": nudge.nudge_id,
        "kind": nudge.kind,
        "assignment": nudge.assignment_id,
        "person": nudge.person_id,
        "attempt": nudge.attempt,
        "channel": result.channel,
        "message": result.message_id,
        "outcome": outcome,
        "retry": ("yes" if retry else "no") if outcome == "retry" else None,
        "error": excerpt(result.error, 120) if result.error else None,
        "worker": worker,
        "claim": None if kept else "lost",
    }
    emit("nudge_sent" if outcome == "sent" else "nudge_failed", fields)


def nudge_skipped(session: AsyncSession, nudge: Any, reason: str, worker: str) -> None:
    """A claimed ``storage.models.Nudge`` that should no longer go out, and why."""
    fields = {
        "nudge": nudge.id,
        "kind": nudge.kind,
        "assignment": nudge.assignment_id,
        "person": nudge.person_id,
        "reason": reason,
        "worker": worker,
    }
    later(session, "nudge_skipped", fields)


def update_recorded(
    session: AsyncSession, message: Message, person: Any, assignment: Any, recorded: Any
) -> None:
    """An update (status, percent, extension request) ``person`` sent from ``message``."""
    update = getattr(recorded, "update", recorded)  # ``storage.progress.Recorded`` or a row
    fields = {
        "update": getattr(update, "id", None),
        "assignment": assignment.code,
        "person": person.id,
        "status": str(getattr(recorded, "status", "")),
        "percent": getattr(recorded, "percent", None),
        "requested": getattr(recorded, "requested_deadline", None),
        "channel": message.channel,
        "chat": message.chat_id,
        "message": message.message_id,
        "update_key": message.update_key,
        "text": excerpt(message.text),
    }
    later(session, "update_recorded", fields)
