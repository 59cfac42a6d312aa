"""A collective's membership changing mid-year (issue 14 point 4): a commune that joins is
assigned only the periods due after it joined (or a grace), never the past ones, and nudged
about nothing overdue; one that leaves has its open work withdrawn, and keeps its done and
pending history in the reports as withdrawn, with the reason, counted nowhere; its pending
extension request is closed and its requester told, once; the import lists exactly which
assignments were added, withdrawn and moved."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import date, datetime, timedelta

from docx import Document
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from bot.app import admin
from bot.app.templates import template_workbook
from bot.documents.report import build_report
from bot.outbound.digests import ChatDigestSink
from scheduler.digest import deliver_due_parts
from scheduler.planner import planned_nudges
from storage.db import Database
from storage.enums import ExtensionState, NudgeState, Role, Status
from storage.models import Agency, Assignment, DigestPart, ExtensionRequest
from storage.progress import record_progress, request_extension
from storage.summary import Closing, status_overview
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import (
    CAL,
    NOW,
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

JOINED = date(2026, 7, 1)
COLLECTIVE = '"UBND các xã, phường, đặc khu"'


def changed_directory(folder, *, leaving: str = "UBND phường Nghĩa Lộ"):
    """The 2026 directory with a new commune that joins the communes' collective and one
    that leaves it."""
    agencies, groups = QN_AGENCY_FILES
    new_agencies = folder / "agencies.csv"
    new_agencies.write_text(
        agencies.read_text(encoding="utf-8").rstrip("\n")
        + "\nUBND xã Ngọc Linh,x-ngoclinh,Xã,UBND tỉnh Quảng Ngãi\n",
        encoding="utf-8",
    )
    lines = groups.read_text(encoding="utf-8").rstrip("\n").splitlines()
    kept = [line for line in lines if f",{leaving},Phường," not in line]
    assert len(kept) == len(lines) - 1
    new_groups = folder / "groups.csv"
    new_groups.write_text(
        "\n".join([*kept, f"{COLLECTIVE},UBND xã Ngọc Linh,Xã,"]) + "\n", encoding="utf-8"
    )
    return [new_agencies, new_groups]


async def province(db, tmp_path, *, grace: int = 0):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    files = changed_directory(tmp_path)
    await admin.run_import_agencies(db, files, "vi", dry_run=False, today=JOINED)
    return await admin.run_import_plan(
        db,
        QN_PLAN_FILE,
        "vi",
        local(2026, 7, 1),
        dry_run=False,
        calendar=CAL,
        join_grace_days=grace,
    )


async def deadlines_of(db, code: str) -> list[date | None]:
    async with db.unit_of_work() as session:
        agency = await session.scalar(select(Agency.id).where(Agency.short_code == code))
        rows = await session.scalars(
            select(Assignment.deadline).where(
                Assignment.agency_id == agency, Assignment.withdrawn_at.is_(None)
            )
        )
        return list(rows.all())


async def test_a_commune_that_joins_gets_only_the_periods_due_after_it_joined(db, tmp_path):
    report = await province(db, tmp_path)
    deadlines = await deadlines_of(db, "x-ngoclinh")
    dated = [d for d in deadlines if d is not None]
    assert dated and min(dated) >= JOINED
    assert len(report.added_codes) == len(deadlines)
    assert all("@x-ngoclinh" in code for code in report.added_codes)
    # A commune there from the start has the first half's periods too.
    assert min(d for d in await deadlines_of(db, "p-kontum") if d) < JOINED
    await World(db).add_person("A Thị Linh", "x-ngoclinh")
    async with db.unit_of_work() as session:
        agency = await session.scalar(select(Agency.id).where(Agency.short_code == "x-ngoclinh"))
        owner = dict((await session.execute(select(Assignment.id, Assignment.agency_id))).all())
        planned = await planned_nudges(session, RULES, CAL, JOINED, JOINED + timedelta(days=30))
    mine = [n for n, _ in planned if owner[n.assignment_id] == agency]
    assert mine and min(n.for_deadline for n in mine) >= JOINED  # no past period is nudged


async def test_a_grace_keeps_deadlines_just_after_joining_away(db, tmp_path):
    await province(db, tmp_path, grace=45)
    dated = [d for d in await deadlines_of(db, "x-ngoclinh") if d is not None]
    assert dated and min(dated) >= JOINED + timedelta(days=45)


async def test_the_import_lists_what_was_added_withdrawn_and_moved(db, tmp_path):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    leaver = await World(db).add_person("Hồ Văn Nam", "p-nghialo")
    async with db.unit_of_work() as session:
        asked = await session.scalar(
            select(Assignment).where(Assignment.code.startswith("6.2@p-nghialo#2026-09"))
        )
        await request_extension(session, asked, leaver.id, NOW, new_deadline=date(2026, 10, 30))
    report = await province(db, tmp_path)
    async with db.unit_of_work() as session:
        request = await session.scalar(select(ExtensionRequest))
    assert request.state is ExtensionState.CLOSED  # its assignment left with the agency
    assert report.withdrawn_codes and all("@p-nghialo" in c for c in report.withdrawn_codes)
    assert report.assignments_withdrawn == len(report.withdrawn_codes) + len(report.moved_codes)
    assert report.assignments_added == len(report.added_codes) + len(report.moved_codes)
    # The leaver keeps its history in the store: withdrawn, not deleted.
    async with db.unit_of_work() as session:
        kept = await session.scalars(
            select(Assignment.withdrawn_at).where(Assignment.code.in_(report.withdrawn_codes))
        )
        assert all(w is not None for w in kept.all())


def test_import_plan_prints_which_assignments_on_the_command_line(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "import-agencies", *map(str, QN_AGENCY_FILES)).returncode == 0
    assert run(tmp_path, "import-plan", str(QN_PLAN_FILE)).returncode == 0
    files = changed_directory(tmp_path)
    assert run(tmp_path, "import-agencies", *map(str, files)).returncode == 0
    again = run(tmp_path, "import-plan", str(QN_PLAN_FILE), "--dry-run")
    assert again.returncode == 0, again.stderr
    assert "Thêm " in again.stdout and "@x-ngoclinh" in again.stdout
    assert "Rút " in again.stdout and "@p-nghialo" in again.stdout


def test_import_plan_says_which_extension_requests_it_closes(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "import-agencies", *map(str, QN_AGENCY_FILES)).returncode == 0
    assert run(tmp_path, "import-plan", str(QN_PLAN_FILE)).returncode == 0

    async def ask():  # an official of the leaver asks, in the CLI's own database
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}")
        try:
            asker = await World(db).add_person("Hồ Văn Nam", "p-nghialo")
            async with db.unit_of_work() as session:
                asked = await session.scalar(
                    select(Assignment).where(Assignment.code == "6.2@p-nghialo#2026-09")
                )
                await request_extension(
                    session, asked, asker.id, NOW, new_deadline=date(2026, 10, 30)
                )
        finally:
            await db.dispose()

    asyncio.run(ask())
    assert run(tmp_path, "import-agencies", *map(str, changed_directory(tmp_path))).returncode == 0
    again = run(tmp_path, "import-plan", str(QN_PLAN_FILE))
    assert again.returncode == 0, again.stderr
    assert (
        "  Đóng 1 đề nghị gia hạn của phân công đã rút (người đề nghị được thông báo): "
        "6.2@p-nghialo#2026-09"
    ) in again.stdout.splitlines()


LEFT = "cơ quan không còn là thành viên của «UBND các xã, phường, đặc khu»"
AFTER = date(2026, 7, 2)  # the day after the leaver's work was withdrawn


async def the_leaver_worked(db):
    """The 2026 province; UBND phường Nghĩa Lộ did March's 6.2 on time, is stuck on May's
    (overdue by July) and asked to extend September's, before it left the collective."""
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    leaver = await World(db).add_person("Hồ Văn Nam", "p-nghialo")
    async with db.unit_of_work() as session:
        by_code = {
            a.code: a
            for a in await session.scalars(
                select(Assignment).where(Assignment.code.startswith("6.2@p-nghialo#"))
            )
        }
        march, may = by_code["6.2@p-nghialo#2026-03"], by_code["6.2@p-nghialo#2026-05"]
        await record_progress(session, march, leaver.id, local(2026, 3, 18), status=Status.DONE)
        await record_progress(
            session, may, leaver.id, local(2026, 5, 10), status=Status.BLOCKED, note="thiếu số liệu"
        )
        september = by_code["6.2@p-nghialo#2026-09"]
        await request_extension(
            session, september, leaver.id, local(2026, 6, 1), new_deadline=date(2026, 10, 30)
        )
    return leaver


