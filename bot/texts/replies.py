"""Which task a reply means, and menus that were answered (issue 11, points 5 to 7)."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    "ask_which": {
        "vi": "Anh/Chị nhắn «{text}» cho nhiệm vụ nào? Hệ thống chưa ghi nhận gì; Anh/Chị chọn "
        "một trong {count} nhiệm vụ dưới đây, hoặc nhắn lại kèm mã nhiệm vụ (ví dụ «1.7 xong»).",
        "en": "Which task is «{text}» about? Nothing was recorded; choose one of the {count} "
        "tasks below, or send it again with the task code (for example «1.7 done»).",
    },
    "ask_which_more": {
        "vi": " Còn {count} nhiệm vụ khác: Anh/Chị nhắn kèm mã nhiệm vụ.",
        "en": " {count} more: send the task code with your reply.",
    },
    "ask_which_code": {
        "vi": "Hệ thống chưa rõ «{text}» là cho nhiệm vụ nào nên chưa ghi nhận gì. Anh/Chị vui "
        "lòng nhắn lại kèm mã nhiệm vụ (ví dụ «1.7 xong»), hoặc gửi /viec để xem các mã.",
        "en": "It is not clear which task «{text}» is about, so nothing was recorded. Please "
        "send it again with the task code (for example «1.7 done»), or /tasks for the codes.",
    },
    "choice_answered": {
        "vi": "Lựa chọn này đã được trả lời hoặc đã được thay bằng tin nhắn mới hơn; Hệ thống "
        "không ghi nhận gì thêm.",
        "en": "This choice was already answered or replaced by a newer message; nothing more "
        "was recorded.",
    },
    "choice_stale": {
        "vi": "Nhiệm vụ {code} đã được cập nhật sau khi tin nhắn này được gửi (hiện: {status}); "
        "lựa chọn cũ không còn hiệu lực, Hệ thống không ghi nhận gì. Anh/Chị nhắn lại nếu cần.",
        "en": "{code} was updated after this message was sent (now: {status}); the old choice "
        "no longer applies and nothing was recorded. Send your update again if needed.",
    },
    "answered_note": {
        "vi": "✔ Đã trả lời: {answer}",
        "en": "✔ Answered: {answer}",
    },
    "chosen_note": {
        "vi": "✔ Đã chọn: {choice}",
        "en": "✔ Chosen: {choice}",
    },
}
