"""Extension requests and their decisions, and /giao."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # extensions
    "request": {
        "vi": "📅 Đề nghị gia hạn nhiệm vụ {code} — {title} ({agency})\nTừ {old} đến {new}. Lý "
        "do: {reason}\nNgười đề nghị: {who}",
        "en": "📅 Extension request {code} — {title} ({agency})\nFrom {old} to {new}. Reason: "
        "{reason}\nRequested by: {who}",
    },
    "approve": {"vi": "✅ Đồng ý", "en": "✅ Approve"},
    "reject": {"vi": "❌ Từ chối", "en": "❌ Reject"},
    "no_reason": {"vi": "(không nêu)", "en": "(none given)"},
    "no_pending": {
        "vi": "Không còn đề nghị gia hạn nào của nhiệm vụ {code} chờ xử lý.",
        "en": "No pending extension request for {code}.",
    },
    "approved": {
        "vi": "Đã đồng ý gia hạn nhiệm vụ {code} đến {date}.",
        "en": "Approved: {code} extended to {date}.",
    },
    "approved_note": {
        "vi": "Gia hạn đến {date} (đồng ý: {who})",
        "en": "Extended to {date} (approved by {who})",
    },
    "tell_approved": {
        "vi": "✅ Đề nghị gia hạn nhiệm vụ {code} đến {date} đã được đồng ý ({who}).",
        "en": "✅ Your request to extend {code} to {date} was approved ({who}).",
    },
    "tell_request_withdrawn": {
        "vi": "🔒 Đề nghị gia hạn nhiệm vụ {code} «{title}» đến {date} đã được đóng, không xem "
        "xét: nhiệm vụ đã rút khỏi {agency}{because}. Anh/Chị không cần tiếp tục cập nhật "
        "nhiệm vụ này; kết quả đã báo cáo vẫn được lưu.",
        "en": "🔒 Your request to extend {code} «{title}» to {date} is closed without a "
        "decision: the task was withdrawn from {agency}{because}. No further updates are "
        "needed; what was reported is kept.",
    },
    "tell_request_plan_closed": {
        "vi": "🔒 Đề nghị gia hạn nhiệm vụ {code} «{title}» đến {date} đã được đóng, không xem "
        "xét: kế hoạch năm {year} đã kết thúc. Kết quả đã báo cáo vẫn được lưu.",
        "en": "🔒 Your request to extend {code} «{title}» to {date} is closed without a "
        "decision: the {year} plan has ended. What was reported is kept.",
    },
    "ask_reject_reason": {
        "vi": "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ {code}.",
        "en": "Why is the extension of {code} rejected?",
    },
    "ask_reject_reason_instead": {
        "vi": "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ {code} (đến {date}). Lý "
        "do Anh/Chị nhắn tiếp theo chỉ áp dụng cho đề nghị này; đề nghị gia hạn {earlier} (đến "
        "{earlier_date}) vẫn chờ quyết định.",
        "en": "Why is the extension of {code} (to {date}) rejected? The reason you send next "
        "applies to this request only; the request to extend {earlier} (to {earlier_date}) is "
        "still awaiting a decision.",
    },
    "rejected": {
        "vi": "Đã không đồng ý gia hạn nhiệm vụ {code}; Hệ thống đã báo người đề nghị.",
        "en": "Rejected the extension of {code}; the requester was told.",
    },
    "tell_rejected": {
        "vi": "❌ Đề nghị gia hạn nhiệm vụ {code} không được đồng ý ({who}): {reason}. Thời hạn "
        "vẫn là {date}.",
        "en": "❌ Your request to extend {code} was rejected ({who}): {reason}. The deadline "
        "stays {date}.",
    },
    "decision_code_unknown": {
        "vi": "{agency} không có nhiệm vụ mã {code}.",
        "en": "{agency} has no assignment {code}.",
    },
    # decided requests: every copy shows who decided and how (issue 11 point 8)
    "decided_approved": {
        "vi": "✅ Đã đồng ý gia hạn đến {date} — {who}, {at}.",
        "en": "✅ Approved, extended to {date} — {who}, {at}.",
    },
    "decided_rejected": {
        "vi": "❌ Đã từ chối — {who}, {at}. Lý do: {reason}",
        "en": "❌ Rejected — {who}, {at}. Reason: {reason}",
    },
    "decided_closed": {
        "vi": "🔒 Đã đóng, không gia hạn: nhiệm vụ đã hoàn thành hoặc đã rút — {who}, {at}.",
        "en": "🔒 Closed without extension: the assignment is done or withdrawn — {who}, {at}.",
    },
    # decided_closed_{why}: closed with no coordinator's decision
    "decided_closed_withdrawn": {
        "vi": "🔒 Đã đóng, không gia hạn: nhiệm vụ đã rút khỏi cơ quan — {at}.",
        "en": "🔒 Closed without extension: the task was withdrawn from the agency — {at}.",
    },
    "decided_closed_plan": {
        "vi": "🔒 Đã đóng, không gia hạn: kế hoạch đã kết thúc — {at}.",
        "en": "🔒 Closed without extension: the plan has ended — {at}.",
    },
    "decided_superseded": {
        "vi": "↪️ Đã được thay bằng đề nghị mới (đến {date}).",
        "en": "↪️ Replaced by a newer request (to {date}).",
    },
    "decided_followup": {
        "vi": "Đề nghị gia hạn {code} (đến {date}): {decision}",
        "en": "Extension request {code} (to {date}): {decision}",
    },
    "request_superseded": {
        "vi": "Đề nghị gia hạn {code} đến {date} đã được thay bằng đề nghị mới hơn (đến {newer});"
        " nút này không còn hiệu lực, không có gì thay đổi.",
        "en": "The request to extend {code} to {date} was replaced by a newer one (to {newer});"
        " this button no longer applies and nothing was changed.",
    },
    "request_already_decided": {
        "vi": "Đề nghị gia hạn {code} đến {date} đã được xử lý: {decision}",
        "en": "The request to extend {code} to {date} was already decided: {decision}",
    },
    "closed_finished": {
        "vi": "{code} đã hoàn thành hoặc đã rút khỏi kế hoạch nên không gia hạn: đề nghị đến"
        " {date} đã được đóng; hạn và trạng thái giữ nguyên.",
        "en": "{code} is done or withdrawn, so it is not extended: the request to {date} is"
        " closed; its deadline and status are unchanged.",
    },
    # /choduyet
    "pending_none": {
        "vi": "Không có đề nghị gia hạn nào chờ duyệt.",
        "en": "No extension requests are awaiting a decision.",
    },
    "pending_title": {
        "vi": "📋 Đề nghị gia hạn chờ duyệt: {n}. Mỗi đề nghị kèm nút quyết định bên dưới.",
        "en": "📋 Extension requests awaiting a decision: {n}. Each comes with its buttons below.",
    },
    "pending_more": {
        "vi": "Đang hiện {shown}/{n} đề nghị cũ nhất; xử lý xong, gõ /choduyet để xem tiếp.",
        "en": "Showing the {shown} oldest of {n}; once decided, send /pending for the rest.",
    },
    # /giao
    "usage_assign": {
        "vi": "Cú pháp: /giao MÃ HỌ_TÊN, ví dụ: /giao 1.2 Nguyễn Văn A",
        "en": "Usage: /assign CODE FULL_NAME, e.g. /assign 1.2 Nguyen Van A",
    },
    "no_official": {
        "vi": "{agency} không có cán bộ nào tên «{name}».",
        "en": "{agency} has no official called «{name}».",
    },
    "assigned": {
        "vi": "Đã giao {name} làm đầu mối nhiệm vụ {code}; từ nay Hệ thống gửi tin nhắc cho "
        "{name}.",
        "en": "{name} is now the focal person for {code}; reminders go to them.",
    },
    "assigned_note": {
        "vi": "Giao đầu mối: {name} (bởi {who})",
        "en": "Focal person: {name} (by {who})",
    },
    "assigned_periods": {
        "vi": "Đã giao {name} làm đầu mối nhiệm vụ {code} cho cả {count} kỳ đang mở ({periods}); "
        "từ nay Hệ thống gửi tin nhắc cho {name}.",
        "en": "{name} is now the focal person for {code}, all {count} open periods ({periods}); "
        "reminders go to them.",
    },
    "tell_assigned": {
        "vi": "📌 {who} giao Anh/Chị làm đầu mối nhiệm vụ {code} — {title}, hạn {date}.",
        "en": "📌 {who} made you the focal person for {code} — {title}, due {date}.",
    },
}
