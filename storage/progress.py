"""Recording progress on an assignment: the assignment's state and its append-only history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import ExtensionState, Status
from storage.models import Assignment, ExtensionRequest, ProgressUpdate


@dataclass(frozen=True)
class Recorded:
    """What was recorded, as the bot repeats it back to the person."""

    status: Status
    percent: int
    note: str
    requested_deadline: date | None = None


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
) -> Recorded:
    """Apply a status to ``assignment`` and append it to the history.

    ``done`` means 100 %, ``not_started`` 0 %; otherwise a percent that was not
    given keeps the last one.
    """
    if status is Status.DONE:
        percent = 100
    elif status is Status.NOT_STARTED:
        percent = 0
    elif percent is None:
        percent = assignment.percent
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError("percent must be 0–100")
    assignment.status = status
    assignment.percent = percent
    assignment.status_note = note
    assignment.updated_at = now
    assignment.updated_by_id = person_id
    assignment.done_at = now if status is Status.DONE else None
    session.add(
        ProgressUpdate(
            assignment_id=assignment.id,
            person_id=person_id,
            status=status,
            percent=percent,
            note=note,
            created_at=now,
            source=source,
            channel=channel,
            message_ref=message_ref,
        )
    )
    # No flush here: the session's next query or the commit writes it, together with
    # whatever else the turn changed (one flush, not several, on a busy morning).
    return Recorded(status, percent, note)


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
    return Recorded(recorded.status, recorded.percent, recorded.note, new_deadline), request
