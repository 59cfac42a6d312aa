"""The coordinators' daily digest and weekly summary (leaders get their agency's part)."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # daily
    "daily_title": {"vi": "📊 Tổng hợp ngày {day}", "en": "📊 Daily digest {day}"},
    "daily_title_late": {
        "vi": "📊 Bản tổng hợp ngày {day}, gửi muộn",
        "en": "📊 Daily digest of {day}, sent late",
    },
    "weekly_title_late": {
        "vi": "📈 Bản tổng hợp tuần, {day}, gửi muộn",
        "en": "📈 Weekly summary of {day}, sent late",
    },
    "new_overdue": {"vi": "Mới quá hạn ({n}):", "en": "Newly overdue ({n}):"},
    "escalations": {"vi": "Đã báo cáo lãnh đạo ({n}):", "en": "Escalated to leaders ({n}):"},
    "done": {"vi": "Đã hoàn thành ({n}):", "en": "Done ({n}):"},
    "undeliverable": {"vi": "Chưa liên lạc được ({n}):", "en": "Could not be reached ({n}):"},
    # weekly; ``counts`` is also the line of /tonghop and the text report
    "weekly_title": {"vi": "📈 Tổng hợp tuần, {day}", "en": "📈 Weekly summary, {day}"},
    "counts": {
        "vi": "{label}: {total} việc — xong đúng hạn {done_on_time}, trễ hạn {done_late}, đang "
        "làm {in_progress}, chưa làm {not_started}, vướng {blocked}, xin gia hạn "
        "{extension_requested}, quá hạn {overdue}",
        "en": "{label}: {total} — done on time {done_on_time}, late {done_late}, in progress "
        "{in_progress}, not started {not_started}, blocked {blocked}, extension "
        "{extension_requested}, overdue {overdue}",
    },
    "all": {"vi": "Toàn kế hoạch", "en": "Whole plan"},
    "failed": {"vi": "Lời nhắc không gửi được: {n}", "en": "Nudges that could not be sent: {n}"},
}
