"""Reminder policy: which nudges an assignment gets, and when. Pure: no I/O, no clock.

The *effective deadline* is the last working day on or before the deadline (a
deadline on a Sunday or a holiday counts from the working day before it). Every
N below counts WORKING days from the effective deadline.

- ``before:N`` for each N in ``remind_before``: N working days before it;
- ``due``: on the effective deadline;
- ``overdue:N``: overdue slot k (k = 1, 2, ...) falls k * ``overdue_every``
  working days after it, N = k * ``overdue_every``; the series never ends while
  the assignment is open, so it is cut at the end of the window asked for;
- ``escalation:N`` to the leaders: once ``escalate_after`` (E) overdue nudges
  have gone out, at the next overdue slot and again every E slots after that,
  i.e. at slot k when k > E and (k - 1) % E == 0. With every=2, E=2 the
  officials get overdue:2, 4, 6, 8, ... and the leaders escalation:6, 10, 14, ...;
- ``checkin:YYYY-MM`` / ``checkin:YYYY-Qn``: a continuous duty (no deadline) gets
  nothing unless ``continuous_checkin`` is ``monthly`` / ``quarterly``: then one
  on the last working day of each month / quarter.

Each nudge is due at the start of work hours on its day, so none falls on a day
off or outside work hours. Recipients are the officials, or the leaders when
there are none; a person due both overdue:N and escalation:N gets only the
escalation. A done assignment gets nothing; every other status (blocked and
extension_requested included) keeps being nudged. An approved extension is
planned by passing the new deadline, which each nudge carries as
``for_deadline``. Chats are not the policy's business: people without one are
planned like everyone else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from scheduler.calendar import WorkCalendar
from storage.enums import Status

CHECKINS = ("off", "monthly", "quarterly")
KIND = re.compile(
    r"(?P<series>before|overdue|escalation):(?P<n>[1-9]\d*)|due"
    r"|checkin:(?P<year>\d{4})-(?:Q(?P<quarter>[1-4])|(?P<month>0[1-9]|1[0-2]))"
)


@dataclass(frozen=True)
class ReminderRules:
    remind_before: tuple[int, ...] = (7, 3, 1)  # working days before the deadline
    overdue_every: int = 2  # working days between overdue nudges
    escalate_after: int = 2  # overdue nudges before the leaders are told
    continuous_checkin: str = "off"  # off | monthly | quarterly

    def __post_init__(self) -> None:
        if any(n < 1 for n in self.remind_before):
            raise ValueError("remind_before: whole numbers of working days ≥ 1")
        if self.overdue_every < 1 or self.escalate_after < 1:
            raise ValueError("overdue_every and escalate_after must be ≥ 1")
        if self.continuous_checkin not in CHECKINS:
            raise ValueError(f"continuous_checkin: one of {', '.join(CHECKINS)}")


@dataclass(frozen=True)
class AssignmentFacts:
    assignment_id: int
    deadline: date | None  # None: a continuous duty
    status: str  # a storage.enums.Status value
    officials: tuple[int, ...]  # person ids to nudge (the focal person, if any, already picked)
    leaders: tuple[int, ...]  # the lead agency's leaders: escalations


@dataclass(frozen=True, order=True)
class PlannedNudge:
    due_at: datetime  # aware UTC
    assignment_id: int
    person_id: int
    kind: str
    for_deadline: date  # the deadline planned against; for a check-in, its day


@dataclass(frozen=True)
class _Slot:
    day: date
    kind: str
    people: tuple[int, ...]
    for_deadline: date


def kind_order(kind: str) -> tuple[int, int, int]:
    """A sort key: before:7 < before:3 < before:1 < due < overdue:2 < escalation:2 < overdue:4 …"""
    match = KIND.fullmatch(kind)
    if match is None:
        raise ValueError(f"unknown nudge kind {kind!r}")
    if kind == "due":
        return (1, 0, 0)
    series = match["series"]
    if series is None:  # a check-in: by the month its period ends
        month = int(match["quarter"]) * 3 if match["quarter"] else int(match["month"])
        return (3, int(match["year"]) * 100 + month, 0)
    n = int(match["n"])
    return {"before": (0, -n, 0), "overdue": (2, n, 0), "escalation": (2, n, 1)}[series]


def plan_nudges(
    facts: AssignmentFacts,
    rules: ReminderRules,
    calendar: WorkCalendar,
    start: date,
    end: date,
) -> list[PlannedNudge]:
    """Every nudge whose local day lies in [start, end], by (due_at, kind_order, person)."""
    if Status(facts.status) is Status.DONE or end < start:
        return []
    leaders = tuple(dict.fromkeys(facts.leaders))
    officials = tuple(dict.fromkeys(facts.officials)) or leaders
    if facts.deadline is None:
        slots = _checkin_slots(rules, calendar, start, end, officials)
    else:
        slots = _deadline_slots(facts.deadline, rules, calendar, end, officials, leaders)
    nudges = [
        PlannedNudge(
            calendar.work_start_at(slot.day),
            facts.assignment_id,
            person,
            slot.kind,
            slot.for_deadline,
        )
        for slot in slots
        if start <= slot.day <= end
        for person in slot.people
    ]
    return sorted(nudges, key=lambda n: (n.due_at, kind_order(n.kind), n.person_id))


def _deadline_slots(
    deadline: date,
    rules: ReminderRules,
    calendar: WorkCalendar,
    end: date,
    officials: tuple[int, ...],
    leaders: tuple[int, ...],
) -> Iterator[_Slot]:
    effective = calendar.workday_on_or_before(deadline)
    for n in sorted(set(rules.remind_before), reverse=True):
        yield _Slot(calendar.add_workdays(effective, -n), f"before:{n}", officials, deadline)
    yield _Slot(effective, "due", officials, deadline)
    every, escalate_after = rules.overdue_every, rules.escalate_after
    day, k = calendar.add_workdays(effective, every), 1
    while day <= end:
        n = k * every
        if k > escalate_after and (k - 1) % escalate_after == 0:
            yield _Slot(day, f"escalation:{n}", leaders, deadline)
            yield _Slot(day, f"overdue:{n}", _without(officials, leaders), deadline)
        else:
            yield _Slot(day, f"overdue:{n}", officials, deadline)
        day, k = calendar.add_workdays(day, every), k + 1


def _checkin_slots(
    rules: ReminderRules,
    calendar: WorkCalendar,
    start: date,
    end: date,
    officials: tuple[int, ...],
) -> Iterator[_Slot]:
    if rules.continuous_checkin == "off":
        return
    step = 3 if rules.continuous_checkin == "quarterly" else 1
    year, month = start.year, -(-start.month // step) * step  # the period holding `start`
    while True:
        day = calendar.workday_on_or_before(_last_day_of_month(year, month))
        if day > end:
            return
        label = f"{year}-Q{month // 3}" if step == 3 else f"{year}-{month:02d}"
        yield _Slot(day, f"checkin:{label}", officials, day)
        year, month = (year + 1, month + step - 12) if month + step > 12 else (year, month + step)


def _last_day_of_month(year: int, month: int) -> date:
    first_of_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_of_next - timedelta(days=1)


def _without(people: tuple[int, ...], others: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(p for p in people if p not in others)
