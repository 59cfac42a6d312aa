"""An agency's lifecycle (issue 14 point 2): ended from a day, renamed with the old name
kept for the reports of its time, merged into a successor with its open work moved or
closed and its people transferred or deactivated; on the 2024 sample and the 2026 one."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.app import admin, lifecycle
from bot.documents.report import build_report
from bot.outbound.digests import ChatDigestSink
from scheduler.digest import deliver_due_parts
from scheduler.planner import plan_window, planned_nudges
from storage.enums import ExtensionState, NudgeState, Status
from storage.models import Agency, Assignment, ExtensionRequest, Nudge, Person
from storage.progress import request_extension
from storage.report import report_rows
from storage.summary import status_overview
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import (
    AGENCY_FILES,
    CAL,
    NOW,
    PEOPLE_FILE,
    PLAN_FILE,
    QN_AGENCY_FILES,
    RULES,
    TZ,
    World,
    local,
)
from tests.kit.cli import run

IN_MAY = local(2024, 5, 6, 9, 0)  # a Monday


@pytest.fixture
async def kontum(db):
    await admin.run_import_agencies(db, list(AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    await admin.run_import_people(db, PEOPLE_FILE, "vi", NOW, dry_run=False)
    return db


async def agency(db, code: str) -> Agency:
    async with db.unit_of_work() as session:
        return await session.scalar(select(Agency).where(Agency.short_code == code))


async def nudged_agencies(db, start: date, end: date) -> dict[int, set[date]]:
    """Agency id -> the local days the planner would nudge it on in [start, end]."""
    async with db.unit_of_work() as session:
        planned = await planned_nudges(session, RULES, CAL, start, end)
        owner = dict((await session.execute(select(Assignment.id, Assignment.agency_id))).all())
    days: dict[int, set[date]] = {}
    for nudge, _ in planned:
        days.setdefault(owner[nudge.assignment_id], set()).add(CAL.local_date(nudge.due_at))
    return days


async def test_an_ended_agency_is_nudged_about_nothing_from_its_end_day(kontum):
    dakha = await agency(kontum, "dakha")
    start, end = date(2024, 5, 1), date(2024, 12, 31)
    assert (await nudged_agencies(kontum, start, end))[dakha.id]
    async with kontum.unit_of_work() as session:
        await plan_window(session, RULES, CAL, IN_MAY, ahead_days=60)
    outcome = await lifecycle.end_agency(
        kontum, "Đắk Hà", "vi", IN_MAY, TZ, day=date(2024, 6, 1), dry_run=False
    )
    assert outcome.ending.planned_nudges > 0
    assert {name for name, _ in outcome.kept} == {"Dương Công Toàn", "Lý Mai Nhung"}
    assert outcome.deactivated == []  # the day has not come: they still work until then
    days = (await nudged_agencies(kontum, start, end))[dakha.id]
    assert days and max(days) < date(2024, 6, 1)
    async with kontum.unit_of_work() as session:
        ledger = (
            await session.execute(
                select(Nudge.due_at, Nudge.state)
                .join(Assignment, Assignment.id == Nudge.assignment_id)
                .where(Assignment.agency_id == dakha.id)
            )
        ).all()
    assert ledger and all(
        state is NudgeState.SKIPPED
        for due, state in ledger
        if CAL.local_date(due) >= date(2024, 6, 1)
    )
    assert any(state is NudgeState.PLANNED for _, state in ledger)  # May's stay
    with pytest.raises(admin.UserError) as twice:
        await lifecycle.end_agency(kontum, "dakha", "vi", IN_MAY, TZ, day=None, dry_run=False)
    assert "đã kết thúc từ ngày 01/06/2024" in str(twice.value)


async def test_ending_today_deactivates_its_people_and_frees_its_short_code(kontum):
    outcome = await lifecycle.end_agency(kontum, "dakha", "vi", IN_MAY, TZ, day=None, dry_run=False)
    assert outcome.ending.day == date(2024, 5, 6) and len(outcome.deactivated) == 2
    async with kontum.unit_of_work() as session:
        active = await session.scalars(
            select(Person.full_name).where(
                Person.active.is_(True), Person.full_name == "Lý Mai Nhung"
            )
        )
        assert active.all() == []
    # The ended district's code, reused by a new body, is no duplicate.
    async with kontum.unit_of_work() as session:
        session.add(Agency(name="UBND xã Đắk Hà mới", short_code="dakha", kind="commune"))


async def test_a_merger_moves_the_open_work_and_the_people_to_the_successor(kontum):
    await admin.run_import_agencies(kontum, list(QN_AGENCY_FILES), "vi", dry_run=False)
    world = World(kontum)
    official = await world.person("official", "dakha")
    async with kontum.unit_of_work() as session:
        done = await session.scalar(select(Assignment).where(Assignment.code == "1.2@dakha"))
        done.status = Status.DONE
    dry = await lifecycle.merge_agency(
        kontum,
        "dakha",
        "x-dakha",
        "vi",
        IN_MAY,
        TZ,
        day=None,
        close_open=False,
        people_action="transfer",
        dry_run=True,
    )
    moved = {m.code: m.new_code for m in dry.merger.moved}
    assert moved and all(new == old.replace("@dakha", "@x-dakha") for old, new in moved.items())
    assert "1.2@dakha" not in moved and dry.merger.done_kept == 1
    assert {n for n, _ in dry.transferred} == {"Dương Công Toàn", "Lý Mai Nhung"}
    assert (await agency(kontum, "dakha")).ended_on is None  # a dry run writes nothing
    lines = lifecycle.describe_end(dry, "vi")
    assert lines[0] == f"Chuyển {len(moved)} phân công chưa hoàn thành sang UBND xã Đăk Hà:"
    first = next(iter(moved))
    assert f"  {first} → {moved[first]}" in lines and "Chuyển 2 người dùng" in "\n".join(lines)
    done_outcome = await lifecycle.merge_agency(
        kontum,
        "dakha",
        "x-dakha",
        "vi",
        IN_MAY,
        TZ,
        day=None,
        close_open=False,
        people_action="transfer",
        dry_run=False,
    )
    assert {m.code for m in done_outcome.merger.moved} == set(moved)
    new = await agency(kontum, "x-dakha")
    async with kontum.unit_of_work() as session:
        codes = dict(
            (
                await session.execute(
                    select(Assignment.code, Assignment.agency_id).where(
                        Assignment.code.in_([*moved.values(), "1.2@dakha"])
                    )
                )
            ).all()
        )
        person = await session.get(Person, official.id)
    old = await agency(kontum, "dakha")
    assert all(codes[c] == new.id for c in moved.values())
    assert codes["1.2@dakha"] == old.id  # done work stays where it was done
    assert old.ended_on == date(2024, 5, 6) and old.successor_id == new.id
    assert person.agency_id == new.id and person.active
    days = await nudged_agencies(kontum, date(2024, 5, 6), date(2024, 12, 31))
    assert old.id not in days and new.id in days


async def test_a_merger_can_close_the_open_work_and_deactivate_the_people(kontum):
    outcome = await lifecycle.merge_agency(
        kontum,
        "dakha",
        "tpkontum",
        "vi",
        IN_MAY,
        TZ,
        day=None,
        close_open=True,
        people_action="deactivate",
        dry_run=False,
    )
    assert outcome.merger.closed and not outcome.merger.moved
    assert {n for n, _ in outcome.deactivated} == {"Dương Công Toàn", "Lý Mai Nhung"}
    async with kontum.unit_of_work() as session:
        reasons = set(
            (
                await session.scalars(
                    select(Assignment.withdrawn_reason).where(
                        Assignment.id.in_([m.assignment_id for m in outcome.merger.closed])
                    )
                )
            ).all()
        )
    assert reasons == {"hợp nhất vào UBND thành phố Kon Tum ngày 06/05/2024"}


async def test_a_merger_that_closes_work_closes_its_extension_and_tells_the_requester(kontum):
    world = World(kontum)
    asker = await world.person(agency="dakha", name="Dương Công Toàn")
    await world.link(asker, "toan", at=IN_MAY)
    async with kontum.unit_of_work() as session:
        open_one = await session.scalar(
            select(Assignment)
            .where(Assignment.code.like("%@dakha%"), Assignment.status != Status.DONE)
            .order_by(Assignment.deadline.desc())
            .limit(1)
        )
        await request_extension(session, open_one, asker.id, IN_MAY, new_deadline=date(2025, 1, 31))
    outcome = await lifecycle.merge_agency(
        kontum,
        "dakha",
        "tpkontum",
        "vi",
        IN_MAY,
        TZ,
        day=None,
        close_open=True,
        people_action="transfer",
        dry_run=False,
        calendar=CAL,
    )
    assert open_one.id in {m.assignment_id for m in outcome.merger.closed}
    async with kontum.unit_of_work() as session:
        request = await session.scalar(select(ExtensionRequest))
        text = (await build_report(session, IN_MAY.date(), "text", tz=TZ)).decode()
    assert request.state is ExtensionState.CLOSED
    reason = "hợp nhất vào UBND thành phố Kon Tum ngày 06/05/2024"
    # The request's assignment shows as withdrawn, with the merger as its reason.
    line = f"  - {open_one.code} — UBND huyện Đắk Hà: đề nghị gia hạn; rút ngày 06/05/2024"
    assert f"{line} (lý do: {reason})\n" in text
    channel = RecordingChannel()
    sink = ChatDigestSink(kontum, {channel.name: channel}, tz=TZ, calendar=CAL)
    await deliver_due_parts(kontum, CAL, sink, IN_MAY)
    ((chat, told),) = [(c, m.text) for c, m in channel.sent]
    assert chat == "toan" and told.startswith(f"🔒 Đề nghị gia hạn nhiệm vụ {open_one.code} «")
    assert f"đã rút khỏi UBND huyện Đắk Hà (lý do: {reason})." in told


async def test_a_merger_into_a_fellow_member_closes_what_the_successor_already_has(kontum):
    outcome = await lifecycle.merge_agency(
        kontum,
        "dakha",
        "tpkontum",
        "vi",
        IN_MAY,
        TZ,
        day=None,
        close_open=False,
        people_action="transfer",
        dry_run=False,
    )
    # Both lead every task of "UBND các huyện, thành phố": nothing to move, all duplicates.
    assert outcome.merger.duplicates and not outcome.merger.moved
    assert len(outcome.transferred) == 2


async def test_a_renamed_agency_keeps_its_old_name_in_the_reports_of_its_time(kontum):
    old, new, day = await lifecycle.rename_agency(
        kontum,
        "stp",
        "Sở Tư pháp tỉnh Quảng Ngãi",
        "vi",
        IN_MAY,
        TZ,
        day=date(2025, 7, 1),
        new_code=None,
        dry_run=False,
    )
    assert (old, new, day) == ("Sở Tư pháp", "Sở Tư pháp tỉnh Quảng Ngãi", date(2025, 7, 1))
    stp = await agency(kontum, "stp")
    async with kontum.unit_of_work() as session:
        plan = await session.scalar(select(Assignment.plan_id))
        past = await status_overview(session, date(2024, 5, 6), plan_id=plan, tz=TZ)
        now = await status_overview(session, date(2024, 5, 6), tz=TZ)
        rows = await report_rows(session, date(2024, 5, 6), plan_id=plan, agency_id=stp.id, tz=TZ)
    label = {c.key: c.label for c in past.by_agency}[stp.id]
    assert label == "Sở Tư pháp" and rows and {r.agency for r in rows} == {"Sở Tư pháp"}
    assert {c.key: c.label for c in now.by_agency}[stp.id] == "Sở Tư pháp tỉnh Quảng Ngãi"
    with pytest.raises(admin.UserError):
        await lifecycle.rename_agency(
            kontum,
            "snv",
            "Sở Tư pháp tỉnh Quảng Ngãi",
            "vi",
            IN_MAY,
            TZ,
            day=None,
            new_code=None,
            dry_run=False,
        )


def test_operator_ends_renames_and_merges_on_the_command_line(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "import-agencies", *map(str, AGENCY_FILES)).returncode == 0
    assert run(tmp_path, "import-plan", str(PLAN_FILE)).returncode == 0
    assert run(tmp_path, "import-people", str(PEOPLE_FILE)).returncode == 0
    dry = run(tmp_path, "merge-agency", "dakha", "tpkontum", "--close-open", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Đóng" in dry.stdout and "Ngừng kích hoạt" not in dry.stdout
    assert "Chuyển 2 người dùng của UBND huyện Đắk Hà sang UBND thành phố Kon Tum" in dry.stdout
    merged = run(tmp_path, "merge-agency", "dakha", "tpkontum", "--people", "deactivate")
    assert merged.returncode == 0 and "Ngừng kích hoạt 2 người dùng" in merged.stdout
    again = run(tmp_path, "merge-agency", "dakha", "tpkontum")
    assert again.returncode == 1 and "đã kết thúc" in again.stderr
    ended = run(tmp_path, "end-agency", "sathay", "--from", "2099-01-01")
    assert ended.returncode == 0 and "từ ngày 01/01/2099" in ended.stdout
    renamed = run(tmp_path, "rename-agency", "stp", "Sở Tư pháp mới")
    assert renamed.returncode == 0 and "«Sở Tư pháp» thành «Sở Tư pháp mới»" in renamed.stdout
    unknown = run(tmp_path, "end-agency", "Sở Tư phap cu")
    assert unknown.returncode == 1 and "Không tìm thấy cơ quan" in unknown.stderr
