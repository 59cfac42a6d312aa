"""Assignments as chat reads them: by id, by task code, a person's open ones, a nudge's.

Each comes with its task and agency, loaded in the same statement. The hot
path's statements are built once with bound parameters: building a select with
its loader options costs more than running it on SQLite.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, false, func, or_, select, true
from sqlalchemy.orm import joinedload, selectinload

from storage.db import Session
from storage.enums import Role, Status
from storage.models import Agency, Assignment, Person, ProgressUpdate, Task
from storage.plans import closed_plans


def assignment_query():
    """Assignments with their task, agency and focal person, in one statement (a lazy
    load later would be I/O outside the async session's reach)."""
    return select(Assignment).options(
        joinedload(Assignment.task, innerjoin=True),
        joinedload(Assignment.agency, innerjoin=True),
        joinedload(Assignment.focal_person),
    )


_BY_ID = assignment_query().where(Assignment.id == bindparam("id"))
_LIVE_CODE = (Task.code == bindparam("code"), Task.withdrawn_at.is_(None))
_BY_CODE = (
    assignment_query()
    .join(Task, Task.id == Assignment.task_id)
    .where(
        *_LIVE_CODE,
        Assignment.agency_id == bindparam("agency_id"),
        Assignment.withdrawn_at.is_(None),
    )
)
_OWNER = (
    select(Agency.name)
    .join(Assignment, Assignment.agency_id == Agency.id)
    .join(Task, Task.id == Assignment.task_id)
    .where(*_LIVE_CODE, Assignment.withdrawn_at.is_(None))
    .order_by(Assignment.id)
    .limit(1)
)


async def by_id(session: Session, assignment_id: int) -> Assignment:
    """The assignment a token, question, nudge or request refers to by ``assignment_id``:
    always there, since assignments are withdrawn, never deleted."""
    return (await session.execute(_BY_ID, {"id": assignment_id})).scalar_one()


async def by_ids(session: Session, ids: list[int]) -> list[Assignment]:
    """``by_id`` for many, in one statement, in the order of ``ids``."""
    found = {
        a.id: a
        for a in (await session.scalars(assignment_query().where(Assignment.id.in_(ids)))).unique()
    }
    return [found[i] for i in ids]


async def for_code(session: Session, code: str, agency_id: int) -> list[Assignment]:
    """The agency's live assignments (every period) of the live task ``code``, unordered."""
    # Nothing a turn changes decides which rows match (code, agency, withdrawal), so
    # the batch's pending writes need not be flushed first; they go out together at
    # the commit. Callers order by the objects, which hold the pending values.
    with session.no_autoflush:
        params = {"code": code, "agency_id": agency_id}
        found = list((await session.scalars(_BY_CODE, params)).all())
        if len(found) < 2:
            return found
        # The same code in a closed plan and a current one means the current one; a
        # closed plan's alone is still found, and its update refused with the reason.
        closed = set((await session.scalars(closed_plans())).all())
        return [a for a in found if a.plan_id not in closed] or found


async def owner_agency(session: Session, code: str) -> str | None:
    """The name of the agency holding the live task ``code`` (the first one), if any."""
    return await session.scalar(_OWNER, {"code": code})


async def agency_name(session: Session, short_code: str) -> str | None:
    """The name of the agency with ``short_code``, if any."""
    return await session.scalar(
        select(Agency.name).where(func.lower(Agency.short_code) == short_code.lower())
    )


async def open_for_person(session: Session, person: Person) -> list[Assignment]:
    """What /viec lists: the agency's open assignments, with their tasks, by deadline.

    An official whose agency named a focal person for an assignment sees it only
    when that is them; leaders and coordinators see all of their agency's.
    """
    query = (
        select(Assignment)
        .join(Task, Task.id == Assignment.task_id)
        .options(selectinload(Assignment.task))
        .where(
            Assignment.agency_id == person.agency_id,
            Assignment.status != Status.DONE,
            Assignment.withdrawn_at.is_(None),
            Task.withdrawn_at.is_(None),
            Assignment.plan_id.not_in(closed_plans()),
            or_(
                Assignment.focal_person_id.is_(None),
                Assignment.focal_person_id == person.id,
                true() if person.role != Role.OFFICIAL else false(),
            ),
        )
        .order_by(Assignment.deadline.is_(None), Assignment.deadline, Assignment.code)
    )
    return list((await session.scalars(query)).all())


async def assign_focal_person(
    session: Session,
    assignment: Assignment,
    official_id: int,
    by_person_id: int,
    now: datetime,
    *,
    note: str,
    channel: str | None = None,
    message_ref: str | None = None,
) -> None:
    """Name the official who answers for ``assignment``, kept in its history.

    History only: the hand-over changes neither status nor percent.
    """
    assignment.focal_person_id = official_id
    session.add(
        ProgressUpdate(
            assignment_id=assignment.id,
            person_id=by_person_id,
            status=assignment.status,
            percent=assignment.percent,
            note=note,
            created_at=now,
            source="assign",
            channel=channel,
            message_ref=message_ref,
        )
    )
    await session.flush()
