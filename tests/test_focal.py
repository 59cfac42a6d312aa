"""Focal persons as data (issue 11 point 4): a people file column, /giao over every open
period, and only the focal person gets the official-level check-in."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from scheduler.planner import planned_nudges
from storage.imports.problems import ImportFailed
from storage.models import Assignment, Person
from tests.fakes.console_harness import ConsoleHarness
from tests.kit import CAL, RULES, World, local
from tests.kit.world import load_people

PEOPLE = """full_name,title,agency,role,focal_for
Đỗ Thanh Hằng,Phó Giám đốc,Sở Tư pháp,leader,
Hoàng Thu Hà,Chuyên viên,Sở Tư pháp,official,2.5
Trần Minh Khoa,Chuyên viên,Sở Tư pháp,official,
"""
PLAN = (
    "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ",
    "2.5,2,Báo cáo kết quả định kỳ,Sở Tư pháp,,,quarterly:day=10:month_of_quarter=3,Báo cáo",
)


async def focal_world(db, tmp_path, people: str = PEOPLE) -> World:
    world = World(db, tmp_path)
    await world.agencies()
    await world.plan(*PLAN)
    path = tmp_path / "people.csv"
    path.write_text(people, encoding="utf-8")
    await load_people(db, path)
    return world


async def focal_by_code(db) -> dict[str, str | None]:
    async with db.unit_of_work() as session:
        rows = (
            await session.execute(
                select(Assignment.code, Person.full_name).outerjoin(
                    Person, Person.id == Assignment.focal_person_id
                )
            )
        ).all()
    return dict(rows)  # a period's code is the full one, "2.5#2024-Q2"


async def test_a_focal_column_in_the_people_file_covers_every_period(db, tmp_path):
    await focal_world(db, tmp_path)
    focal = await focal_by_code(db)
    periods = {k: v for k, v in focal.items() if k.startswith("2.5#")}
    assert len(periods) == 4 and set(periods.values()) == {"Hoàng Thu Hà"}
    assert focal["2.1"] is None


async def test_only_the_focal_person_gets_the_officials_nudges(db, tmp_path):
    world = await focal_world(db, tmp_path)
    focal = await world.person(name="Hoàng Thu Hà")
    other = await world.person(name="Trần Minh Khoa")
    async with db.unit_of_work() as session:
        planned = await planned_nudges(
            session, RULES, CAL, local(2024, 1, 1).date(), local(2024, 12, 31).date()
        )
    by_task: dict[str, set[int]] = {}
    for nudge, code in planned:
        if not nudge.kind.startswith("escalation:"):
            by_task.setdefault(code.split("#")[0], set()).add(nudge.person_id)
    assert by_task["2.5"] == {focal.id}
    assert by_task["2.1"] == {focal.id, other.id}  # no focal: every official of the agency


@pytest.mark.parametrize(
    ("people", "problem"),
    [
        (PEOPLE.replace("leader,\n", "leader,2.5\n"), "focal_not_official"),
        (PEOPLE.replace("official,2.5", "official,9.9"), "focal_unknown_task"),
    ],
)
async def test_a_bad_focal_cell_is_a_problem_and_nothing_is_kept(db, tmp_path, people, problem):
    with pytest.raises(ImportFailed) as failed:
        await focal_world(db, tmp_path, people)
    assert [p.code for p in failed.value.problems] == [problem]
    assert set((await focal_by_code(db)).values()) == {None}


async def test_giao_names_the_focal_person_of_every_open_period_unless_one_is_named(db, tmp_path):
    from bot.inbound.dispatcher import Deps, Dispatcher

    world = await focal_world(db, tmp_path, PEOPLE.replace("official,2.5", "official,"))
    leader = await world.person(name="Đỗ Thanh Hằng")
    clock_now = local(2024, 3, 6, 8, 0)
    harness = ConsoleHarness()
    dispatcher = Dispatcher(Deps(db, {"console": harness.channel}, CAL, RULES, lambda: clock_now))
    await harness.start(dispatcher.receive)
    try:
        await harness.say(f"/start {await world.invite(leader, clock_now)}")
        answer = await harness.say("/giao 2.5 Trần Minh Khoa")
        assert "cho cả 4 kỳ đang mở" in answer
        periods = {k: v for k, v in (await focal_by_code(db)).items() if k.startswith("2.5#")}
        assert set(periods.values()) == {"Trần Minh Khoa"}
        q2 = next(k for k in periods if k.endswith("Q2"))
        answer = await harness.say(f"/giao {q2} Hoàng Thu Hà")  # one period, named
        assert "cho cả" not in answer and "Hoàng Thu Hà" in answer
        after = {k: v for k, v in (await focal_by_code(db)).items() if k.startswith("2.5#")}
        assert after[q2] == "Hoàng Thu Hà"
        assert sorted(v for k, v in after.items() if k != q2) == ["Trần Minh Khoa"] * 3
    finally:
        await harness.close()


# -- nhacviec schedule: the ladder, snoozes and check-ins as the sweep sends them ---------


async def test_the_schedule_preview_is_the_ladder_and_the_checkins(db, tmp_path):
    from bot.app.admin import preview_messages, preview_schedule
    from bot.app.settings import Settings

    world = World(db, tmp_path)
    await world.agencies()
    await world.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-15,,Báo cáo",
    )
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE.replace("official,2.5", "official,"), encoding="utf-8")
    await load_people(db, path)
    start, end = local(2024, 3, 1).date(), local(2024, 4, 12).date()
    lines = await preview_schedule(db, Settings(), start, end)
    days = sorted(
        {
            (line.local_time.strftime("%d/%m"), line.kind)
            for line in lines
            if line.assignment == "2.1"
        }
    )
    assert days == sorted(
        [
            ("06/03", "before:7"),
            ("12/03", "before:3"),
            ("14/03", "before:1"),
            ("15/03", "due"),
            ("18/03", "overdue:1"),  # the ladder: 1, 3, 7 working days, then every 5
            ("20/03", "overdue:3"),
            ("26/03", "overdue:7"),
            ("26/03", "escalation:7"),
            ("02/04", "overdue:12"),
            ("02/04", "escalation:12"),
            ("09/04", "overdue:17"),
            ("09/04", "escalation:17"),
        ]
    )
    messages = preview_messages(lines)
    per_person_day = {(m.person, m.local_time.date(), m.leader) for m in messages}
    assert len(per_person_day) == len(messages)  # one check-in per person and day
    assert all(len(m.nudges) == 2 for m in messages)  # both tasks in each
    assert {m.person for m in messages if m.leader} == {"Đỗ Thanh Hằng"}

    async with db.unit_of_work() as session:  # "Nhắc lại sau" on 2.1 until Thu 28/03
        a = await session.scalar(select(Assignment).where(Assignment.code == "2.1"))
        a.snoozed_until = local(2024, 3, 28).date()
    lines = await preview_schedule(db, Settings(), local(2024, 3, 16).date(), end)
    snoozed = sorted(
        {(line.local_time.date(), line.kind) for line in lines if line.assignment == "2.1"}
    )
    day = local(2024, 3, 28).date()
    assert snoozed[0] == (day, "overdue:9")  # nothing before: the ladder starts again there
    assert [(d.strftime("%d/%m"), k) for d, k in snoozed[1:4]] == [
        ("01/04", "overdue:11"),
        ("05/04", "escalation:15"),
        ("05/04", "overdue:15"),
    ]
