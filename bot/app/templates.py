"""``nhacviec template plan|people|agencies``: a workbook an office fills in and imports.

Each template has its data sheet(s) with the headers (Vietnamese, or English
with ``NHACVIEC_LANGUAGE=en``: the import reads both), an example row, lists
offered where a column takes one of a few values (roles, kinds, groups,
recurrences in words) from a "lists" sheet, and a notes sheet saying what each
column takes. The code column is formatted as text, so "1.10" stays "1.10".
"""

from __future__ import annotations

import io

from bot.texts import t

KINDS = ("plan", "people", "agencies")

# (header key, note key) per column; the header texts are the import's aliases.
COLUMNS = {
    "plan": (
        "code",
        "group",
        "title",
        "lead_agency",
        "cooperating_agencies",
        "deadline",
        "recurrence",
        "deliverable",
    ),
    "people": ("full_name", "title", "agency", "role", "phone", "email"),
    "agencies": ("name", "short_code", "kind", "parent"),
    "collectives": ("group_label", "member", "member_type", "joined_on"),
}
ROLE_WORDS = {"vi": ("Chuyên viên", "Lãnh đạo", "Điều phối", "Quản trị")}
ROLE_VALUES = ("official", "leader", "coordinator", "admin")
KIND_WORDS = {"vi": ("UBND tỉnh", "Sở, ban, ngành", "Xã", "Phường", "Đặc khu", "Huyện", "Khác")}
KIND_VALUES = ("province", "provincial_agency", "commune", "district", "other")
RECURRENCE_WORDS = (
    "hằng tháng",
    "hằng quý",
    "6 tháng",
    "hằng năm",
    "trước ngày 15 tháng cuối quý",
    "trước ngày 20 hằng tháng",
    "ngày làm việc cuối cùng của tháng",
    "ngày làm việc cuối cùng của quý",
    "thường xuyên",
)
RECURRENCE_RULES = (
    "monthly:day=last",
    "quarterly:day=last:month_of_quarter=3",
    "semiannual:day=last:month_of_half=6",
    "yearly:12-31",
    "quarterly:day=15:month_of_quarter=3",
    "monthly:day=20",
    "monthly:day=last_workday",
    "quarterly:day=last_workday:month_of_quarter=3",
    "continuous",
)
EXAMPLES = {
    "plan": (
        (
            "1.1",
            1,
            "Ban hành Kế hoạch cải cách hành chính năm 2026",
            "Sở Nội vụ",
            "",
            "31/01/2026",
            "",
            "Kế hoạch",
        ),
        (
            "1.2",
            1,
            "Báo cáo công tác cải cách hành chính định kỳ",
            "Các sở, ban, ngành",
            "Sở Nội vụ",
            "",
            "trước ngày 15 tháng cuối quý",
            "Báo cáo",
        ),
    ),
    "people": (("Nguyễn Văn An", "Chuyên viên", "Sở Nội vụ", "Chuyên viên", "0912 345 678", ""),),
    "agencies": (
        ("UBND tỉnh Quảng Ngãi", "tinh", "UBND tỉnh", ""),
        ("Sở Nội vụ", "sonv", "Sở, ban, ngành", "UBND tỉnh Quảng Ngãi"),
    ),
    "collectives": (("Các sở, ban, ngành", "Sở Nội vụ", "", ""),),
}
EN_EXAMPLES = {
    "plan": (
        ("1.1", 1, "Issue the 2026 plan", "Sở Nội vụ", "", "2026-01-31", "", "Plan"),
        (
            "1.2",
            1,
            "Quarterly report",
            "Các sở, ban, ngành",
            "",
            "",
            "quarterly:day=15:month_of_quarter=3",
            "Report",
        ),
    ),
    "people": (("Nguyễn Văn An", "Officer", "Sở Nội vụ", "official", "0912 345 678", ""),),
    "agencies": (
        ("UBND tỉnh Quảng Ngãi", "tinh", "province", ""),
        ("Sở Nội vụ", "sonv", "provincial_agency", "UBND tỉnh Quảng Ngãi"),
    ),
    "collectives": (("Các sở, ban, ngành", "Sở Nội vụ", "", ""),),
}


LISTS = ("role", "kind", "member_type", "group", "recurrence")


def column_keys(sheet_kind: str) -> list[str]:
    """ "plan_code", …: the text keys' suffixes of a sheet's columns (headers and notes)."""
    return [f"{sheet_kind}_{column}" for column in COLUMNS[sheet_kind]]


def _lists(lang: str) -> dict[str, tuple[str, ...]]:
    vi = lang != "en"
    return {
        "role": ROLE_WORDS["vi"] if vi else ROLE_VALUES,
        "kind": KIND_WORDS["vi"] if vi else KIND_VALUES,
        "member_type": KIND_WORDS["vi"] if vi else KIND_VALUES,
        "group": tuple(str(n) for n in range(1, 8)),
        "recurrence": RECURRENCE_WORDS if vi else RECURRENCE_RULES,
    }


def template_workbook(kind: str, lang: str) -> bytes:
    """The XLSX bytes of template ``kind`` (one of ``KINDS``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    sheets = ("agencies", "collectives") if kind == "agencies" else (kind,)
    lists = _lists(lang)
    list_sheet = workbook.create_sheet(t(lang, "template_lists"))
    anchors: dict[str, str] = {}
    for index, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        list_sheet.cell(row=1, column=index, value=t(lang, f"template_list_{name}"))
        for row, value in enumerate(values, start=2):
            list_sheet.cell(row=row, column=index, value=value)
        title = list_sheet.title
        anchors[name] = f"'{title}'!${letter}$2:${letter}${len(values) + 1}"
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for position, sheet_kind in enumerate(sheets):
        sheet = workbook.create_sheet(t(lang, f"template_sheet_{sheet_kind}"), position)
        columns = COLUMNS[sheet_kind]
        sheet.append([t(lang, f"template_col_{key}") for key in column_keys(sheet_kind)])
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        examples = (EN_EXAMPLES if lang == "en" else EXAMPLES)[sheet_kind]
        for example in examples:
            sheet.append(list(example))
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = 45 if column == "title" else 24
            if column in ("code", "joined_on"):  # "1.10" and "01/07/2026" kept as written
                for row in range(2, 1001):
                    sheet.cell(row=row, column=index).number_format = "@"
            if column in anchors:
                # A list to pick from; other values are allowed (a rule, an English word).
                check = DataValidation(
                    type="list", formula1=anchors[column], allow_blank=True, showErrorMessage=False
                )
                check.add(f"{letter}2:{letter}1000")
                sheet.add_data_validation(check)
    notes = workbook.create_sheet(t(lang, "template_notes"))
    notes.append([t(lang, "template_notes_column"), t(lang, "template_notes_what")])
    for cell in notes[1]:
        cell.font = bold
    notes.append([t(lang, f"template_intro_{kind}"), ""])
    for sheet_kind in sheets:
        for key in column_keys(sheet_kind):
            notes.append([t(lang, f"template_col_{key}"), t(lang, f"template_note_{key}")])
    notes.column_dimensions["A"].width = 28
    notes.column_dimensions["B"].width = 100
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
