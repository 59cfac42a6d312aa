"""Imports in the office's own format (issue 14 point 6) and the second sample (point 5):
Vietnamese headers, recurrences in words, ';' CSV, other encodings, XLSX templates."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.app import admin
from bot.app.templates import template_workbook
from storage.enums import AgencyKind, Role
from storage.imports import headers
from storage.imports.problems import ImportFailed
from storage.imports.recurrence import expand, from_words
from storage.imports.tabular import read_table
from storage.models import Agency, Assignment, Person, Plan, Task
from tests.kit import CAL, NOW, QN_AGENCY_FILES, QN_PEOPLE_FILE, QN_PLAN_FILE, count


async def load_quangngai(db):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    plan = await admin.run_import_plan(
        db, QN_PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday
    )
    people = await admin.run_import_people(db, QN_PEOPLE_FILE, "vi", NOW, dry_run=False)
    return plan, people


async def test_the_two_level_sample_imports_in_vietnamese_headers_and_words(db):
    plan, people = await load_quangngai(db)
    assert plan.year == 2026 and len(plan.tasks_added) == 22
    assert len(people.added) == 47
    async with db.unit_of_work() as session:
        kinds = {a.name: a.kind for a in await session.scalars(select(Agency))}
        tasks = {t.code: t for t in await session.scalars(select(Task))}
        rows = (await session.execute(select(Assignment.code, Assignment.deadline))).all()
        coordinator = await session.scalar(
            select(Person).where(Person.email == "cchc@quangngai.example")
        )
    deadlines = dict(rows)
    assert kinds["UBND đặc khu Lý Sơn"] is AgencyKind.COMMUNE
    assert kinds["Sở Nội vụ"] is AgencyKind.PROVINCIAL_AGENCY
    # "trước ngày 15 tháng cuối quý", fanned out to the 12 communes, wards and the special zone
    assert tasks["1.4"].recurrence == "quarterly:day=15:month_of_quarter=3"
    assert deadlines["1.4@dk-lyson#2026-Q2"] == date(2026, 6, 15)
    assert len([c for c in deadlines if c.startswith("1.4@")]) == 12 * 4
    # "Quý III/2026" and "Trước ngày 30/6/2026" in the deadline column
    assert deadlines["1.6"] == date(2026, 9, 30) and deadlines["4.1"] == date(2026, 6, 30)
    # the last working day of May 2026 is Friday 29 (31 is a Sunday)
    assert deadlines["3.2@x-dakha#2026-05"] == date(2026, 5, 29)
    assert tasks["7.2"].recurrence == "continuous" and deadlines["7.2"] is None
    assert deadlines["2.2#2026-H1"] == date(2026, 6, 30)
    assert coordinator is not None and coordinator.role is Role.COORDINATOR


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("Hằng quý", "quarterly:day=last:month_of_quarter=3"),
        ("hang thang", "monthly:day=last"),
        ("Hàng tháng", "monthly:day=last"),
        ("6 tháng", "semiannual:day=last:month_of_half=6"),
        ("định kỳ 6 tháng", "semiannual:day=last:month_of_half=6"),
        ("Hằng năm", "yearly:12-31"),
        ("trước ngày 15 tháng cuối quý", "quarterly:day=15:month_of_quarter=3"),
        ("Trước ngày 10 tháng đầu quý", "quarterly:day=10:month_of_quarter=1"),
        ("trước ngày 20 hằng tháng", "monthly:day=20"),
        ("trước ngày 15/12 hằng năm", "yearly:12-15"),
        ("Thường xuyên", "continuous"),
        ("Ngày làm việc cuối cùng của tháng", "monthly:day=last_workday"),
        ("ngày làm việc cuối cùng của quý", "quarterly:day=last_workday:month_of_quarter=3"),
        ("mỗi tuần một lần", None),
    ],
)
def test_recurrences_in_words(words, rule):
    assert from_words(words) == rule


def test_last_working_day_follows_the_calendar():
    # 30/4 and 1/5 are days off: the last working day of April 2026 is Wednesday 29.
    april = expand("monthly:day=last_workday", 2026, CAL.is_workday)[3]
    assert april.deadline == date(2026, 4, 29)
    quarters = expand("quarterly:day=last_workday:month_of_quarter=3", 2026, CAL.is_workday)
    assert [q.deadline for q in quarters] == [
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
    ]


PLAN_VI = (
    "STT;Mã;Nhóm;Nội dung nhiệm vụ;Cơ quan chủ trì;Thời hạn hoàn thành;Sản phẩm\n"
    "1;1.1;1;Ban hành kế hoạch;Sở Nội vụ;31/01/2026;Kế hoạch\n"
    "2;1.2;I;Báo cáo quý;Sở Nội vụ;Hằng quý;Báo cáo\n"
)


def test_a_semicolon_csv_with_vietnamese_headers_is_read():
    table = _table(PLAN_VI.encode("utf-8"))
    assert table.delimiter == ";"
    assert {"code", "group", "title", "lead_agency", "deadline", "deliverable"} <= set(
        table.columns
    )
    assert "stt" in table.columns  # "Mã" is the code; "STT" stays a row number
    assert table.rows[1].cells["code"] == "1.2"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Excel writes it: base letters with a combining tone where needed."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
            out += (base + "".join(c for c in parts if c in tones)).encode("cp1258")
    return out


_tmp = {}


@pytest.fixture(autouse=True)
def _folder(tmp_path):
    _tmp["dir"] = tmp_path


def _table(data: bytes, name: str = "plan.csv"):
    path = _tmp["dir"] / name
    path.write_bytes(data)
    return read_table(path, key_column="code", aliases=(headers.PLAN,))


@pytest.mark.parametrize(
    ("encode", "encoding"),
    [
        (lambda s: s.encode("utf-16"), "utf-16"),
        (lambda s: s.replace(";", "\t").encode("utf-16"), "utf-16"),
        (_cp1258, "cp1258"),
        (lambda s: s.encode("utf-8-sig"), "utf-8"),
    ],
)
def test_other_encodings_are_read_as_written(encode, encoding):
    table = _table(encode(PLAN_VI))
    assert table.encoding == encoding
    assert table.rows[0].cells["lead_agency"] == "Sở Nội vụ"
    assert table.rows[1].cells["title"] == "Báo cáo quý"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        # "Cộng hoà xã hội chủ nghĩa Việt Nam" typed in a .VnTime font (TCVN3) and in VNI
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam".encode("latin-1"), "TCVN3 (ABC)"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam".encode("latin-1"), "VNI"),
    ],
)
def test_a_legacy_vietnamese_encoding_is_refused_by_name(raw, name):
    data = b"code;group;title;lead_agency;deadline\n1.1;1;" + raw + b";S;2026-01-31\n"
    with pytest.raises(ImportFailed) as info:
        _table(data)
    assert [(p.code, p.value) for p in info.value.problems] == [("legacy_encoding", name)]
    from bot.texts import describe_problem

    assert name in describe_problem("vi", info.value.problems[0])


async def test_a_semicolon_plan_imports_whole(db):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    path = _tmp["dir"] / "ke-hoach.csv"
    path.write_bytes(_cp1258(PLAN_VI))
    report = await admin.run_import_plan(db, path, "vi", NOW, dry_run=False)
    assert report.year == 2026 and report.tasks_added == ["1.1", "1.2"]
    assert await count(db, Assignment) == 1 + 4


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_templates_import_as_they_are(db, lang):
    for kind in ("agencies", "plan", "people"):
        (_tmp["dir"] / f"{kind}.xlsx").write_bytes(template_workbook(kind, lang))
    book = load_workbook(_tmp["dir"] / "people.xlsx")
    assert len(book.sheetnames) == 3  # data, lists, notes
    data = book.worksheets[0]
    assert data.data_validations.dataValidation  # roles offered as a list
    notes = book.worksheets[-1]
    assert notes.max_row > 6
    await admin.run_import_agencies(db, [_tmp["dir"] / "agencies.xlsx"], lang, dry_run=False)
    plan = await admin.run_import_plan(db, _tmp["dir"] / "plan.xlsx", lang, NOW, dry_run=False)
    people = await admin.run_import_people(
        db, _tmp["dir"] / "people.xlsx", lang, NOW, dry_run=False
    )
    assert plan.tasks_added == ["1.1", "1.2"] and plan.year == 2026
    assert len(people.added) == 1
    async with db.unit_of_work() as session:
        (plan_row,) = (await session.scalars(select(Plan))).all()
        sonv = await session.scalar(select(Agency).where(Agency.short_code == "sonv"))
    assert plan_row.year == 2026 and sonv is not None


def test_a_template_keeps_codes_as_text():
    book = load_workbook(io.BytesIO(template_workbook("plan", "vi")))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]][:3] == ["Mã", "Nhóm nhiệm vụ", "Nội dung nhiệm vụ"]
    assert sheet["A5"].number_format == "@"


async def test_the_2026_sample_loads_beside_the_2024_one(db):
    from tests.kit import declare_agencies, load_people, load_plan

    await declare_agencies(db)
    await load_plan(db)
    await load_people(db)
    plan, people = await load_quangngai(db)
    assert plan.created_plan and plan.year == 2026 and len(people.added) == 47
    async with db.unit_of_work() as session:
        years = sorted((await session.scalars(select(Plan.year))).all())
        sonv = await session.scalar(select(Agency).where(Agency.name == "Sở Nội vụ"))
    assert years == [2024, 2026] and sonv.short_code == "snv"  # one Sở Nội vụ, both years
