"""import-plan on the real store (SQLite file and PostgreSQL)."""

from __future__ import annotations

import csv
import shutil
from datetime import date, timedelta

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from storage.enums import Status
from storage.imports.problems import ImportFailed
from storage.models import Assignment, Plan, ProgressUpdate, Task, TaskGroup
from tests.kit import (
    HEADER,
    NOW,
    PLAN_FILE,
    SHARED_DATA,
    count,
    declare_agencies,
    load_plan,
    needs_shared_data,
    write_plan,
)


def edit_plan(tmp_path, edit):
    """A copy of the sample plan with ``edit(rows)`` applied to its rows."""
    with PLAN_FILE.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    rows = edit(rows)
    path = tmp_path / "edited.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=HEADER.split(","), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


async def assignments(db, **where):
    async with db.unit_of_work() as session:
        query = select(Assignment).join(Task).filter_by(**where)
        return {a.code: a for a in await session.scalars(query)}


@pytest.fixture
async def directory(db):
    await declare_agencies(db)
    return db


async def test_sample_plan_fans_out_and_expands_periods(directory):
    report = await load_plan(directory)
    assert report.year == 2024
    assert len(report.tasks_added) == 75
    assert await count(directory, Task) == 75

    by_code = await assignments(directory)
    # "UBND các huyện, thành phố" fans out to the 10 districts.
    fanned = sorted(c for c in by_code if c.startswith("1.2@"))
    assert len(fanned) == 10 and "1.2@dakha" in fanned
    assert by_code["1.2@dakha"].deadline == date(2024, 1, 15)
    # A recurring task led by a collective: one per member and quarter.
    q = by_code["1.7@stp#2024-Q2"]
    assert q.deadline == date(2024, 6, 10) and q.period == "2024-Q2"
    assert len([c for c in by_code if c.startswith("1.7@")]) == 20 * 4
    # A single-agency quarterly task has no "@".
    assert by_code["1.9#2024-Q4"].deadline == date(2024, 12, 20)
    # A continuous duty is held without a deadline.
    assert by_code["1.18"].deadline is None and by_code["1.18"].period == ""
    # Deadlines are kept as the plan writes them (a Sunday stays a Sunday).
    assert by_code["1.10"].deadline == date(2024, 3, 31)
    assert report.assignments_total == len(by_code) == await count(directory, Assignment)


@needs_shared_data
async def test_shared_sample_plan_imports_too(directory):
    report = await load_plan(directory, SHARED_DATA / "kontum-2024-plan.csv")
    assert len(report.tasks_added) == 75


async def test_reimport_of_same_file_changes_nothing(directory):
    first = await load_plan(directory)
    before = await assignments(directory)
    again = await load_plan(directory, now=NOW + timedelta(days=3))
    after = await assignments(directory)
    assert again.tasks_added == [] and again.tasks_changed == [] and again.tasks_removed == []
    assert again.tasks_unchanged == 75
    assert again.assignments_added == again.assignments_changed == 0
    assert {c: a.id for c, a in after.items()} == {c: a.id for c, a in before.items()}
    assert await count(directory, Plan) == 1
    assert first.assignments_total == again.assignments_total


async def test_edited_file_updates_in_place_keeps_history_and_reports_removals(directory, tmp_path):
    await load_plan(directory)
    async with directory.unit_of_work() as session:
        target = await session.scalar(select(Assignment).where(Assignment.code == "2.1"))
        target.status, target.percent = Status.IN_PROGRESS, 40
        session.add(
            ProgressUpdate(
                assignment_id=target.id,
                status=Status.IN_PROGRESS,
                percent=40,
                note="đang dự thảo",
                created_at=NOW,
            )
        )

    def edit(rows):
        for row in rows:
            if row["code"] == "2.1":
                row["title"] = row["title"] + " (sửa đổi)"
                row["deadline"] = "2024-02-15"
        return [r for r in rows if r["code"] != "1.5"]

    report = await load_plan(directory, edit_plan(tmp_path, edit))
    assert ("2.1", ("title", "deadline")) in report.tasks_changed
    assert report.tasks_removed == ["1.5"]
    assert report.tasks_added == []

    by_code = await assignments(directory)
    moved = by_code["2.1"]
    assert moved.deadline == date(2024, 2, 15) and moved.plan_deadline == date(2024, 2, 15)
    assert (moved.status, moved.percent) == (Status.IN_PROGRESS, 40)
    assert await count(directory, ProgressUpdate, ProgressUpdate.assignment_id == moved.id) == 1
    # Removed, not deleted: the row and its assignment stay, marked withdrawn.
    assert by_code["1.5"].withdrawn_at is not None
    assert await count(directory, Task) == 75

    # Putting the task back restores it rather than creating a twin.
    restored = await load_plan(directory)
    assert restored.tasks_restored == ["1.5"]
    assert (await assignments(directory))["1.5"].withdrawn_at is None
    assert await count(directory, Task) == 75


