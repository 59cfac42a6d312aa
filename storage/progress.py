"""Recording progress on an assignment: the assignment's state and its append-only history."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import ExtensionState, Status
from storage.models import Assignment, ExtensionRequest, Plan, ProgressUpdate

UNDER_WAY = frozenset({Status.IN_PROGRESS, Status.BLOCKED, Status.EXTENSION_REQUESTED})
UNDO_WINDOW = timedelta(minutes=30)


@dataclass(frozen=True)
class Recorded:
    """What was recorded, as the bot repeats it back to the person."""

    status: Status
    percent: int | None
    note: str
    requested_deadline: date | None = None
    update: ProgressUpdate | None = None


def new_percent(assignment: Assignment, status: Status, percent: int | None) -> int | None:
    """The percent a new status is recorded with: never carried into another meaning.

    Done is 100; not started is 0 only when written; a percent not written is kept only
    while the work stays under way (in progress, blocked, extension asked for) — never
    the 100 of a done or the 0 of a not started.
    """
    if status is Status.DONE:
        return 100
    if percent is not None or status is Status.NOT_STARTED:
        return percent
    kept = assignment.percent if assignment.status in UNDER_WAY else 0
    return kept or None


def _state(assignment: Assignment) -> dict:
    done_at = assignment.done_at
    return {
        "status": Status(assignment.status).value,
        "percent": assignment.percent,
        "note": assignment.status_note,
        "deadline": assignment.deadline.isoformat() if assignment.deadline else None,
        "done_at": done_at.isoformat() if done_at else None,
        "document_ref": assignment.document_ref,
        "updated_at": assignment.updated_at.isoformat() if assignment.updated_at else None,
        "updated_by_id": assignment.updated_by_id,
    }


async def record_progress(
    session: AsyncSession,
    assignment: Assignment,
    person_id: int | None,
    now: datetime,
    *,
    status: Status,
    percent: int | None = None,
    note: str = "",
    channel: str | None = None,
    message_ref: str | None = None,
    source: str = "chat",
    completed_on: date | None = None,
    done_at: datetime | None = None,
    document_ref: str | None = None,
) -> Recorded:
    """Apply a status to ``assignment`` and append it to the history.

    The percent follows ``new_percent``. ``done_at`` (with ``completed_on``, the local day
    it stands for) is when a done reply says the work was done, when earlier than ``now``;
    ``document_ref`` names its result and stays on the assignment until another is named.
    The update row keeps the assignment's state before it, for an undo.
    """
    percent = new_percent(assignment, status, percent)
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError("percent must be 0–100")
    previous = json.dumps(_state(assignment))
    assignment.status = status
    assignment.percent = percent or 0  # the update row keeps None: no percent was said
    assignment.status_note = note
    assignment.updated_at = now
    assignment.updated_by_id = person_id
    assignment.done_at = (done_at or now) if status is Status.DONE else None
    if document_ref:
        assignment.document_ref = document_ref
    update = ProgressUpdate(
        assignment_id=assignment.id,
        person_id=person_id,
        status=status,
        percent=percent,
        note=note,
        created_at=now,
        source=source,
        channel=channel,
        message_ref=message_ref,
        completed_on=completed_on if status is Status.DONE else None,
        document_ref=document_ref or None,
        previous=previous,
    )
    session.add(update)
    # No flush here: the session's next query or the commit writes it, together with
    # whatever else the turn changed (one flush, not several, on a busy morning).
    return Recorded(status, percent, note, update=update)


async def last_update_by(session: AsyncSession, person_id: int) -> ProgressUpdate | None:
    """The person's latest update recorded from chat, or their latest undo."""
    return await session.scalar(
        select(ProgressUpdate)
        .where(ProgressUpdate.person_id == person_id, ProgressUpdate.source.in_(("chat", "undo")))
        .order_by(ProgressUpdate.id.desc())
        .limit(1)
    )


def undoable(update: ProgressUpdate | None, now: datetime) -> bool:
    """Not an undo, not undone yet, and recorded within ``UNDO_WINDOW``."""
    return (
        update is not None
        and update.source == "chat"
        and update.undone_at is None
        and update.previous is not None
        and now - update.created_at <= UNDO_WINDOW
    )


async def undo_update(
    session: AsyncSession,
    update: ProgressUpdate,
    assignment: Assignment,
    person_id: int,
    now: datetime,
    *,
    channel: str | None = None,
    message_ref: str | None = None,
) -> ProgressUpdate:
    """Put ``assignment`` back as it was before ``update`` and note the undo in the history.

    An extension request the update made, still pending, is withdrawn with it (rejected,
    with a note saying so). Returns the undo's own history row (source ``undo``).
    """
    before = json.loads(update.previous or "{}")
    assignment.status = Status(before["status"])
    assignment.percent = before["percent"]
    assignment.status_note = before["note"]
    assignment.deadline = date.fromisoformat(before["deadline"]) if before["deadline"] else None
    assignment.done_at = datetime.fromisoformat(before["done_at"]) if before["done_at"] else None
    assignment.document_ref = before["document_ref"]
    assignment.updated_at = (
        datetime.fromisoformat(before["updated_at"]) if before["updated_at"] else None
    )
    assignment.updated_by_id = before["updated_by_id"]
    update.undone_at = now
    if update.status is Status.EXTENSION_REQUESTED:
        requests = await session.scalars(
            select(ExtensionRequest).where(
                ExtensionRequest.assignment_id == assignment.id,
                ExtensionRequest.state == ExtensionState.PENDING,
                ExtensionRequest.created_at == update.created_at,
            )
        )
        for request in requests:
            request.state, request.decided_by_id, request.decided_at = (
                ExtensionState.REJECTED,
                person_id,
                now,
            )
            request.decision_note = "undone"
    row = ProgressUpdate(
        assignment_id=assignment.id,
        person_id=person_id,
        status=assignment.status,
        percent=assignment.percent,
        note=f"undo #{update.id}",
        created_at=now,
        source="undo",
        channel=channel,
        message_ref=message_ref,
        document_ref=assignment.document_ref,
    )
    session.add(row)
    return row


async def plan_start(session: AsyncSession, assignment: Assignment) -> date | None:
    """1 January of the assignment's plan year: no completion date is before it."""
    year = await session.scalar(select(Plan.year).where(Plan.id == assignment.plan_id))
    return date(year, 1, 1) if year else None


async def request_extension(
    session: AsyncSession,
    assignment: Assignment,
    person_id: int,
    now: datetime,
    *,
    new_deadline: date,
    reason: str = "",
    channel: str | None = None,
    message_ref: str | None = None,
) -> tuple[Recorded, ExtensionRequest]:
    """A pending extension request; the assignment shows ``extension_requested``."""
    request = ExtensionRequest(
        assignment_id=assignment.id,
        requested_by_id=person_id,
        previous_deadline=assignment.deadline,
        requested_deadline=new_deadline,
        reason=reason,
        state=ExtensionState.PENDING,
        created_at=now,
    )
    session.add(request)
    recorded = await record_progress(
        session,
        assignment,
        person_id,
        now,
        status=Status.EXTENSION_REQUESTED,
        note=reason,
        channel=channel,
        message_ref=message_ref,
    )
    done = Recorded(recorded.status, recorded.percent, recorded.note, new_deadline, recorded.update)
    return done, request
