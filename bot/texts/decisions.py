"""Extension requests and their decisions, and /giao."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # extensions
    "request": {
        "vi": "📅 Đề nghị gia hạn {code} — {title} ({agency})\nTừ {old} đến {new}. Lý do: "
        "{reason}\nNgười đề nghị: {who}",
        "en": "📅 Extension request {code} — {title} ({agency})\nFrom {old} to {new}. Reason: "
        "{reason}\nRequested by: {who}",
    },
    "approve": {"vi": "✅ Đồng ý", "en": "✅ Approve"},
    "reject": {"vi": "❌ Từ chối", "en": "❌ Reject"},
    "no_reason": {"vi": "(không nêu)", "en": "(none given)"},
    "no_pending": {
        "vi": "Không còn đề nghị gia hạn nào chờ xử lý cho {code}.",
        "en": "No pending extension request for {code}.",
    },
    "approved": {
        "vi": "Đã đồng ý gia hạn {code} đến {date}.",
        "en": "Approved: {code} extended to {date}.",
    },
    "approved_note": {
        "vi": "Gia hạn đến {date} (đồng ý: {who})",
        "en": "Extended to {date} (approved by {who})",
    },
    "tell_approved": {
        "vi": "✅ Đề nghị gia hạn {code} đến {date} đã được đồng ý ({who}).",
        "en": "✅ Your request to extend {code} to {date} was approved ({who}).",
    },
    "ask_reject_reason": {
        "vi": "Lý do từ chối gia hạn {code}?",
        "en": "Why is the extension of {code} rejected?",
    },
    "ask_reject_reason_instead": {
        "vi": "Lý do từ chối gia hạn {code} (đến {date})? Lý do bạn nhắn tiếp theo chỉ áp dụng "
        "cho đề nghị này; đề nghị gia hạn {earlier} (đến {earlier_date}) vẫn chờ quyết định.",
        "en": "Why is the extension of {code} (to {date}) rejected? The reason you send next "
        "applies to this request only; the request to extend {earlier} (to {earlier_date}) is "
        "still awaiting a decision.",
    },
    "rejected": {
        "vi": "Đã từ chối gia hạn {code}; đã báo người đề nghị.",
        "en": "Rejected the extension of {code}; the requester was told.",
    },
    "tell_rejected": {
        "vi": "❌ Đề nghị gia hạn {code} không được đồng ý ({who}): {reason}. Hạn vẫn là {date}.",
        "en": "❌ Your request to extend {code} was rejected ({who}): {reason}. The deadline "
        "stays {date}.",
    },
    "decision_code_unknown": {
        "vi": "{agency} không có việc mã {code}.",
        "en": "{agency} has no assignment {code}.",
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
        "vi": "Đã giao {code} cho {name} làm đầu mối; từ nay lời nhắc gửi cho {name}.",
        "en": "{name} is now the focal person for {code}; reminders go to them.",
    },
    "assigned_note": {
        "vi": "Giao đầu mối: {name} (bởi {who})",
        "en": "Focal person: {name} (by {who})",
    },
    "tell_assigned": {
        "vi": "📌 {who} giao bạn làm đầu mối việc {code} — {title}, hạn {date}.",
        "en": "📌 {who} made you the focal person for {code} — {title}, due {date}.",
    },
}