async def test_approved_extension_survives_reimport(directory):
    await load_plan(directory)
    async with directory.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == "1.3"))
        a.deadline = date(2024, 2, 20)
    await load_plan(directory)
    assert (await assignments(directory))["1.3"].deadline == date(2024, 2, 20)


async def test_dry_run_writes_nothing(directory):
    async with directory.unit_of_work(dry_run=True) as session:
        from storage.imports.plan import import_plan
        from storage.imports.tabular import read_table

        report = await import_plan(session, read_table(PLAN_FILE, key_column="code"), NOW)
    assert len(report.tasks_added) == 75
    assert await count(directory, Task) == 0
    assert await count(directory, Plan) == 0


async def test_xlsx_plan_imports_like_csv(directory, tmp_path):
    workbook = Workbook()
    notes = workbook.active
    notes.title = "Ghi chú"
    notes["A1"] = "Kế hoạch CCHC 2024"
    sheet = workbook.create_sheet("Nhiệm vụ")
    with PLAN_FILE.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            if i and row[5]:
                row[5] = date.fromisoformat(row[5])  # a real date cell, as Excel keeps it
            sheet.append(row)
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    report = await load_plan(directory, path)
    assert len(report.tasks_added) == 75
    assert (await assignments(directory))["1.10"].deadline == date(2024, 3, 31)


def problems_of(exc: ImportFailed):
    return [(p.code, p.row, p.column, p.value) for p in exc.problems]


async def expect_failure(db, path):
    with pytest.raises(ImportFailed) as info:
        await load_plan(db, path)
    assert await count(db, Task) == 0 and await count(db, Assignment) == 0
    return problems_of(info.value), info.value


GOOD = "1.1,1,Ban hành kế hoạch,Sở Nội vụ,,2024-01-15,,Kế hoạch"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("1.2,1,Tên,Sở Nội vụ,,2024-02-30,,Báo cáo", ("bad_date", 3, "deadline", "2024-02-30")),
        (
            "1.2,1,Tên,Sở Nội vụ,,,weekly:mon,Báo cáo",
            ("bad_recurrence", 3, "recurrence", "weekly:mon"),
        ),
        (
            "1.2,1,Tên,Sở Nội vụ,,,monthly:day=32,Báo cáo",
            ("bad_recurrence", 3, "recurrence", "monthly:day=32"),
        ),
        ("1.1,1,Tên khác,Sở Nội vụ,,2024-03-01,,Báo cáo", ("duplicate_code", 3, "code", "1.1")),
        ("1.2,1,,Sở Nội vụ,,2024-03-01,,Báo cáo", ("empty_value", 3, "title", "")),
        (
            "1.2,1,Tên,Sở Nội vụ,,2024-03-01,yearly:12-15,Báo cáo",
            ("deadline_and_recurrence", 3, "recurrence", "yearly:12-15"),
        ),
        ("1.2,8,Tên,Sở Nội vụ,,2024-03-01,,Báo cáo", ("bad_group", 3, "group", "8")),
        ("2.2,1,Tên,Sở Nội vụ,,2024-03-01,,Báo cáo", ("code_group_mismatch", 3, "code", "2.2")),
        (
            "1.2,1,Tên,Sở Nội vụ,Sở Thông tin truyền thông,2024-03-01,,Báo cáo",
            ("unknown_agency", 3, "cooperating_agencies", "Sở Thông tin truyền thông"),
        ),
    ],
)
async def test_each_bad_row_is_named_and_nothing_is_written(directory, tmp_path, line, expected):
    found, _ = await expect_failure(directory, write_plan(tmp_path, GOOD, line))
    assert found == [expected]


