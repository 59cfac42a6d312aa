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
