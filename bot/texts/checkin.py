"""The daily check-in, the leaders' escalation message, snooze and the leader actions."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "checkin_header": {
        "vi": "📋 Hệ thống xin nhắc Anh/Chị {count} nhiệm vụ cần theo dõi ngày {date}:",
        "en": "📋 The system reminds you of {count} assignments to follow on {date}:",
    },
    "checkin_catch_up_header": {
        "vi": "📋 Hệ thống gửi Anh/Chị bản tổng hợp {count} nhiệm vụ cần theo dõi ngày {date} "
        "(gồm cả các nhắc việc Anh/Chị chưa nhận được):",
        "en": "📋 The system sends you a summary of {count} assignments to follow on {date} "
        "(including reminders you did not receive):",
    },
    "checkin_more": {
        "vi": "📋 (tiếp theo, phần {page}/{pages})",
        "en": "📋 (continued, part {page}/{pages})",
    },
    "checkin_item": {
        "vi": "{n}. {code} — {title}\n    Thời hạn: {deadline} · {when}",
        "en": "{n}. {code} — {title}\n    Deadline: {deadline} · {when}",
    },
    "checkin_ongoing": {"vi": "nhiệm vụ thường xuyên", "en": "ongoing duty"},
    "checkin_footer_rows": {
        "vi": "Anh/Chị bấm nút ở dòng của từng nhiệm vụ (✅ đã hoàn thành, ⏳ đang thực hiện, "
        "⛔ vướng mắc, 📅 đề nghị gia hạn, 💤 nhắc lại sau), hoặc trả lời kèm mã (ví dụ: "
        "«{code} xong»).",
        "en": "Press the buttons on each task's row (✅ done, ⏳ in progress, ⛔ blocked, "
        "📅 extension, 💤 remind me later), or reply with the code (e.g. «{code} xong»).",
    },
    "checkin_footer_pick": {
        "vi": "Anh/Chị chọn một nhiệm vụ để cập nhật, hoặc trả lời kèm mã (ví dụ: «{code} xong»).",
        "en": "Choose an assignment to update, or reply with its code (e.g. «{code} xong»).",
    },
    "escalation_header": {
        "vi": "🔺 Kính báo lãnh đạo: {count} nhiệm vụ do {agency} chủ trì đã quá hạn "
        "(ngày {date}), đề nghị chỉ đạo, đôn đốc:",
        "en": "🔺 For the leader: {count} tasks led by {agency} are overdue ({date}); please "
        "direct and urge them on:",
    },
    "escalation_item": {
        "vi": "{n}. {code} — {title}\n    Thời hạn: {deadline} · {when} · Đầu mối: {focal}",
        "en": "{n}. {code} — {title}\n    Deadline: {deadline} · {when} · Focal person: {focal}",
    },
    "escalation_no_focal": {"vi": "chưa giao", "en": "not assigned"},
    "escalation_footer": {
        "vi": "Anh/Chị có thể nhắc lại cán bộ (🔔), giao đầu mối (👤, hoặc gõ /giao MÃ HỌ TÊN) "
        "hoặc mở danh sách quá hạn (/quahan).",
        "en": "You can remind the official again (🔔), assign a focal person (👤, or type "
        "/assign CODE NAME) or open the overdue list (/overdue).",
    },
    "button_snooze": {"vi": "💤 Nhắc lại sau", "en": "💤 Remind me later"},
    "button_remind": {"vi": "🔔 Nhắc lại cán bộ", "en": "🔔 Remind the official"},
    "button_assign": {"vi": "👤 Giao đầu mối", "en": "👤 Assign a focal person"},
    "button_overdue_list": {"vi": "📋 Danh sách quá hạn", "en": "📋 Overdue list"},
    "pick_label": {"vi": "{code} — {title}", "en": "{code} — {title}"},
    "remind_label": {"vi": "🔔 Nhắc lại: {code}", "en": "🔔 Remind: {code}"},
    "snoozed": {
        "vi": "💤 Hệ thống sẽ nhắc lại Anh/Chị về nhiệm vụ {code} vào ngày {date}. "
        "Muốn chọn ngày khác, Anh/Chị gõ: /nhaclai {code} NGÀY (ví dụ: /nhaclai {code} 25/6).",
        "en": "💤 The system will remind you of {code} on {date}. For another day, type: "
        "/snooze {code} DATE (e.g. /snooze {code} 25/6).",
    },
    "snooze_usage": {
        "vi": "Cú pháp: /nhaclai MÃ [NGÀY], ví dụ: /nhaclai 2.1 hoặc /nhaclai 2.1 25/6.",
        "en": "Usage: /snooze CODE [DATE], e.g. /snooze 2.1 or /snooze 2.1 25/6.",
    },
    "snooze_bad_date": {
        "vi": "Hệ thống chưa hiểu ngày «{text}». Anh/Chị ghi ngày dạng dd/mm hoặc dd/mm/yyyy, "
        "từ ngày mai trở đi.",
        "en": "The system did not understand the date «{text}». Write it as dd/mm or "
        "dd/mm/yyyy, from tomorrow on.",
    },
    "snooze_done": {
        "vi": "Nhiệm vụ {code} đã hoàn thành, không cần nhắc lại.",
        "en": "{code} is done: no reminder needed.",
    },
    "reminded": {
        "vi": "🔔 Hệ thống đã nhắc lại {names} về nhiệm vụ {code}.",
        "en": "🔔 The system reminded {names} of {code}.",
    },
    "reminded_nobody": {
        "vi": "Nhiệm vụ {code} chưa có cán bộ nào liên kết để nhắc; Anh/Chị có thể giao đầu mối "
        "bằng /giao {code} HỌ TÊN.",
        "en": "{code} has no linked official to remind; assign one with /assign {code} NAME.",
    },
    "remind_again": {
        "vi": "🔔 Lãnh đạo {who} đề nghị Anh/Chị cập nhật nhiệm vụ {code} — {title} "
        "(hạn {date}). Anh/Chị trả lời tin này để cập nhật.",
        "en": "🔔 {who} asks you to update {code} — {title} (deadline {date}). Reply to this "
        "message to update.",
    },
    "assign_hint": {
        "vi": "Để giao đầu mối cho nhiệm vụ {code}, Anh/Chị gõ: /giao {code} HỌ TÊN. "
        "Cán bộ của đơn vị: {names}.",
        "en": "To assign a focal person for {code}, type: /assign {code} NAME. "
        "Officials of the agency: {names}.",
    },
    "leader_only": {
        "vi": "Thao tác này dành cho lãnh đạo đơn vị.",
        "en": "This action is for the agency's leaders.",
    },
    "menu_nhaclai": {"vi": "Nhắc lại sau", "en": "Remind me later"},
    "help_nhaclai": {
        "vi": "/nhaclai MÃ [NGÀY] — tạm dừng nhắc một nhiệm vụ đến ngày làm việc sau, hoặc đến "
        "NGÀY, ví dụ: /nhaclai 2.1 25/6",
        "en": "/snooze CODE [DATE] — no reminders about it until the next working day, or DATE, "
        "e.g. /snooze 2.1 25/6",
    },
    "config_clock_time": {
        "vi": "một giờ trong ngày dạng HH:MM, ví dụ 07:30",
        "en": "a time of day as HH:MM, e.g. 07:30",
    },
    "config_checkin_in_hours": {
        "vi": "phải trong giờ làm việc ({start}-{end})",
        "en": "must be within work hours ({start}-{end})",
    },
}
