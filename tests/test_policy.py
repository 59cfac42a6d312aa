from datetime import UTC, date, datetime, time, timedelta

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.calendar import WorkCalendar
from scheduler.calendar_corrections import CORRECTIONS
from scheduler.policy import (
    AssignmentFacts,
    PlannedNudge,
    ReminderRules,
    kind_order,
    plan_nudges,
)
from storage.enums import OPEN_STATUSES, Status
from tests.kit import CAL, RULES
from tests.kit import TZ as VN

OFFICIAL, LEADER = 1, 9
LEGACY = ReminderRules(overdue_every=2)  # the fixed interval of before issue 11


def facts(deadline, status="in_progress", officials=(OFFICIAL,), leaders=(LEADER,)):
    return AssignmentFacts(7, deadline, status, officials, leaders)


def plan(deadline, start, end, rules=RULES, **kwargs):
    return plan_nudges(facts(deadline, **kwargs), rules, CAL, start, end)


def brief(nudges):
    """(local day, kind, person) per nudge, checking each is at 07:30 local."""
    out = []
    for n in nudges:
        assert n.due_at.tzinfo is UTC
        assert n.due_at.astimezone(VN).time() == time(7, 30)
        out.append((n.due_at.astimezone(VN).date().isoformat(), n.kind, n.person_id))
    return out


# Deadlines


def test_the_legacy_interval_on_a_mid_week_deadline():
    nudges = plan(date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 3), rules=LEGACY)
    assert brief(nudges) == [
        ("2024-03-11", "before:7", OFFICIAL),
        ("2024-03-15", "before:3", OFFICIAL),
        ("2024-03-19", "before:1", OFFICIAL),
        ("2024-03-20", "due", OFFICIAL),
        ("2024-03-22", "overdue:2", OFFICIAL),
        ("2024-03-26", "overdue:4", OFFICIAL),
        ("2024-03-28", "overdue:6", OFFICIAL),
        ("2024-03-28", "escalation:6", LEADER),
        ("2024-04-01", "overdue:8", OFFICIAL),
        ("2024-04-03", "overdue:10", OFFICIAL),
        ("2024-04-03", "escalation:10", LEADER),
    ]
    assert nudges[0] == PlannedNudge(
        datetime(2024, 3, 11, 0, 30, tzinfo=UTC), 7, OFFICIAL, "before:7", date(2024, 3, 20)
    )
    assert {n.for_deadline for n in nudges} == {date(2024, 3, 20)}


def test_a_sunday_deadline_counts_from_the_friday_before():
    nudges = plan(date(2024, 3, 31), date(2024, 3, 1), date(2024, 4, 2), rules=LEGACY)
    assert brief(nudges) == [
        ("2024-03-20", "before:7", OFFICIAL),
        ("2024-03-26", "before:3", OFFICIAL),
        ("2024-03-28", "before:1", OFFICIAL),
        ("2024-03-29", "due", OFFICIAL),
        ("2024-04-02", "overdue:2", OFFICIAL),
    ]
    assert {n.for_deadline for n in nudges} == {date(2024, 3, 31)}


def test_a_holiday_deadline_counts_from_the_last_working_day_before_it():
    # 30/4/2024 is off, so are 29/4 and the weekend: the effective deadline is Fri 26/4.
    nudges = plan(date(2024, 4, 30), date(2024, 4, 23), date(2024, 5, 6), rules=LEGACY)
    assert brief(nudges) == [
        ("2024-04-23", "before:3", OFFICIAL),
        ("2024-04-25", "before:1", OFFICIAL),
        ("2024-04-26", "due", OFFICIAL),
        ("2024-05-03", "overdue:2", OFFICIAL),  # 2/5 and 3/5
        ("2024-05-06", "overdue:4", OFFICIAL),  # the worked Saturday 4/5 counts
    ]


def test_before_7_spans_tet():
    nudges = plan(date(2024, 2, 20), date(2024, 1, 1), date(2024, 2, 20))
    assert brief(nudges) == [
        ("2024-02-02", "before:7", OFFICIAL),
        ("2024-02-15", "before:3", OFFICIAL),
        ("2024-02-19", "before:1", OFFICIAL),
        ("2024-02-20", "due", OFFICIAL),
    ]


# The humane ladder (issue 11)


