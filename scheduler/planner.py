"""From the store to the policy and back: plan the nudges of a window into the ledger.

Planning reads open assignments and their people, asks the pure policy for
the nudges of the window, and records them in the ledger (idempotently). It
runs at start-up and once a day, and for one assignment when its deadline or
focal person changes; the sweep itself never plans.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from scheduler.calendar import WorkCalendar
from scheduler.policy import AssignmentFacts, PlannedNudge, ReminderRules, plan_nudges
from storage.enums import Role, Status
from storage.ledger import record_planned
from storage.models import Assignment, Person, Task

# After downtime the window reaches back this far, so the latest nudge that
# came due while the service was down is still found (older ones are skipped).
LOOKBACK = timedelta(days=14)


@dataclass(frozen=True)
class Recipients:
    officials: dict[int, tuple[int, ...]]  # agency id -> active officials
    leaders: dict[int, tuple[int, ...]]  # agency id -> active leaders


async def load_recipients(session: AsyncSession) -> Recipients:
    officials: dict[int, list[int]] = defaultdict(list)
    leaders: dict[int, list[int]] = defaultdict(list)
    query = select(Person.id, Person.agency_id, Person.role).where(Person.active.is_(True))
    for person_id, agency_id, role in (await session.execute(query.order_by(Person.id))).all():
        if role is Role.OFFICIAL:
            officials[agency_id].append(person_id)
        elif role is Role.LEADER:
            leaders[agency_id].append(person_id)
    return Recipients(
        {k: tuple(v) for k, v in officials.items()}, {k: tuple(v) for k, v in leaders.items()}
    )


def facts_for(row, recipients: Recipients) -> AssignmentFacts:
    officials = (
        (row.focal_person_id,)
        if row.focal_person_id
        else recipients.officials.get(row.agency_id, ())
    )
    return AssignmentFacts(
        assignment_id=row.id,
        deadline=row.deadline,
        status=row.status,
        officials=officials,
        leaders=recipients.leaders.get(row.agency_id, ()),
    )


def open_assignments(*where):
    return (
        select(
            Assignment.id,
            Assignment.agency_id,
            Assignment.deadline,
            Assignment.status,
            Assignment.focal_person_id,
            Assignment.code,
        )
        .join(Task, Task.id == Assignment.task_id)
        .where(
            Assignment.status != Status.DONE,
            Assignment.withdrawn_at.is_(None),
            Task.withdrawn_at.is_(None),
            *where,
        )
    )


async def planned_nudges(
    session: AsyncSession,
    rules: ReminderRules,
    calendar: WorkCalendar,
    start: date,
    end: date,
    *where,
) -> list[tuple[PlannedNudge, str]]:
    """The policy's nudges in [start, end] for open assignments, with assignment codes."""
    # A deadline far after the window cannot have a nudge in it yet.
    horizon = end + timedelta(days=2 * max(rules.remind_before, default=0) + 31)
    deadline_filter = Assignment.deadline <= horizon
    if rules.continuous_checkin != "off":
        deadline_filter = or_(deadline_filter, Assignment.deadline.is_(None))
    recipients = await load_recipients(session)
    rows = (await session.execute(open_assignments(deadline_filter, *where))).all()
    out = []
    for row in rows:
        for nudge in plan_nudges(facts_for(row, recipients), rules, calendar, start, end):
            out.append((nudge, row.code))
    return out


async def plan_window(
    session: AsyncSession,
    rules: ReminderRules,
    calendar: WorkCalendar,
    now: datetime,
    *where,
    ahead_days: int = 1,
) -> int:
    """Record in the ledger every nudge from ``now - LOOKBACK`` to ``ahead_days`` after today."""
    today = calendar.local_date(now)
    start, end = calendar.local_date(now - LOOKBACK), today + timedelta(days=ahead_days)
    planned = await planned_nudges(session, rules, calendar, start, end, *where)
    return await record_planned(
        session,
        ((n.assignment_id, n.person_id, n.kind, n.for_deadline, n.due_at) for n, _ in planned),
        now,
    )


async def plan_assignment(session, rules, calendar, now, assignment_id: int) -> int:
    """Replan one assignment (after an extension or a new focal person)."""
    return await plan_window(session, rules, calendar, now, Assignment.id == assignment_id)
