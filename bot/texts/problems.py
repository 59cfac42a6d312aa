"""What is wrong in an imported file, ``problem_{Problem.code}``, said after where it is."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "problem_missing_column": {
        "vi": "thiếu cột «{column}» (các cột có: {value})",
        "en": "missing column «{column}» (columns found: {value})",
    },
    "problem_bad_encoding": {
        "vi": "tệp không phải UTF-8 (byte {value}); hãy lưu lại dưới dạng CSV UTF-8",
        "en": "the file is not UTF-8 (bytes {value}); save it again as CSV UTF-8",
    },
    "problem_no_data_sheet": {
        "vi": "không có trang tính nào có cột «{value}» (các trang: {hint})",
        "en": "no sheet has a «{value}» column (sheets: {hint})",
    },
    "problem_bad_workbook": {"vi": "không đọc được tệp XLSX", "en": "not a readable XLSX file"},
    "problem_unknown_file_type": {
        "vi": "định dạng «{value}» không được hỗ trợ (dùng .csv hoặc .xlsx)",
        "en": "«{value}» files are not supported (use .csv or .xlsx)",
    },
    "problem_unreadable_file": {
        "vi": "không đọc được tệp: {value}",
        "en": "cannot read the file: {value}",
    },
    "problem_file_too_big": {
        "vi": "tệp quá lớn ({value}, tối đa {hint})",
        "en": "the file is too big ({value}, at most {hint})",
    },
    "problem_workbook_too_big": {
        "vi": "tệp XLSX khi giải nén quá lớn ({value}, tối đa {hint})",
        "en": "the XLSX file is too big once unzipped ({value}, at most {hint})",
    },
    "problem_xml_entities": {
        "vi": "tệp XLSX có khai báo DOCTYPE/ENTITY trong «{value}»: không được chấp nhận",
        "en": "the XLSX file declares a DOCTYPE/ENTITY in «{value}»: refused",
    },
    "problem_bad_csv_line": {
        "vi": "dòng CSV không đọc được (ô quá dài hoặc dấu ngoặc kép không đóng)",
        "en": "unreadable CSV line (a cell too long or an unclosed quote)",
    },
    "problem_too_many_rows": {
        "vi": "tệp có quá nhiều dòng (tối đa {value} dòng dữ liệu)",
        "en": "the file has too many rows (at most {value} data rows)",
    },
    "problem_too_many_columns": {
        "vi": "tệp có quá nhiều cột ({value}, tối đa {hint})",
        "en": "the file has too many columns ({value}, at most {hint})",
    },
    "problem_duplicate_column": {
        "vi": "cột «{column}» xuất hiện hai lần",
        "en": "the column «{column}» appears twice",
    },
    "problem_cell_too_long": {
        "vi": "ô dài {value} ký tự, tối đa {hint}",
        "en": "the cell has {value} characters, at most {hint}",
    },
    "problem_too_long": {
        "vi": "dài {value} ký tự, tối đa {hint}",
        "en": "{value} characters long, at most {hint}",
    },
    "problem_control_character": {
        "vi": "có ký tự điều khiển không hợp lệ ({value}); hãy xóa ký tự này",
        "en": "contains a control character ({value}); remove it",
    },
    "problem_parent_cycle": {
        "vi": "cơ quan cấp trên tạo thành vòng lặp: {value}",
        "en": "the parent agencies form a loop: {value}",
    },
    "problem_empty_file": {"vi": "tệp rỗng", "en": "the file is empty"},
    "problem_no_rows": {"vi": "tệp không có dòng dữ liệu nào", "en": "the file has no data rows"},
    "problem_empty_value": {"vi": "không được để trống", "en": "must not be empty"},
    "problem_bad_date": {
        "vi": "«{value}» không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)",
        "en": "«{value}» is not a valid date (YYYY-MM-DD or dd/mm/yyyy)",
    },
    "problem_bad_recurrence": {
        "vi": "quy tắc lặp «{value}» không hợp lệ: {hint}",
        "en": "recurrence «{value}» is not valid: {hint}",
    },
    "problem_deadline_and_recurrence": {
        "vi": "chỉ điền một trong hai cột deadline và recurrence",
        "en": "fill only one of deadline and recurrence",
    },
    "problem_no_deadline_or_recurrence": {
        "vi": "cần hạn (deadline) hoặc quy tắc lặp (recurrence)",
        "en": "needs a deadline or a recurrence",
    },
    "problem_unknown_agency": {
        "vi": "cơ quan «{value}» chưa được khai báo{suggest}",
        "en": "agency «{value}» is not declared{suggest}",
    },
    "problem_empty_collective": {
        "vi": "nhóm «{value}» chưa có cơ quan thành viên nào",
        "en": "collective «{value}» has no member agencies",
    },
    "problem_collective_not_agency": {
        "vi": "«{value}» là một nhóm cơ quan; hãy ghi một cơ quan cụ thể",
        "en": "«{value}» is a collective; name one agency",
    },
    "problem_duplicate_code": {
        "vi": "mã «{value}» trùng với dòng {hint}",
        "en": "code «{value}» repeats row {hint}",
    },
    "problem_bad_code": {
        "vi": "mã «{value}» không đúng dạng NHÓM.SỐ (ví dụ 3.12)",
        "en": "code «{value}» is not GROUP.NUMBER (e.g. 3.12)",
    },
    "problem_code_not_text": {
        "vi": "mã «{value}» là số trong Excel (1.10 sẽ thành 1.1); định dạng cột là Văn bản",
        "en": "code «{value}» is a number in Excel (1.10 becomes 1.1); format the column as Text",
    },
    "problem_bad_group": {
        "vi": "nhóm «{value}» phải là số từ 1 đến 7",
        "en": "group «{value}» must be a number from 1 to 7",
    },
    "problem_code_group_mismatch": {
        "vi": "mã «{value}» không thuộc nhóm {hint}",
        "en": "code «{value}» does not belong to group {hint}",
    },
    "problem_no_plan_year": {
        "vi": "không xác định được năm kế hoạch; thêm --year",
        "en": "cannot tell the plan year; add --year",
    },
    "problem_bad_short_code": {
        "vi": "mã viết tắt «{value}» chỉ gồm chữ thường không dấu, số, - và _",
        "en": "short code «{value}» may use only a-z, 0-9, - and _",
    },
    "problem_duplicate_short_code": {
        "vi": "mã viết tắt «{value}» đã dùng cho cơ quan khác{suggest}",
        "en": "short code «{value}» is already used by another agency{suggest}",
    },
    "problem_duplicate_name": {"vi": "tên «{value}» bị lặp", "en": "name «{value}» repeats"},
    "problem_focal_not_official": {
        "vi": "«{value}» không có vai trò cán bộ: chỉ cán bộ được giao làm đầu mối nhiệm vụ",
        "en": "«{value}» is not an official: only officials are focal persons",
    },
    "problem_focal_unknown_task": {
        "vi": "cơ quan của người này không có nhiệm vụ mã «{value}» đang thực hiện",
        "en": "this person's agency has no live task «{value}»",
    },
    "problem_duplicate_person": {
        "vi": "«{value}» đã có ở dòng trước trong cùng cơ quan",
        "en": "«{value}» already appears in the same agency",
    },
    "problem_bad_choice": {
        "vi": "«{value}» không hợp lệ (chọn một trong: {hint})",
        "en": "«{value}» is not accepted (one of: {hint})",
    },
    "problem_kind_mismatch": {
        "vi": "loại «{value}» khác với loại đã khai báo ({hint})",
        "en": "type «{value}» differs from the declared kind ({hint})",
    },
    "problem_self_parent": {
        "vi": "cơ quan không thể là cấp trên của chính nó",
        "en": "an agency cannot be its own parent",
    },
    "problem_bad_phone": {
        "vi": "số điện thoại «{value}» không hợp lệ",
        "en": "phone number «{value}» is not valid",
    },
    "problem_did_you_mean": {"vi": " — có phải: {choices}", "en": " — did you mean: {choices}"},
}
