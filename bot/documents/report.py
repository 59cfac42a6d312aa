"""The coordinators' report as text, CSV or XLSX, from one set of figures.

``build_report`` is the single entry point of ``nhacviec report`` and of the
chat's /baocao: it reads the counts (``storage.summary.status_overview``) and
the rows (``storage.report.report_rows``) once and renders them, so every
format shows the same numbers. ``tz`` is the calendar's time zone
(``NHACVIEC_TIMEZONE``): it decides the local day a completion falls on, so
whether it was on time, and the XLSX shows its dates and times in it; the CSV
keeps the contract's words and ISO dates (``updated_at`` in UTC).
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date
from typing import Literal, TypeGuard
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from bot.outbound.digests import counts_line
from bot.texts import dmy, group_label, status_name, t
from storage.db import Session
from storage.report import ReportRow, report_rows
from storage.summary import AS_WRITTEN, BUCKETS, Closing, StatusCounts, status_overview

Format = Literal["text", "csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("text", "csv", "xlsx")
EXTENSIONS = {"text": "txt", "csv": "csv", "xlsx": "xlsx"}

CSV_COLUMNS = (
    "assignment",
    "task",
    "title",
    "group",
    "agency",
    "deadline",
    "status",
    "timeliness",
    "percent",
    "updated_at",
    "updated_by",
)

# Column headers of the detail and overdue sheets: texts ``col_{name}``.
DETAIL_COLUMNS = (
    "code",
    "task",
    "group",
    "lead",
    "deadline",
    "status",
    "timeliness",
    "percent",
    "updated_at",
    "updated_by",
    "document",
)
OVERDUE_COLUMNS = (
    "code",
    "task",
    "lead",
    "deadline",
    "days_overdue",
    "status",
    "percent",
    "updated_at",
    "updated_by",
)
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MAX_WIDTH = 60
# A text cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value):
    """``value`` safe to open in a spreadsheet: text starting like a formula gets a leading
    apostrophe (shown as typed, never evaluated); dates, numbers and None unchanged.

    The one neutraliser of both writers (CSV and XLSX).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def is_format(name: str) -> TypeGuard[Format]:
    return name in FORMATS


def report_filename(today: date, fmt: str) -> str:
    """``nhacviec-bao-cao-2024-03-20.xlsx``: the local day and the format's extension."""
    return f"nhacviec-bao-cao-{today.isoformat()}.{EXTENSIONS[fmt]}"