async def test_unknown_agency_suggests_the_closest_declared_names(directory, tmp_path):
    path = write_plan(tmp_path, "1.1,1,Tên,So Tu phap,,2024-01-15,,Kế hoạch")
    found, exc = await expect_failure(directory, path)
    assert found == [("unknown_agency", 2, "lead_agency", "So Tu phap")]
    assert exc.problems[0].hint[0] == "Sở Tư pháp"


async def test_missing_column_is_reported_on_the_header_row(directory, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("code,group,title,deadline,recurrence\n1.1,1,T,2024-01-15,\n")
    found, _ = await expect_failure(directory, path)
    assert found == [
        ("missing_column", 1, "lead_agency", "code, group, title, deadline, recurrence")
    ]


async def test_wrong_encoding_names_the_line(directory, tmp_path):
    path = tmp_path / "plan.csv"
    text = "\n".join([HEADER, GOOD, "1.2,1,Báo cáo,Sở Nội vụ,,2024-01-15,,Kế hoạch"]) + "\n"
    path.write_bytes(text.encode("utf-8").replace("Báo".encode(), "Báo".encode("cp1258")))
    found, _ = await expect_failure(directory, path)
    assert [(code, row) for code, row, *_ in found] == [("bad_encoding", 3)]


async def test_xlsx_without_a_data_sheet_is_refused(directory, tmp_path):
    workbook = Workbook()
    workbook.active.title = "Trang 1"
    workbook.active["A1"] = "chỉ có ghi chú"
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    found, exc = await expect_failure(directory, path)
    assert found == [("no_data_sheet", None, None, "code")]
    assert exc.problems[0].hint == ("Trang 1",)


async def test_numeric_code_cell_in_xlsx_is_refused(directory, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append([1.1, 1, "Tên", "Sở Nội vụ", None, "2024-01-15", None, "Báo cáo"])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    found, _ = await expect_failure(directory, path)
    assert found[0][:3] == ("code_not_text", 2, "code")


async def test_one_bad_row_among_many_keeps_the_whole_file_out(directory, tmp_path):
    def edit(rows):
        rows[-1]["deadline"], rows[-1]["recurrence"] = "31/06/2024", ""
        return rows

    found, _ = await expect_failure(directory, edit_plan(tmp_path, edit))
    assert found == [("bad_date", 76, "deadline", "31/06/2024")]


async def test_every_problem_is_collected(directory, tmp_path):
    lines = [f"1.{i},1,,Sở Nội vụ,,2024-13-01,,Báo cáo" for i in range(1, 16)]
    found, _ = await expect_failure(directory, write_plan(tmp_path, *lines))
    assert len(found) == 30  # title and deadline on each of 15 rows


async def test_dd_mm_yyyy_dates_are_accepted(directory, tmp_path):
    await load_plan(directory, write_plan(tmp_path, "1.1,1,Tên,Sở Nội vụ,,31/03/2024,,Kế hoạch"))
    assert (await assignments(directory))["1.1"].deadline == date(2024, 3, 31)


async def test_a_copy_of_the_sample_in_another_folder_gives_the_same_plan(directory, tmp_path):
    copy = tmp_path / "copy.csv"
    shutil.copy(PLAN_FILE, copy)
    await load_plan(directory)
    again = await load_plan(directory, copy)
    assert again.tasks_unchanged == 75


async def test_every_assignment_carries_its_task_group(directory, tmp_path):
    await load_plan(directory)
    await load_plan(directory, write_plan(tmp_path, "7.9,7,Việc mới,Sở Tư pháp,,2024-09-30,,BC"))
    async with directory.unit_of_work() as session:
        query = (
            select(Assignment.group_number, TaskGroup.number)
            .join(Task, Task.id == Assignment.task_id)
            .join(TaskGroup, TaskGroup.id == Task.group_id)
        )
        pairs = (await session.execute(query)).all()
    assert len(pairs) > 100 and all(kept == real for kept, real in pairs)
    assert (7, 7) in pairs
