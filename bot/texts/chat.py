"""What the bot says in chat, Vietnamese first (``vi``), English (``en``)."""

from __future__ import annotations

from datetime import date

from storage.enums import Status

CHAT: dict[str, dict[str, str]] = {
    "not_linked": {
        "vi": "Tài khoản chat này chưa được liên kết với nhacviec. Hãy gửi /start MÃ_MỜI "
        "(mã do cơ quan điều phối cấp). Tin nhắn của bạn chưa được ghi nhận.",
        "en": "This chat is not linked to nhacviec yet. Send /start INVITE_CODE (from your "
        "coordinators). Nothing you sent was recorded.",
    },
    "start_no_code": {
        "vi": "Chào bạn! Để dùng nhacviec, hãy gửi /start MÃ_MỜI (mã do cơ quan điều phối cấp).",
        "en": "Hello! To use nhacviec, send /start INVITE_CODE (from your coordinators).",
    },
    "invite_unknown": {
        "vi": "Mã mời không đúng. Hãy kiểm tra lại mã, hoặc xin cơ quan điều phối cấp mã mới.",
        "en": "That invite code is not valid. Check it, or ask your coordinators for a new one.",
    },
    "invite_used": {
        "vi": "Mã mời này đã được dùng. Nếu đó không phải bạn, hãy báo cơ quan điều phối "
        "để cấp mã mới.",
        "en": "This invite code was already used. If that was not you, ask your coordinators "
        "for a new one.",
    },
    "invite_expired": {
        "vi": "Mã mời đã hết hạn (sau 7 ngày). Hãy xin cơ quan điều phối cấp mã mới.",
        "en": "This invite code has expired (after 7 days). Ask your coordinators for a new one.",
    },
    "welcome": {
        "vi": "Chào {name} ({agency})! Tài khoản chat đã được liên kết. Gửi /viec để xem việc "
        "của bạn, /trogiup để xem hướng dẫn.",
        "en": "Hello {name} ({agency})! This chat is now linked. Send /tasks for your "
        "assignments, /help for help.",
    },
    "already_linked": {
        "vi": "Chào {name} ({agency}), chat này đã được liên kết. Gửi /trogiup để xem hướng dẫn.",
        "en": "Hello {name} ({agency}), this chat is already linked. Send /help for help.",
    },
    "help_official": {
        "vi": "Tôi nhắc bạn các việc trong kế hoạch CCHC và ghi nhận tiến độ.\n"
        "/viec — việc của tôi, hạn gần nhất trước\n"
        "/capnhat MÃ NỘI_DUNG — cập nhật tiến độ, ví dụ: /capnhat 1.2 đang làm 60%\n"
        "/giahan MÃ NGÀY [lý do] — xin gia hạn, ví dụ: /giahan 1.2 30/6 chờ số liệu\n"
        "Bạn cũng có thể trả lời ngay tin nhắc việc: «xong», «đang làm 70%», «vướng do "
        "thiếu kinh phí», «xin gia hạn đến 30/6».",
        "en": "I remind you of the tasks in the reform plan and record your progress.\n"
        "/tasks — my assignments, nearest deadline first\n"
        "/update CODE TEXT — record progress, e.g. /update 1.2 in progress 60%\n"
        "/extend CODE DATE [reason] — ask for a new deadline, e.g. /extend 1.2 30/6\n"
        "You can also reply to a reminder: «xong», «đang làm 70%», «vướng do thiếu kinh phí».",
    },
    "help_leader": {
        "vi": "\nLãnh đạo: /tonghop, /quahan, /saphan, /bieudo, /giao MÃ TÊN.",
        "en": "\nLeaders: /summary, /overdue, /due, /chart, /assign CODE NAME.",
    },
    "help_coordinator": {
        "vi": "\nĐiều phối: /tonghop [NHÓM|CƠ QUAN], /quahan, /saphan, /bieudo, /baocao.",
        "en": "\nCoordinators: /summary [GROUP|AGENCY], /overdue, /due, /chart, /report.",
    },
    "unknown_command": {
        "vi": "Tôi không biết lệnh {command}. Gửi /trogiup để xem các lệnh.",
        "en": "I don't know the command {command}. Send /help for the commands.",
    },
    "not_allowed": {
        "vi": "Lệnh {command} dành cho {roles}; tài khoản của bạn không dùng được lệnh này.",
        "en": "{command} is for {roles}; your account cannot use it.",
    },
    "not_understood": {
        "vi": "Tôi chưa hiểu «{text}», chưa ghi nhận gì. Bạn có thể trả lời: «xong», "
        "«đang làm 60%», «vướng do …», «xin gia hạn đến 30/6».",
        "en": "I did not understand «{text}»; nothing was recorded. You can answer: «xong», "
        "«đang làm 60%», «vướng do …», «xin gia hạn đến 30/6».",
    },
    "which_assignment": {
        "vi": "Bạn cập nhật cho việc nào? Hãy trả lời ngay tin nhắc việc, hoặc gửi "
        "/capnhat MÃ NỘI_DUNG. Chưa ghi nhận gì.",
        "en": "Which assignment is this about? Reply to the reminder, or send "
        "/update CODE TEXT. Nothing was recorded.",
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
        "vi": "Không có việc mã {code} của {agency} đang mở. Gửi /viec để xem các mã.",
        "en": "No open assignment {code} for {agency}. Send /tasks for the codes.",
    },
    "not_yours": {
        "vi": "Việc {code} do {agency} chủ trì; bạn không cập nhật được việc này.",
        "en": "{code} is led by {agency}; you cannot update it.",
    },
    "bad_choice": {
        "vi": "Nút này không hợp lệ hoặc không dành cho bạn; chưa ghi nhận gì.",
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
    "ask_percent": {
        "vi": "{code}: đã thực hiện được bao nhiêu phần trăm?",
        "en": "{code}: how far along is it (percent)?",
    },
    "ask_reason": {
        "vi": "{code}: vướng mắc gì? Hãy nhắn lý do.",
        "en": "{code}: what is blocking it? Send the reason.",
    },
    "ask_date": {
        "vi": "{code}: xin gia hạn đến ngày nào (dd/mm/yyyy)? Có thể thêm lý do.",
        "en": "{code}: until which date (dd/mm/yyyy)? You may add a reason.",
    },
    "ask_percent_again": {
        "vi": "Hãy nhập một số phần trăm từ 0 đến 100, ví dụ 60%.",
        "en": "Please send a percentage from 0 to 100, e.g. 60%.",
    },
    "ask_date_again": {
        "vi": "Tôi chưa đọc được ngày. Hãy gửi ngày dạng dd/mm hoặc dd/mm/yyyy, sau hạn hiện tại.",
        "en": "I could not read a date. Send dd/mm or dd/mm/yyyy, after the current deadline.",
    },
    "date_not_later": {
        "vi": "Ngày {date} không sau hạn hiện tại ({deadline}); chưa ghi nhận gì.",
        "en": "{date} is not after the current deadline ({deadline}); nothing was recorded.",
    },
    "no_tasks": {
        "vi": "Bạn không có việc nào đang mở.",
        "en": "You have no open assignments.",
    },
    "tasks_header": {"vi": "Việc của {agency} đang mở:", "en": "Open assignments of {agency}:"},
    "task_line": {
        "vi": "• {code} — {title}\n  Hạn {deadline} ({when}) — {status}{percent}",
        "en": "• {code} — {title}\n  Due {deadline} ({when}) — {status}{percent}",
    },
    "internal_error": {
        "vi": "Xin lỗi, có lỗi khi xử lý tin nhắn này; chưa ghi nhận gì. Hãy thử lại sau ít phút.",
        "en": "Sorry, something went wrong with this message; nothing was recorded. Try again "
        "in a few minutes.",
    },
    "channel_now": {
        "vi": "Lời nhắc đang gửi qua: {current}. Các kênh đã liên kết: {linked}. Đổi bằng "
        "/kenh TÊN_KÊNH, hoặc /kenh tudong để gửi qua kênh bạn dùng gần nhất.",
        "en": "Reminders go to: {current}. Linked channels: {linked}. Change with /channel NAME, "
        "or /channel auto for the one you used last.",
    },
    "channel_auto": {"vi": "kênh bạn dùng gần nhất", "en": "the channel you used last"},
    "channel_set": {
        "vi": "Từ nay lời nhắc gửi qua {channel}.",
        "en": "Reminders now go to {channel}.",
    },
    "channel_unlinked": {
        "vi": "Bạn chưa liên kết kênh «{channel}». Các kênh đã liên kết: {linked}.",
        "en": "You have not linked «{channel}». Linked channels: {linked}.",
    },
    # nudges
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
        "en": "Reply to this message to update (e.g. «xong», «đang làm 60%»).",
    },
    "button_done": {"vi": "✅ Đã xong", "en": "✅ Done"},
    "button_progress": {"vi": "⏳ Đang làm", "en": "⏳ In progress"},
    "button_blocked": {"vi": "⛔ Vướng mắc", "en": "⛔ Blocked"},
    "button_extend": {"vi": "📅 Xin gia hạn", "en": "📅 Extension"},
    "no_deadline": {"vi": "thường xuyên", "en": "ongoing"},
    "days_left": {"vi": "còn {n} ngày", "en": "{n} days left"},
    "due_today": {"vi": "hạn hôm nay", "en": "due today"},
    "days_overdue": {"vi": "quá hạn {n} ngày", "en": "{n} days overdue"},
    "role_leader": {"vi": "lãnh đạo", "en": "leaders"},
    "role_coordinator": {"vi": "cơ quan điều phối", "en": "coordinators"},
    "role_official": {"vi": "cán bộ", "en": "officials"},
    "reason_label": {"vi": " — {note}", "en": " — {note}"},
    # -- summaries, lists, charts and reports (overview_chat)
    "summary_title": {
        "vi": "📊 Tổng hợp {scope} — đến ngày {day}",
        "en": "📊 Summary {scope} — as of {day}",
    },
    "scope_all": {"vi": "toàn kế hoạch", "en": "whole plan"},
    "total": {"vi": "Tổng", "en": "Total"},
    "group": {"vi": "Nhóm {n}", "en": "Group {n}"},
    "ambiguous": {
        "vi": "«{arg}» khớp nhiều cơ quan: {names}. Hãy gõ rõ hơn.",
        "en": "«{arg}» matches several agencies: {names}. Be more specific.",
    },
    "no_match": {
        "vi": "Không có nhóm hay cơ quan nào khớp «{arg}». Nhóm: 1–7.",
        "en": "No group or agency matches «{arg}». Groups: 1–7.",
    },
    "overdue_title": {
        "vi": "⚠️ Việc quá hạn{scope} ({n}) — trang {page}/{pages}",
        "en": "⚠️ Overdue{scope} ({n}) — page {page}/{pages}",
    },
    "due_title": {
        "vi": "⏰ Việc đến hạn trong {days} ngày làm việc{scope} ({n}) — trang {page}/{pages}",
        "en": "⏰ Due within {days} working days{scope} ({n}) — page {page}/{pages}",
    },
    "none_overdue": {"vi": "Không có việc nào quá hạn{scope}.", "en": "Nothing overdue{scope}."},
    "none_due": {
        "vi": "Không có việc nào đến hạn trong {days} ngày làm việc tới{scope}.",
        "en": "Nothing due within {days} working days{scope}.",
    },
    "item": {
        "vi": "• {code} — {agency}\n  {title}\n  Hạn {deadline}, {when} — {status}{updated}",
        "en": "• {code} — {agency}\n  {title}\n  Due {deadline}, {when} — {status}{updated}",
    },
    "overdue_days": {"vi": "quá hạn {n} ngày", "en": "{n} days overdue"},
    "left_days": {"vi": "còn {n} ngày", "en": "{n} days left"},
    "today": {"vi": "hạn hôm nay", "en": "due today"},
    "updated": {"vi": "; cập nhật {day}", "en": "; updated {day}"},
    "never": {"vi": "; chưa cập nhật", "en": "; never updated"},
    "prev": {"vi": "◀ Trước", "en": "◀ Previous"},
    "chart_caption": {
        "vi": "Biểu đồ tiến độ {scope} đến ngày {day}",
        "en": "Progress chart, {scope}, as of {day}",
    },
    "report_caption": {
        "vi": "Báo cáo tình hình thực hiện Kế hoạch CCHC đến ngày {day}",
        "en": "Report on the reform plan as of {day}",
    },
    "next": {"vi": "Sau ▶", "en": "Next ▶"},
    # -- daily and weekly digests (digest_chat)
    "daily_title": {"vi": "📊 Tổng hợp ngày {day}", "en": "📊 Daily digest {day}"},
    "new_overdue": {"vi": "Mới quá hạn ({n}):", "en": "Newly overdue ({n}):"},
    "escalations": {"vi": "Đã báo cáo lãnh đạo ({n}):", "en": "Escalated to leaders ({n}):"},
    "done": {"vi": "Đã hoàn thành ({n}):", "en": "Done ({n}):"},
    "undeliverable": {"vi": "Chưa liên lạc được ({n}):", "en": "Could not be reached ({n}):"},
    "nothing_new": {"vi": "Không có thay đổi mới.", "en": "Nothing new."},
    "on_time": {"vi": "đúng hạn", "en": "on time"},
    "late": {"vi": "trễ hạn", "en": "late"},
    "weekly_title": {"vi": "📈 Tổng hợp tuần, {day}", "en": "📈 Weekly summary, {day}"},
    "counts": {
        "vi": "{label}: {total} việc — xong đúng hạn {done_on_time}, trễ hạn {done_late}, "
        "đang làm {in_progress}, chưa làm {not_started}, vướng {blocked}, "
        "xin gia hạn {extension_requested}, quá hạn {overdue}",
        "en": "{label}: {total} — done on time {done_on_time}, late {done_late}, in progress "
        "{in_progress}, not started {not_started}, blocked {blocked}, extension "
        "{extension_requested}, overdue {overdue}",
    },
    "all": {"vi": "Toàn kế hoạch", "en": "Whole plan"},
    "failed": {"vi": "Lời nhắc không gửi được: {n}", "en": "Nudges that could not be sent: {n}"},
    # -- extension decisions and /giao (decisions_chat)
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
        "en": "❌ Your request to extend {code} was rejected ({who}): {reason}. "
        "The deadline stays {date}.",
    },
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
    "decision_code_unknown": {
        "vi": "{agency} không có việc mã {code}.",
        "en": "{agency} has no assignment {code}.",
    },
}

STATUS_NAMES = {
    Status.NOT_STARTED: {"vi": "chưa thực hiện", "en": "not started"},
    Status.IN_PROGRESS: {"vi": "đang thực hiện", "en": "in progress"},
    Status.DONE: {"vi": "đã hoàn thành", "en": "done"},
    Status.BLOCKED: {"vi": "vướng mắc", "en": "blocked"},
    Status.EXTENSION_REQUESTED: {"vi": "xin gia hạn", "en": "extension requested"},
}


def say(lang: str, key: str, /, **values: object) -> str:
    entry = CHAT[key]
    return entry.get(lang, entry["vi"]).format(**values)


def status_name(lang: str, status: Status) -> str:
    names = STATUS_NAMES[Status(status)]
    return names.get(lang, names["vi"])


def dmy(day: date | None, lang: str = "vi") -> str:
    return day.strftime("%d/%m/%Y") if day else say(lang, "no_deadline")
