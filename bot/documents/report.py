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

import csv
import functools
import io
from collections.abc import Iterable, Sequence
from datetime import UTC, date
from typing import Any, Literal, TypeGuard
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from bot.documents.render import Render, in_thread
from bot.documents.sheet import StyledSheet, cell_text, register_styles
from bot.outbound.digests import counts_line
from bot.texts import dmy, group_label, percent, status_name, t
from storage.db import Session
from storage.enums import Status
from storage.report import (
    TIMELINESS,
    ReportPlan,
    ReportRow,
    report_plan,
    report_plans,
    report_rows,
    withdrawn_rows,
)
from storage.summary import (
    AS_WRITTEN,
    TABLE_COLUMNS,
    VIETNAM,
    Closing,
    PlanScope,
    StatusCounts,
    status_overview,
)

Format = Literal["text", "csv", "xlsx", "docx"]
FORMATS: tuple[Format, ...] = ("text", "csv", "xlsx", "docx")
EXTENSIONS = {"text": "txt", "csv": "csv", "xlsx": "xlsx", "docx": "docx"}

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

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"


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
    plans: Sequence[ReportPlan] = (),
    withdrawn: Sequence[ReportRow] = (),
    tz: ZoneInfo = VIETNAM,
) -> str:
    """The summary as plain text: whole selection, then by group, then by lead agency;
    ``plans`` named in the title (the years of the scope); then, apart and not counted,
    the work ``withdrawn`` from its agency, each with its day (in ``tz``) and reason."""
    title = t(lang, "report_title")
    if plans:
        title += t(lang, "report_years", years=", ".join(str(p.year) for p in plans))
    title += t(lang, "report_as_of", day=dmy(today)) if today else ""
    total = counts_total.total
    share = percent(lang, counts_total.on_time_share)
    lines = [
        title,
        counts_line(lang, t(lang, "all"), counts_total),
        t(lang, "report_done_share", done=counts_total.done, total=total, share=share),
        "",
        t(lang, "report_by_group"),
        *(counts_line(lang, group_label(lang, c.key), c) for c in counts_by_group),
    ]
    if not counts_by_group:
        lines.append(t(lang, "report_none"))
    lines += ["", t(lang, "report_by_agency")]
    lines += [counts_line(lang, c.label, c) for c in counts_by_agency] or [t(lang, "report_none")]
    if withdrawn:
        lines += ["", t(lang, "report_withdrawn", n=len(withdrawn))]
        lines += [withdrawn_line(r, lang, tz) for r in withdrawn]
    return "\n".join(lines) + "\n"


def _withdrawn_when(row: ReportRow, lang: str, tz: ZoneInfo) -> str:
    """ "rút ngày 01/07/2026 (lý do: …)": the local day of the withdrawal and its reason."""
    day = dmy(row.withdrawn_at.astimezone(tz).date()) if row.withdrawn_at else ""
    reason = row.withdrawn_reason
    because = t(lang, "withdrawn_because", reason=reason) if reason else ""
    return t(lang, "report_withdrawn_on", day=day, because=because)


def _withdrawn_status(row: ReportRow, lang: str) -> str:
    """The status it had when withdrawn, with its timeliness when done."""
    status = status_name(lang, row.status)
    if row.timeliness:
        status += f" ({t(lang, f'timeliness_{row.timeliness}')})"
    return status


def withdrawn_line(row: ReportRow, lang: str, tz: ZoneInfo) -> str:
    """One withdrawn assignment in the text report: code, agency, status, day and reason."""
    return t(
        lang,
        "report_withdrawn_line",
        code=row.assignment,
        agency=row.agency,
        status=_withdrawn_status(row, lang),
        when=_withdrawn_when(row, lang, tz),
    )


