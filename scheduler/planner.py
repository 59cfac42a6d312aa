"""From the store to the policy and back: plan the nudges of a window into the ledger.

Planning reads open assignments and their people, asks the pure policy for
the nudges of the window, and records them in the ledger (idempotently). It
runs at start-up and once a day, and for one assignment when its deadline or
focal person changes; the sweep itself never plans.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from scheduler.calendar import WorkCalendar
from scheduler.policy import AssignmentFacts, PlannedNudge, ReminderRules, plan_nudges
from storage.db import Session
from storage.enums import Role
from storage.ledger import record_planned
from storage.planning import active_recipients, open_assignment_rows

# After downtime the window reaches back this far, so the latest nudge that
# came due while the service was down is still found (older ones are skipped).
LOOKBACK = timedelta(days=14)
# Rows per INSERT of a planning: their parameters are built on the event loop (some
# 40 ms per thousand), so a plan of 50,000 nudges must not go in as one block.
RECORD_CHUNK = 1000


@dataclass(frozen=True)
class Recipients:
    officials: dict[int, tuple[int, ...]]  # agency id -> active officials
    leaders: dict[int, tuple[int, ...]]  # agency id -> active leaders


async def load_recipients(session: Session) -> Recipients:
    officials: dict[int, list[int]] = defaultdict(list)
    leaders: dict[int, list[int]] = defaultdict(list)
    for person_id, agency_id, role in await active_recipients(session):
        if role is Role.OFFICIAL:
            officials[agency_id].append(person_id)
        elif role is Role.LEADER:
            leaders[agency_id].append(person_id)
    return Recipients(
        {k: tuple(v) for k, v in officials.items()}, {k: tuple(v) for k, v in leaders.items()}
    )


def facts_for(row, recipients: Recipients, calendar: WorkCalendar | None = None) -> AssignmentFacts:
    """The policy's facts of an assignment row; with ``calendar``, its last update (the
    local day it resets the overdue ladder on) and its snooze count too."""
    officials = (
        (row.focal_person_id,)
        if row.focal_person_id
        else recipients.officials.get(row.agency_id, ())
    )
    updated_at = getattr(row, "updated_at", None)
    return AssignmentFacts(
        assignment_id=row.id,
        deadline=row.deadline,
        status=row.status,
        officials=officials,
        leaders=recipients.leaders.get(row.agency_id, ()),
        answered_on=calendar.local_date(updated_at) if calendar and updated_at else None,
        snoozed_until=getattr(row, "snoozed_until", None) if calendar else None,
    )


async def planned_nudges(
    session: Session,
    rules: ReminderRules,
    calendar: WorkCalendar,
    start: date,
    end: date,
    *,
    assignment_id: int | None = None,
) -> list[tuple[PlannedNudge, str]]:
    """The policy's nudges in [start, end] for open assignments (or the one), with codes."""
    # A deadline far after the window cannot have a nudge in it yet.
    horizon = end + timedelta(days=2 * max(rules.remind_before, default=0) + 31)
    recipients = await load_recipients(session)
    rows = await open_assignment_rows(
        session,
        deadline_until=horizon,
        undated=rules.continuous_checkin != "off",
        assignment_id=assignment_id,
    )
    # Pure CPU over every open assignment (a second on a large plan): off the event loop.
    return await asyncio.to_thread(_plan_rows, rows, recipients, rules, calendar, start, end)


def _plan_rows(rows, recipients: Recipients, rules, calendar, start: date, end: date):
    out = []
    for row in rows:
        ended = row.agency_ended_on
        for nudge in plan_nudges(facts_for(row, recipients, calendar), rules, calendar, start, end):
            # An ended agency gets nothing from its end date on (storage.agencies).
            if ended is None or calendar.local_date(nudge.due_at) < ended:
                out.append((nudge, row.code))
    return out


async def plan_window(
    session: Session,
    rules: ReminderRules,
    calendar: WorkCalendar,
    now: datetime,
    *,
    assignment_id: int | None = None,
    ahead_days: int = 1,
) -> int:
    """Record in the ledger every nudge from ``now - LOOKBACK`` to ``ahead_days`` after today.

    All open assignments, or only ``assignment_id``.
    """
    today = calendar.local_date(now)
    start, end = calendar.local_date(now - LOOKBACK), today + timedelta(days=ahead_days)
    planned = await planned_nudges(
        session, rules, calendar, start, end, assignment_id=assignment_id
    )
    added = 0
    for i in range(0, len(planned), RECORD_CHUNK):  # the loop serves others between chunks
        chunk = planned[i : i + RECORD_CHUNK]
        rows = ((n.assignment_id, n.person_id, n.kind, n.for_deadline, n.due_at) for n, _ in chunk)
        added += await record_planned(session, rows, now)
    return added


async def plan_assignment(session, rules, calendar, now, assignment_id: int) -> int:
    """Replan one assignment (after an extension or a new focal person)."""
    return await plan_window(session, rules, calendar, now, assignment_id=assignment_id)
