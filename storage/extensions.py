"""Extension requests decided: approve and reject, one operation each, from any caller.

Asking is ``storage.progress.request_extension``. A decision takes the request
only while it is still pending (the row is locked on PostgreSQL), records who
decided and when, puts the assignment back to in progress (or not started,
with nothing done yet) and appends it to the history. Replanning the nudges
after a new deadline is the caller's (``scheduler.planner.plan_assignment``).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from storage.assignments import by_id
from storage.db import Session
from storage.enums import ExtensionState, Role, Status
from storage.models import Agency, Assignment, ExtensionNotice, ExtensionRequest, Person, Task
from storage.people import active_people
from storage.progress import record_progress


@dataclass(frozen=True)
class Decision:
    request: ExtensionRequest
    assignment: Assignment  # with its task and agency
    # The assignment was done or withdrawn: the request is closed, nothing else changed.
    closed: bool = False


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


def finished(assignment: Assignment) -> bool:
    """Done or withdrawn (the assignment or its task): no deadline left to move."""
    task_withdrawn = assignment.task is not None and assignment.task.withdrawn_at is not None
    return assignment.status is Status.DONE or assignment.withdrawn_at is not None or task_withdrawn


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
    if finished(assignment):  # a decision never undoes work: close, change nothing
        request.state, request.decided_by_id, request.decided_at = (
            ExtensionState.CLOSED,
            decided_by,
            now,
        )
        return Decision(request, assignment, closed=True)
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


async def supersede_older(session: Session, request: ExtensionRequest, now: datetime) -> list[int]:
    """Mark the assignment's other pending requests superseded by ``request``; their ids."""
    await session.flush()  # ``request`` has its id
    older = list(
        (
            await session.scalars(
                select(ExtensionRequest.id).where(
                    ExtensionRequest.assignment_id == request.assignment_id,
                    ExtensionRequest.state == ExtensionState.PENDING,
                    ExtensionRequest.id != request.id,
                )
            )
        ).all()
    )
    if older:
        await session.execute(
            update(ExtensionRequest)
            .where(ExtensionRequest.id.in_(older))
            .values(state=ExtensionState.SUPERSEDED, decided_at=now)
            .execution_options(synchronize_session="fetch")
        )
    return older


async def open_requests(session: Session, limit: int = 100) -> tuple[int, list[ExtensionRequest]]:
    """(how many, the oldest ``limit``) of the requests waiting for a decision, each with
    its assignment (task, agency) loaded."""
    pending = ExtensionRequest.state == ExtensionState.PENDING
    total = len((await session.scalars(select(ExtensionRequest.id).where(pending))).all())
    rows = await session.scalars(
        select(ExtensionRequest)
        .where(pending)
        .order_by(ExtensionRequest.created_at, ExtensionRequest.id)
        .limit(limit)
        .options(
            selectinload(ExtensionRequest.assignment).selectinload(Assignment.task),
            selectinload(ExtensionRequest.assignment).selectinload(Assignment.agency),
        )
    )
    return total, list(rows.all())


async def new_notice(
    session: Session, request_id: int, person_id: int, channel: str, chat_id: str, now: datetime
) -> str:
    """A fresh token for ``person_id``'s copy of the request, shown in ``chat_id``."""
    token = secrets.token_urlsafe(9)
    session.add(
        ExtensionNotice(
            token=token,
            request_id=request_id,
            person_id=person_id,
            channel=channel,
            chat_id=chat_id,
            created_at=now,
        )
    )
    await session.flush()
    return token


async def notice_by_token(session: Session, token: str) -> ExtensionNotice | None:
    return await session.get(ExtensionNotice, token)


async def notice_sent(session: Session, token: str, message_id: str) -> None:
    """The message that showed the copy: edited when the request is decided."""
    await session.execute(
        update(ExtensionNotice)
        .where(ExtensionNotice.token == token)
        .values(message_id=message_id)
        .execution_options(synchronize_session=False)
    )


async def notices(session: Session, request_ids: list[int]) -> list[ExtensionNotice]:
    """The copies of these requests that were sent, oldest first."""
    if not request_ids:
        return []
    rows = await session.scalars(
        select(ExtensionNotice)
        .where(ExtensionNotice.request_id.in_(request_ids))
        .order_by(ExtensionNotice.created_at)
    )
    return list(rows.all())


@dataclass(frozen=True)
class ClosedRequest:
    """A pending request closed, undecided, with its assignment withdrawn (a re-import, a
    merger): its requester is told (``bot.app.admin.tell_request_closed``)."""

    request_id: int
    requested_by_id: int
    code: str  # the assignment's code
    title: str
    agency: str
    requested_deadline: date
    reason: str  # why the assignment was withdrawn ("" when not said)


async def close_for_withdrawn(
    session: Session, reasons: Mapping[int, str], now: datetime, *, note: str = "withdrawn"
) -> list[ClosedRequest]:
    """Close the pending requests of the assignments withdrawn (id -> why), ``note`` kept
    as their decision; a deadline no longer the agency's is not moved. Returns them."""
    pending = (
        ExtensionRequest.assignment_id.in_(list(reasons)),
        ExtensionRequest.state == ExtensionState.PENDING,
    )
    closed = await _described(session, pending, reasons)
    if closed:
        await session.execute(
            update(ExtensionRequest)
            .where(*pending)
            .values(state=ExtensionState.CLOSED, decided_at=now, decision_note=note)
            .execution_options(synchronize_session=False)
        )
    return closed


async def pending_of_plan(session: Session, plan_id: int) -> list[ClosedRequest]:
    """The pending requests of plan ``plan_id``, described (closing the plan closes them)."""
    of_plan = select(Assignment.id).where(Assignment.plan_id == plan_id).scalar_subquery()
    pending = (
        ExtensionRequest.assignment_id.in_(of_plan),
        ExtensionRequest.state == ExtensionState.PENDING,
    )
    return await _described(session, pending, {})


async def _described(session: Session, where, reasons: Mapping[int, str]) -> list[ClosedRequest]:
    query = (
        select(
            ExtensionRequest.id,
            ExtensionRequest.requested_by_id,
            ExtensionRequest.assignment_id,
            ExtensionRequest.requested_deadline,
            Assignment.code,
            Task.title,
            Agency.name,
        )
        .join(Assignment, Assignment.id == ExtensionRequest.assignment_id)
        .join(Task, Task.id == Assignment.task_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(*where)
        .order_by(ExtensionRequest.id)
    )
    return [
        ClosedRequest(
            request_id=r.id,
            requested_by_id=r.requested_by_id,
            code=r.code,
            title=r.title,
            agency=r.name,
            requested_deadline=r.requested_deadline,
            reason=reasons.get(r.assignment_id, ""),
        )
        for r in (await session.execute(query)).all()
    ]
