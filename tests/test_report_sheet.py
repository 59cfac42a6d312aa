"""The workbook's cells as a reader sees them, row after row.

``bot.documents.sheet`` reuses one cell per column from row to row and shares one
style (and one row height) among many cells: these tests read the workbook back
and check that nothing of one row leaks into the next: not a value, a style, a
number format or a height.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from bot.documents.report import DETAIL_COLUMNS, HEADER_ROW, to_xlsx
from bot.documents.sheet import StyledSheet, register_styles
from bot.texts import dmy, t
from storage.enums import Status
from storage.report import ReportRow
from storage.summary import StatusCounts
from tests.kit import TZ

TODAY = date(2024, 7, 1)
LONG = (
    "Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan hành chính nhà nước "
    "trên địa bàn tỉnh, đợt 1 năm 2024"
)


def row(n: int, **changes) -> ReportRow:
    fields = {
        "assignment_id": n,
        "assignment": f"1.{n}@stp",
        "task": f"1.{n}",
        "title": f"Nhiệm vụ {n}",
        "group": 1,
        "agency_id": 1,
        "agency": "Sở Tư pháp",
        "deadline": date(2024, 3, 29),
        "status": Status.IN_PROGRESS,
        "timeliness": "overdue",
        "percent": 40,
        "updated_at": datetime(2024, 6, 20, 2, 0, tzinfo=UTC),
        "updated_by": "Nguyễn Văn An",
        "plan_deadline": date(2024, 3, 29),
        "deliverable": "Báo cáo",
        "cooperators": "Sở Nội vụ",
        "note": "Chờ ý kiến",
        "evidence": "12/BC-STP",
    }
    return ReportRow(**{**fields, **changes})


ROWS = [
    row(1, title=LONG, note="#N/A"),
    # empty where the row before had values: no deadline, never updated, no note
    row(
        2,
        deadline=None,
        plan_deadline=None,
        updated_at=None,
        note="",
        cooperators="",
        evidence="",
        status=Status.NOT_STARTED,
        timeliness="",
        percent=0,
    ),
    row(3, title="=1+1", deadline=date(2024, 5, 2), plan_deadline=date(2024, 4, 30)),
    # every text fits its column on one line
    row(4, status=Status.DONE, timeliness="on_time", percent=100, note=""),
]


def counts(key, label) -> StatusCounts:
    return StatusCounts(key, label, 3, 1, 0, 1, 1, 0, 0, 1)


@pytest.fixture(scope="module")
def book():
    content = to_xlsx(
        ROWS,
        [counts(1, "")],
        [counts(1, "Sở Tư pháp"), counts(2, "Sở Nội vụ")],
        counts(None, ""),
        TODAY,
        tz=TZ,
    )
    return load_workbook(io.BytesIO(content))


def detail(book):
    ws = book[t("vi", "sheet_detail")]
    names = [name for name, _ in DETAIL_COLUMNS]
    return ws, [
        dict(zip(names, cells, strict=True))
        for cells in ws.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + len(ROWS))
    ]


def test_every_cell_of_the_table_is_bordered_and_wrapped_even_empty(book):
    _, cells = detail(book)
    for line in cells:
        for name, cell in line.items():
            assert cell.border.left.style == "thin" and cell.border.bottom.style == "thin", name
            assert cell.alignment.vertical == "top", name
    empty = cells[1]
    assert empty["note"].value is None and empty["updated_at"].value is None
    assert empty["note"].alignment.wrap_text and empty["extended"].number_format == "dd/mm/yyyy"


def test_values_do_not_carry_over_from_the_row_before(book):
    _, (first, second, third, _) = detail(book)
    assert first["note"].value == "#N/A" and first["note"].data_type == "s"  # text, not an error
    # the words for no deadline, as text, where the row above had a date
    assert second["deadline"].value == dmy(None, "vi") and second["deadline"].data_type == "s"
    assert second["updated_at"].value is None and second["cooperators"].value is None
    assert second["percent"].value == 0 and second["stt"].value == 2
    assert third["task"].value == "'=1+1" and third["task"].data_type == "s"  # never a formula
    assert third["extended"].value == datetime(2024, 5, 2)
    assert third["deadline"].value == datetime(2024, 4, 30)
    assert third["updated_at"].number_format == "dd/mm/yyyy hh:mm"
    assert third["updated_at"].value == datetime(2024, 6, 20, 9, 0)  # local time, naive


def test_each_row_is_as_tall_as_its_own_text(book):
    ws, _ = detail(book)
    heights = [ws.row_dimensions[HEADER_ROW + n].height for n in range(1, len(ROWS) + 1)]
    # three lines of title; two of "thường xuyên" or a status; one line
    assert heights == [45, 30, 30, None]


def test_total_rows_alone_are_bold(book):
    ws = book[t("vi", "sheet_summary")]
    total = t("vi", "col_grand_total")
    names = [(r[1].value, r[1].font.b, r[2].font.b) for r in ws.iter_rows(min_row=HEADER_ROW)]
    assert ("Sở Tư pháp", False, False) in names and ("Sở Nội vụ", False, False) in names
    assert [bold for name, bold, _ in names if name == total] == [True, True]
    assert all(bold for name, _, bold in names if name == total)


def test_a_date_in_a_style_without_a_date_format_is_refused():
    """Binding it would change the style every cell of that name shares."""
    book = Workbook(write_only=True)
    register_styles(book, {"cell": {}, "date": {"number_format": "dd/mm/yyyy"}}, "x_")
    ws = StyledSheet(book.create_sheet("s"), ("cell", "date"), "x_")
    ws.row([date(2024, 1, 2)], ["date"], [("d", 11)])
    with pytest.raises(ValueError, match="date format"):
        ws.row([date(2024, 1, 2)], ["cell"], [("d", 11)])
    ws.row(["văn bản"], ["cell"], [("d", 11)])
    out = io.BytesIO()
    book.save(out)
    cells = [r[0] for r in load_workbook(out).active.iter_rows()]
    assert [c.value for c in cells] == [datetime(2024, 1, 2), "văn bản"]
    assert [c.number_format for c in cells] == ["dd/mm/yyyy", "General"]