async def test_a_leaver_keeps_its_done_and_pending_work_in_the_text_report(db, tmp_path):
    await the_leaver_worked(db)
    await province(db, tmp_path)
    async with db.unit_of_work() as session:
        text = (await build_report(session, AFTER, "text", tz=TZ)).decode()
        figures = await status_overview(session, AFTER, tz=TZ, closing=Closing.of(CAL, AFTER))
    head, _, withdrawn = text.partition("Nhiệm vụ đã rút khỏi cơ quan")
    assert withdrawn.startswith(" (không tính vào số liệu trên): 3\n")
    lines = withdrawn.splitlines()[1:]
    assert lines == [
        f"  - 6.2@p-nghialo#2026-03 — UBND phường Nghĩa Lộ: đã hoàn thành (đúng hạn); "
        f"rút ngày 01/07/2026 (lý do: {LEFT})",
        f"  - 6.2@p-nghialo#2026-05 — UBND phường Nghĩa Lộ: có khó khăn, vướng mắc; "
        f"rút ngày 01/07/2026 (lý do: {LEFT})",
        f"  - 6.2@p-nghialo#2026-09 — UBND phường Nghĩa Lộ: đề nghị gia hạn; "
        f"rút ngày 01/07/2026 (lý do: {LEFT})",
    ]
    # Counted nowhere: not in the figures, not overdue, the agency not among the leads.
    assert "UBND phường Nghĩa Lộ" not in head
    assert figures.total.total == await live_count(db)
    assert figures.total.overdue_blocked == 0


