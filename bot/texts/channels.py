"""What a channel itself says: Zalo's numbered options and file links, the console's files."""

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
}