# The workbook (to_xlsx). Every sheet: a title block, one header row repeated on
# every printed page, thin borders, wrapped text, fixed widths; A4 landscape,
# fitted to the page width. Columns: (text key ``col_{name}``, width).
DETAIL_COLUMNS = (
    ("stt", 5),
    ("group", 6),
    ("code", 9),
    ("task", 38),
    ("lead", 18),
    ("cooperators", 18),
    ("deliverable", 12),
    ("deadline", 11),
    ("extended", 11),
    ("status", 13),
    ("timeliness", 10),
    ("percent", 8),
    ("note", 26),
    ("evidence", 14),
    ("updated_at", 15),
)
OVERDUE_COLUMNS = (
    ("stt", 5),
    ("code", 9),
    ("task", 40),
    ("lead", 20),
    ("deadline", 11),
    ("days_overdue", 10),
    ("status", 14),
    ("percent", 8),
    ("note", 30),
    ("updated_at", 15),
)
SUMMARY_COLUMNS = (
    ("stt", 5),
    ("name", 30),
    ("total", 8),
    *((f"bucket_{b}", 9) for b in TABLE_COLUMNS),
    ("on_time_share", 10),
)
TITLE_ROWS = 3  # title, plan, "tính đến ngày"; a blank row, then the header
HEADER_ROW = TITLE_ROWS + 2


def _looks() -> dict[str, dict[str, Any]]:
    """The named styles of every sheet (``nv_{name}``), each workbook registering its own."""
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    top = Alignment(wrap_text=True, vertical="top")
    centre = Alignment(wrap_text=True, horizontal="center", vertical="center")
    return {
        "title": {"font": Font(bold=True, size=13), "alignment": Alignment(horizontal="center")},
        "subtitle": {"font": Font(italic=True), "alignment": Alignment(horizontal="center")},
        "head": {
            "font": Font(bold=True),
            "border": box,
            "alignment": centre,
            "fill": PatternFill("solid", fgColor="DDEBF7"),
        },
        "cell": {"border": box, "alignment": top},
        "number": {"border": box, "alignment": Alignment(vertical="top", horizontal="center")},
        "date": {"border": box, "alignment": top, "number_format": DATE_FORMAT},
        "datetime": {"border": box, "alignment": top, "number_format": DATETIME_FORMAT},
        "bold": {"font": Font(bold=True), "border": box, "alignment": top},
        "section": {"font": Font(bold=True)},
    }


STYLE_PREFIX = "nv_"
_STYLES = tuple(_looks())


def _cell(ws: StyledSheet, value, style: str = "cell") -> Cell:
    """A row of one cell (a heading, a line under a table) in a named style."""
    return ws.cell(value, style)


def _append(ws: StyledSheet, values: Sequence, styles: Sequence[str], columns) -> None:
    """One row of a table, as tall as its longest wrapped text (``StyledSheet.row``)."""
    ws.row(values, styles, columns)


def _sheet(
    book: Workbook,
    title: str,
    columns,
    lang: str,
    heading: tuple[str, str, str],
    section: str | None = None,
):
    """A sheet with its widths, print setup and title block written, then a blank row
    or the ``section`` heading; the header row next."""
    ws = book.create_sheet(title)
    last = get_column_letter(len(columns))
    for index, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.print_options.horizontalCentered = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws = StyledSheet(ws, _STYLES, STYLE_PREFIX)  # set up above; rows go through it
    styles = ("title", "subtitle", "subtitle")
    for number, (text, style) in enumerate(zip(heading, styles, strict=True), start=1):
        ws.merged_cells.add(f"A{number}:{last}{number}")
        ws.append([_cell(ws, text, style)])
    ws.append([_cell(ws, section, "section")] if section else [])
    return ws


def _headers(ws, columns, lang: str) -> None:
    """The header row: texts ``col_{name}``, or the bucket's own text."""
    names = [t(lang, n if n.startswith("bucket_") else f"col_{n}") for n, _ in columns]
    _append(ws, names, ["head"] * len(names), columns)


def _local(moment, tz: ZoneInfo):
    # Excel has no time zones: write the local wall-clock time, naive.
    return moment.astimezone(tz).replace(tzinfo=None) if moment else None


def _heading(plan: ReportPlan | None, today: date, lang: str) -> tuple[str, str, str]:
    year = plan.year if plan else today.year
    return (
        t(lang, "xlsx_title", year=year),
        plan_name(plan, lang),
        t(lang, "xlsx_as_of", day=dmy(today, lang)),
    )


def plan_name(plan: ReportPlan | None, lang: str) -> str:
    """The plan's name with the decision that issued it, when known."""
    if plan is None:
        return ""
    if not plan.decision:
        return plan.title
    issuer = t(lang, "plan_issuer", issuer=plan.issuer) if plan.issuer else ""
    return plan.title + t(lang, "plan_decision", decision=plan.decision, issuer=issuer)


def _share(c: StatusCounts) -> float:
    """Hoàn thành đúng hạn as a share of all the assignments, in %, one decimal."""
    return c.on_time_share