async def live_count(db) -> int:
    async with db.unit_of_work() as session:
        rows = await session.scalars(select(Assignment.id).where(Assignment.withdrawn_at.is_(None)))
        return len(rows.all())


async def test_the_workbook_shows_the_leavers_work_as_withdrawn_with_the_reason(db, tmp_path):
    await the_leaver_worked(db)
    await province(db, tmp_path)
    async with db.unit_of_work() as session:
        book = load_workbook(io.BytesIO(await build_report(session, AFTER, "xlsx", tz=TZ)))
    detail = [[c.value for c in row] for row in book["Chi tiết"].iter_rows()]
    header = detail[4]
    code, status, note = (
        header.index(h) for h in ("Mã", "Tình trạng", "Khó khăn, vướng mắc / lý do")
    )
    timeliness = header.index("Đánh giá thời hạn")
    theirs = {r[code]: r for r in detail[5:] if "@p-nghialo" in str(r[code])}
    assert sorted(theirs) == [
        "6.2@p-nghialo#2026-03",
        "6.2@p-nghialo#2026-05",
        "6.2@p-nghialo#2026-09",
    ]
    march, may = theirs["6.2@p-nghialo#2026-03"], theirs["6.2@p-nghialo#2026-05"]
    assert march[status] == "Đã rút (đã hoàn thành)" and march[timeliness] == "đúng hạn"
    assert march[note] == f"rút ngày 01/07/2026 (lý do: {LEFT})"
    assert may[status] == "Đã rút (có khó khăn, vướng mắc)" and may[timeliness] != "quá hạn"
    assert may[note] == f"rút ngày 01/07/2026 (lý do: {LEFT}); thiếu số liệu"
    # The withdrawn rows end the sheet; the overdue sheet and the summary do not count them.
    assert [r[code] for r in detail[-3:]] == sorted(theirs)
    overdue = [r[1] for r in book["Quá hạn"].iter_rows(min_row=6, values_only=True)]
    assert not any("@p-nghialo" in str(c) for c in overdue)
    summary = [c for row in book["Tổng hợp"].iter_rows(values_only=True) for c in row if c]
    assert "Nhiệm vụ đã rút khỏi cơ quan: 3 (không tính vào số liệu trên; xem trang Chi tiết)" in (
        summary
    )


async def test_the_report_draft_lists_the_leavers_work_as_withdrawn_not_overdue(db, tmp_path):
    await the_leaver_worked(db)
    await province(db, tmp_path)
    async with db.unit_of_work() as session:
        draft = Document(io.BytesIO(await build_report(session, AFTER, "docx", tz=TZ)))
    text = [p.text for p in draft.paragraphs]
    at = text.index("Nhiệm vụ đã rút khỏi cơ quan (không tính vào số liệu trên): 3")
    listed = text[at + 1 : at + 4]
    assert all(line.startswith("- 6.2@p-nghialo#2026-") for line in listed), listed
    assert all(f"rút ngày 01/07/2026 (lý do: {LEFT})" in line for line in listed)
    overdue = text[:at]
    assert not any("@p-nghialo" in line for line in overdue)


