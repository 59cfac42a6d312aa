"""Plans as scopes (issue 14 point 1): a plan named with its decision and issuing body,
reports of the current plans or of another year, a closed plan nudged no more and
read-only, still reportable; short codes unique among agencies in being only."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.app import admin, lifecycle
from bot.documents.attachments import AttachmentRequest, make
from bot.documents.report import build_report
from scheduler.digest import daily_digest, weekly_summary
from scheduler.planner import plan_window, planned_nudges
from storage.enums import AgencyKind, ExtensionState, NudgeState, Status
from storage.imports.problems import ImportFailed
from storage.models import Agency, Assignment, DigestPart, ExtensionRequest, Nudge, Plan
from storage.progress import request_extension
from storage.summary import status_overview
from tests.kit import (
    AGENCY_FILES,
    CAL,
    HEADER,
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
from tests.kit.cli import run

TITLE_BLOCK = (
    "ỦY BAN NHÂN DÂN TỈNH KON TUM\n"
    "KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024\n"
    '"(Ban hành kèm theo Quyết định số 617/QĐ-UBND ngày 29/12/2023 của UBND tỉnh Kon Tum)"\n'
)
IN_2024 = local(2024, 3, 20, 9, 0)
IN_2026 = local(2026, 3, 18, 9, 0)


async def two_years(db) -> None:
    """The 2024 Kon Tum sample and the 2026 Quảng Ngãi one in one database."""
    await admin.run_import_agencies(db, list(AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    await admin.run_import_people(db, PEOPLE_FILE, "vi", NOW, dry_run=False)
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    later = local(2026, 1, 2)
    await admin.run_import_plan(
        db, QN_PLAN_FILE, "vi", later, dry_run=False, workday=CAL.is_workday
    )
    await admin.run_import_people(db, QN_PEOPLE_FILE, "vi", later, dry_run=False)


async def plan_id(db, year: int) -> int:
    async with db.unit_of_work() as session:
        return await session.scalar(select(Plan.id).where(Plan.year == year))


async def totals(db, today: date, **kw) -> int:
    async with db.unit_of_work() as session:
        return (await status_overview(session, today, tz=TZ, **kw)).total.total


async def assignments_of(db, year: int) -> int:
    async with db.unit_of_work() as session:
        rows = await session.scalars(
            select(Assignment.id).join(Plan, Plan.id == Assignment.plan_id).where(Plan.year == year)
        )
        return len(rows.all())


async def test_a_plan_is_named_from_its_title_block_or_the_options(db, tmp_path):
    await World(db).agencies()
    path = tmp_path / "ke-hoach.csv"
    rows = "1.1,1,Ban hành kế hoạch,Sở Nội vụ,,2024-01-15,,Kế hoạch\n"
    path.write_text(TITLE_BLOCK + HEADER + "\n" + rows, encoding="utf-8")
    report = await admin.run_import_plan(db, path, "vi", NOW, dry_run=False)
    assert (report.title, report.decision, report.issuer) == (
        "Kế hoạch cải cách hành chính năm 2024",
        "617/QĐ-UBND",
        "UBND tỉnh Kon Tum",
    )
    assert report.tasks_added == ["1.1"]  # the title block is not a row
    again = await admin.run_import_plan(
        db, path, "vi", NOW, dry_run=False, decision="618/QĐ-UBND", title="Kế hoạch CCHC 2024"
    )
    assert (again.title, again.decision) == ("Kế hoạch CCHC 2024", "618/QĐ-UBND")
    async with db.unit_of_work() as session:
        stored = await session.scalar(select(Plan))
    assert (stored.title, stored.decision, stored.issuer) == (
        "Kế hoạch CCHC 2024",
        "618/QĐ-UBND",
        "UBND tỉnh Kon Tum",
    )


async def test_a_title_block_keeps_the_rows_line_numbers_in_problems(db, tmp_path):
    await World(db).agencies()
    path = tmp_path / "ke-hoach.csv"
    rows = "1.1,1,Ban hành kế hoạch,Sở Không Có,,2024-01-15,,Kế hoạch\n"
    path.write_text(TITLE_BLOCK + HEADER + "\n" + rows, encoding="utf-8")
    with pytest.raises(ImportFailed) as failed:
        await admin.run_import_plan(db, path, "vi", NOW, dry_run=False)
    assert [p.row for p in failed.value.problems] == [5]  # the file's line 5


async def test_reports_take_the_current_plans_and_any_year(db):
    await two_years(db)
    y2024, y2026 = await assignments_of(db, 2024), await assignments_of(db, 2026)
    day = date(2026, 3, 18)
    assert await totals(db, day) == y2024 + y2026  # both open: both current
    assert await totals(db, day, plan_id=await plan_id(db, 2024)) == y2024
    await lifecycle.close_plan(db, 2024, "vi", IN_2026, reopen=False, dry_run=False)
    assert await totals(db, day) == y2026  # the closed year is no longer current
    assert await totals(db, day, plan_id=await plan_id(db, 2024)) == y2024  # still reportable
    async with db.unit_of_work() as session:
        text = await build_report(session, day, "text", "vi", tz=TZ)
        old = await build_report(
            session, day, "text", "vi", tz=TZ, plan_id=(await plan_id(db, 2024),)
        )
    assert f"{y2026}" in text.decode() and f"{y2024}" in old.decode()
    await lifecycle.close_plan(db, 2026, "vi", IN_2026, reopen=False, dry_run=False)
    assert await totals(db, day) == y2026  # every plan closed: the latest is current


async def test_closing_a_plan_stops_its_nudges_and_closes_its_pending_extensions(db):
    await two_years(db)
    old = await plan_id(db, 2024)
    async with db.unit_of_work() as session:
        await plan_window(session, RULES, CAL, IN_2026, ahead_days=30)
        official = await World(db).person("official", "stp")
        late = await session.scalar(
            select(Assignment).where(Assignment.plan_id == old, Assignment.status != Status.DONE)
        )
        await request_extension(session, late, official.id, IN_2026, new_deadline=date(2026, 6, 30))

    async def planned_for(plan: int) -> int:
        async with db.unit_of_work() as session:
            rows = await session.scalars(
                select(Nudge.id)
                .join(Assignment, Assignment.id == Nudge.assignment_id)
                .where(Assignment.plan_id == plan, Nudge.state == NudgeState.PLANNED)
            )
            return len(rows.all())

    before = await planned_for(old)
    assert before > 0  # the 2024 work overdue in 2026 is being nudged and escalated
    dry = await lifecycle.close_plan(db, 2024, "vi", IN_2026, reopen=False, dry_run=True)
    assert (dry.planned_nudges, dry.pending_extensions, dry.already) == (before, 1, False)
    assert await planned_for(old) == before  # a dry run changes nothing
    closure = await lifecycle.close_plan(
        db, 2024, "vi", IN_2026, reopen=False, dry_run=False, calendar=CAL
    )
    async with db.unit_of_work() as session:
        (notice,) = (await session.scalars(select(DigestPart))).all()
    # The requester is told, once, through the notices' delivery.
    assert notice.recipient.startswith(f"{official.id}:") and notice.text.startswith(
        f"🔒 Đề nghị gia hạn nhiệm vụ {late.code} «"
    )
    assert notice.text.endswith(
        "không xem xét: kế hoạch năm 2024 đã kết thúc. Kết quả đã báo cáo vẫn được lưu."
    )
    assert closure.planned_nudges == before and await planned_for(old) == 0
    async with db.unit_of_work() as session:
        again = await planned_nudges(session, RULES, CAL, IN_2026.date(), date(2026, 12, 31))
        old_ids = set(
            (await session.scalars(select(Assignment.id).where(Assignment.plan_id == old))).all()
        )
        request = await session.scalar(select(ExtensionRequest))
        await plan_window(session, RULES, CAL, IN_2026 + timedelta(days=1), ahead_days=30)
    assert again and not {n.assignment_id for n, _ in again} & old_ids
    assert request.state is ExtensionState.CLOSED
    assert await planned_for(old) == 0  # planning again plans none of it
    assert (
        await lifecycle.close_plan(db, 2024, "vi", IN_2026, reopen=False, dry_run=False)
    ).already
    await lifecycle.close_plan(db, 2024, "vi", IN_2026, reopen=True, dry_run=False)
    async with db.unit_of_work() as session:
        reopened = await planned_nudges(session, RULES, CAL, IN_2026.date(), date(2026, 12, 31))
    assert {n.assignment_id for n, _ in reopened} & old_ids


async def test_a_closed_plan_is_read_only_in_chat_and_reported_by_year(db):
    await two_years(db)
    world = World(db)
    await world.link(await world.person("official", "stp"), "off")
    await world.link(await world.person("coordinator"), "coord")
    await lifecycle.close_plan(db, 2024, "vi", IN_2026, reopen=False, dry_run=False)
    chat = Chat(db, now=IN_2026)
    (refused,) = await chat.say("off", "/capnhat 2.4 đã xong")  # a 2024 task only
    assert "Kế hoạch năm 2024 đã kết thúc" in refused and "2.4" in refused
    (extension,) = await chat.say("off", "/giahan 2.9 30/06/2026 chờ ý kiến")
    assert "Kế hoạch năm 2024 đã kết thúc" in extension
    current_year = await chat.say("off", "/capnhat 2.1 đang làm 40%")  # in both years
    assert current_year[0].startswith("Đã ghi nhận 2.1: đang thực hiện 40%")
    async with db.unit_of_work() as session:
        statuses = set(
            (
                await session.scalars(
                    select(Assignment.status).where(Assignment.plan_id == await plan_id(db, 2024))
                )
            ).all()
        )
    assert statuses == {Status.NOT_STARTED}  # nothing was recorded on the closed year
    current = "\n".join(await chat.say("coord", "/tonghop"))
    old = "\n".join(await chat.say("coord", "/tonghop 2024"))
    assert "toàn kế hoạch" in current and "kế hoạch năm 2024 (đã kết thúc)" in old
    assert f"{await assignments_of(db, 2026)}" in current.splitlines()[1]
    assert f"{await assignments_of(db, 2024)}" in old.splitlines()[1]
    (by_agency,) = await chat.say("coord", "/quahan stp 2024")
    assert "Sở Tư pháp" in by_agency and "2024" in by_agency
    (unknown,) = await chat.say("coord", "/tonghop 2019")
    assert "Không có kế hoạch năm 2019" in unknown and "2024, 2026" in unknown


async def test_a_short_code_is_unique_among_agencies_in_being_only(db):
    async with db.unit_of_work() as session:
        old = Agency(name="UBND huyện Đắk Hà", short_code="dakha", kind=AgencyKind.DISTRICT)
        session.add(old)
        await session.flush()
        old.ended_on = date(2025, 7, 1)
        session.add(Agency(name="UBND xã Đắk Hà", short_code="dakha", kind=AgencyKind.COMMUNE))
    with pytest.raises(IntegrityError):
        async with db.unit_of_work() as session:
            session.add(
                Agency(name="UBND xã Đắk Hà 2", short_code="dakha", kind=AgencyKind.COMMUNE)
            )


def test_operator_closes_and_reopens_a_plan_on_the_command_line(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "import-agencies", *map(str, AGENCY_FILES)).returncode == 0
    named = run(tmp_path, "import-plan", str(PLAN_FILE), "--decision", "617/QĐ-UBND")
    assert "Kế hoạch: Kế hoạch CCHC năm 2024 (Quyết định số 617/QĐ-UBND)" in named.stdout
    dry = run(tmp_path, "close-plan", "2024", "--dry-run")
    assert dry.returncode == 0 and "Kết thúc kế hoạch năm 2024" in dry.stdout
    assert "đang thực hiện" in run(tmp_path, "plans").stdout  # the dry run closed nothing
    closed = run(tmp_path, "close-plan", "2024")
    assert closed.returncode == 0 and "đã kết thúc" in run(tmp_path, "plans").stdout
    refused = run(tmp_path, "import-plan", str(PLAN_FILE))
    assert refused.returncode == 1 and "close-plan 2024 --reopen" in refused.stderr
    report = run(tmp_path, "report", "--year", "2024")
    assert report.returncode == 0 and "KẾ HOẠCH CCHC NĂM 2024 — tính đến" in report.stdout
    unknown = run(tmp_path, "report", "--year", "2019")
    assert unknown.returncode == 1 and "Không có kế hoạch năm 2019" in unknown.stderr
    reopened = run(tmp_path, "close-plan", "2024", "--reopen")
    assert reopened.returncode == 0 and "Mở lại kế hoạch năm 2024" in reopened.stdout
    assert run(tmp_path, "import-plan", str(PLAN_FILE)).returncode == 0


async def test_digests_workbooks_and_due_lists_follow_the_current_plans(db):
    """Point 1's other readers: the digests, the /baocao workbook and /saphan take the
    current plans, or the year asked for."""
    await two_years(db)
    await lifecycle.close_plan(db, 2024, "vi", IN_2026, reopen=False, dry_run=False)
    old, day = await plan_id(db, 2024), IN_2026.date()
    async with db.unit_of_work() as session:
        old_ids = set(
            (await session.scalars(select(Assignment.id).where(Assignment.plan_id == old))).all()
        )
        weekly = await weekly_summary(session, CAL, day, IN_2026)
        daily = await daily_digest(session, CAL, day, local(2024, 1, 1), IN_2026)
    assert weekly.total.total == await assignments_of(db, 2026)
    assert daily.new_overdue and not {o.assignment_id for o in daily.new_overdue} & old_ids

    async def workbook(year: int | None):
        made = await make(db, AttachmentRequest("report", day, "vi", None, year), tz=TZ)
        book = load_workbook(io.BytesIO(made.content))
        detail = list(book["Chi tiết"].iter_rows(min_row=6, values_only=True))
        return book["Chi tiết"]["A1"].value, len(detail)

    assert await workbook(None) == (
        "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        await assignments_of(db, 2026),
    )
    assert await workbook(2024) == (
        "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024",
        await assignments_of(db, 2024),
    )
    world = World(db)
    await world.link(await world.person("coordinator"), "coord")
    chat = Chat(db, now=IN_2026)
    due_now = "\n".join(await chat.say("coord", "/saphan"))
    assert "6.2@p-camthanh#2026-03" in due_now and "2024-" not in due_now
    (due_2024,) = await chat.say("coord", "/saphan 2024")
    assert due_2024 == (
        "Không có nhiệm vụ nào đến hạn trong 7 ngày làm việc tới — kế hoạch năm 2024 (đã kết thúc)."
    )
