"""Texts users read, Vietnamese first (``vi``) with English (``en``).

``t(lang, key, **values)`` formats one text; unknown languages fall back to
Vietnamese. Keys are grouped by the feature that speaks them.
"""

from __future__ import annotations

from storage.imports.problems import Problem

TEXTS: dict[str, dict[str, str]] = {
    # configuration and the command line
    "config_bad": {"vi": "Cấu hình sai {key}: {detail}", "en": "Bad configuration {key}: {detail}"},
    "db_unreachable": {
        "vi": "Không kết nối được cơ sở dữ liệu ({url}): {detail}",
        "en": "Cannot reach the database ({url}): {detail}",
    },
    "db_not_ready": {
        "vi": "Cơ sở dữ liệu chưa được khởi tạo hoặc cần nâng cấp: hãy chạy `nhacviec init`.",
        "en": "The database is not initialised or needs an upgrade: run `nhacviec init`.",
    },
    "db_ready": {
        "vi": "Cơ sở dữ liệu đã sẵn sàng ({url}, phiên bản {revision}).",
        "en": "The database is ready ({url}, revision {revision}).",
    },
    "file_missing": {"vi": "Không tìm thấy tệp {path}", "en": "File not found: {path}"},
    "dry_run": {
        "vi": "Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.",
        "en": "Dry run (--dry-run): nothing was written.",
    },
    "import_failed": {
        "vi": "Không nhập được {source}: {count} lỗi, không có dữ liệu nào được ghi.",
        "en": "Could not import {source}: {count} problem(s); nothing was written.",
    },
    "more_problems": {"vi": "… và {count} lỗi khác.", "en": "… and {count} more."},
    "where_row_col": {"vi": "Dòng {row}, cột {column}", "en": "Row {row}, column {column}"},
    "where_row": {"vi": "Dòng {row}", "en": "Row {row}"},
    "where_file": {"vi": "Tệp", "en": "File"},
    "plan_summary": {
        "vi": "Kế hoạch năm {year}: thêm {added} nhiệm vụ, sửa {changed}, giữ nguyên {unchanged}, "
        "khôi phục {restored}, rút khỏi kế hoạch {removed}. Phân công: thêm {a_added}, "
        "sửa {a_changed}, rút {a_withdrawn}; tổng {a_total}.",
        "en": "Plan {year}: {added} tasks added, {changed} changed, {unchanged} unchanged, "
        "{restored} restored, {removed} withdrawn. Assignments: {a_added} added, "
        "{a_changed} changed, {a_withdrawn} withdrawn; {a_total} in all.",
    },
    "task_changed": {"vi": "  sửa {code}: {fields}", "en": "  changed {code}: {fields}"},
    "task_added": {"vi": "  thêm {code}", "en": "  added {code}"},
    "task_removed": {
        "vi": "  {code} không còn trong tệp: đã rút khỏi kế hoạch (lịch sử vẫn được giữ)",
        "en": "  {code} is no longer in the file: withdrawn (its history is kept)",
    },
    "task_restored": {"vi": "  khôi phục {code}", "en": "  restored {code}"},
    "directory_summary": {
        "vi": "{what}: thêm {added}, sửa {changed}, giữ nguyên {unchanged}.",
        "en": "{what}: {added} added, {changed} changed, {unchanged} unchanged.",
    },
    "what_agencies": {"vi": "Cơ quan", "en": "Agencies"},
    "what_collectives": {"vi": "Nhóm cơ quan", "en": "Collectives"},
    "what_people": {"vi": "Người dùng", "en": "People"},
    "people_absent": {
        "vi": "{count} người có trong cơ sở dữ liệu nhưng không có trong tệp (vẫn giữ nguyên).",
        "en": "{count} people are in the store but not in the file (kept as they are).",
    },
    "person_not_found": {
        "vi": "Không tìm thấy người có tên «{name}».",
        "en": "Nobody is called «{name}».",
    },
    "person_ambiguous": {
        "vi": "Có {count} người tên «{name}»: {choices}. Thêm --agency để chọn.",
        "en": "{count} people are called «{name}»: {choices}. Add --agency to choose.",
    },
    "invite_done": {
        "vi": "Lời mời cho {name} ({agency}), hết hạn {expires}:",
        "en": "Invite for {name} ({agency}), expires {expires}:",
    },
    "invite_link": {"vi": "  Telegram: {link}", "en": "  Telegram: {link}"},
    "invite_code": {
        "vi": "  Mã (Zalo, console): /start {code}",
        "en": "  Code (Zalo, console): /start {code}",
    },
    "invite_no_bot": {
        "vi": "  (chưa cấu hình TELEGRAM_BOT_TOKEN: thay <bot> bằng tên bot của bạn)",
        "en": "  (TELEGRAM_BOT_TOKEN is not set: replace <bot> with your bot's username)",
    },
    "store_overview": {
        "vi": "Dữ liệu hiện có: {agencies} cơ quan, {people} người, {plans} kế hoạch, "
        "{tasks} nhiệm vụ, {assignments} phân công.",
        "en": "The store holds {agencies} agencies, {people} people, {plans} plan(s), "
        "{tasks} tasks, {assignments} assignments.",
    },
    "sample_loaded": {
        "vi": "Đã nạp dữ liệu mẫu Kon Tum 2024 vào {url}.",
        "en": "Loaded the Kon Tum 2024 sample into {url}.",
    },
    "schedule_empty": {
        "vi": "Không có lời nhắc nào từ {start} đến {end}.",
        "en": "No nudges between {start} and {end}.",
    },
    "console_try": {
        "vi": "Thử ngay với tư cách {name} ({agency}): gõ /start {code}",
        "en": "Try it as {name} ({agency}): type /start {code}",
    },
    "console_banner": {
        "vi": "nhacviec — kênh console. Gõ /start MÃ_MỜI để liên kết, /trogiup để xem hướng "
        "dẫn; Ctrl-D (hoặc Ctrl-C) để thoát.",
        "en": "nhacviec — console channel. Type /start INVITE_CODE to link, /help for help; "
        "Ctrl-D (or Ctrl-C) to quit.",
    },
    "report_written": {"vi": "Đã ghi báo cáo vào {path}", "en": "Report written to {path}"},
    "cannot_write": {
        "vi": "Không ghi được {path}: {detail}",
        "en": "Cannot write {path}: {detail}",
    },
    "store_empty": {
        "vi": "Chưa có kế hoạch nào. Nhập bằng `nhacviec import-plan TỆP`, hoặc chạy "
        "`nhacviec run --sample` để dùng dữ liệu mẫu.",
        "en": "No plan yet. Import one with `nhacviec import-plan FILE`, or run "
        "`nhacviec run --sample` to use the sample data.",
    },
}