def test_default_ladder_on_a_mid_week_deadline():
    nudges = plan(date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 30))
    assert brief(nudges) == [
        ("2024-03-11", "before:7", OFFICIAL),
        ("2024-03-15", "before:3", OFFICIAL),
        ("2024-03-19", "before:1", OFFICIAL),
        ("2024-03-20", "due", OFFICIAL),
        ("2024-03-21", "overdue:1", OFFICIAL),  # level 0: the next working day
        ("2024-03-25", "overdue:3", OFFICIAL),
        ("2024-03-29", "overdue:7", OFFICIAL),  # two left unanswered: the leader is told
        ("2024-03-29", "escalation:7", LEADER),
        ("2024-04-05", "overdue:12", OFFICIAL),  # then weekly, the cap
        ("2024-04-05", "escalation:12", LEADER),
        ("2024-04-12", "overdue:17", OFFICIAL),
        ("2024-04-12", "escalation:17", LEADER),
        ("2024-04-22", "overdue:22", OFFICIAL),  # 18/4 (Hùng Kings) is off
        ("2024-04-22", "escalation:22", LEADER),
    ]
    assert nudges[0] == PlannedNudge(
        datetime(2024, 3, 11, 0, 30, tzinfo=UTC), 7, OFFICIAL, "before:7", date(2024, 3, 20)
    )


def test_an_update_resets_the_ladder_and_the_escalation():
    # Deadline Wed 20/3; the official answers on Tue 26/3 (after overdue:1 and overdue:3).
    answered = AssignmentFacts(7, date(2024, 3, 20), "in_progress", (OFFICIAL,), (LEADER,),
                               answered_on=date(2024, 3, 26))  # fmt: skip
    nudges = plan_nudges(answered, RULES, CAL, date(2024, 3, 26), date(2024, 4, 12))
    assert brief(nudges) == [
        ("2024-03-27", "overdue:5", OFFICIAL),  # level 0 again: a day after the answer
        ("2024-03-29", "overdue:7", OFFICIAL),  # level 1: no escalation yet
        ("2024-04-04", "overdue:11", OFFICIAL),  # level 2: now the leader hears of it
        ("2024-04-04", "escalation:11", LEADER),
        ("2024-04-11", "overdue:16", OFFICIAL),
        ("2024-04-11", "escalation:16", LEADER),
    ]


def test_an_update_before_the_deadline_changes_nothing():
    early = AssignmentFacts(7, date(2024, 3, 20), "in_progress", (OFFICIAL,), (LEADER,),
                            answered_on=date(2024, 3, 12))  # fmt: skip
    assert plan_nudges(early, RULES, CAL, date(2024, 3, 1), date(2024, 4, 3)) == plan(
        date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 3)
    )


def test_a_snooze_after_the_deadline_restarts_the_ladder_on_its_day():
    # Overdue since Wed 20/3; on Thu 21/3 the official snoozes until Mon 25/3.
    snoozed = AssignmentFacts(7, date(2024, 3, 20), "not_started", (OFFICIAL,), (LEADER,),
                              snoozed_until=date(2024, 3, 25))  # fmt: skip
    nudges = plan_nudges(snoozed, RULES, CAL, date(2024, 3, 22), date(2024, 4, 5))
    assert brief(nudges) == [
        ("2024-03-25", "overdue:3", OFFICIAL),  # the snooze's day, level 0
        ("2024-03-27", "overdue:5", OFFICIAL),  # level 1 (two days later, as 1 → 3)
        ("2024-04-02", "overdue:9", OFFICIAL),  # level 2: the leader is told
        ("2024-04-02", "escalation:9", LEADER),
    ]


def test_a_snooze_before_the_deadline_drops_what_falls_before_it():
    # before:7 on Mon 11/3; snoozed until Wed 13/3: nothing on 11-12, one nudge on 13/3.
    snoozed = AssignmentFacts(7, date(2024, 3, 20), "not_started", (OFFICIAL,), (LEADER,),
                              snoozed_until=date(2024, 3, 13))  # fmt: skip
    nudges = plan_nudges(snoozed, RULES, CAL, date(2024, 3, 11), date(2024, 3, 20))
    assert brief(nudges) == [
        ("2024-03-13", "before:5", OFFICIAL),
        ("2024-03-15", "before:3", OFFICIAL),
        ("2024-03-19", "before:1", OFFICIAL),
        ("2024-03-20", "due", OFFICIAL),
    ]


def test_a_snooze_to_a_day_off_ends_on_the_next_working_day():
    snoozed = AssignmentFacts(7, date(2024, 3, 20), "not_started", (OFFICIAL,), (LEADER,),
                              snoozed_until=date(2024, 3, 23))  # fmt: skip
    nudges = plan_nudges(snoozed, RULES, CAL, date(2024, 3, 21), date(2024, 3, 25))
    assert brief(nudges) == [("2024-03-25", "overdue:3", OFFICIAL)]


