"""Nudges: the reminder's header, body and footer, and its buttons."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "nudge_before": {
        "vi": "⏰ Nhắc việc: còn {days} ngày làm việc đến hạn",
        "en": "⏰ Reminder: {days} working days to the deadline",
    },
    "nudge_due": {"vi": "⏰ Hôm nay là hạn chót", "en": "⏰ Due today"},
    "nudge_overdue": {
        "vi": "⚠️ Quá hạn {days} ngày làm việc",
        "en": "⚠️ Overdue by {days} working days",
    },
    "nudge_escalation": {
        "vi": "🔺 Báo cáo lãnh đạo: việc của {agency} quá hạn {days} ngày làm việc",
        "en": "🔺 For the leader: {agency}'s assignment is {days} working days overdue",
    },
    "nudge_checkin": {
        "vi": "📋 Nhắc cập nhật nhiệm vụ thường xuyên",
        "en": "📋 Check-in on an ongoing duty",
    },
    "nudge_body": {
        "vi": "{code} — {title}\nCơ quan chủ trì: {agency}\nHạn: {deadline}\nTrạng thái: "
        "{status}{percent}{note}",
        "en": "{code} — {title}\nLead agency: {agency}\nDeadline: {deadline}\nStatus: "
        "{status}{percent}{note}",
    },
    "nudge_footer": {
        "vi": "Trả lời tin này để cập nhật (ví dụ: «xong», «đang làm 60%»).",
        "en": "Reply to this message to update (e.g. «xong», «dang lam 60%»).",
    },
    # buttons
    "button_done": {"vi": "✅ Đã xong", "en": "✅ Done"},
    "button_progress": {"vi": "⏳ Đang làm", "en": "⏳ In progress"},
    "button_blocked": {"vi": "⛔ Vướng mắc", "en": "⛔ Blocked"},
    "button_extend": {"vi": "📅 Xin gia hạn", "en": "📅 Extension"},
}
