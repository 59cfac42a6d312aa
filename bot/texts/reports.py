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
    "bucket_in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "bucket_not_started": {"vi": "Chưa thực hiện", "en": "Not started"},
    "bucket_blocked": {"vi": "Vướng mắc", "en": "Blocked"},
    "bucket_extension_requested": {"vi": "Xin gia hạn", "en": "Extension requested"},
    "bucket_overdue": {"vi": "Quá hạn", "en": "Overdue"},
    # the text report
    "report_title": {"vi": "BÁO CÁO TIẾN ĐỘ KẾ HOẠCH CCHC", "en": "CCHC PLAN PROGRESS REPORT"},
    "report_as_of": {"vi": " — đến ngày {day}", "en": " — as of {day}"},
    "report_done_share": {
        "vi": "Đã hoàn thành {done}/{total} ({pct}%)",
        "en": "Done {done}/{total} ({pct}%)",
    },
    "report_by_group": {"vi": "Theo nhóm nhiệm vụ:", "en": "By task group:"},
    "report_by_agency": {"vi": "Theo cơ quan chủ trì:", "en": "By lead agency:"},
    "report_none": {"vi": "  (không có)", "en": "  (none)"},
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
        "{extension}); quá hạn {overdue}.",
        "en": "{total} tasks; done {done} (on time {on_time}, late {late}), done on time "
        "{share}%; open within the deadline {in_time} (in progress {in_progress}, not started "
        "{not_started}, blocked {blocked}, extension requested {extension}); overdue {overdue}.",
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
        "tiến độ {percent}%. Lý do: {reason}.",
        "en": "{n}. {task} ({code}) — led by {agency}; due {deadline}, {days} days overdue; "
        "{percent}% done. Reason: {reason}.",
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
        "vi": "Tiến độ thực hiện Kế hoạch CCHC — đến ngày {day}",
        "en": "Progress of the CCHC plan — as of {day}",
    },
    "chart_axis": {"vi": "Số nhiệm vụ (lượt phân công)", "en": "Assignments"},
    "chart_bar_total": {"vi": "{total} · xong {pct}%", "en": "{total} · {pct}% done"},
    "chart_note": {
        "vi": "Ghi chú: «Đang thực hiện» gồm cả việc đang xin gia hạn; «Quá hạn» là việc chưa "
        "hoàn thành đã qua hạn, dù ở trạng thái nào.",
        "en": "Note: “In progress” includes assignments awaiting an extension; “Overdue” is any "
        "unfinished assignment past its deadline, whatever its status.",
    },
    "chart_empty": {"vi": "Chưa có nhiệm vụ nào", "en": "No assignments yet"},
}
