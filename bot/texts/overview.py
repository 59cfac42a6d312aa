"""Leaders' and coordinators' views: /tonghop, /quahan, /saphan, /bieudo, /baocao."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # /tonghop
    "summary_title": {
        "vi": "📊 Tổng hợp tình hình thực hiện nhiệm vụ — {scope} — tính đến ngày {day}",
        "en": "📊 Summary of tasks — {scope} — as of {day}",
    },
    "scope_all": {"vi": "toàn kế hoạch", "en": "whole plan"},
    "total": {"vi": "Tổng số", "en": "All"},
    "group": {"vi": "Nhóm {n}", "en": "Group {n}"},
    "ambiguous": {
        "vi": "«{arg}» khớp nhiều cơ quan: {names}. Anh/Chị vui lòng gõ rõ hơn.",
        "en": "«{arg}» matches several agencies: {names}. Be more specific.",
    },
    "no_match": {
        "vi": "Không có nhóm nhiệm vụ hay cơ quan nào khớp «{arg}». Nhóm nhiệm vụ: 1–7.",
        "en": "No group or agency matches «{arg}». Groups: 1–7.",
    },
    # /quahan, /saphan (paged)
    "overdue_title": {
        "vi": "⚠️ Nhiệm vụ quá hạn{scope} ({n}) — trang {page}/{pages}",
        "en": "⚠️ Overdue{scope} ({n}) — page {page}/{pages}",
    },
    "due_title": {
        "vi": "⏰ Nhiệm vụ đến hạn trong {days} ngày làm việc{scope} ({n}) — trang {page}/{pages}",
        "en": "⏰ Due within {days} working days{scope} ({n}) — page {page}/{pages}",
    },
    "none_overdue": {
        "vi": "Không có nhiệm vụ nào quá hạn{scope}.",
        "en": "Nothing overdue{scope}.",
    },
    "none_due": {
        "vi": "Không có nhiệm vụ nào đến hạn trong {days} ngày làm việc tới{scope}.",
        "en": "Nothing due within {days} working days{scope}.",
    },
    "item": {
        "vi": "• {code} — {agency}\n  {title}\n  Hạn {deadline}, {when} — {status}{updated}",
        "en": "• {code} — {agency}\n  {title}\n  Due {deadline}, {when} — {status}{updated}",
    },
    "updated": {"vi": "; cập nhật {day}", "en": "; updated {day}"},
    "never": {"vi": "; chưa cập nhật", "en": "; never updated"},
    # /viec, paged and grouped for a phone
    "tasks_title": {
        "vi": "Nhiệm vụ của {agency} đang mở: {n} — trang {page}/{pages}",
        "en": "Open assignments of {agency}: {n} — page {page}/{pages}",
    },
    "tasks_counts": {
        "vi": "Quá hạn {overdue} · đến hạn trong {days} ngày làm việc {soon} · còn hạn {later}"
        " · thường xuyên {ongoing}",
        "en": "Overdue {overdue} · due within {days} working days {soon} · later {later}"
        " · ongoing {ongoing}",
    },
    "tasks_group_overdue": {"vi": "⚠️ Quá hạn", "en": "⚠️ Overdue"},
    "tasks_group_soon": {
        "vi": "⏰ Đến hạn trong {days} ngày làm việc",
        "en": "⏰ Due within {days} working days",
    },
    "tasks_group_later": {"vi": "📅 Còn hạn", "en": "📅 Later"},
    "tasks_group_ongoing": {"vi": "🔁 Thường xuyên", "en": "🔁 Ongoing"},
    "prev": {"vi": "◀ Trước", "en": "◀ Previous"},
    "next": {"vi": "Sau ▶", "en": "Next ▶"},
    # /bieudo, /baocao
    "chart_caption": {
        "vi": "Biểu đồ tiến độ thực hiện nhiệm vụ — {scope} — tính đến ngày {day}",
        "en": "Progress chart — {scope} — as of {day}",
    },
    "report_caption": {
        "vi": "Báo cáo tình hình thực hiện Kế hoạch CCHC đến ngày {day}",
        "en": "Report on the reform plan as of {day}",
    },
    "report_offer": {
        "vi": " (bảng tính XLSX; gõ /baocao docx để nhận dự thảo báo cáo DOCX theo Nghị định "
        "30/2020/NĐ-CP)",
        "en": " (XLSX workbook; send /report docx for the DOCX report draft in the Decree "
        "30/2020 layout)",
    },
    "draft_caption": {
        "vi": "Dự thảo báo cáo tình hình thực hiện Kế hoạch CCHC đến ngày {day} (DOCX): "
        "Anh/Chị điền số, ký hiệu và ký ban hành",
        "en": "Draft report on the reform plan as of {day} (DOCX): fill in its number and sign",
    },
    # /tonghop's blocks, the scope refused, the response rate
    "summary_by_agency": {
        "vi": "Theo cơ quan chủ trì, tỷ lệ quá hạn cao nhất trước ({shown}/{n} cơ quan có nhiệm "
        "vụ quá hạn):",
        "en": "By lead agency, highest overdue share first ({shown} of {n} agencies with "
        "overdue tasks):",
    },
    "summary_withdrawn": {
        "vi": "Không tính {n} nhiệm vụ đã rút khỏi cơ quan (danh sách trong /baocao).",
        "en": "Not counted: {n} tasks withdrawn from their agency (listed in /report).",
    },
    "summary_no_agency_overdue": {
        "vi": "Theo cơ quan chủ trì: không cơ quan nào có nhiệm vụ quá hạn.",
        "en": "By lead agency: no agency has overdue tasks.",
    },
    "summary_response": {
        "vi": "; phản hồi tin nhắc trong {days} ngày làm việc: {answered}/{nudged} nhiệm vụ "
        "({share}%)",
        "en": "; answered reminders within {days} working days: {answered}/{nudged} tasks "
        "({share}%)",
    },
    "summary_response_none": {
        "vi": "; chưa có tin nhắc nào được gửi",
        "en": "; no reminder sent yet",
    },
    "out_of_scope": {
        "vi": "Tài khoản của Anh/Chị chỉ xem được số liệu của {agency}; «{arg}» nằm ngoài phạm "
        "vi này nên Hệ thống không trả lời. Đề nghị Anh/Chị liên hệ cơ quan điều phối để được "
        "cung cấp số liệu của cơ quan khác.",
        "en": "Your account sees only the figures of {agency}; «{arg}» is outside that, so "
        "nothing is shown. Please ask the coordinators for another agency's figures.",
    },
    "scope_in": {"vi": "{agency}, {group}", "en": "{agency}, {group}"},
}