PROBLEMS: dict[str, dict[str, str]] = {
    "missing_column": {
        "vi": "thiếu cột «{column}» (các cột có: {value})",
        "en": "missing column «{column}» (columns found: {value})",
    },
    "bad_encoding": {
        "vi": "tệp không phải UTF-8 (byte {value}); hãy lưu lại dưới dạng CSV UTF-8",
        "en": "the file is not UTF-8 (bytes {value}); save it again as CSV UTF-8",
    },
    "no_data_sheet": {
        "vi": "không có trang tính nào có cột «{value}» (các trang: {hint})",
        "en": "no sheet has a «{value}» column (sheets: {hint})",
    },
    "bad_workbook": {"vi": "không đọc được tệp XLSX", "en": "not a readable XLSX file"},
    "unknown_file_type": {
        "vi": "định dạng «{value}» không được hỗ trợ (dùng .csv hoặc .xlsx)",
        "en": "«{value}» files are not supported (use .csv or .xlsx)",
    },
    "unreadable_file": {"vi": "không đọc được tệp: {value}", "en": "cannot read the file: {value}"},
    "empty_file": {"vi": "tệp rỗng", "en": "the file is empty"},
    "no_rows": {"vi": "tệp không có dòng dữ liệu nào", "en": "the file has no data rows"},
    "empty_value": {"vi": "không được để trống", "en": "must not be empty"},
    "bad_date": {
        "vi": "«{value}» không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)",
        "en": "«{value}» is not a valid date (YYYY-MM-DD or dd/mm/yyyy)",
    },
    "bad_recurrence": {
        "vi": "quy tắc lặp «{value}» không hợp lệ: {hint}",
        "en": "recurrence «{value}» is not valid: {hint}",
    },
    "deadline_and_recurrence": {
        "vi": "chỉ điền một trong hai cột deadline và recurrence",
        "en": "fill only one of deadline and recurrence",
    },
    "no_deadline_or_recurrence": {
        "vi": "cần hạn (deadline) hoặc quy tắc lặp (recurrence)",
        "en": "needs a deadline or a recurrence",
    },
    "unknown_agency": {
        "vi": "cơ quan «{value}» chưa được khai báo{suggest}",
        "en": "agency «{value}» is not declared{suggest}",
    },
    "empty_collective": {
        "vi": "nhóm «{value}» chưa có cơ quan thành viên nào",
        "en": "collective «{value}» has no member agencies",
    },
    "collective_not_agency": {
        "vi": "«{value}» là một nhóm cơ quan; hãy ghi một cơ quan cụ thể",
        "en": "«{value}» is a collective; name one agency",
    },
    "duplicate_code": {
        "vi": "mã «{value}» trùng với dòng {hint}",
        "en": "code «{value}» repeats row {hint}",
    },
    "bad_code": {
        "vi": "mã «{value}» không đúng dạng NHÓM.SỐ (ví dụ 3.12)",
        "en": "code «{value}» is not GROUP.NUMBER (e.g. 3.12)",
    },
    "code_not_text": {
        "vi": "mã «{value}» là số trong Excel (1.10 sẽ thành 1.1); định dạng cột là Văn bản",
        "en": "code «{value}» is a number in Excel (1.10 becomes 1.1); format the column as Text",
    },
    "bad_group": {
        "vi": "nhóm «{value}» phải là số từ 1 đến 7",
        "en": "group «{value}» must be a number from 1 to 7",
    },
    "code_group_mismatch": {
        "vi": "mã «{value}» không thuộc nhóm {hint}",
        "en": "code «{value}» does not belong to group {hint}",
    },
    "no_plan_year": {
        "vi": "không xác định được năm kế hoạch; thêm --year",
        "en": "cannot tell the plan year; add --year",
    },
    "bad_short_code": {
        "vi": "mã viết tắt «{value}» chỉ gồm chữ thường không dấu, số, - và _",
        "en": "short code «{value}» may use only a-z, 0-9, - and _",
    },
    "duplicate_short_code": {
        "vi": "mã viết tắt «{value}» đã dùng cho cơ quan khác{suggest}",
        "en": "short code «{value}» is already used by another agency{suggest}",
    },
    "duplicate_name": {"vi": "tên «{value}» bị lặp", "en": "name «{value}» repeats"},
    "duplicate_person": {
        "vi": "«{value}» đã có ở dòng trước trong cùng cơ quan",
        "en": "«{value}» already appears in the same agency",
    },
    "bad_choice": {
        "vi": "«{value}» không hợp lệ (chọn một trong: {hint})",
        "en": "«{value}» is not accepted (one of: {hint})",
    },
    "kind_mismatch": {
        "vi": "loại «{value}» khác với loại đã khai báo ({hint})",
        "en": "type «{value}» differs from the declared kind ({hint})",
    },
    "self_parent": {
        "vi": "cơ quan không thể là cấp trên của chính nó",
        "en": "an agency cannot be its own parent",
    },
    "bad_phone": {
        "vi": "số điện thoại «{value}» không hợp lệ",
        "en": "phone number «{value}» is not valid",
    },
}


def t(lang: str, key: str, /, **values: object) -> str:
    entry = TEXTS[key]
    return entry.get(lang, entry["vi"]).format(**values)


def describe_problem(lang: str, problem: Problem) -> str:
    """One line naming where the problem is, the bad value and what to do."""
    if problem.row and problem.column:
        where = t(lang, "where_row_col", row=problem.row, column=problem.column)
    elif problem.row:
        where = t(lang, "where_row", row=problem.row)
    else:
        where = t(lang, "where_file")
    suggest = ""
    if problem.hint and problem.code in ("unknown_agency", "duplicate_short_code"):
        lead = " — có phải: " if lang == "vi" else " — did you mean: "
        suggest = lead + "; ".join(f"«{h}»" for h in problem.hint)
    entry = PROBLEMS.get(problem.code, {"vi": problem.code, "en": problem.code})
    text = entry.get(lang, entry["vi"]).format(
        column=problem.column or "",
        value=problem.value,
        hint=", ".join(problem.hint),
        suggest=suggest,
    )
    return f"{where}: {text}"