async def test_the_leavers_pending_extension_is_closed_and_its_requester_told_once(db, tmp_path):
    leaver = await the_leaver_worked(db)
    world = World(db)
    await world.link(leaver, "nam", at=local(2026, 6, 1))
    coordinator = await world.add_person("Tiêu Thị Sen", "snv", role=Role.COORDINATOR)
    await world.link(coordinator, "sen", at=local(2026, 6, 1))
    chat = Chat(db, local(2026, 6, 30, 9))
    assert "6.2@p-nghialo#2026-09" in "\n".join(await chat.say("sen", "/choduyet"))
    approve = chat.last("sen").choices[0][0].data

    await province(db, tmp_path)
    async with db.unit_of_work() as session:
        request = await session.scalar(select(ExtensionRequest))
    assert request.state is ExtensionState.CLOSED
    # The coordinator who would have decided it no longer sees it.
    chat = Chat(db, local(2026, 7, 1, 9))
    chat.n = 10  # update keys of its own, after the first chat's
    assert (
        "\n".join(await chat.say("sen", "/choduyet")) == "Không có đề nghị gia hạn nào chờ duyệt."
    )
    # A button of the copy shown before does nothing but say why.
    (pressed,) = await chat.say("sen", choice_data=approve)
    assert pressed == (
        "Đề nghị gia hạn 6.2@p-nghialo#2026-09 đến 30/10/2026 đã được xử lý: 🔒 Đã đóng, "
        "không gia hạn: nhiệm vụ đã rút khỏi cơ quan — 07:30 01/07/2026."
    )
    async with db.unit_of_work() as session:
        assert (await session.scalar(select(ExtensionRequest.state))) is ExtensionState.CLOSED
        moved = await session.scalar(
            select(Assignment.deadline).where(Assignment.code == "6.2@p-nghialo#2026-09")
        )
    assert moved == date(2026, 9, 20)  # the plan's, not the one asked for
    summary = "\n".join(await chat.say("sen", "/tonghop"))
    assert "Không tính 3 nhiệm vụ đã rút khỏi cơ quan (danh sách trong /baocao)." in summary

    channel = RecordingChannel()
    sink = ChatDigestSink(db, {channel.name: channel}, tz=TZ, calendar=CAL)
    await deliver_due_parts(db, CAL, sink, local(2026, 7, 1, 8))
    await deliver_due_parts(db, CAL, sink, local(2026, 7, 1, 9))  # nothing twice
    told = [(chat_id, m.text) for chat_id, m in channel.sent]
    assert told == [
        (
            "nam",
            "🔒 Đề nghị gia hạn nhiệm vụ 6.2@p-nghialo#2026-09 «Báo cáo giải ngân vốn đầu tư "
            "công» đến 30/10/2026 đã được đóng, không xem xét: nhiệm vụ đã rút khỏi UBND phường "
            f"Nghĩa Lộ (lý do: {LEFT}). Anh/Chị không cần tiếp tục cập nhật nhiệm vụ này; kết "
            "quả đã báo cáo vẫn được lưu.",
        )
    ]
    async with db.unit_of_work() as session:
        parts = (await session.scalars(select(DigestPart))).all()
    assert [p.state for p in parts] == [NudgeState.SENT]  # recorded as delivered


async def test_a_dry_run_closes_nothing_and_tells_nobody(db, tmp_path):
    await the_leaver_worked(db)
    files = changed_directory(tmp_path)
    await admin.run_import_agencies(db, files, "vi", dry_run=False, today=JOINED)
    report = await admin.run_import_plan(
        db, QN_PLAN_FILE, "vi", local(2026, 7, 1), dry_run=True, calendar=CAL
    )
    assert [c.code for c in report.closed_requests] == ["6.2@p-nghialo#2026-09"]
    async with db.unit_of_work() as session:
        request = await session.scalar(select(ExtensionRequest))
        parts = (await session.scalars(select(DigestPart))).all()
    assert request.state is ExtensionState.PENDING and parts == []


# -- join days written in the collectives file ("Ngày tham gia" / joined_on) ------------


async def dated(db, code: str) -> list[date]:
    return [d for d in await deadlines_of(db, code) if d is not None]


