"""Reminder policy: which nudges an assignment gets, and when. Pure: no I/O, no clock.

The *effective deadline* is the last working day on or before the deadline (a
deadline on a Sunday or a holiday counts from the working day before it). Every
N below counts WORKING days from the effective deadline.

- ``before:N`` for each N in ``remind_before``: N working days before it;
- ``due``: on the effective deadline;
- ``overdue:N`` (N: working days past the effective deadline) on a humane ladder:
  ``overdue_ladder`` working days after the *anchor* (default 1, 3, 7), then every
  ``overdue_cap`` working days (default 5: weekly) while the assignment stays open;
  the series is cut at the end of the window asked for. Each level's grace is the
  gap to the next one: an answer within it stops the climb. The anchor is the
  effective deadline, or the day of the assignment's last update when later (any
  update resets the clock: the ladder starts again from level 0);
- ``escalation:N`` to the leaders at every level from ``escalate_after`` (E) on,
  i.e. once E overdue nudges went unanswered; with the defaults the officials get
  overdue:1, 3, 7, 12, 17, ... and the leaders escalation:7, 12, 17, ...;
- a snooze ("Nhắc lại sau") until day S drops every nudge of the assignment before
  S and puts one on S (``before:N``/``due`` before the deadline, else the ladder
  starts again at S, level 0): it counts as an answer, never as ignoring;
- the legacy fixed interval (``overdue_every`` set): overdue slot k falls k *
  every working days after the deadline, escalations at slot k when k > E and
  (k - 1) % E == 0 (every=2, E=2: overdue:2, 4, 6, ... and escalation:6, 10, ...);
- ``checkin:YYYY-MM`` / ``checkin:YYYY-Qn``: a continuous duty (no deadline) gets
  nothing unless ``continuous_checkin`` is ``monthly`` / ``quarterly``: then one
  on the last working day of each month / quarter.

Each nudge is due at ``checkin_at`` (default: the start of work hours) on its
day, so none falls on a day off or outside work hours. Recipients are the
officials, or the leaders when there are none; a person due both overdue:N and
escalation:N gets only the escalation. A done assignment gets nothing; every
other status (blocked and extension_requested included) keeps being nudged. An approved extension is
planned by passing the new deadline, which each nudge carries as
``for_deadline``. Chats are not the policy's business: people without one are
planned like everyone else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

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
    # None: the ladder below; a number: the legacy fixed interval (working days)
    overdue_every: int | None = None
    escalate_after: int = 2  # overdue nudges left unanswered before the leaders are told
    continuous_checkin: str = "off"  # off | monthly | quarterly
    overdue_ladder: tuple[int, ...] = (1, 3, 7)  # working days after the anchor
    overdue_cap: int = 5  # working days between overdue nudges after the last level
    checkin_at: time | None = None  # local time of the daily check-in; None: work start

    def __post_init__(self) -> None:
        if any(n < 1 for n in self.remind_before):
            raise ValueError("remind_before: whole numbers of working days ≥ 1")
        if (self.overdue_every is not None and self.overdue_every < 1) or self.escalate_after < 1:
            raise ValueError("overdue_every and escalate_after must be ≥ 1")
        ladder = self.overdue_ladder
        if not ladder or ladder[0] < 1 or list(ladder) != sorted(set(ladder)):
            raise ValueError("overdue_ladder: increasing whole numbers of working days ≥ 1")
        if self.overdue_cap < 1:
            raise ValueError("overdue_cap must be ≥ 1")
        if self.continuous_checkin not in CHECKINS:
            raise ValueError(f"continuous_checkin: one of {', '.join(CHECKINS)}")

    @property
    def first_grace(self) -> int:
        """Working days an answer to the first overdue nudge has before the next one."""
        if self.overdue_every is not None:
            return self.overdue_every
        return self.level_offset(1) - self.level_offset(0)

    def level_offset(self, level: int) -> int:
        """Working days from the anchor to ladder level ``level`` (0-based), cap included."""
        ladder = self.overdue_ladder
        if level < len(ladder):
            return ladder[level]
        return ladder[-1] + (level - len(ladder) + 1) * self.overdue_cap


@dataclass(frozen=True)
class AssignmentFacts:
    assignment_id: int
    deadline: date | None  # None: a continuous duty
    status: str  # a storage.enums.Status value
    officials: tuple[int, ...]  # person ids to nudge (the focal person, if any, already picked)
    leaders: tuple[int, ...]  # the lead agency's leaders: escalations
    answered_on: date | None = None  # local day of the last update: resets the ladder
    snoozed_until: date | None = None  # "Nhắc lại sau": nothing before this local day


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
        slots = _deadline_slots(facts, rules, calendar, end, officials, leaders)
    if facts.deadline is not None and facts.snoozed_until is not None:
        slots = _snoozed(facts.deadline, facts.snoozed_until, calendar, slots, officials)
    nudges = [
        PlannedNudge(
            due_at(calendar, rules, slot.day),
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


def workdays_left(calendar: WorkCalendar, deadline: date, today: date) -> int:
    """Working days from ``today`` to the effective deadline: > 0 left, 0 due today, < 0
    overdue by that many (the one unit every nudge and check-in speaks in)."""
    return calendar.workdays_between(today, calendar.workday_on_or_before(deadline))


def due_at(calendar: WorkCalendar, rules: ReminderRules, day: date) -> datetime:
    """When a nudge of the local ``day`` is due: the check-in time, or the start of work."""
    if rules.checkin_at is None:
        return calendar.work_start_at(day)
    return datetime.combine(day, rules.checkin_at, tzinfo=calendar.timezone).astimezone(UTC)


def _deadline_slots(
    facts: AssignmentFacts,
    rules: ReminderRules,
    calendar: WorkCalendar,
    end: date,
    officials: tuple[int, ...],
    leaders: tuple[int, ...],
) -> Iterator[_Slot]:
    deadline = facts.deadline
    assert deadline is not None
    effective = calendar.workday_on_or_before(deadline)
    for n in sorted(set(rules.remind_before), reverse=True):
        yield _Slot(calendar.add_workdays(effective, -n), f"before:{n}", officials, deadline)
    yield _Slot(effective, "due", officials, deadline)
    if rules.overdue_every is not None:
        yield from _fixed_interval(deadline, effective, rules, calendar, end, officials, leaders)
        return
    anchor = effective
    if facts.answered_on is not None and facts.answered_on > effective:
        anchor = calendar.workday_on_or_before(facts.answered_on)
    start_at_snooze = None
    if facts.snoozed_until is not None:
        back = _workday_on_or_after(calendar, facts.snoozed_until)
        if back > anchor and back > effective:
            start_at_snooze = back  # the ladder starts again there, at level 0
    level = 0
    # Each level steps on from the one before (a few working days), never from the anchor
    # again: a window years after the deadline costs levels, not levels × days.
    if start_at_snooze is not None:
        day = start_at_snooze
    else:
        day = calendar.add_workdays(anchor, rules.level_offset(0))
    n = calendar.workdays_between(effective, day)  # then counted on with each step
    while True:
        if level:
            step = rules.level_offset(level) - rules.level_offset(level - 1)
            day, n = calendar.add_workdays(day, step), n + step
        if day > end:
            return
        if level >= rules.escalate_after:
            yield _Slot(day, f"escalation:{n}", leaders, deadline)
            yield _Slot(day, f"overdue:{n}", _without(officials, leaders), deadline)
        else:
            yield _Slot(day, f"overdue:{n}", officials, deadline)
        level += 1


def _snoozed(
    deadline: date,
    until: date,
    calendar: WorkCalendar,
    slots: Iterator[_Slot],
    officials: tuple[int, ...],
) -> Iterator[_Slot]:
    """Nothing before the snooze's day; on it, one nudge at least (when before the deadline:
    the ``before:N``/``due`` of that day; after it the ladder already starts there)."""
    back = _workday_on_or_after(calendar, until)
    effective = calendar.workday_on_or_before(deadline)
    kept = [slot for slot in slots if slot.day >= back]
    if back <= effective and not any(slot.day == back for slot in kept):
        n = calendar.workdays_between(back, effective)
        kept.append(_Slot(back, f"before:{n}" if n else "due", officials, deadline))
    return iter(kept)


def _workday_on_or_after(calendar: WorkCalendar, day: date) -> date:
    return day if calendar.is_workday(day) else calendar.next_workday(day)


def _fixed_interval(
    deadline: date,
    effective: date,
    rules: ReminderRules,
    calendar: WorkCalendar,
    end: date,
    officials: tuple[int, ...],
    leaders: tuple[int, ...],
) -> Iterator[_Slot]:
    every, escalate_after = rules.overdue_every, rules.escalate_after
    assert every is not None
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
