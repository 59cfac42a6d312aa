"""The coordinators' report: rows, CSV, XLSX and text agree with status_counts."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy import select, update

from bot.documents.report import (
    CSV_COLUMNS,
    build_report,
    report_filename,
    to_csv,
    to_text,
)
from bot.texts import group_name
from storage.enums import Status
from storage.models import Agency, Assignment, Person, Task
from storage.report import report_rows
from storage.summary import TABLE_COLUMNS, status_counts
from tests.kit import TZ, declare_agencies, load_plan, local
from tests.kit.summary_plan import TODAY, build_plan

PLAN_ORDER = [
    *("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "7.1", "7.2", "7.3", "7.6", "7.7")
]
TIMELINESS = {
    "1.1": "on_time",
    "1.2": "late",  # done on 16 Mar local time, due 15 Mar
    "1.3": "on_time",  # 23:30 local on the deadline day
    "2.2": "overdue",
    "2.4": "overdue",
    "7.3": "overdue",
    "7.6": "on_time",  # a continuous duty is never late
}
SUMMARY_VI = [
    "STT",
    "Nhóm nhiệm vụ / Cơ quan",
    "Tổng số nhiệm vụ",
    "Hoàn thành đúng hạn",
    "Hoàn thành trễ hạn",
    "Trong hạn: đang thực hiện",
    "Trong hạn: chưa thực hiện",
    "Trong hạn: vướng mắc",
    "Trong hạn: đề nghị gia hạn",
    "Quá hạn",
    "Quá hạn: đang thực hiện",
    "Quá hạn: chưa thực hiện",
    "Quá hạn: vướng mắc",
    "Quá hạn: đề nghị gia hạn",
    "Chưa đến hạn",
    "Tỷ lệ hoàn thành đúng hạn (%)",
]
DETAIL_VI = [
    "STT",
    "Nhóm",
    "Mã",
    "Nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Sản phẩm",
    "Thời hạn",
    "Thời hạn sau gia hạn",
    "Tình trạng",
    "Đánh giá thời hạn",
    "Tiến độ (%)",
    "Khó khăn, vướng mắc / lý do",
    "Văn bản, sản phẩm (số, ký hiệu)",
    "Cập nhật lần cuối",
]
HEADER_ROW = 5  # title, plan, "tính đến ngày", a blank row, the header


@pytest.fixture
async def agencies(db, tmp_path):
    ids = await build_plan(db, tmp_path)
    async with db.unit_of_work() as session:
        person = await session.scalar(select(Person.id).where(Person.full_name == "Hoàng Thu Hà"))
        await session.execute(
            update(Assignment).where(Assignment.code == "2.1").values(updated_by_id=person)
        )
    return ids


async def rows_of(db, today=TODAY, **kw):
    async with db.unit_of_work() as session:
        return await report_rows(session, today, **kw)


async def report(db, fmt, lang="vi", **kw) -> bytes:
    async with db.unit_of_work() as session:
        return await build_report(session, TODAY, fmt, lang, **({"tz": TZ} | kw))


async def test_rows_are_live_assignments_in_plan_order(db, agencies):
    rows = await rows_of(db)
    assert [r.assignment for r in rows] == PLAN_ORDER  # 7.4 and 7.5 withdrawn
    assert {r.assignment: r.timeliness for r in rows if r.timeliness} == TIMELINESS
    by_code = {r.assignment: r for r in rows}
    first = by_code["2.1"]
    assert (first.task, first.group) == ("2.1", 2)
    assert (first.agency, first.deadline, first.status, first.percent) == (
        "Sở Tư pháp",
        date(2024, 3, 29),
        Status.IN_PROGRESS,
        50,
    )
    assert (first.updated_at, first.updated_by) == (local(2024, 3, 18, 9, 0), "Hoàng Thu Hà")
    assert by_code["2.2"].updated_by == "" and by_code["7.6"].deadline is None
    assert by_code["1.2"].updated_at == local(2024, 3, 16, 6, 0)


async def test_rows_filter_by_agency_and_follow_today(db, agencies):
    stp = await rows_of(db, agency_id=agencies["stp"])
    assert [r.assignment for r in stp] == ["1.3", "2.1", "2.2", "2.5", "7.1", "7.7"]
    earlier = {r.assignment: r.timeliness for r in await rows_of(db, today=date(2024, 3, 19))}
    assert earlier["2.4"] == "" and earlier["2.2"] == "overdue"


async def test_natural_order_of_codes(db, tmp_path):
    await declare_agencies(db)
    await load_plan(db)  # the sample plan: fan-outs, periods, 1.9 before 1.10
    rows = await rows_of(db, today=date(2024, 1, 2))
    codes = [r.assignment for r in rows]

    def natural(code: str):
        group, number = re.split(r"[@#]", code)[0].split(".")
        return int(group), int(number), code

    assert codes == sorted(codes, key=natural)
    assert codes.index("1.9#2024-Q4") < codes.index("1.10")
    assert [r.group for r in rows] == sorted(r.group for r in rows)


async def test_csv_has_the_contract_columns(db, agencies):
    text = (await report(db, "csv")).decode("utf-8")
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    assert "\r\n" in text  # RFC 4180 line breaks
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert [r["assignment"] for r in parsed] == PLAN_ORDER
    by_code = {r["assignment"]: r for r in parsed}
    assert {c: r["timeliness"] for c, r in by_code.items() if r["timeliness"]} == TIMELINESS
    assert {r["status"] for r in parsed} <= {s.value for s in Status}
    row = by_code["2.1"]
    assert (row["task"], row["group"], row["agency"], row["deadline"]) == (
        "2.1",
        "2",
        "Sở Tư pháp",
        "2024-03-29",
    )
    assert (row["status"], row["percent"], row["updated_by"]) == (
        "in_progress",
        "50",
        "Hoàng Thu Hà",
    )
    assert datetime.fromisoformat(row["updated_at"]) == local(2024, 3, 18, 9, 0)
    assert row["updated_at"] == "2024-03-18T02:00:00+00:00"
    assert by_code["7.6"]["deadline"] == "" and by_code["2.2"]["updated_by"] == ""
    assert to_csv(await rows_of(db)) == text
    stp = list(
        csv.DictReader(io.StringIO((await report(db, "csv", agency_id=agencies["stp"])).decode()))
    )
    assert {r["agency"] for r in stp} == {"Sở Tư pháp"}


def _check_sheet(ws, headers: list[str], wrapped: str) -> list[list]:
    """Title block, print setup, header row, borders and wrapping of the text column
    ``wrapped``; returns the data rows as values."""
    assert ws["A1"].value == "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    assert ws["A2"].value == "Kế hoạch CCHC năm 2024"
    assert ws["A3"].value == "(Tính đến ngày 20/03/2024)"
    last = get_column_letter(len(headers))
    assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    header = next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW))
    assert [c.value for c in header] == headers
    assert all(c.font.bold and c.border.bottom.style == "thin" for c in header)
    total_width = 0
    for cell in header:
        width = ws.column_dimensions[cell.column_letter].width
        assert width and width > 4
        total_width += width
    assert total_width < 260  # fits A4 landscape at a legible scale
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1))
    text = headers.index(wrapped)
    for cell in (row[text] for row in rows if row[text].value and row[0].value is not None):
        assert cell.border.left.style == "thin" and cell.alignment.wrap_text, cell
    return [[c.value for c in row] for row in rows]


async def test_xlsx_summary_has_groups_and_agencies_apart(db, agencies):
    book = load_workbook(io.BytesIO(await report(db, "xlsx")))
    assert book.sheetnames == ["Tổng hợp", "Chi tiết", "Quá hạn"]
    async with db.unit_of_work() as session:
        (total,) = await status_counts(session, TODAY)
        by_group = await status_counts(session, TODAY, by="group")
    ws = book["Tổng hợp"]
    assert ws["A4"].value == "I. THEO NHÓM NHIỆM VỤ"
    values = _check_sheet(ws, SUMMARY_VI, SUMMARY_VI[1])
    # groups: 3 rows and the total; blank; section; header; agencies: 2 rows and the total
    groups, agencies_part = values[:4], values[7:10]
    assert values[5][0] == "II. THEO CƠ QUAN CHỦ TRÌ" and values[6][:2] == ["STT", SUMMARY_VI[1]]
    columns = [getattr(total, name) for name in TABLE_COLUMNS]
    expected_total = [None, "Tổng cộng", total.total, *columns, 23.1]  # 3 of 13 on time
    assert groups[-1] == expected_total and agencies_part[-1] == expected_total
    assert [r[:2] for r in groups[:-1]] == [
        [n, f"Nhóm {c.key} — {group_name('vi', c.key)}"] for n, c in enumerate(by_group, 1)
    ]
    assert [r[:2] for r in agencies_part[:-1]] == [[1, "Sở Nội vụ"], [2, "Sở Tư pháp"]]
    for part in (groups[:-1], agencies_part[:-1]):
        sums = [sum(column) for column in zip(*(r[2:-1] for r in part), strict=True)]
        assert sums == expected_total[2:-1]
    # quá hạn 3, trong đó: vướng mắc 1 (2.2), đề nghị gia hạn 1 (2.4), chưa thực hiện 1 (7.3)
    split = dict(zip(SUMMARY_VI, expected_total, strict=True))
    assert split["Quá hạn"] == 3 and split["Quá hạn: vướng mắc"] == 1
    assert split["Quá hạn: đề nghị gia hạn"] == split["Quá hạn: chưa thực hiện"] == 1
    assert split["Chưa đến hạn"] == 1  # 7.7, never reported
    # on-time share: Sở Nội vụ 2 of 7, Sở Tư pháp 1 of 6; group 1: 2 of 3
    assert [r[-1] for r in agencies_part[:-1]] == [28.6, 16.7]
    assert groups[0][-1] == 66.7


async def test_xlsx_detail_has_every_column_of_a_report(db, agencies):
    book = load_workbook(io.BytesIO(await report(db, "xlsx")))
    ws = book["Chi tiết"]
    detail = _check_sheet(ws, DETAIL_VI, "Nhiệm vụ")
    assert [r[0] for r in detail] == list(range(1, len(PLAN_ORDER) + 2))
    # 7.4, withdrawn from its agency after it was under way, ends the sheet, marked so.
    assert [r[2] for r in detail] == [*PLAN_ORDER, "7.4"]
    withdrawn = dict(zip(DETAIL_VI, detail[-1], strict=True))
    assert withdrawn["Tình trạng"] == "Đã rút (đang thực hiện)"
    assert withdrawn["Khó khăn, vướng mắc / lý do"] == "rút ngày 18/03/2024"
    assert withdrawn["Đánh giá thời hạn"] is None  # past its deadline, yet not overdue
    column = {name: i for i, name in enumerate(DETAIL_VI)}
    cells = list(ws.iter_rows(min_row=HEADER_ROW + 1))
    for values, row in zip(detail, cells, strict=True):
        deadline = row[column["Thời hạn"]]
        if values[2] in ("7.1", "7.6"):  # continuous duties
            assert deadline.value == "thường xuyên"
        else:
            assert isinstance(deadline.value, datetime) and deadline.number_format == "dd/mm/yyyy"
    row = dict(zip(DETAIL_VI, detail[PLAN_ORDER.index("2.1")], strict=True))
    assert row["Tình trạng"] == "đang thực hiện" and row["Tiến độ (%)"] == 50
    assert row["Sản phẩm"] == "Quyết định" and row["Nhóm"] == 2
    assert row["Cập nhật lần cuối"] == datetime(2024, 3, 18, 9, 0)  # local time
    updated = cells[PLAN_ORDER.index("2.1")][column["Cập nhật lần cuối"]]
    assert updated.number_format == "dd/mm/yyyy hh:mm"
    assert dict(zip(DETAIL_VI, detail[1], strict=True))["Đánh giá thời hạn"] == "trễ hạn"


async def test_xlsx_detail_shows_the_extension_the_cooperators_and_the_reason(db, tmp_path):
    await declare_agencies(db)
    path = tmp_path / "plan.csv"
    path.write_text(
        "code,group,title,lead_agency,cooperating_agencies,deadline,recurrence,deliverable\n"
        "1.1,1,Kế hoạch CCHC,Sở Nội vụ,Sở Tư pháp; Văn phòng UBND tỉnh,2024-03-15,,Kế hoạch\n",
        encoding="utf-8",
    )
    await load_plan(db, path)
    async with db.unit_of_work() as session:
        await session.execute(
            update(Assignment).values(
                deadline=date(2024, 4, 30),
                status=Status.BLOCKED,
                status_note="chờ ý kiến Sở Tài chính",
            )
        )
    book = load_workbook(io.BytesIO(await report(db, "xlsx")))
    (row,) = [[c.value for c in r] for r in book["Chi tiết"].iter_rows(min_row=HEADER_ROW + 1)]
    row = dict(zip(DETAIL_VI, row, strict=True))
    assert row["Cơ quan phối hợp"] in (
        "Sở Tư pháp; Văn phòng UBND tỉnh",
        "Văn phòng UBND tỉnh; Sở Tư pháp",
    )
    assert (row["Thời hạn"].date(), row["Thời hạn sau gia hạn"].date()) == (
        date(2024, 3, 15),
        date(2024, 4, 30),
    )
    assert row["Khó khăn, vướng mắc / lý do"] == "chờ ý kiến Sở Tài chính"


async def test_xlsx_overdue_sheet_is_ranked(db, agencies):
    book = load_workbook(io.BytesIO(await report(db, "xlsx")))
    async with db.unit_of_work() as session:
        (total,) = await status_counts(session, TODAY)
    ws = book["Quá hạn"]
    headers = [c.value for c in next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW))]
    overdue = _check_sheet(ws, headers, "Nhiệm vụ")
    assert headers[:6] == [
        "STT",
        "Mã",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Thời hạn",
        "Số ngày quá hạn",
    ]
    assert len(overdue) == total.overdue
    assert [(r[0], r[1], r[4].date(), r[5]) for r in overdue] == [
        (1, "7.3", date(2024, 3, 1), 19),
        (2, "2.2", date(2024, 3, 10), 10),
        (3, "2.4", date(2024, 3, 19), 1),
    ]
    assert ws.cell(row=HEADER_ROW + 1, column=5).number_format == "dd/mm/yyyy"


async def test_xlsx_in_english(db, agencies):
    book = load_workbook(io.BytesIO(await report(db, "xlsx", "en")))
    assert book.sheetnames == ["Summary", "Details", "Overdue"]
    summary = book["Summary"]
    assert summary["A1"].value == "REPORT ON THE ADMINISTRATIVE REFORM PLAN FOR 2024"
    header = [c.value for c in summary[HEADER_ROW]]
    assert header[:4] == ["No.", "Task group / Agency", "Total tasks", "Done on time"]
    assert summary.cell(row=HEADER_ROW + 1, column=2).value == f"Group 1 — {group_name('en', 1)}"
    details = book["Details"]
    assert [c.value for c in details[HEADER_ROW]][:4] == ["No.", "Group", "Code", "Task"]
    assert details.cell(row=HEADER_ROW + 1, column=10).value == "done"


async def test_text_report(db, agencies):
    text = (await report(db, "text")).decode("utf-8")
    assert "đến ngày 20/03/2024" in text
    assert "Toàn kế hoạch: 13 nhiệm vụ; hoàn thành 4 (đúng hạn 3, trễ hạn 1)" in text
    assert "quá hạn 3, trong đó: vướng mắc 1, đề nghị gia hạn 1, chưa thực hiện 1" in text
    assert "chưa đến hạn 1" in text
    assert "Hoàn thành 4/13 nhiệm vụ; tỷ lệ hoàn thành đúng hạn 23,1%" in text
    for n in (1, 2, 7):
        assert f"Nhóm {n} — {group_name('vi', n)}: " in text
    assert "Sở Nội vụ: 7 nhiệm vụ" in text and "Sở Tư pháp: 6 nhiệm vụ" in text
    assert " việc " not in text and "xong" not in text
    english = (await report(db, "text", "en")).decode("utf-8")
    assert f"Group 2 — {group_name('en', 2)}: 5" in english and "Whole plan: 13" in english


async def test_empty_selection_and_bad_format(db):
    async with db.unit_of_work() as session:
        (total,) = await status_counts(session, TODAY)
        with pytest.raises(ValueError, match="format"):
            await build_report(session, TODAY, "pdf", tz=TZ)
    assert "(không có)" in to_text(total, [], [], "vi")
    assert (await report(db, "csv")).decode() == ",".join(CSV_COLUMNS) + "\r\n"
    book = load_workbook(io.BytesIO(await report(db, "xlsx")))
    summary = [[c.value for c in r] for r in book["Tổng hợp"].iter_rows(min_row=HEADER_ROW + 1)]
    assert summary[0][:3] == [None, "Tổng cộng", 0]
    assert book["Quá hạn"].max_row == HEADER_ROW


def test_report_filename():
    assert report_filename(date(2024, 3, 20), "xlsx") == "nhacviec-bao-cao-2024-03-20.xlsx"
    assert report_filename(date(2024, 3, 20), "text") == "nhacviec-bao-cao-2024-03-20.txt"
    assert report_filename(date(2024, 3, 20), "csv") == "nhacviec-bao-cao-2024-03-20.csv"


FORMULAS = {
    "title": '=HYPERLINK("http://example.invalid","bấm vào")',
    "agency": "@SUM(1+1)",
    "person": "+1-2",
}


async def test_text_that_looks_like_a_formula_is_never_one(db, agencies):
    async with db.unit_of_work() as session:
        task_id = await session.scalar(select(Assignment.task_id).where(Assignment.code == "2.1"))
        await session.execute(
            update(Task).where(Task.id == task_id).values(title=FORMULAS["title"])
        )
        await session.execute(
            update(Agency).where(Agency.name == "Sở Tư pháp").values(name=FORMULAS["agency"])
        )
        await session.execute(
            update(Person).where(Person.full_name == "Hoàng Thu Hà").values(full_name="-2+3")
        )
        await session.execute(
            update(Assignment).where(Assignment.code == "2.1").values(status_note="-2+3")
        )
        await session.execute(
            update(Task).where(Task.code == "1.1").values(title="\tcmd|' /C calc'!A0")
        )

    cells = [v for row in csv.reader(io.StringIO((await report(db, "csv")).decode())) for v in row]
    for value in (FORMULAS["title"], FORMULAS["agency"], "-2+3", "\tcmd|' /C calc'!A0"):
        assert "'" + value in cells and value not in cells
    assert not [v for v in cells if v[:1] in ("=", "+", "-", "@", "\t", "\r")]

    book = load_workbook(io.BytesIO(await report(db, "xlsx")))
    seen = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.value[:1] not in ("=", "+", "-", "@", "\t", "\r")
                    seen.append(cell.value)
    assert "'" + FORMULAS["title"] in seen and "'" + FORMULAS["agency"] in seen
    assert "'-2+3" in seen
    detail = book["Chi tiết"]
    head = [c.value for c in detail[HEADER_ROW]]
    code = head.index("Mã")
    row = next(r for r in detail.iter_rows(min_row=HEADER_ROW + 1) if r[code].value == "2.1")
    assert isinstance(row[head.index("Thời hạn")].value, datetime)
    assert isinstance(row[head.index("Tiến độ (%)")].value, int)
