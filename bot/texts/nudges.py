"""Nudges: the reminder's header, body and footer, and its buttons."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "nudge_before": {
        "vi": "⏰ Nhắc nhiệm vụ: còn {n} {unit} đến hạn",
        "en": "⏰ Reminder: {n} {unit} to the deadline",
    },
    "nudge_due": {"vi": "⏰ Nhắc nhiệm vụ: hôm nay là hạn hoàn thành", "en": "⏰ Due today"},
    "nudge_overdue": {"vi": "⚠️ Nhiệm vụ đã quá hạn {n} {unit}", "en": "⚠️ Overdue by {n} {unit}"},
    "nudge_escalation": {
        "vi": "🔺 Kính báo lãnh đạo: nhiệm vụ {code} — {title} do {agency} chủ trì đã quá hạn "
        "{n} {unit}, đề nghị chỉ đạo, đôn đốc.",
        "en": "🔺 For the leader: task {code} — {title}, led by {agency}, is {n} {unit} overdue; "
        "please direct and urge it on.",
    },
    "nudge_checkin": {
        "vi": "📋 Nhắc cập nhật nhiệm vụ thường xuyên",
        "en": "📋 Check-in on an ongoing duty",
    },
    "nudge_body": {
        "vi": "{code} — {title}\nCơ quan chủ trì: {agency}\nThời hạn: {deadline}\nTình trạng: "
        "{status}{percent}{note}",
        "en": "{code} — {title}\nLead agency: {agency}\nDeadline: {deadline}\nStatus: "
        "{status}{percent}{note}",
    },
    "nudge_footer": {
        "vi": "Anh/Chị trả lời tin này để cập nhật (ví dụ: «xong», «đang làm 60%»).",
        "en": "Reply to this message to update (e.g. «xong», «dang lam 60%»).",
    },
    # buttons
    "button_done": {"vi": "✅ Đã hoàn thành", "en": "✅ Done"},
    "button_progress": {"vi": "⏳ Đang thực hiện", "en": "⏳ In progress"},
    "button_blocked": {"vi": "⛔ Vướng mắc", "en": "⛔ Blocked"},
    "button_extend": {"vi": "📅 Đề nghị gia hạn", "en": "📅 Extension"},
}
