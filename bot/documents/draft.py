"""The report draft as a DOCX in the layout of Decree 30/2020/NĐ-CP (Phụ lục I).

``to_docx`` lays out what a Sở Nội vụ sends up: the header table (governing body
and issuing body on the left with "Số: …/BC-…" left blank; quốc hiệu and tiêu ngữ
on the right with place and date), "BÁO CÁO" and its trích yếu (the plan's year
and the period: quý I, 6 tháng, 9 tháng or năm, from the day of the figures), a
body with the figures in prose and in a table by task group and by agency, the
overdue tasks with their reasons, then "Nơi nhận" and the signature block. The
reader fills in the number, the place if left dotted, and signs.

Times New Roman 13 pt on A4 portrait, margins 20/20/30/15 mm (top, bottom,
left, right), as the decree's Phụ lục I sets out.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from zoneinfo import ZoneInfo

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from bot.documents.report import withdrawn_line
from bot.outbound.digests import overdue_split
from bot.texts import dmy, group_label, percent, status_name, t
from storage.report import ReportPlan, ReportRow
from storage.summary import TABLE_COLUMNS, StatusCounts

FONT, SIZE = "Times New Roman", Pt(13)
BLANK = "……"
PERIODS = ("q1", "h1", "m9", "year")  # quý I, 6 tháng, 9 tháng, năm


def period(today: date) -> str:
    """The report's period by the day of its figures: text key ``docx_period_{…}``."""
    return PERIODS[(today.month - 1) // 3]


def _share(c: StatusCounts, lang: str = "vi") -> str:
    return percent(lang, c.on_time_share)


def _para(doc_or_cell, text: str = "", *, bold=False, italic=False, align=None, size=None):
    paragraph = doc_or_cell.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(3)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    if size is not None:
        run.font.size = size
    return paragraph


def _counts_prose(lang: str, c: StatusCounts) -> str:
    return t(
        lang,
        "docx_counts",
        total=c.total,
        done=c.done,
        on_time=c.done_on_time,
        late=c.done_late,
        in_time=c.open_in_time,
        in_progress=c.in_progress,
        not_started=c.not_started,
        blocked=c.blocked,
        extension=c.extension_requested,
        overdue=c.overdue,
        overdue_split=overdue_split(lang, c),
        not_due=c.not_due,
        share=_share(c, lang),
    )


def _figures_table(doc, lang: str, first: str, lines, total: StatusCounts) -> None:
    headers = [t(lang, "col_stt"), first, t(lang, "col_total")]
    headers += [t(lang, f"bucket_{b}") for b in TABLE_COLUMNS] + [t(lang, "col_on_time_share")]
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for number, (name, c) in enumerate(lines, start=1):
        values = [number, name, c.total, *(getattr(c, b) for b in TABLE_COLUMNS)]
        values.append(_share(c, lang))
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = str(value)
    values = ["", t(lang, "col_grand_total"), total.total]
    values += [getattr(total, b) for b in TABLE_COLUMNS] + [_share(total, lang)]
    for cell, value in zip(table.add_row().cells, values, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(value)).bold = True
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(10)
    doc.add_paragraph()


def to_docx(
    total: StatusCounts,
    by_group: Sequence[StatusCounts],
    by_agency: Sequence[StatusCounts],
    rows: Sequence[ReportRow],
    today: date,
    lang: str = "vi",
    *,
    plan: ReportPlan | None = None,
    issuer: str = "",
    withdrawn: Sequence[ReportRow] = (),
    tz: ZoneInfo | None = None,
) -> bytes:
    """The report draft of the local day ``today``; ``issuer`` the issuing body
    (the coordinator's agency), dotted to fill in when empty; ``withdrawn`` the work
    withdrawn from its agency (listed, not counted)."""
    year = plan.year if plan else today.year
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, SIZE

    # Header: governing and issuing body | quốc hiệu, tiêu ngữ, place and date
    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    centre = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].add_run(t(lang, "docx_governing"))
    left.paragraphs[0].alignment = centre
    _para(left, (issuer or BLANK).upper(), bold=True, align=centre)
    _para(left, t(lang, "docx_number"), align=centre)
    right.paragraphs[0].add_run(t(lang, "docx_nation")).bold = True
    right.paragraphs[0].alignment = centre
    _para(right, t(lang, "docx_motto"), bold=True, align=centre)
    day, month = f"{today.day:02d}", f"{today.month:02d}"
    place_date = t(lang, "docx_place_date", d=day, m=month, y=today.year)
    _para(right, place_date, italic=True, align=centre)
    doc.add_paragraph()

    # Title and trích yếu
    _para(doc, t(lang, "docx_kind"), bold=True, align=centre, size=Pt(14))
    when = t(lang, f"docx_period_{period(today)}", year=year)
    summary_line = t(lang, "docx_abstract", period=when)
    _para(doc, summary_line, bold=True, align=centre)
    doc.add_paragraph()

    # Body
    as_of = dmy(today, lang)
    _para(doc, t(lang, "docx_intro", plan=plan.title if plan else year, day=as_of))
    _para(doc, t(lang, "docx_part_results"), bold=True)
    _para(doc, t(lang, "docx_overall", day=as_of) + " " + _counts_prose(lang, total))
    _para(doc, t(lang, "docx_by_group"), bold=True)
    for c in by_group:
        _para(doc, f"- {group_label(lang, c.key)}: {_counts_prose(lang, c)}")
    groups = [(group_label(lang, c.key), c) for c in by_group]
    _figures_table(doc, lang, t(lang, "docx_col_group"), groups, total)
    _para(doc, t(lang, "docx_by_agency"), bold=True)
    _figures_table(doc, lang, t(lang, "col_lead"), [(c.label, c) for c in by_agency], total)
    files = sum(len(r.evidence_files) for r in rows)
    if files:  # evidence (tài liệu kiểm chứng) sent in chat, counted
        with_files = sum(1 for r in rows if r.evidence_files)
        _para(doc, t(lang, "report_evidence_total", files=files, assignments=with_files))

    # Overdue is past the deadline: every overdue row has one.
    overdue = [(r.deadline, r) for r in rows if r.timeliness == "overdue" and r.deadline]
    overdue.sort(key=lambda pair: pair[0])
    _para(doc, t(lang, "docx_part_overdue", n=len(overdue)), bold=True)
    if not overdue:
        _para(doc, t(lang, "docx_none_overdue"))
    for number, (deadline, r) in enumerate(overdue, start=1):
        reason = r.note or t(lang, "docx_no_reason")
        _para(
            doc,
            t(
                lang,
                "docx_overdue_item",
                n=number,
                task=r.title,
                code=r.assignment,
                agency=r.agency,
                deadline=dmy(deadline, lang),
                days=(today - deadline).days,
                status=status_name(lang, r.status),
                percent=r.percent,
                reason=reason,
            ),
        )
    if withdrawn:  # history kept: who had it, what became of it, why it left
        _para(doc, t(lang, "report_withdrawn", n=len(withdrawn)), bold=True)
        for r in withdrawn:
            _para(doc, withdrawn_line(r, lang, tz or ZoneInfo("Asia/Ho_Chi_Minh")).strip())
    _para(doc, t(lang, "docx_part_proposals"), bold=True)
    _para(doc, BLANK * 8)
    doc.add_paragraph()

    # Nơi nhận | signature
    foot = doc.add_table(rows=1, cols=2)
    recipients, signer = foot.rows[0].cells
    recipients.paragraphs[0].add_run(t(lang, "docx_recipients")).bold = True
    for line in t(lang, "docx_recipient_lines").split("\n"):
        _para(recipients, line, size=Pt(11))
    signer.paragraphs[0].add_run(t(lang, "docx_signer")).bold = True
    signer.paragraphs[0].alignment = centre
    _para(signer, t(lang, "docx_sign_note"), italic=True, align=centre)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
