"""What a channel itself says: Zalo's numbered options and file links, the console's files,
e-mail's footer."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # Zalo
    "answer_by_number": {"vi": "Trả lời bằng số.", "en": "Reply with a number."},
    "zalo_no_file": {
        "vi": "📎 Zalo chưa gửi được tệp {filename}. Anh/Chị xem tệp trên Telegram, hoặc đề nghị "
        "quản trị viên xuất báo cáo bằng lệnh «nhacviec report».",
        "en": "📎 Zalo could not send the file {filename}. See it on Telegram, or ask an "
        "administrator to export the report with «nhacviec report».",
    },
    # the console; attachment_{Attachment.kind}
    "console_attachment": {
        "vi": "[{kind}: {filename}, {size} byte]",
        "en": "[{kind}: {filename}, {size} bytes]",
    },
    "attachment_photo": {"vi": "ảnh", "en": "photo"},
    "attachment_document": {"vi": "tệp", "en": "document"},
    # e-mail: nothing can be answered by e-mail
    "email_footer": {
        "vi": "Đây là thư tự động của Hệ thống nhắc việc, không nhận thư trả lời. Anh/Chị cập "
        "nhật tiến độ qua Zalo hoặc Telegram.",
        "en": "This is an automatic message from the reminder system; replies to it are not "
        "read. Please update your progress on Zalo or Telegram.",
    },
    "email_checkin_subject": {
        "vi": "📋 Hệ thống xin nhắc Anh/Chị {n} nhiệm vụ cần theo dõi",
        "en": "📋 {n} assignments to follow up",
    },
    "email_invite_head": {
        "vi": "Anh/Chị chưa liên kết tài khoản chat với Hệ thống. Để nhận nhắc việc và cập nhật "
        "tiến độ qua chat, Anh/Chị dùng mã mời dưới đây (dùng một lần, hiệu lực đến {expires}):",
        "en": "You have not linked a chat yet. To get reminders and update your progress in "
        "chat, use the invite below (one use, valid until {expires}):",
    },
    "email_invite_telegram": {
        "vi": "• Telegram: mở đường dẫn {link}",
        "en": "• Telegram: open {link}",
    },
    "email_invite_zalo": {
        "vi": "• Zalo: nhắn cho tài khoản Zalo của Hệ thống: /start {code}",
        "en": "• Zalo: send the system's Zalo account: /start {code}",
    },
    "email_invite_code": {
        "vi": "• Mã mời: gửi cho Hệ thống tin nhắn /start {code}",
        "en": "• Invite code: send the system the message /start {code}",
    },
    "email_invite_given": {
        "vi": "Anh/Chị chưa liên kết tài khoản chat với Hệ thống. Anh/Chị dùng mã mời đã được "
        "cấp (hiệu lực đến {expires}) để liên kết qua Zalo hoặc Telegram; nếu không còn mã, "
        "Anh/Chị liên hệ cơ quan điều phối để được cấp lại.",
        "en": "You have not linked a chat yet. Use the invite you were given (valid until "
        "{expires}) to link Zalo or Telegram; if you no longer have it, ask the "
        "coordinators for a new one.",
    },
    # e-mail copies of escalations (NHACVIEC_EMAIL_ESCALATIONS)
    "email_escalation_leader_note": {
        "vi": "Đây là bản sao qua thư điện tử của tin nhắn Hệ thống đã gửi Anh/Chị qua {channel}. "
        "Anh/Chị nhắc lại cán bộ hoặc giao đầu mối trên {channel}, hoặc gõ /giao MÃ HỌ TÊN.",
        "en": "This is an e-mail copy of the message the system sent you on {channel}. Remind "
        "the official or assign a focal person on {channel}, or type /assign CODE NAME.",
    },
    "email_escalation_coordinator_header": {
        "vi": "🔺 Hệ thống đã báo lãnh đạo {count} nhiệm vụ quá hạn (ngày {date}):",
        "en": "🔺 The system told the leaders of {count} overdue tasks ({date}):",
    },
    "email_escalation_coordinator_item": {
        "vi": "{n}. {code} — {title} ({agency})\n    Thời hạn: {deadline} · {when} · "
        "Lãnh đạo: {leader} · Đầu mối: {focal}",
        "en": "{n}. {code} — {title} ({agency})\n    Deadline: {deadline} · {when} · "
        "Leader: {leader} · Focal person: {focal}",
    },
    "email_escalation_coordinator_note": {
        "vi": "Danh sách quá hạn đầy đủ: /quahan trên Zalo hoặc Telegram.",
        "en": "The full overdue list: /overdue on Zalo or Telegram.",
    },
    "channel_label_telegram": {"vi": "Telegram", "en": "Telegram"},
    "channel_label_zalo": {"vi": "Zalo", "en": "Zalo"},
    "channel_label_console": {"vi": "cửa sổ chat", "en": "the chat window"},
    "channel_label_email": {"vi": "thư điện tử", "en": "e-mail"},
    "email_link": {
        "vi": "Để liên kết tài khoản chat, Anh/Chị mở: {link}",
        "en": "To link a chat, open: {link}",
    },
}