def _summary_sheet(ws, by_group, by_agency, total: StatusCounts, lang: str) -> None:
    styles = ["number", "cell", *["number"] * (len(SUMMARY_COLUMNS) - 2)]
    bold = ["bold"] * len(SUMMARY_COLUMNS)

    def numbers(c: StatusCounts) -> list:
        return [c.total, *(getattr(c, k) for k in TABLE_COLUMNS), _share(c)]

    for section, lines in (
        ("xlsx_by_group", [(group_label(lang, c.key), c) for c in by_group]),
        ("xlsx_by_agency", [(c.label, c) for c in by_agency]),
    ):
        if section == "xlsx_by_agency":  # the first heading is written with the title block
            ws.append([_cell(ws, t(lang, section), "section")])
        _headers(ws, SUMMARY_COLUMNS, lang)
        for number, (name, c) in enumerate(lines, start=1):
            _append(ws, [number, name, *numbers(c)], styles, SUMMARY_COLUMNS)
        _append(ws, [None, t(lang, "col_grand_total"), *numbers(total)], bold, SUMMARY_COLUMNS)
        ws.append([])


def evidence_cell(row: ReportRow, lang: str) -> str:
    """The document number recorded and the evidence files sent in chat, by name."""
    parts = [row.evidence] if row.evidence else []
    if row.evidence_files:
        names = ", ".join(row.evidence_files)
        parts.append(t(lang, "report_evidence_files", count=len(row.evidence_files), names=names))
    return "; ".join(parts)


def _evidence_total(ws, rows: Sequence[ReportRow], lang: str) -> None:
    """Under the summary: how many files were sent as evidence, for how many assignments."""
    files = sum(len(r.evidence_files) for r in rows)
    with_files = sum(1 for r in rows if r.evidence_files)
    text = t(lang, "report_evidence_total", files=files, assignments=with_files)
    ws.append([_cell(ws, text, "bold")])


def _withdrawn_total(ws, withdrawn: Sequence[ReportRow], lang: str) -> None:
    """Under the summary: the work withdrawn from its agency, not counted above."""
    if withdrawn:
        text = t(lang, "report_withdrawn_total", n=len(withdrawn), sheet=t(lang, "sheet_detail"))
        ws.append([_cell(ws, text, "bold")])


def _detail_sheet(
    ws, rows: Sequence[ReportRow], lang: str, tz: ZoneInfo, withdrawn: Sequence[ReportRow] = ()
) -> None:
    """Every live assignment, then those withdrawn from their agency: status "Đã rút (…)",
    the day and reason in the note column."""
    _headers(ws, DETAIL_COLUMNS, lang)
    styles = ["number", "number", "cell", "cell", "cell", "cell", "cell", "date", "date"]
    styles += ["cell", "cell", "number", "cell", "cell", "datetime"]
    statuses, timeliness = _names(lang)
    for number, r in enumerate([*rows, *withdrawn], start=1):
        planned = r.plan_deadline if r.plan_deadline else r.deadline
        extended = r.deadline if r.deadline != planned else None
        status, note = statuses[r.status], r.note
        if r.withdrawn_at is not None:
            status = t(lang, "report_withdrawn_status", status=status)
            note = "; ".join(x for x in (_withdrawn_when(r, lang, tz), note) if x)
        values = [
            number,
            r.group,
            r.assignment,
            r.title,
            r.agency,
            r.cooperators,
            r.deliverable,
            planned if planned else dmy(None, lang),
            extended,
            status,
            timeliness[r.timeliness],
            r.percent,
            note,
            evidence_cell(r, lang),
            _local(r.updated_at, tz),
        ]
        _append(ws, values, styles, DETAIL_COLUMNS)
    _filter(ws, DETAIL_COLUMNS, len(rows) + len(withdrawn))


def _overdue_sheet(ws, rows: Sequence[ReportRow], today: date, lang: str, tz: ZoneInfo) -> None:
    """Most overdue first: earliest deadline, plan order among equals."""
    _headers(ws, OVERDUE_COLUMNS, lang)
    styles = ["number", "cell", "cell", "cell", "date", "number", "cell", "number", "cell"]
    styles.append("datetime")
    # Overdue is past the deadline: every overdue row has one.
    late = [(r.deadline, r) for r in rows if r.timeliness == "overdue" and r.deadline]
    late.sort(key=lambda pair: pair[0])
    statuses, _ = _names(lang)
    for number, (deadline, r) in enumerate(late, start=1):
        values = [
            number,
            r.assignment,
            r.title,
            r.agency,
            deadline,
            (today - deadline).days,
            statuses[r.status],
            r.percent,
            r.note,
            _local(r.updated_at, tz),
        ]
        _append(ws, values, styles, OVERDUE_COLUMNS)
    _filter(ws, OVERDUE_COLUMNS, len(late))