def test_a_custom_ladder_and_cap():
    rules = ReminderRules(remind_before=(), overdue_ladder=(2, 4), overdue_cap=10, escalate_after=1)
    nudges = plan(date(2024, 6, 3), date(2024, 6, 4), date(2024, 7, 5), rules=rules)
    assert brief(nudges) == [
        ("2024-06-05", "overdue:2", OFFICIAL),
        ("2024-06-07", "overdue:4", OFFICIAL),
        ("2024-06-07", "escalation:4", LEADER),
        ("2024-06-21", "overdue:14", OFFICIAL),
        ("2024-06-21", "escalation:14", LEADER),
        ("2024-07-05", "overdue:24", OFFICIAL),
        ("2024-07-05", "escalation:24", LEADER),
    ]


def test_the_check_in_time_sets_when_every_nudge_is_due():
    rules = ReminderRules(checkin_at=time(8, 15))
    nudges = plan(date(2024, 3, 20), date(2024, 3, 11), date(2024, 3, 21), rules=rules)
    assert {n.due_at.astimezone(VN).time() for n in nudges} == {time(8, 15)}


def test_overdue_every_working_day_escalating_every_third():
    rules = ReminderRules(remind_before=(), overdue_every=1, escalate_after=3)
    nudges = plan(date(2024, 6, 3), date(2024, 6, 4), date(2024, 6, 14), rules=rules)
    assert brief(nudges) == [
        ("2024-06-04", "overdue:1", OFFICIAL),
        ("2024-06-05", "overdue:2", OFFICIAL),
        ("2024-06-06", "overdue:3", OFFICIAL),
        ("2024-06-07", "overdue:4", OFFICIAL),
        ("2024-06-07", "escalation:4", LEADER),
        ("2024-06-10", "overdue:5", OFFICIAL),
        ("2024-06-11", "overdue:6", OFFICIAL),
        ("2024-06-12", "overdue:7", OFFICIAL),
        ("2024-06-12", "escalation:7", LEADER),
        ("2024-06-13", "overdue:8", OFFICIAL),
        ("2024-06-14", "overdue:9", OFFICIAL),
    ]


def test_escalate_after_one_tells_the_leaders_from_the_second_slot_on():
    rules = ReminderRules(remind_before=(5,), overdue_every=3, escalate_after=1)
    nudges = plan(date(2024, 6, 3), date(2024, 1, 1), date(2024, 6, 13), rules=rules)
    assert brief(nudges) == [
        ("2024-05-27", "before:5", OFFICIAL),
        ("2024-06-03", "due", OFFICIAL),
        ("2024-06-06", "overdue:3", OFFICIAL),
        ("2024-06-11", "overdue:6", OFFICIAL),
        ("2024-06-11", "escalation:6", LEADER),
    ]


def test_legacy_escalations_keep_coming_while_open():
    nudges = plan(date(2024, 3, 20), date(2024, 3, 21), date(2024, 6, 28), rules=LEGACY)
    leader_kinds = [n.kind for n in nudges if n.person_id == LEADER]
    assert leader_kinds[:4] == ["escalation:6", "escalation:10", "escalation:14", "escalation:18"]
    official_kinds = [n.kind for n in nudges if n.person_id == OFFICIAL]
    assert official_kinds[:4] == ["overdue:2", "overdue:4", "overdue:6", "overdue:8"]


def test_the_window_is_inclusive_and_bounds_the_series():
    due_day = plan(date(2024, 3, 20), date(2024, 3, 20), date(2024, 3, 20))
    assert brief(due_day) == [("2024-03-20", "due", OFFICIAL)]
    assert plan(date(2024, 3, 20), date(2024, 3, 21), date(2024, 3, 20)) == []
    # Two years on, the series is still counted in working days from the deadline.
    far = plan(date(2024, 3, 20), date(2026, 3, 2), date(2026, 3, 3), rules=LEGACY)
    assert brief(far) == [
        ("2026-03-02", "overdue:486", OFFICIAL),
        ("2026-03-02", "escalation:486", LEADER),
    ]
    assert worked_days_between(date(2024, 3, 20), date(2026, 3, 2), frozenset()) == 486


# People and statuses


