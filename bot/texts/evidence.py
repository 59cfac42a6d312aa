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
        "để nhận tin bằng long polling.",
        "en": "Zalo could not reach WEBHOOK_URL {url} (probe outcome: {outcome}). {fix} "
        "The service is not in webhook mode; restart once fixed, or unset WEBHOOK_URL to "
        "receive by long polling.",
    },
    "zalo_webhook_fix_403": {
        "vi": "Tường lửa hoặc WAF đã chặn yêu cầu kiểm tra của Zalo (User-Agent «Java/…»): "
        "hãy cho phép User-Agent này tới đường dẫn webhook.",
        "en": 'A firewall or WAF blocked Zalo\'s probe (User-Agent "Java/…"): allow that '
        "User-Agent to the webhook path.",
    },
    "zalo_webhook_fix_404": {
        "vi": "Đường dẫn không tồn tại trên máy chủ: kiểm tra phần đường dẫn của WEBHOOK_URL "
        "và cấu hình proxy.",
        "en": "The path does not exist on the server: check the path of WEBHOOK_URL and the "
        "proxy configuration.",
    },
    "zalo_webhook_fix_5xx": {
        "vi": "Máy chủ hoặc proxy trả lỗi 5xx: kiểm tra proxy chuyển tiếp tới WEBHOOK_LISTEN.",
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
    "channel_token_rejected_alert": {
        "vi": "⚠️ Hệ thống đã dừng kênh {channel}: nền tảng từ chối token (ZALO_BOT_TOKEN sai "
        "hoặc đã được cấp lại). Tin nhắc việc qua {channel} đang được giữ lại. Đề nghị quản trị "
        "viên cập nhật token và khởi động lại dịch vụ.",
        "en": "⚠️ The service stopped the {channel} channel: the platform rejected its token "
        "(ZALO_BOT_TOKEN wrong or reset). Reminders over {channel} are held. Please ask the "
        "administrator to update the token and restart the service.",
    },
    "media_not_text": {
        "vi": "Hệ thống chỉ đọc được tin nhắn chữ, ảnh, tệp và tin nhắn thoại; tin vừa rồi "
        "chưa được ghi nhận.",
        "en": "Only texts, photos, files and voice messages can be read; that message was not "
        "recorded.",
    },
}