def _names(lang: str) -> tuple[dict[Status, str], dict[str, str]]:
    """Status and timeliness texts, looked up once per sheet instead of once per row."""
    statuses = {status: status_name(lang, status) for status in Status}
    timeliness = {k: t(lang, f"timeliness_{k}") if k else "" for k in TIMELINESS}
    return statuses, timeliness


def _filter(ws, columns, count: int) -> None:
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(count, 1)}"


def to_xlsx(
    rows: Sequence[ReportRow],
    by_group: Sequence[StatusCounts],
    by_agency: Sequence[StatusCounts],
    total: StatusCounts,
    today: date,
    lang: str = "vi",
    *,
    tz: ZoneInfo,
    plan: ReportPlan | None = None,
    withdrawn: Sequence[ReportRow] = (),
) -> bytes:
    """A workbook: summary (by group, then by agency, with the on-time share), every
    assignment, the overdue ones ranked; each with the title block of ``plan``. The work
    ``withdrawn`` from its agency ends the detail sheet, counted nowhere else.

    The overdue sheet is most overdue first (earliest deadline; plan order
    among equals) with days overdue in calendar days as of ``today``.
    """
    book = Workbook(write_only=True)  # streamed: a 100,000-row report stays small in memory
    register_styles(book, _looks(), STYLE_PREFIX)
    heading = _heading(plan, today, lang)
    sheet = functools.partial(_sheet, book, lang=lang, heading=heading)
    summary = sheet(t(lang, "sheet_summary"), SUMMARY_COLUMNS, section=t(lang, "xlsx_by_group"))
    _summary_sheet(summary, by_group, by_agency, total, lang)
    _evidence_total(summary, rows, lang)
    _withdrawn_total(summary, withdrawn, lang)
    _detail_sheet(sheet(t(lang, "sheet_detail"), DETAIL_COLUMNS), rows, lang, tz, withdrawn)
    _overdue_sheet(sheet(t(lang, "bucket_overdue"), OVERDUE_COLUMNS), rows, today, lang, tz)
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
    plan_id: PlanScope = None,
    tz: ZoneInfo,
    closing: Closing = AS_WRITTEN,
    issuer: str = "",
    render: Render = in_thread,
) -> bytes:
    """The report of the local day ``today`` in ``fmt``; text and CSV as UTF-8.

    ``closing``: when a deadline on a day off closes (``storage.summary.Closing``);
    ``issuer``: the issuing body of the DOCX draft (``bot.documents.draft``);
    ``render``: where the XLSX and DOCX files are written (``bot.documents.render``),
    from the rows read here.
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
    # Withdrawn from their agency: listed apart, counted in none of the figures.
    withdrawn = await withdrawn_rows(
        session, today, agency_id=agency_id, plan_id=plan_id, tz=tz, closing=closing
    )
    if fmt == "text":
        # A year asked for is named in the title; the current plans are the plain report.
        scope = await report_plans(session, plan_id) if plan_id is not None else []
        text = to_text(
            total, by_group, by_agency, lang, today=today, plans=scope, withdrawn=withdrawn, tz=tz
        )
        return text.encode("utf-8")
    rows = await report_rows(
        session, today, agency_id=agency_id, plan_id=plan_id, tz=tz, closing=closing
    )
    plan = await report_plan(session, plan_id)
    if fmt == "docx":
        from bot.documents.draft import to_docx  # python-docx: loaded when needed

        return await render(
            to_docx,
            total,
            by_group,
            by_agency,
            rows,
            today,
            lang,
            plan=plan,
            issuer=issuer,
            withdrawn=withdrawn,
            tz=tz,
        )
    # Seconds of CPU on a big plan: off the event loop, so it keeps serving.
    xlsx = functools.partial(to_xlsx, tz=tz, plan=plan, withdrawn=withdrawn)
    return await render(xlsx, rows, by_group, by_agency, total, today, lang)
