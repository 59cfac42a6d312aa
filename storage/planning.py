"""What planning and the sweep read: open assignments, active recipients, claimed nudges' facts.

Rows, not objects: the planner and the sweep read many of them and change none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.engine import Row

from storage.db import Session
from storage.enums import Role, Status
from storage.models import Agency, Assignment, Person, Task
from storage.plans import closed_plans


async def active_recipients(session: Session) -> list[tuple[int, int, Role]]:
    """(person id, agency id, role) of every active person, by id."""
    query = (
        select(Person.id, Person.agency_id, Person.role)
        .where(Person.active.is_(True))
        .order_by(Person.id)
    )
    return list((await session.execute(query)).all())


def open_assignments(*where):
    """The select of open, live assignments of open plans (id, agency, deadline, status,
    focal person, code, updated_at, snoozed_until, and the day the agency ends, if it
    does: the planner plans nothing due from that day on)."""
    return (
        select(
            Assignment.id,
            Assignment.agency_id,
            Assignment.deadline,
            Assignment.status,
            Assignment.focal_person_id,
            Assignment.code,
            Assignment.updated_at,
            Assignment.snoozed_until,
            Agency.ended_on.label("agency_ended_on"),
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(
            Assignment.status != Status.DONE,
            Assignment.withdrawn_at.is_(None),
            Task.withdrawn_at.is_(None),
            # A closed plan is history: none of its work is nudged or escalated.
            Assignment.plan_id.not_in(closed_plans()),
            *where,
        )
    )


async def open_assignment_rows(
    session: Session,
    *,
    deadline_until: date | None = None,
    undated: bool = True,
    assignment_id: int | None = None,
) -> list[Row]:
    """Open, live assignments; with ``deadline_until``, only those due by then (and,
    when ``undated``, those with no deadline); with ``assignment_id``, only that one."""
    where = []
    if deadline_until is not None:
        due = Assignment.deadline <= deadline_until
        where.append(or_(due, Assignment.deadline.is_(None)) if undated else due)
    if assignment_id is not None:
        where.append(Assignment.id == assignment_id)
    return list((await session.execute(open_assignments(*where))).all())


async def sweep_facts(
    session: Session, assignment_ids: Iterable[int], person_ids: Iterable[int]
) -> tuple[dict[int, Row], dict[int, Row]]:
    """What the sweep checks before sending, by id, in two queries.

    Assignments: status, deadline, withdrawn_at, focal_person_id, agency_id, updated_at,
    snoozed_until and task_withdrawn_at. People: active, agency_id, role.
    """
    assignments = {
        row.id: row
        for row in await session.execute(
            select(
                Assignment.id,
                Assignment.status,
                Assignment.deadline,
                Assignment.withdrawn_at,
                Assignment.focal_person_id,
                Assignment.agency_id,
                Assignment.updated_at,
                Assignment.snoozed_until,
                Task.withdrawn_at.label("task_withdrawn_at"),
            )
            .join(Task, Task.id == Assignment.task_id)
            .where(Assignment.id.in_(set(assignment_ids)))
        )
    }
    people = {
        row.id: row
        for row in await session.execute(
            select(Person.id, Person.active, Person.agency_id, Person.role).where(
                Person.id.in_(set(person_ids))
            )
        )
    }
    return assignments, people
