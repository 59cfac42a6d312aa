"""The 2024 → 2026 carry-over as a story (issue 14, "How it will be checked"): the 2024
Kon Tum plan is worked on, the districts are merged into communes or ended on 1/7/2025,
the 2026 plan of the merged province is imported, 2024 is closed. From then on no nudge
goes to an ended agency or a deactivated person, or about 2024; each year reports its
own; the history of 2024 is intact. On both databases."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from bot.app import admin, lifecycle
from scheduler.planner import plan_window, planned_nudges
from storage.enums import NudgeState, Status
from storage.models import Agency, Assignment, Nudge, Person, Plan, ProgressUpdate
from storage.summary import status_overview
from tests.kit import (
    AGENCY_FILES,
    CAL,
    NOW,
    PEOPLE_FILE,
    PLAN_FILE,
    QN_AGENCY_FILES,
    QN_PEOPLE_FILE,
    QN_PLAN_FILE,
    RULES,
    TZ,
    World,
    local,
)
from tests.kit.chat import Chat

MERGED_ON = date(2025, 7, 1)  # Resolution 202/2025/QH15: no district level from this day
# Districts whose work passes to a commune of the same place; the others just end.
MERGES = {"dakha": "x-dakha", "tpkontum": "p-kontum"}
DISTRICTS = ("dakglei", "ngochoi", "dakto", "tumorong", "sathay", "iahdrai", "konray", "konplong")
IN_2024 = local(2024, 3, 20, 9, 0)
AT_MERGER = local(2025, 7, 1, 8, 0)
IN_2026 = local(2026, 1, 5, 8, 0)  # the week of the 1,230 nudges to districts


async def plan_of(db, year: int) -> int:
    async with db.unit_of_work() as session:
        return await session.scalar(select(Plan.id).where(Plan.year == year))


async def live_count(db, plan_id: int) -> int:
    async with db.unit_of_work() as session:
        return await session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.plan_id == plan_id, Assignment.withdrawn_at.is_(None))
        )


async def test_carrying_a_2024_database_into_2026(db):
    # 2024: the Kon Tum plan, worked on in chat.
    await admin.run_import_agencies(db, list(AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    await admin.run_import_people(db, PEOPLE_FILE, "vi", NOW, dry_run=False)
    world = World(db)
    await world.link(await world.person("official", "stp"), "stp")
    await world.link(await world.person("official", "dakha"), "dakha")
    await world.link(await world.person("official", "sathay"), "sathay")
    chat = Chat(db, now=IN_2024)
    assert (await chat.say("stp", "/capnhat 2.1 đã xong"))[0].startswith("Đã ghi nhận 2.1")
    assert (await chat.say("dakha", "/capnhat 1.2 đã xong"))[0].startswith("Đã ghi nhận")
    assert (await chat.say("sathay", "/capnhat 1.2 đang làm 50%"))[0].startswith("Đã ghi nhận")
    async with db.unit_of_work() as session:
        await plan_window(session, RULES, CAL, IN_2024, ahead_days=30)
        history = await session.scalar(select(func.count()).select_from(ProgressUpdate))
    y2024 = await plan_of(db, 2024)
    before = await live_count(db, y2024)

    # 1/7/2025: the new communes are declared; the districts merge into them or end.
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    for old, new in MERGES.items():
        await lifecycle.merge_agency(
            db,
            old,
            new,
            "vi",
            AT_MERGER,
            TZ,
            day=MERGED_ON,
            close_open=False,
            people_action="transfer",
            dry_run=False,
        )
    for district in DISTRICTS:
        await lifecycle.end_agency(db, district, "vi", AT_MERGER, TZ, day=MERGED_ON, dry_run=False)

    # 2026: the merged province's plan and people; 2024 is closed.
    start_2026 = local(2026, 1, 2)
    await admin.run_import_plan(
        db, QN_PLAN_FILE, "vi", start_2026, dry_run=False, workday=CAL.is_workday
    )
    await admin.run_import_people(db, QN_PEOPLE_FILE, "vi", start_2026, dry_run=False)
    await lifecycle.close_plan(db, 2024, "vi", start_2026, reopen=False, dry_run=False)
    y2026 = await plan_of(db, 2026)

    # No nudge to an ended agency, a deactivated person or about 2024: planned for the
    # first quarter of 2026 (the week of 5-9/1 in it) and in the ledger.
    async with db.unit_of_work() as session:
        await plan_window(session, RULES, CAL, IN_2026, ahead_days=60)
        planned = await planned_nudges(session, RULES, CAL, date(2026, 1, 5), date(2026, 3, 31))
        ended = set(
            (await session.scalars(select(Agency.id).where(Agency.ended_on.is_not(None)))).all()
        )
        inactive = set(
            (await session.scalars(select(Person.id).where(Person.active.is_(False)))).all()
        )
        facts = {
            row.id: row
            for row in await session.execute(
                select(Assignment.id, Assignment.agency_id, Assignment.plan_id)
            )
        }
        due = (
            await session.execute(
                select(Nudge.assignment_id, Nudge.person_id).where(
                    Nudge.state == NudgeState.PLANNED,
                    Nudge.due_at >= IN_2026 - timedelta(days=1),
                )
            )
        ).all()
    assert len(ended) == len(MERGES) + len(DISTRICTS) and inactive
    assert planned and due
    for assignment_id, person_id in [(n.assignment_id, n.person_id) for n, _ in planned] + due:
        fact = facts[assignment_id]
        assert fact.agency_id not in ended and person_id not in inactive
        assert fact.plan_id == y2026

    # Each year reports its own; the default is the current plan.
    day = date(2026, 1, 5)
    async with db.unit_of_work() as session:
        current = await status_overview(session, day, tz=TZ)
        past = await status_overview(session, day, plan_id=y2024, tz=TZ)
    assert current.total.total == await live_count(db, y2026)
    assert past.total.total == await live_count(db, y2024)
    # The moved and duplicated work left the old agencies; what was done stays done there.
    assert past.total.done == 2
    names = {c.label for c in past.by_agency}
    assert "UBND huyện Đắk Hà" in names and "UBND huyện Sa Thầy" in names
    assert before >= await live_count(db, y2024)

    # History intact: every update kept, the done work where and as it was done.
    async with db.unit_of_work() as session:
        assert await session.scalar(select(func.count()).select_from(ProgressUpdate)) == history
        done = dict(
            (
                await session.execute(
                    select(Assignment.code, Agency.short_code)
                    .join(Agency, Agency.id == Assignment.agency_id)
                    .where(Assignment.status == Status.DONE, Assignment.plan_id == y2024)
                )
            ).all()
        )
        sathay = await session.scalar(select(Assignment).where(Assignment.code == "1.2@sathay"))
    assert done == {"2.1": "stp", "1.2@dakha": "dakha"}
    assert sathay.percent == 50 and sathay.withdrawn_at is None  # ended, not rewritten

    # In chat: the coordinator reads 2024 by year; an official cannot change it any more.
    await world.link(await world.person("coordinator", "vpubnd"), "coord")
    chat = Chat(db, now=IN_2026)
    chat.n = 100  # update keys after the 2024 chat's
    summary = "\n".join(await chat.say("coord", "/tonghop 2024"))
    assert "kế hoạch năm 2024 (đã kết thúc)" in summary
    assert f"Tổng số: {past.total.total} nhiệm vụ" in summary
    refused = await chat.say("stp", "/capnhat 2.4 đã xong")
    assert "Kế hoạch năm 2024 đã kết thúc" in refused[0]
