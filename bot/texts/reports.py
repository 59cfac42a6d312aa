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
    # the XLSX report: sheets (the third is bucket_overdue) and column headers
    "sheet_summary": {"vi": "Tổng hợp", "en": "Summary"},
    "sheet_detail": {"vi": "Chi tiết", "en": "Details"},
    "col_group": {"vi": "Nhóm", "en": "Group"},
    "col_agency": {"vi": "Cơ quan", "en": "Agency"},
    "col_total": {"vi": "Tổng số", "en": "Total"},
    "col_grand_total": {"vi": "Tổng cộng", "en": "Grand total"},
    "col_code": {"vi": "Mã", "en": "Code"},
    "col_task": {"vi": "Nhiệm vụ", "en": "Task"},
    "col_lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "col_deadline": {"vi": "Hạn", "en": "Deadline"},
    "col_status": {"vi": "Trạng thái", "en": "Status"},
    "col_timeliness": {"vi": "Đánh giá hạn", "en": "Timeliness"},
    "col_percent": {"vi": "Tiến độ (%)", "en": "Progress (%)"},
    "col_updated_at": {"vi": "Cập nhật lần cuối", "en": "Last updated"},
    "col_updated_by": {"vi": "Người cập nhật", "en": "Updated by"},
    "col_document": {"vi": "Văn bản (số/ký hiệu)", "en": "Document (number)"},
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
