"""A collective's membership changing mid-year (issue 14 point 4, in part): a commune
that joins is assigned only the periods due after it joined (or a grace), never the past
ones, and nudged about nothing overdue; one that leaves has its open work withdrawn;
the import lists exactly which assignments were added, withdrawn and moved."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from bot.app import admin
from scheduler.planner import planned_nudges
from storage.enums import ExtensionState
from storage.models import Agency, Assignment, ExtensionRequest
from storage.progress import request_extension
from tests.kit import CAL, NOW, QN_AGENCY_FILES, QN_PLAN_FILE, RULES, World, local
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
    kept = [line for line in lines if not line.endswith(f",{leaving},Phường")]
    assert len(kept) == len(lines) - 1
    new_groups = folder / "groups.csv"
    new_groups.write_text(
        "\n".join([*kept, f"{COLLECTIVE},UBND xã Ngọc Linh,Xã"]) + "\n", encoding="utf-8"
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
        workday=CAL.is_workday,
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