async def test_the_sample_commune_that_joined_in_march_has_no_period_due_before(db):
    """data/quangngai-2026-agency-groups.csv: UBND xã Măng Đen joined on 01/03/2026."""
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, calendar=CAL)
    assert min(await dated(db, "x-mangden")) == date(2026, 3, 15)  # 1.4, first quarter
    assert min(await dated(db, "x-binhson")) < date(2026, 3, 1)  # there from the start
    assert len(await dated(db, "x-binhson")) - len(await dated(db, "x-mangden")) == 5
    await admin.run_import_plan(
        db, QN_PLAN_FILE, "vi", NOW, dry_run=False, calendar=CAL, join_grace_days=20
    )
    assert min(await dated(db, "x-mangden")) >= date(2026, 3, 21)


def groups_with(folder, *rows: str):
    """The 2026 collectives file with ``rows`` added (group, member, type, join day)."""
    _, groups = QN_AGENCY_FILES
    path = folder / "groups.csv"
    lines = groups.read_text(encoding="utf-8").rstrip("\n").splitlines()
    path.write_text("\n".join([*lines, *rows]) + "\n", encoding="utf-8")
    return [QN_AGENCY_FILES[0], path]


async def test_a_join_day_written_for_a_new_member_is_used_instead_of_the_import_day(db, tmp_path):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    files = changed_directory(tmp_path)
    dated_groups = (
        files[1]
        .read_text(encoding="utf-8")
        .replace("UBND xã Ngọc Linh,Xã,", "UBND xã Ngọc Linh,Xã,2026-08-15")
    )
    files[1].write_text(dated_groups, encoding="utf-8")
    report = await admin.run_import_agencies(db, files, "vi", dry_run=False, today=JOINED)
    assert (COLLECTIVE.strip('"'), ("members",)) in report.collectives.changed
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, calendar=CAL)
    assert min(await dated(db, "x-ngoclinh")) >= date(2026, 8, 15)


async def test_a_join_day_changed_later_withdraws_the_periods_before_it_with_the_reason(
    db, tmp_path
):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, calendar=CAL)
    assert min(await dated(db, "x-binhson")) < date(2026, 2, 1)
    groups = tmp_path / "groups.csv"
    groups.write_text(
        QN_AGENCY_FILES[1]
        .read_text(encoding="utf-8")
        .replace("UBND xã Bình Sơn,Xã,", "UBND xã Bình Sơn,Xã,1/2/2026"),
        encoding="utf-8",
    )
    report = await admin.run_import_agencies(
        db, [QN_AGENCY_FILES[0], groups], "vi", dry_run=False, today=JOINED
    )
    assert report.collectives.changed == [(COLLECTIVE.strip('"'), ("joined_on",))]
    plan = await admin.run_import_plan(
        db, QN_PLAN_FILE, "vi", local(2026, 2, 2), dry_run=False, calendar=CAL
    )
    assert plan.withdrawn_codes == [
        "1.2@x-binhson",
        "3.2@x-binhson#2026-01",
        "6.2@x-binhson#2026-01",
    ]
    assert min(await dated(db, "x-binhson")) >= date(2026, 2, 1)
    async with db.unit_of_work() as session:
        reasons = set(
            (
                await session.scalars(
                    select(Assignment.withdrawn_reason).where(
                        Assignment.code.in_(plan.withdrawn_codes)
                    )
                )
            ).all()
        )
    assert reasons == {
        "cơ quan tham gia «UBND các xã, phường, đặc khu» giữa năm, chỉ nhận các kỳ đến hạn "
        "từ ngày 01/02/2026"
    }


def test_a_bad_join_day_is_refused_naming_row_and_column_and_nothing_is_imported(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    files = groups_with(tmp_path, f"{COLLECTIVE},UBND xã Ngọc Linh,Xã,31/02/2026")
    refused = run(tmp_path, "import-agencies", *map(str, files))
    assert refused.returncode == 1
    assert "Dòng 24, cột joined_on: «31/02/2026» không phải ngày hợp lệ" in refused.stderr
    # Nothing of either file was declared: the plan still names unknown agencies.
    assert run(tmp_path, "import-plan", str(QN_PLAN_FILE)).returncode == 1


def test_the_collectives_template_has_the_join_day_column_kept_as_text():
    book = load_workbook(io.BytesIO(template_workbook("agencies", "vi")))
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[1]]
    assert header == ["Tên nhóm", "Thành viên", "Loại thành viên", "Ngày tham gia"]
    assert sheet["D2"].number_format == "@"  # 01/07/2026 stays a day, not 7 January
    notes = [row[0].value for row in book.worksheets[-1].iter_rows()]
    assert "Ngày tham gia" in notes


