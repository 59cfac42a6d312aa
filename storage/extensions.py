"""Extension requests decided: approve and reject, one operation each, from any caller.

Asking is ``storage.progress.request_extension``. A decision takes the request
only while it is still pending (the row is locked on PostgreSQL), records who
decided and when, puts the assignment back to in progress (or not started,
with nothing done yet) and appends it to the history. Replanning the nudges
after a new deadline is the caller's (``scheduler.planner.plan_assignment``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from storage.assignments import by_id
from storage.db import Session
from storage.enums import ExtensionState, Role, Status
from storage.models import Assignment, ExtensionRequest, Person
from storage.people import active_people
from storage.progress import record_progress


@dataclass(frozen=True)
class Decision:
    request: ExtensionRequest
    assignment: Assignment  # with its task and agency


async def coordinators(session: Session) -> list[Person]:
    """The active coordinators: each is told of a new request and may decide it."""
    return await active_people(session, Role.COORDINATOR)


async def pending_request(session: Session, assignment_id: int) -> ExtensionRequest | None:
    """The assignment's latest request still waiting for a decision."""
    return await session.scalar(
        select(ExtensionRequest)
        .where(
            ExtensionRequest.assignment_id == assignment_id,
            ExtensionRequest.state == ExtensionState.PENDING,
        )
        .order_by(ExtensionRequest.id.desc())
        .limit(1)
    )


async def request_by_id(session: Session, request_id: int) -> ExtensionRequest | None:
    return await session.get(ExtensionRequest, request_id)


def _status_after(assignment: Assignment) -> Status:
    return Status.IN_PROGRESS if assignment.percent > 0 else Status.NOT_STARTED


async def _decide(
    session: Session,
    request_id: int,
    state: ExtensionState,
    decided_by: int,
    now: datetime,
    *,
    note: str,
    channel: str | None,
    message_ref: str | None,
) -> Decision | None:
    request = await session.scalar(
        select(ExtensionRequest)
        .where(ExtensionRequest.id == request_id, ExtensionRequest.state == ExtensionState.PENDING)
        .with_for_update()
    )
    if request is None:
        return None
    assignment = await by_id(session, request.assignment_id)
    request.state, request.decided_by_id, request.decided_at = state, decided_by, now
    if state is ExtensionState.APPROVED:
        assignment.deadline = request.requested_deadline
    else:
        request.decision_note = note
    await record_progress(
        session,
        assignment,
        decided_by,
        now,
        status=_status_after(assignment),
        note=note,
        channel=channel,
        message_ref=message_ref,
        source="extension",
    )
    return Decision(request, assignment)


async def approve(
    session: Session,
    request_id: int,
    decided_by: int,
    now: datetime,
    *,
    note: str = "",
    channel: str | None = None,
    message_ref: str | None = None,
) -> Decision | None:
    """Move the deadline to the requested one; None when the request is not pending.

    ``note`` is what the history shows for the approval.
    """
    return await _decide(
        session,
        request_id,
        ExtensionState.APPROVED,
        decided_by,
        now,
        note=note,
        channel=channel,
        message_ref=message_ref,
    )


async def reject(
    session: Session,
    request_id: int,
    decided_by: int,
    now: datetime,
    *,
    reason: str,
    channel: str | None = None,
    message_ref: str | None = None,
) -> Decision | None:
    """Keep the deadline, with the decider's ``reason``; None when the request is not pending."""
    return await _decide(
        session,
        request_id,
        ExtensionState.REJECTED,
        decided_by,
        now,
        note=reason,
        channel=channel,
        message_ref=message_ref,
    )
