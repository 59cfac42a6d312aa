"""The report (text and XLSX) and the progress chart."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # timeliness of an assignment, timeliness_{ReportRow.timeliness}
    "timeliness_on_time": {"vi": "đúng hạn", "en": "on time"},
    "timeliness_late": {"vi": "trễ hạn", "en": "late"},
    "timeliness_overdue": {"vi": "quá hạn", "en": "overdue"},
    # status counts, bucket_{StatusCounts field}: the report's columns, the chart's legend
    "bucket_done_on_time": {"vi": "Hoàn thành đúng hạn", "en": "Done on time"},
    "bucket_done_late": {"vi": "Hoàn thành trễ hạn", "en": "Done late"},
    "bucket_in_progress": {"vi": "Trong hạn: đang thực hiện", "en": "In time: in progress"},
    "bucket_not_started": {"vi": "Trong hạn: chưa thực hiện", "en": "In time: not started"},
    "bucket_blocked": {"vi": "Trong hạn: vướng mắc", "en": "In time: blocked"},
    "bucket_extension_requested": {
        "vi": "Trong hạn: đề nghị gia hạn",
        "en": "In time: extension requested",
    },
    "bucket_overdue": {"vi": "Quá hạn", "en": "Overdue"},
    # the text report
    "report_title": {
        "vi": "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CCHC",
        "en": "REPORT ON THE CCHC PLAN",
    },
    "report_as_of": {"vi": " — tính đến ngày {day}", "en": " — as of {day}"},
    "report_done_share": {
        "vi": "Hoàn thành {done}/{total} nhiệm vụ; tỷ lệ hoàn thành đúng hạn {share}%",
        "en": "Done {done}/{total} tasks; done on time {share}%",
    },
    "report_by_group": {"vi": "Theo nhóm nhiệm vụ:", "en": "By task group:"},
    "report_by_agency": {"vi": "Theo cơ quan chủ trì:", "en": "By lead agency:"},
    "report_none": {"vi": "  (không có)", "en": "  (none)"},
    "report_withdrawn": {
        "vi": "Nhiệm vụ đã rút khỏi cơ quan (không tính vào số liệu trên): {n}",
        "en": "Tasks withdrawn from their agency (not counted above): {n}",
    },
    "report_withdrawn_line": {
        "vi": "  - {code} — {agency}: {status}; {when}",
        "en": "  - {code} — {agency}: {status}; {when}",
    },
    "report_withdrawn_on": {"vi": "rút ngày {day}{because}", "en": "withdrawn on {day}{because}"},
    "report_withdrawn_status": {"vi": "Đã rút ({status})", "en": "Withdrawn ({status})"},
    "report_withdrawn_total": {
        "vi": "Nhiệm vụ đã rút khỏi cơ quan: {n} (không tính vào số liệu trên; xem trang {sheet})",
        "en": "Tasks withdrawn from their agency: {n} (not counted above; see the {sheet} sheet)",
    },
    # the XLSX report: sheets (the third is bucket_overdue), title block, column headers
    "sheet_summary": {"vi": "Tổng hợp", "en": "Summary"},
    "sheet_detail": {"vi": "Chi tiết", "en": "Details"},
    "xlsx_title": {
        "vi": "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM {year}",
        "en": "REPORT ON THE ADMINISTRATIVE REFORM PLAN FOR {year}",
    },
    "xlsx_as_of": {"vi": "(Tính đến ngày {day})", "en": "(As of {day})"},
    "xlsx_by_group": {"vi": "I. THEO NHÓM NHIỆM VỤ", "en": "I. BY TASK GROUP"},
    "xlsx_by_agency": {"vi": "II. THEO CƠ QUAN CHỦ TRÌ", "en": "II. BY LEAD AGENCY"},
    "col_stt": {"vi": "STT", "en": "No."},
    "col_name": {"vi": "Nhóm nhiệm vụ / Cơ quan", "en": "Task group / Agency"},
    "col_group": {"vi": "Nhóm", "en": "Group"},
    "col_total": {"vi": "Tổng số nhiệm vụ", "en": "Total tasks"},
    "col_on_time_share": {"vi": "Tỷ lệ hoàn thành đúng hạn (%)", "en": "Done on time (%)"},
    "col_grand_total": {"vi": "Tổng cộng", "en": "Grand total"},
    "col_code": {"vi": "Mã", "en": "Code"},
    "col_task": {"vi": "Nhiệm vụ", "en": "Task"},
    "col_lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "col_cooperators": {"vi": "Cơ quan phối hợp", "en": "Cooperating agencies"},
    "col_deliverable": {"vi": "Sản phẩm", "en": "Deliverable"},
    "col_deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "col_extended": {"vi": "Thời hạn sau gia hạn", "en": "Extended deadline"},
    "col_status": {"vi": "Tình trạng", "en": "Status"},
    "col_timeliness": {"vi": "Đánh giá thời hạn", "en": "Timeliness"},
    "col_percent": {"vi": "Tiến độ (%)", "en": "Progress (%)"},
    "col_note": {"vi": "Khó khăn, vướng mắc / lý do", "en": "Obstacle / reason"},
    "col_evidence": {"vi": "Văn bản, sản phẩm (số, ký hiệu)", "en": "Evidence (document no.)"},
    "col_updated_at": {"vi": "Cập nhật lần cuối", "en": "Last updated"},
    "col_days_overdue": {"vi": "Số ngày quá hạn", "en": "Days overdue"},
    # the DOCX report draft (Decree 30/2020/NĐ-CP layout)
    "docx_governing": {"vi": "UBND TỈNH ……", "en": "PROVINCIAL PEOPLE'S COMMITTEE ……"},
    "docx_number": {"vi": "Số:        /BC-……", "en": "No.:        /BC-……"},
    "docx_nation": {
        "vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "en": "SOCIALIST REPUBLIC OF VIET NAM",
    },
    "docx_motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "docx_place_date": {"vi": "……, ngày {d} tháng {m} năm {y}", "en": "……, {d}/{m}/{y}"},
    "docx_kind": {"vi": "BÁO CÁO", "en": "REPORT"},
    "docx_abstract": {
        "vi": "Tình hình thực hiện Kế hoạch cải cách hành chính {period}",
        "en": "Implementation of the administrative reform plan, {period}",
    },
    "docx_period_q1": {"vi": "quý I năm {year}", "en": "first quarter of {year}"},
    "docx_period_h1": {"vi": "6 tháng đầu năm {year}", "en": "first half of {year}"},
    "docx_period_m9": {"vi": "9 tháng năm {year}", "en": "first nine months of {year}"},
    "docx_period_year": {"vi": "năm {year}", "en": "the year {year}"},
    "docx_intro": {
        "vi": "Thực hiện {plan}, tình hình thực hiện tính đến ngày {day} như sau:",
        "en": "Under {plan}, the state of implementation as of {day} is as follows:",
    },
    "docx_part_results": {"vi": "I. KẾT QUẢ THỰC HIỆN", "en": "I. RESULTS"},
    "docx_overall": {
        "vi": "Tính đến ngày {day}, toàn kế hoạch có",
        "en": "As of {day}, the plan has",
    },
    "docx_counts": {
        "vi": "{total} nhiệm vụ; hoàn thành {done} (đúng hạn {on_time}, trễ hạn {late}), tỷ lệ "
        "hoàn thành đúng hạn {share}%; chưa hoàn thành trong hạn {in_time} (đang thực hiện "
        "{in_progress}, chưa thực hiện {not_started}, vướng mắc {blocked}, đề nghị gia hạn "
        "{extension}); quá hạn {overdue}{overdue_split}; chưa đến hạn {not_due}.",
        "en": "{total} tasks; done {done} (on time {on_time}, late {late}), done on time "
        "{share}%; open within the deadline {in_time} (in progress {in_progress}, not started "
        "{not_started}, blocked {blocked}, extension requested {extension}); overdue "
        "{overdue}{overdue_split}; not yet due {not_due}.",
    },
    "docx_by_group": {"vi": "1. Theo nhóm nhiệm vụ", "en": "1. By task group"},
    "docx_col_group": {"vi": "Nhóm nhiệm vụ", "en": "Task group"},
    "docx_by_agency": {"vi": "2. Theo cơ quan chủ trì", "en": "2. By lead agency"},
    "docx_part_overdue": {
        "vi": "II. NHIỆM VỤ QUÁ HẠN ({n} nhiệm vụ)",
        "en": "II. OVERDUE TASKS ({n})",
    },
    "docx_none_overdue": {"vi": "Không có nhiệm vụ quá hạn.", "en": "No task is overdue."},
    "docx_overdue_item": {
        "vi": "{n}. {task} ({code}) — {agency} chủ trì; hạn {deadline}, quá hạn {days} ngày; "
        "tình trạng: {status}, tiến độ {percent}%. Lý do: {reason}.",
        "en": "{n}. {task} ({code}) — led by {agency}; due {deadline}, {days} days overdue; "
        "status: {status}, {percent}% done. Reason: {reason}.",
    },
    "docx_no_reason": {"vi": "chưa báo cáo lý do", "en": "no reason reported"},
    "docx_part_proposals": {"vi": "III. ĐỀ XUẤT, KIẾN NGHỊ", "en": "III. PROPOSALS"},
    "docx_recipients": {"vi": "Nơi nhận:", "en": "Recipients:"},
    "docx_recipient_lines": {
        "vi": "- UBND tỉnh (để báo cáo);\n- Lãnh đạo Sở;\n- Lưu: VT.",
        "en": "- Provincial People's Committee (for its information);\n- Directors;\n- Archive.",
    },
    "docx_signer": {"vi": "GIÁM ĐỐC", "en": "DIRECTOR"},
    "docx_sign_note": {"vi": "(Ký, ghi rõ họ tên, đóng dấu)", "en": "(Signature, name, seal)"},
    # the chart
    "chart_title": {
        "vi": "Tiến độ thực hiện Kế hoạch CCHC — {scope} — tính đến ngày {day}",
        "en": "Progress of the CCHC plan — {scope} — as of {day}",
    },
    "chart_axis": {"vi": "Số nhiệm vụ", "en": "Tasks"},
    "chart_bar_total": {
        "vi": "{total} nhiệm vụ · hoàn thành {pct}%",
        "en": "{total} tasks · {pct}% done",
    },
    "chart_note": {
        "vi": "Ghi chú: «Quá hạn» là nhiệm vụ chưa hoàn thành đã qua thời hạn, ở bất kỳ tình "
        "trạng nào; «Chưa đến hạn» là nhiệm vụ chưa đến thời hạn và chưa có báo cáo. Phần quá "
        "hẹp không ghi số.",
        "en": "Note: “Overdue” is any unfinished task past its deadline, whatever its status; "
        "“Not yet due” is a task before its deadline with nothing reported. Segments too narrow "
        "show no number.",
    },
    "chart_empty": {"vi": "Chưa có nhiệm vụ nào", "en": "No tasks yet"},
    # the buckets added by issue 13: inside overdue, and not yet due
    "bucket_overdue_in_progress": {"vi": "Quá hạn: đang thực hiện", "en": "Overdue: in progress"},
    "bucket_overdue_not_started": {"vi": "Quá hạn: chưa thực hiện", "en": "Overdue: not started"},
    "bucket_overdue_blocked": {"vi": "Quá hạn: vướng mắc", "en": "Overdue: blocked"},
    "bucket_overdue_extension_requested": {
        "vi": "Quá hạn: đề nghị gia hạn",
        "en": "Overdue: extension requested",
    },
    "bucket_not_due": {"vi": "Chưa đến hạn", "en": "Not yet due"},
}
