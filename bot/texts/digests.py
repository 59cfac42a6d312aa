"""The coordinators' daily digest and weekly summary (leaders get their agency's part)."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # daily
    "daily_title": {
        "vi": "📊 Tình hình thực hiện nhiệm vụ ngày {day}",
        "en": "📊 Daily digest {day}",
    },
    "daily_title_late": {
        "vi": "📊 Tình hình thực hiện nhiệm vụ ngày {day} (gửi muộn)",
        "en": "📊 Daily digest {day} (sent late)",
    },
    "weekly_title_late": {
        "vi": "📈 Tổng hợp tình hình thực hiện nhiệm vụ trong tuần, tính đến ngày {day} (gửi muộn)",
        "en": "📈 Weekly summary, as of {day} (sent late)",
    },
    "new_overdue": {"vi": "Nhiệm vụ mới quá hạn ({n}):", "en": "Newly overdue ({n}):"},
    "escalations": {
        "vi": "Đã báo cáo lãnh đạo ({n} nhiệm vụ):",
        "en": "Escalated to leaders ({n} tasks):",
    },
    "done": {"vi": "Nhiệm vụ đã hoàn thành ({n}):", "en": "Done ({n}):"},
    "undeliverable": {
        "vi": "Chưa liên lạc được ({n} người):",
        "en": "Could not be reached ({n} people):",
    },
    # weekly; ``counts`` is also the line of /tonghop and the text report
    "weekly_title": {
        "vi": "📈 Tổng hợp tình hình thực hiện nhiệm vụ trong tuần, tính đến ngày {day}",
        "en": "📈 Weekly summary, as of {day}",
    },
    "counts": {
        "vi": "{label}: {total} nhiệm vụ; hoàn thành {done} (đúng hạn {done_on_time}, trễ hạn "
        "{done_late}); chưa hoàn thành trong hạn {open_in_time} (đang thực hiện {in_progress}, "
        "chưa thực hiện {not_started}, vướng mắc {blocked}, đề nghị gia hạn "
        "{extension_requested}); quá hạn {overdue}{overdue_split}; chưa đến hạn {not_due}; tỷ "
        "lệ hoàn thành đúng hạn {share}%",
        "en": "{label}: {total} tasks; done {done} (on time {done_on_time}, late {done_late}); "
        "open within the deadline {open_in_time} (in progress {in_progress}, not started "
        "{not_started}, blocked {blocked}, extension requested {extension_requested}); overdue "
        "{overdue}{overdue_split}; not yet due {not_due}; done on time {share}%",
    },
    "all": {"vi": "Toàn kế hoạch", "en": "Whole plan"},
    "failed": {"vi": "Tin nhắc không gửi được: {n}", "en": "Nudges that could not be sent: {n}"},
    # inside overdue, split_{OVERDUE_SPLIT name}, shown when not 0
    "overdue_split": {"vi": ", trong đó: {parts}", "en": ", of which: {parts}"},
    "split_overdue_blocked": {"vi": "vướng mắc {n}", "en": "blocked {n}"},
    "split_overdue_extension_requested": {
        "vi": "đề nghị gia hạn {n}",
        "en": "extension requested {n}",
    },
    "split_overdue_in_progress": {"vi": "đang thực hiện {n}", "en": "in progress {n}"},
    "split_overdue_not_started": {"vi": "chưa thực hiện {n}", "en": "not started {n}"},
    # the daily digest's lines; a quiet day (NHACVIEC_DIGEST_QUIET=notice)
    "digest_quiet": {"vi": "Không có thay đổi mới.", "en": "Nothing new."},
    "digest_overdue_item": {
        "vi": "• {code} — {title} ({agency}), hạn {deadline}",
        "en": "• {code} — {title} ({agency}), due {deadline}",
    },
    "digest_escalation_item": {
        "vi": "• {code} — {agency}; đã báo: {leaders}",
        "en": "• {code} — {agency}; told: {leaders}",
    },
    "digest_escalation_own": {"vi": "• {code} — {agency}", "en": "• {code} — {agency}"},
    "digest_done_item": {
        "vi": "• {code} — {agency}, {timeliness}",
        "en": "• {code} — {agency}, {timeliness}",
    },
    "digest_unreachable_item": {
        "vi": "• {name} ({agency}): {reason}",
        "en": "• {name} ({agency}): {reason}",
    },
    # why someone could not be reached and what to do, unreachable_{kind}
    "unreachable_no_chat": {
        "vi": "chưa liên kết tài khoản chat với Hệ thống — đề nghị quản trị viên cấp mã mời "
        "(lệnh «nhacviec invite») và đề nghị người này liên kết",
        "en": "has not linked a chat — an administrator should issue an invite («nhacviec "
        "invite») for them to link",
    },
    "unreachable_blocked": {
        "vi": "đã chặn hoặc rời cuộc trò chuyện với Hệ thống — đề nghị liên hệ trực tiếp để "
        "người này mở lại cuộc trò chuyện và nhắn một tin bất kỳ",
        "en": "blocked or left the chat — please contact them to reopen it and send any message",
    },
    "unreachable_failed": {
        "vi": "nền tảng chat không nhận tin nhắn — Hệ thống sẽ gửi lại; nếu còn tiếp diễn, đề "
        "nghị báo quản trị viên",
        "en": "the chat platform did not take the message — it will be retried; if it goes on, "
        "tell an administrator",
    },
}