def test_without_officials_the_leaders_get_everything_once():
    nudges = plan(
        date(2024, 3, 20),
        date(2024, 3, 1),
        date(2024, 4, 3),
        officials=(),
        leaders=(9, 8),
        rules=LEGACY,
    )
    assert brief(nudges) == [
        (day, kind, person)
        for day, kind in [
            ("2024-03-11", "before:7"),
            ("2024-03-15", "before:3"),
            ("2024-03-19", "before:1"),
            ("2024-03-20", "due"),
            ("2024-03-22", "overdue:2"),
            ("2024-03-26", "overdue:4"),
            ("2024-03-28", "escalation:6"),
            ("2024-04-01", "overdue:8"),
            ("2024-04-03", "escalation:10"),
        ]
        for person in (8, 9)
    ]


def test_an_official_who_is_also_a_leader_gets_the_escalation_instead():
    nudges = plan(
        date(2024, 3, 20), date(2024, 3, 28), date(2024, 3, 28), officials=(1, 9), rules=LEGACY
    )
    assert brief(nudges) == [
        ("2024-03-28", "overdue:6", 1),
        ("2024-03-28", "escalation:6", 9),
    ]


def test_nobody_to_tell_plans_nothing():
    assert (
        plan(date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 30), officials=(), leaders=()) == []
    )


@pytest.mark.parametrize("status", ["done", Status.DONE])
def test_done_gets_nothing(status):
    assert plan(date(2024, 3, 20), date(2024, 1, 1), date(2024, 12, 31), status=status) == []


@pytest.mark.parametrize("status", ["not_started", "blocked", "extension_requested"])
def test_open_statuses_keep_being_nudged(status):
    expected = plan(date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 30))
    assert expected
    assert plan(date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 30), status=status) == expected


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError):
        plan(date(2024, 3, 20), date(2024, 3, 1), date(2024, 4, 30), status="finished")


def test_an_extension_replans_from_the_new_deadline():
    nudges = plan(date(2024, 4, 10), date(2024, 3, 21), date(2024, 4, 10))
    assert brief(nudges) == [
        ("2024-04-01", "before:7", OFFICIAL),
        ("2024-04-05", "before:3", OFFICIAL),
        ("2024-04-09", "before:1", OFFICIAL),
        ("2024-04-10", "due", OFFICIAL),
    ]
    assert {n.for_deadline for n in nudges} == {date(2024, 4, 10)}


# Continuous duties


def test_continuous_duty_without_checkins_gets_nothing():
    assert plan(None, date(2024, 1, 1), date(2024, 12, 31)) == []


def test_monthly_checkins_on_the_last_working_day():
    rules = ReminderRules(continuous_checkin="monthly")
    nudges = plan(None, date(2024, 1, 1), date(2024, 12, 31), rules=rules)
    assert len(nudges) == 12
    days = {n.kind: n.due_at.astimezone(VN).date() for n in nudges}
    assert days["checkin:2024-01"] == date(2024, 1, 31)
    assert days["checkin:2024-03"] == date(2024, 3, 29)  # 31/3 a Sunday
    assert days["checkin:2024-04"] == date(2024, 4, 26)  # 29–30/4 off
    assert days["checkin:2024-08"] == date(2024, 8, 30)
    assert days["checkin:2024-12"] == date(2024, 12, 31)
    assert all(n.for_deadline == n.due_at.astimezone(VN).date() for n in nudges)
    assert {n.person_id for n in nudges} == {OFFICIAL}


def test_quarterly_checkins_within_the_window():
    rules = ReminderRules(continuous_checkin="quarterly")
    nudges = plan(None, date(2024, 5, 15), date(2024, 10, 1), rules=rules, officials=())
    assert brief(nudges) == [
        ("2024-06-28", "checkin:2024-Q2", LEADER),
        ("2024-09-30", "checkin:2024-Q3", LEADER),
    ]
    year = plan(None, date(2024, 1, 1), date(2024, 12, 31), rules=rules)
    assert [n.kind for n in year] == [f"checkin:2024-Q{q}" for q in (1, 2, 3, 4)]
    assert year[0].due_at.astimezone(VN).date() == date(2024, 3, 29)


# Kinds and rules


def test_kind_order():
    kinds = ["before:7", "before:3", "before:1", "due", "overdue:2", "escalation:2", "overdue:4"]
    assert sorted(reversed(kinds), key=kind_order) == kinds
    assert kind_order("overdue:10") > kind_order("escalation:6")
    assert kind_order("checkin:2024-12") > kind_order("checkin:2024-Q3")
    for bad in ("before:0", "overdue", "late:2", "checkin:2024-13", "due:1"):
        with pytest.raises(ValueError):
            kind_order(bad)