async def test_a_lead_changed_moves_the_task_and_keeps_the_old_leads_work_withdrawn(db, tmp_path):
    """2.2 (half-yearly) passes from Sở Tư pháp to Sở Nội vụ: each period is a move, listed
    as (old, new), the old lead's work keeping its agency in its code (2.2@stp#2026-H1);
    the half Sở Tư pháp had done stays in the reports as withdrawn; the plain codes are now
    Sở Nội vụ's."""
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, calendar=CAL)
    official = await World(db).add_person("Đỗ Văn Minh", "stp")
    async with db.unit_of_work() as session:
        first = await session.scalar(select(Assignment).where(Assignment.code == "2.2#2026-H1"))
        await record_progress(session, first, official.id, local(2026, 6, 25), status=Status.DONE)
    raw = QN_PLAN_FILE.read_text(encoding="utf-8-sig").splitlines()
    edited = [line.replace(";Sở Tư pháp;", ";Sở Nội vụ;") if line.startswith("2.2;") else line
              for line in raw]  # fmt: skip
    moved_file = tmp_path / "plan.csv"
    moved_file.write_text("\n".join(edited) + "\n", encoding="utf-8")
    report = await admin.run_import_plan(
        db, moved_file, "vi", local(2026, 7, 1), dry_run=False, calendar=CAL
    )
    assert report.moved_codes == [
        ("2.2@stp#2026-H1", "2.2#2026-H1"),
        ("2.2@stp#2026-H2", "2.2#2026-H2"),
    ]
    assert report.added_codes == [] and report.withdrawn_codes == []
    async with db.unit_of_work() as session:
        owners = (
            await session.execute(
                select(Assignment.code, Agency.short_code)
                .join(Agency, Agency.id == Assignment.agency_id)
                .where(Assignment.code.startswith("2.2"), Assignment.withdrawn_at.is_(None))
            )
        ).all()
    assert sorted(owners) == [("2.2#2026-H1", "snv"), ("2.2#2026-H2", "snv")]
    async with db.unit_of_work() as session:
        text = (await build_report(session, AFTER, "text", tz=TZ)).decode()
    assert (
        "  - 2.2@stp#2026-H1 — Sở Tư pháp: đã hoàn thành (đúng hạn); rút ngày 01/07/2026 "
        "(lý do: cơ quan chủ trì chuyển sang Sở Nội vụ)\n"
    ) in text


async def test_nothing_withdrawn_from_the_leaver_is_nudged(db, tmp_path):
    await the_leaver_worked(db)
    await admin.run_import_people(db, QN_PEOPLE_FILE, "vi", NOW, dry_run=False)
    await province(db, tmp_path)
    async with db.unit_of_work() as session:
        leaver = await session.scalar(select(Agency.id).where(Agency.short_code == "p-nghialo"))
        owner = dict((await session.execute(select(Assignment.id, Assignment.agency_id))).all())
        planned = await planned_nudges(session, RULES, CAL, JOINED, date(2026, 12, 31))
    assert planned and not [n for n, _ in planned if owner[n.assignment_id] == leaver]


async def test_a_join_day_typed_as_a_date_in_a_workbook_is_read(db, tmp_path):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    book = Workbook()
    sheet = book.active
    sheet.append(["Tên nhóm", "Thành viên", "Loại thành viên", "Ngày tham gia"])
    for line in QN_AGENCY_FILES[1].read_text(encoding="utf-8").splitlines()[1:]:
        label, member, kind, joined = next(csv.reader([line]))
        when = datetime(2026, 4, 1) if member == "UBND xã Bình Sơn" else joined or None
        sheet.append([label, member, kind, when])
    path = tmp_path / "nhom.xlsx"
    book.save(path)
    await admin.run_import_agencies(db, [path], "vi", dry_run=False, today=JOINED)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, calendar=CAL)
    assert min(await dated(db, "x-binhson")) >= date(2026, 4, 1)
    assert min(await dated(db, "x-mangden")) >= date(2026, 3, 1)  # "01/03/2026" as text