def to_csv(rows: Iterable[ReportRow]) -> str:
    """One line per assignment with ``CSV_COLUMNS`` (RFC 4180, CRLF; None as empty)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow(
            cell_text(value)
            for value in [
                r.assignment,
                r.task,
                r.title,
                r.group,
                r.agency,
                r.deadline.isoformat() if r.deadline else "",
                r.status.value,
                r.timeliness,
                r.percent,
                r.updated_at.astimezone(UTC).isoformat() if r.updated_at else "",
                r.updated_by,
            ]
        )
    return out.getvalue()


def to_text(
    counts_total: StatusCounts,
    counts_by_group: Sequence[StatusCounts],
    counts_by_agency: Sequence[StatusCounts],
    lang: str = "vi",
    *,
    today: date | None = None,
) -> str:
    """The summary as plain text: whole selection, then by group, then by lead agency."""
    title = t(lang, "report_title") + (t(lang, "report_as_of", day=dmy(today)) if today else "")
    total = counts_total.total
    pct = round(100 * counts_total.done / total) if total else 0
    lines = [
        title,
        counts_line(lang, t(lang, "all"), counts_total),
        t(lang, "report_done_share", done=counts_total.done, total=total, pct=pct),
        "",
        t(lang, "report_by_group"),
        *(counts_line(lang, group_label(lang, c.key), c) for c in counts_by_group),
    ]
    if not counts_by_group:
        lines.append(t(lang, "report_none"))
    lines += ["", t(lang, "report_by_agency")]
    lines += [counts_line(lang, c.label, c) for c in counts_by_agency] or [t(lang, "report_none")]
    return "\n".join(lines) + "\n"


def _table(
    ws,
    headers: list[str],
    rows: list[list],
    *,
    total_row: list | None = None,
    formats: dict[int, str] | None = None,
) -> None:
    """Write a header row (bold, frozen, filtered), the rows and a bold total row.

    The sheet is write-only (streamed): the column widths, the frozen pane and
    the filter are set before the first row. ``formats`` maps a column (from 1)
    to the number format of its date values.
    """
    for index, header in enumerate(headers, start=1):
        values = [header, *(r[index - 1] for r in rows), *(total_row or [])[index - 1 : index]]
        longest = max(_shown_width(v) for v in values)
        ws.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_WIDTH)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 2)}"
    ws.append(_bold(ws, headers))
    dated = [(column - 1, number_format) for column, number_format in (formats or {}).items()]
    for row in rows:
        row = [_text_cell(ws, v) if isinstance(v, str) else v for v in row]
        for i, number_format in dated:
            if isinstance(row[i], date):
                row[i] = WriteOnlyCell(ws, row[i])
                row[i].number_format = number_format
        ws.append(row)
    if total_row is not None:
        ws.append(_bold(ws, total_row))


def _text_cell(ws, value: str) -> Cell:
    # Typed as a string: openpyxl would otherwise store any text starting "=" as a formula.
    cell = WriteOnlyCell(ws, cell_text(value))
    cell.data_type = "s"
    return cell


def _bold(ws, values: list) -> list[Cell]:
    cells = [_text_cell(ws, v) if isinstance(v, str) else WriteOnlyCell(ws, v) for v in values]
    for cell in cells:
        cell.font = Font(bold=True)
    return cells


def _shown_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 16 if hasattr(value, "hour") else 10
    return len(str(value))


def _local(moment, tz: ZoneInfo):
    # Excel has no time zones: write the local wall-clock time, naive.
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def _deadline(row: ReportRow, lang: str):
    return row.deadline if row.deadline else dmy(None, lang)


def _summary_sheet(ws, by_group, by_agency, total: StatusCounts, lang: str) -> None:
    headers = [t(lang, "col_group"), t(lang, "col_agency"), t(lang, "col_total")]
    headers += [t(lang, f"bucket_{k}") for k in BUCKETS]

    def numbers(c: StatusCounts) -> list[int]:
        return [c.total, *(getattr(c, k) for k in BUCKETS)]

    rows = [[group_label(lang, c.key), None, *numbers(c)] for c in by_group]
    rows += [[None, c.label, *numbers(c)] for c in by_agency]
    _table(ws, headers, rows, total_row=[t(lang, "col_grand_total"), None, *numbers(total)])


def _detail_sheet(ws, rows: Sequence[ReportRow], lang: str, tz: ZoneInfo) -> None:
    headers = [t(lang, f"col_{k}") for k in DETAIL_COLUMNS]
    values = [
        [
            r.assignment,
            r.title,
            r.group,
            r.agency,
            _deadline(r, lang),
            status_name(lang, r.status),
            t(lang, f"timeliness_{r.timeliness}") if r.timeliness else "",
            r.percent,
            _local(r.updated_at, tz),
            r.updated_by,
            r.document_ref,
        ]
        for r in rows
    ]
    _table(ws, headers, values, formats={5: DATE_FORMAT, 9: DATETIME_FORMAT})


def _overdue_sheet(ws, rows: Sequence[ReportRow], today: date, lang: str, tz: ZoneInfo) -> None:
    headers = [t(lang, f"col_{k}") for k in OVERDUE_COLUMNS]
    # Overdue is past the deadline: every overdue row has one.
    late = [(r.deadline, r) for r in rows if r.timeliness == "overdue" and r.deadline]
    late.sort(key=lambda pair: pair[0])
    values = [
        [
            r.assignment,
            r.title,
            r.agency,
            deadline,
            (today - deadline).days,
            status_name(lang, r.status),
            r.percent,
            _local(r.updated_at, tz),
            r.updated_by,
        ]
        for deadline, r in late
    ]
    _table(ws, headers, values, formats={4: DATE_FORMAT, 8: DATETIME_FORMAT})


def to_xlsx(
    rows: Sequence[ReportRow],
    by_group: Sequence[StatusCounts],
    by_agency: Sequence[StatusCounts],
    total: StatusCounts,
    today: date,
    lang: str = "vi",
    *,
    tz: ZoneInfo,
) -> bytes:
    """A workbook: summary (by group, by agency, total), every assignment, the overdue ones.

    The overdue sheet is most overdue first (earliest deadline; plan order
    among equals) with days overdue in calendar days as of ``today``.
    """
    book = Workbook(write_only=True)  # streamed: a 100,000-row report stays small in memory
    _summary_sheet(book.create_sheet(t(lang, "sheet_summary")), by_group, by_agency, total, lang)
    _detail_sheet(book.create_sheet(t(lang, "sheet_detail")), rows, lang, tz)
    _overdue_sheet(book.create_sheet(t(lang, "bucket_overdue")), rows, today, lang, tz)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def build_report(
    session: Session,
    today: date,
    fmt: Format = "text",
    lang: str = "vi",
    *,
    agency_id: int | None = None,
    plan_id: int | None = None,
    tz: ZoneInfo,
    closing: Closing = AS_WRITTEN,
) -> bytes:
    """The report of the local day ``today`` in ``fmt``; text and CSV as UTF-8.

    ``closing``: when a deadline on a day off closes (``storage.summary.Closing``).
    """
    if fmt not in FORMATS:
        raise ValueError(f"format: one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "csv":
        rows = await report_rows(
            session, today, agency_id=agency_id, plan_id=plan_id, tz=tz, closing=closing
        )
        return to_csv(rows).encode("utf-8")
    figures = await status_overview(
        session, today, agency_id=agency_id, plan_id=plan_id, tz=tz, closing=closing
    )
    total, by_group, by_agency = figures.total, figures.by_group, figures.by_agency
    if fmt == "text":
        return to_text(total, by_group, by_agency, lang, today=today).encode("utf-8")
    rows = await report_rows(
        session, today, agency_id=agency_id, plan_id=plan_id, tz=tz, closing=closing
    )
    # Seconds of CPU on a big plan: in a worker thread, so the event loop keeps serving.
    return await asyncio.to_thread(to_xlsx, rows, by_group, by_agency, total, today, lang, tz=tz)