def test_rules_are_validated():
    for bad in (
        {"remind_before": (0,)},
        {"overdue_every": 0},
        {"escalate_after": 0},
        {"overdue_ladder": ()},
        {"overdue_ladder": (3, 1)},
        {"overdue_ladder": (0, 2)},
        {"overdue_cap": 0},
        {"continuous_checkin": "weekly"},
    ):
        with pytest.raises(ValueError):
            ReminderRules(**bad)


# Properties, checked against the holidays package directly


PACKAGE = holidays.country_holidays("VN", years=range(2023, 2028))
CORRECTED = {c.day: c.kind == "work" for c in CORRECTIONS}


def worked(day: date, extra_off: frozenset[date]) -> bool:
    if day in extra_off:
        return False
    if day in CORRECTED:
        return CORRECTED[day]
    if day in PACKAGE:
        return False
    return day.weekday() < 5 or day in PACKAGE.weekend_workdays


def worked_days_between(a: date, b: date, extra_off: frozenset[date]) -> int:
    """Working days in (a, b], a ≤ b."""
    return sum(worked(a + timedelta(days=i), extra_off) for i in range(1, (b - a).days + 1))


def effective_deadline(deadline: date, extra_off: frozenset[date]) -> date:
    while not worked(deadline, extra_off):
        deadline -= timedelta(days=1)
    return deadline


deadlines = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))
extra_days_off = st.frozensets(
    st.dates(min_value=date(2023, 11, 1), max_value=date(2027, 2, 28)), max_size=10
)
rule_sets = st.builds(
    ReminderRules,
    remind_before=st.frozensets(st.integers(1, 15), max_size=5).map(
        lambda s: tuple(sorted(s, reverse=True))
    ),
    overdue_every=st.one_of(st.none(), st.integers(1, 10)),
    escalate_after=st.integers(1, 5),
    overdue_ladder=st.frozensets(st.integers(1, 12), min_size=1, max_size=4).map(
        lambda s: tuple(sorted(s))
    ),
    overdue_cap=st.integers(1, 10),
)
work_hours = st.tuples(
    st.integers(5, 11), st.sampled_from([0, 15, 30, 45]), st.integers(1, 10)
).map(lambda t: (time(t[0], t[1]), time(min(t[0] + t[2], 23), t[1])))
people = st.lists(st.integers(1, 6), max_size=3).map(tuple)


@settings(max_examples=200, deadline=None)
@given(
    deadlines,
    rule_sets,
    work_hours,
    extra_days_off,
    people,
    people,
    st.sampled_from(sorted(OPEN_STATUSES)),
)
def test_nudges_respect_the_calendar_and_the_rules(
    deadline, rules, hours, extra_off, officials, leaders, status
):
    calendar = WorkCalendar(VN, *hours, extra_days_off=extra_off)
    start, end = deadline - timedelta(days=60), deadline + timedelta(days=45)
    nudges = plan_nudges(
        AssignmentFacts(1, deadline, status, officials, leaders), rules, calendar, start, end
    )
    effective = effective_deadline(deadline, extra_off)
    by_person: dict[int, list] = {}
    for n in nudges:
        local = n.due_at.astimezone(VN)
        day = local.date()
        assert start <= day <= end
        assert worked(day, extra_off), n
        assert hours[0] <= local.time() < hours[1], n
        assert n.for_deadline == deadline
        series, _, count = n.kind.partition(":")
        if series == "before":
            assert worked_days_between(day, effective, extra_off) == int(count)
        elif series == "due":
            assert day == effective
        else:
            assert worked_days_between(effective, day, extra_off) == int(count)
            if rules.overdue_every is not None:
                assert int(count) % rules.overdue_every == 0
            else:  # on the ladder: a level's offset from the deadline
                levels = {rules.level_offset(k) for k in range(int(count) + 1)}
                assert int(count) in levels
        by_person.setdefault(n.person_id, []).append(n)
    for own in by_person.values():
        by_time = sorted(own, key=lambda n: n.due_at)
        by_kind = sorted(own, key=lambda n: kind_order(n.kind))
        assert by_time == by_kind
        assert len({n.due_at for n in own}) == len(own)  # one nudge per person at a time
    if officials or leaders:
        befores = {n.kind for n in nudges if n.kind.startswith("before:")}
        assert befores == {f"before:{b}" for b in rules.remind_before}
        assert any(n.kind == "due" for n in nudges)
    assert (
        plan_nudges(
            AssignmentFacts(1, deadline, "done", officials, leaders), rules, calendar, start, end
        )
        == []
    )
