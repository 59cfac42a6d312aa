"""The conversation: linking a chat, commands and roles, progress updates, /viec, /kenh."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # linking a chat (/start)
    "heavy_busy": {
        "vi": "Hệ thống đang chuẩn bị tài liệu Anh/Chị yêu cầu lúc {time}; đề nghị Anh/Chị "
        "chờ nhận xong rồi hãy yêu cầu tiếp.",
        "en": "The system is still preparing the document you asked for at {time}; please "
        "wait for it before asking again.",
    },
    "not_linked": {
        "vi": "Tài khoản chat này chưa được liên kết với Hệ thống nhắc việc. Anh/Chị vui lòng "
        "gửi /start MÃ_MỜI (mã do cơ quan điều phối cấp). Tin nhắn vừa gửi chưa được ghi nhận.",
        "en": "This chat is not linked to nhacviec yet. Send /start INVITE_CODE (from your "
        "coordinators). Nothing you sent was recorded.",
    },
    "start_no_code": {
        "vi": "Kính chào Anh/Chị! Để sử dụng Hệ thống nhắc việc, Anh/Chị vui lòng gửi /start "
        "MÃ_MỜI (mã do cơ quan điều phối cấp).",
        "en": "Hello! To use nhacviec, send /start INVITE_CODE (from your coordinators).",
    },
    "invite_unknown": {
        "vi": "Mã mời không đúng. Anh/Chị vui lòng kiểm tra lại mã, hoặc đề nghị cơ quan điều "
        "phối cấp mã mới.",
        "en": "That invite code is not valid. Check it, or ask your coordinators for a new one.",
    },
    "invite_slow": {
        "vi": "Đã nhập sai mã mời nhiều lần. Anh/Chị vui lòng đợi {minutes} phút rồi thử lại.",
        "en": "Several wrong invite codes. Please wait {minutes} min before trying again.",
    },
    "invite_locked": {
        "vi": "Đã nhập sai mã mời quá nhiều lần: Hệ thống tạm khóa việc nhập mã trong chat này "
        "khoảng {hours} giờ. Anh/Chị vui lòng liên hệ cơ quan điều phối.",
        "en": "Too many wrong invite codes: this chat may not try codes for about {hours} h. "
        "Please contact your coordinators.",
    },
    "invite_used": {
        "vi": "Mã mời này đã được sử dụng. Nếu không phải Anh/Chị đã sử dụng, đề nghị Anh/Chị "
        "báo cơ quan điều phối để cấp mã mới.",
        "en": "This invite code was already used. If that was not you, ask your coordinators "
        "for a new one.",
    },
    "invite_expired": {
        "vi": "Mã mời đã hết hạn (sau 7 ngày). Anh/Chị vui lòng đề nghị cơ quan điều phối cấp "
        "mã mới.",
        "en": "This invite code has expired (after 7 days). Ask your coordinators for a new one.",
    },
    "welcome": {
        "vi": "Kính chào Anh/Chị {name} ({agency})! Tài khoản chat đã được liên kết. Anh/Chị "
        "gửi /viec để xem các nhiệm vụ được giao, /trogiup để xem hướng dẫn.",
        "en": "Hello {name} ({agency})! This chat is now linked. Send /tasks for your "
        "assignments, /help for help.",
    },
    "already_linked": {
        "vi": "Kính chào Anh/Chị {name} ({agency}), tài khoản chat này đã được liên kết. "
        "Anh/Chị gửi /trogiup để xem hướng dẫn.",
        "en": "Hello {name} ({agency}), this chat is already linked. Send /help for help.",
    },
    # commands and roles
    "unknown_command": {
        "vi": "Hệ thống không có lệnh {command}. Anh/Chị gửi /trogiup để xem các lệnh.",
        "en": "I don't know the command {command}. Send /help for the commands.",
    },
    "not_allowed": {
        "vi": "Lệnh {command} dành cho {roles}; tài khoản của Anh/Chị không sử dụng được lệnh này.",
        "en": "{command} is for {roles}; your account cannot use it.",
    },
    "role_leader": {"vi": "lãnh đạo", "en": "leaders"},
    "role_coordinator": {"vi": "cơ quan điều phối", "en": "coordinators"},
    "internal_error": {
        "vi": "Xin lỗi Anh/Chị, Hệ thống gặp lỗi khi xử lý tin nhắn này; chưa ghi nhận gì. "
        "Anh/Chị vui lòng thử lại sau ít phút.",
        "en": "Sorry, something went wrong with this message; nothing was recorded. Try again "
        "in a few minutes.",
    },
    # progress updates (free text, /capnhat, /giahan, buttons)
    "not_understood": {
        "vi": "Hệ thống chưa hiểu «{text}», chưa ghi nhận gì. Anh/Chị có thể trả lời: «xong», "
        "«đang làm 60%», «vướng do …», «xin gia hạn đến 30/6».",
        "en": "I did not understand «{text}»; nothing was recorded. You can answer in "
        "Vietnamese, accents optional: «xong», «dang lam 60%», «vuong do …», «xin gia han den "
        "30/6».",
    },
    "which_assignment": {
        "vi": "Anh/Chị cập nhật cho nhiệm vụ nào? Anh/Chị vui lòng trả lời ngay tin nhắc, hoặc "
        "gửi /capnhat MÃ NỘI_DUNG. Chưa ghi nhận gì.",
        "en": "Which assignment is this about? Reply to the reminder, or send /update CODE "
        "TEXT. Nothing was recorded.",
    },
    "usage_update": {
        "vi": "Cú pháp: /capnhat MÃ NỘI_DUNG, ví dụ: /capnhat 1.2 đang làm 60%",
        "en": "Usage: /update CODE TEXT, e.g. /update 1.2 in progress 60%",
    },
    "usage_extend": {
        "vi": "Cú pháp: /giahan MÃ NGÀY [lý do], ví dụ: /giahan 1.2 30/6 chờ số liệu",
        "en": "Usage: /extend CODE DATE [reason], e.g. /extend 1.2 30/6 waiting for data",
    },
    "code_unknown": {
        "vi": "Không có nhiệm vụ mã {code} của {agency} đang mở. Anh/Chị gửi /viec để xem các mã.",
        "en": "No open assignment {code} for {agency}. Send /tasks for the codes.",
    },
    "not_yours": {
        "vi": "Nhiệm vụ {code} do {agency} chủ trì; Anh/Chị không cập nhật được nhiệm vụ này.",
        "en": "{code} is led by {agency}; you cannot update it.",
    },
    "bad_choice": {
        "vi": "Nút này không hợp lệ hoặc không dành cho Anh/Chị; chưa ghi nhận gì.",
        "en": "This button is not valid or not yours; nothing was recorded.",
    },
    "recorded": {
        "vi": "Đã ghi nhận {code}: {status}{percent}{note}.",
        "en": "Recorded {code}: {status}{percent}{note}.",
    },
    "recorded_extension": {
        "vi": "Đã ghi nhận đề nghị gia hạn {code} đến {date}{note}; chờ cơ quan điều phối xem xét.",
        "en": "Recorded the request to extend {code} to {date}{note}; the coordinators will "
        "decide.",
    },
    "reason_label": {"vi": " — {note}", "en": " — {note}"},
    # what a confirmation says besides the status (issue 12), each on its own line
    "recorded_task": {"vi": "\nNhiệm vụ: {title}", "en": "\nTask: {title}"},
    "recorded_document": {"vi": "\nVăn bản: {document}", "en": "\nDocument: {document}"},
    "recorded_completed": {
        "vi": "\nNgày hoàn thành: {date} ({timeliness})",
        "en": "\nCompleted on: {date} ({timeliness})",
    },
    "undo_hint": {
        "vi": "\nNếu chưa đúng, Anh/Chị nhắn «hoàn tác» trong vòng 30 phút.",
        "en": "\nIf this is wrong, send «undo» (or «hoan tac») within 30 minutes.",
    },
    "undo_hint_button": {
        "vi": "\nNếu chưa đúng, Anh/Chị bấm «Hoàn tác» hoặc nhắn «hoàn tác» trong vòng 30 phút.",
        "en": "\nIf this is wrong, press «Undo» or send «undo» within 30 minutes.",
    },
    "undone": {
        "vi": "Hệ thống đã hoàn tác ghi nhận vừa rồi của {code} — {title}: trở lại «{status}"
        "{percent}».",
        "en": "Undone: the last record of {code} — {title}; it is back to «{status}{percent}».",
    },
    "undo_none": {
        "vi": "Không có ghi nhận nào để hoàn tác: chỉ hoàn tác được ghi nhận gần nhất của Anh/Chị,"
        " một lần, trong vòng 30 phút. Chưa thay đổi gì.",
        "en": "There is nothing to undo: only your latest record can be undone, once, within 30 "
        "minutes. Nothing was changed.",
    },
    # asking when the reply was not clear (issue 12)
    "ask_reading": {
        "vi": "Hệ thống chưa chắc đã hiểu đúng «{text}» về nhiệm vụ {code} — {title}; chưa ghi "
        "nhận gì.\nAnh/Chị muốn ghi nhận:",
        "en": "The system is not sure it understood «{text}» about {code} — {title}; nothing "
        "was recorded.\nWhat should be recorded:",
    },
    "ask_write_again": {
        "vi": "Anh/Chị hãy nhắn lại tình hình nhiệm vụ {code}, ví dụ: «đã xong», «đang làm 60%», "
        "«vướng do …», «xin gia hạn đến 30/6». Chưa ghi nhận gì.",
        "en": "Please write again how {code} stands, e.g. «da xong», «dang lam 60%», «vuong do "
        "…», «xin gia han den 30/6». Nothing was recorded.",
    },
    "dispute": {
        "vi": "Hệ thống hiểu Anh/Chị cho rằng nhiệm vụ {code} — {title} không thuộc chức năng, "
        "nhiệm vụ của {agency}; chưa ghi nhận tiến độ. Đề nghị Anh/Chị báo cơ quan điều phối để "
        "xem xét lại việc giao.",
        "en": "Understood: you say {code} — {title} is not within the remit of {agency}; no "
        "progress was recorded. Please tell the coordinators so the assignment can be reviewed.",
    },
    "button_other": {"vi": "Khác", "en": "Other"},
    "button_undo": {"vi": "↩️ Hoàn tác", "en": "↩️ Undo"},
    "ask_percent": {
        "vi": "{code}: nhiệm vụ đã thực hiện được bao nhiêu phần trăm?",
        "en": "{code}: how far along is it (percent)?",
    },
    "ask_reason": {
        "vi": "{code}: nhiệm vụ đang có khó khăn, vướng mắc gì? Anh/Chị vui lòng nhắn lý do.",
        "en": "{code}: what is blocking it? Send the reason.",
    },
    "ask_date": {
        "vi": "{code}: Anh/Chị đề nghị gia hạn đến ngày nào (dd/mm/yyyy)? Có thể nêu thêm lý do.",
        "en": "{code}: until which date (dd/mm/yyyy)? You may add a reason.",
    },
    "ask_percent_again": {
        "vi": "Anh/Chị vui lòng nhập một số phần trăm từ 0 đến 100, ví dụ 60%.",
        "en": "Please send a percentage from 0 to 100, e.g. 60%.",
    },
    "ask_date_again": {
        "vi": "Hệ thống chưa đọc được ngày. Anh/Chị vui lòng gửi ngày dạng dd/mm hoặc "
        "dd/mm/yyyy, sau thời hạn hiện tại.",
        "en": "I could not read a date. Send dd/mm or dd/mm/yyyy, after the current deadline.",
    },
    "date_not_later": {
        "vi": "Ngày {date} không sau thời hạn hiện tại ({deadline}); chưa ghi nhận gì.",
        "en": "{date} is not after the current deadline ({deadline}); nothing was recorded.",
    },
    # /viec
    "no_tasks": {
        "vi": "Anh/Chị không có nhiệm vụ nào đang mở.",
        "en": "You have no open assignments.",
    },
    "task_line": {
        "vi": "• {code} — {title}\n  Hạn {deadline} ({when}) — {status}{percent}",
        "en": "• {code} — {title}\n  Due {deadline} ({when}) — {status}{percent}",
    },
    "task_document": {"vi": "  Văn bản: {document}", "en": "  Document: {document}"},
    "no_deadline": {"vi": "thường xuyên", "en": "ongoing"},
    "days_left": {"vi": "còn {n} {unit}", "en": "{n} {unit} left"},
    "due_today": {"vi": "hạn hôm nay", "en": "due today"},
    "days_overdue": {"vi": "quá hạn {n} {unit}", "en": "{n} {unit} overdue"},
    # /kenh
    "channel_now": {
        "vi": "Tin nhắc đang gửi qua: {current}. Các kênh đã liên kết: {linked}. Anh/Chị đổi "
        "bằng /kenh TÊN_KÊNH, hoặc /kenh tudong để gửi qua kênh Anh/Chị dùng gần nhất.",
        "en": "Reminders go to: {current}. Linked channels: {linked}. Change with /channel "
        "NAME, or /channel auto for the one you used last.",
    },
    "channel_auto": {"vi": "kênh Anh/Chị dùng gần nhất", "en": "the channel you used last"},
    "channel_set": {
        "vi": "Từ nay tin nhắc gửi qua {channel}.",
        "en": "Reminders now go to {channel}.",
    },
    "channel_unlinked": {
        "vi": "Anh/Chị chưa liên kết kênh «{channel}». Các kênh đã liên kết: {linked}.",
        "en": "You have not linked «{channel}». Linked channels: {linked}.",
    },
    # status names, status_{Status}
    "status_not_started": {"vi": "chưa thực hiện", "en": "not started"},
    "status_in_progress": {"vi": "đang thực hiện", "en": "in progress"},
    "status_done": {"vi": "đã hoàn thành", "en": "done"},
    "status_blocked": {"vi": "có khó khăn, vướng mắc", "en": "blocked"},
    "status_extension_requested": {"vi": "đề nghị gia hạn", "en": "extension requested"},
    # the unit of a count of days (one setting, NHACVIEC_DAYS_UNIT), unit_{calendar|working}
    "unit_calendar": {"vi": "ngày", "en": "days"},
    "unit_working": {"vi": "ngày làm việc", "en": "working days"},
}
