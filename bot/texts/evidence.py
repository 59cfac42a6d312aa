"""Evidence (tài liệu kiểm chứng) sent in chat, /tailieu, Zalo's short-lived file links,
Zalo's webhook check and a channel stopped for a rejected token."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # Zalo: a file served once, for a few minutes
    "zalo_file_link_once": {
        "vi": "📎 Tải tệp {filename}: {url}\n(Liên kết dùng được một lần, trong {minutes} phút.)",
        "en": "📎 Download {filename}: {url}\n(The link works once, for {minutes} minutes.)",
    },
    # Zalo: setWebhook's probe did not reach WEBHOOK_URL (start-up stops)
    "zalo_webhook_refused": {
        "vi": "Zalo không gọi được WEBHOOK_URL {url} (kết quả kiểm tra: {outcome}). {fix} "
        "Hệ thống chưa chạy chế độ webhook; sửa xong hãy khởi động lại, hoặc bỏ WEBHOOK_URL "
        "để nhận tin bằng cách hỏi định kỳ («long polling»).",
        "en": "Zalo could not reach WEBHOOK_URL {url} (probe outcome: {outcome}). {fix} "
        "The service is not in webhook mode; restart once fixed, or unset WEBHOOK_URL to "
        "receive by long polling.",
    },
    "zalo_webhook_fix_403": {
        "vi": "Tường lửa hoặc WAF đã chặn yêu cầu kiểm tra của Zalo (tác nhân «User-Agent: "
        "Java/…»): hãy cho phép tác nhân này truy cập đường dẫn webhook.",
        "en": 'A firewall or WAF blocked Zalo\'s probe (User-Agent "Java/…"): allow that '
        "User-Agent to the webhook path.",
    },
    "zalo_webhook_fix_404": {
        "vi": "Đường dẫn không tồn tại trên máy chủ: kiểm tra phần đường dẫn của WEBHOOK_URL "
        "và cấu hình máy chủ trung gian («proxy»).",
        "en": "The path does not exist on the server: check the path of WEBHOOK_URL and the "
        "proxy configuration.",
    },
    "zalo_webhook_fix_5xx": {
        "vi": "Máy chủ hoặc máy chủ trung gian («proxy») trả lỗi «5xx»: kiểm tra máy chủ trung "
        "gian có chuyển tiếp tới WEBHOOK_LISTEN.",
        "en": "The server or proxy answered 5xx: check that the proxy forwards to WEBHOOK_LISTEN.",
    },
    "zalo_webhook_fix_other": {
        "vi": "Zalo không đi theo chuyển hướng (301/302): WEBHOOK_URL phải là địa chỉ cuối cùng, "
        "đúng https và đúng dấu «/» ở cuối.",
        "en": "Zalo does not follow redirects (301/302): WEBHOOK_URL must be the final "
        'address, with https and the same trailing "/".',
    },
    "zalo_webhook_fix_tls": {
        "vi": "Chứng chỉ TLS không hợp lệ với Zalo: dùng chứng chỉ đầy đủ chuỗi, còn hạn, "
        "đúng tên miền.",
        "en": "Zalo rejected the TLS certificate: use a full-chain, valid certificate for "
        "the domain.",
    },
    "zalo_webhook_fix_unreachable": {
        "vi": "Không kết nối được tới máy chủ: kiểm tra DNS, cổng 443 và tường lửa chiều vào.",
        "en": "The server could not be reached: check DNS, port 443 and the inbound firewall.",
    },
    "zalo_webhook_fix_any": {"vi": "Gợi ý của Zalo: {hint}", "en": "Zalo's hint: {hint}"},
    # a channel stopped: told to coordinators on another channel
    "channel_dark_alert": {
        "vi": "⚠️ Hệ thống không kết nối được kênh {channel} (tính đến {since}). Tin nhắc được "
        "gửi qua kênh khác hoặc thư điện tử cho người có; phần còn lại được giữ và gửi khi "
        "{channel} hoạt động trở lại. Đề nghị quản trị viên kiểm tra mạng của máy chủ.",
        "en": "⚠️ The service cannot reach {channel} (as of {since}). Reminders go by another "
        "channel or e-mail where a person has one; the rest are held and go out when {channel} "
        "is back. Please ask the administrator to check the server's network.",
    },
    "channel_back_alert": {
        "vi": "✅ Kênh {channel} đã hoạt động trở lại; tin nhắc được giữ lại đang được gửi.",
        "en": "✅ {channel} is reachable again; the held reminders are going out.",
    },
    "channel_token_rejected_alert": {
        "vi": "⚠️ Hệ thống đã dừng kênh {channel}: nền tảng từ chối token (ZALO_BOT_TOKEN sai "
        "hoặc đã được cấp lại). Tin nhắc việc qua {channel} đang được giữ lại. Đề nghị quản trị "
        "viên cập nhật token và khởi động lại dịch vụ.",
        "en": "⚠️ The service stopped the {channel} channel: the platform rejected its token "
        "(ZALO_BOT_TOKEN wrong or reset). Reminders over {channel} are held. Please ask the "
        "administrator to update the token and restart the service.",
    },
    # evidence sent in chat (bot.handlers.evidence)
    "evidence_saved": {
        "vi": "📎 Đã lưu tài liệu kiểm chứng cho {code}: {filename} ({size}).",
        "en": "📎 Evidence saved for {code}: {filename} ({size}).",
    },
    "evidence_ask_which": {
        "vi": "📎 Hệ thống đã lưu tệp {filename} ({size}). Đề nghị Anh/Chị chọn nhiệm vụ "
        "mà tài liệu này kiểm chứng:",
        "en": "📎 The file {filename} ({size}) is kept. Please choose the assignment it is "
        "evidence for:",
    },
    "evidence_no_task": {
        "vi": "📎 Hệ thống đã lưu tệp {filename} ({size}) nhưng chưa xác định được nhiệm vụ. "
        "Đề nghị Anh/Chị gửi lại tệp, ghi mã nhiệm vụ trong chú thích (ví dụ: 1.4).",
        "en": "📎 The file {filename} ({size}) is kept, but no assignment could be found for "
        "it. Please send it again with the assignment code as its caption (e.g. 1.4).",
    },
    "evidence_already_placed": {
        "vi": "Tệp này đã được lưu cho nhiệm vụ {code}.",
        "en": "This file was already saved for {code}.",
    },
    "evidence_question_open": {
        "vi": "Hệ thống vẫn chờ Anh/Chị trả lời câu hỏi trước bằng tin nhắn chữ.",
        "en": "The previous question still awaits a typed answer.",
    },
    "evidence_refused_type": {
        "vi": "Hệ thống chưa nhận tệp {filename} ({type}): tài liệu kiểm chứng chỉ nhận ảnh, "
        "tệp PDF, Word, Excel và tin nhắn thoại.",
        "en": "The file {filename} ({type}) was not taken: evidence may be photos, PDF, Word "
        "or Excel files and voice messages.",
    },
    "evidence_refused_too_big": {
        "vi": "Hệ thống chưa nhận tệp {filename}: tệp lớn hơn {limit}. Đề nghị Anh/Chị gửi "
        "bản nhỏ hơn (ảnh chụp từng trang, hoặc tệp PDF đã nén).",
        "en": "The file {filename} was not taken: it is over {limit}. Please send a smaller "
        "one (a photo of each page, or a compressed PDF).",
    },
    "evidence_refused_download": {
        "vi": "Hệ thống chưa tải được tệp {filename}. Đề nghị Anh/Chị gửi lại.",
        "en": "The file {filename} could not be downloaded. Please send it again.",
    },
    "evidence_size_kb": {"vi": "{n} KB", "en": "{n} KB"},
    "evidence_size_mb": {"vi": "{n} MB", "en": "{n} MB"},
    "task_evidence": {
        "vi": "  📎 Tài liệu kiểm chứng ({count}): {names}",
        "en": "  📎 Evidence ({count}): {names}",
    },
    # /tailieu
    "usage_tailieu": {
        "vi": "Cú pháp: /tailieu <mã nhiệm vụ>, ví dụ: /tailieu 1.4",
        "en": "Usage: /evidence <code>, e.g. /evidence 1.4",
    },
    "evidence_none": {
        "vi": "Chưa có tài liệu kiểm chứng nào cho {code}.",
        "en": "There is no evidence for {code} yet.",
    },
    "evidence_list_title": {
        "vi": "Tài liệu kiểm chứng của {code} ({count} tệp):",
        "en": "Evidence for {code} ({count} files):",
    },
    "evidence_list_line": {
        "vi": "• {code} ({agency}) — {filename} ({size}), {sender} gửi lúc {time} {date}",
        "en": "• {code} ({agency}) — {filename} ({size}), sent by {sender} at {time} {date}",
    },
    "evidence_list_more": {
        "vi": "Hệ thống gửi lại {shown} tệp mới nhất.",
        "en": "The {shown} latest files are sent back.",
    },
    "evidence_file_caption": {"vi": "📎 {code}: {filename}", "en": "📎 {code}: {filename}"},
    "evidence_file_missing": {
        "vi": "📎 {code}: không còn tìm thấy tệp {filename} trong thư mục lưu trữ; đề nghị "
        "quản trị viên kiểm tra NHACVIEC_EVIDENCE_DIR.",
        "en": "📎 {code}: the file {filename} is no longer in the evidence folder; please ask "
        "the administrator to check NHACVIEC_EVIDENCE_DIR.",
    },
    # the workbook
    "report_evidence_files": {
        "vi": "{count} tệp kiểm chứng: {names}",
        "en": "{count} evidence files: {names}",
    },
    "report_evidence_total": {
        "vi": "Tài liệu kiểm chứng gửi qua tin nhắn: {files} tệp, cho {assignments} nhiệm vụ.",
        "en": "Evidence sent in chat: {files} files, for {assignments} assignments.",
    },
    "media_not_text": {
        "vi": "Hệ thống chỉ đọc được tin nhắn chữ, ảnh, tệp và tin nhắn thoại; tin vừa rồi "
        "chưa được ghi nhận.",
        "en": "Only texts, photos, files and voice messages can be read; that message was not "
        "recorded.",
    },
}
