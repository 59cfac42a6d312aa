"""The command table's words: the platform menu (``menu_{command}``) and /trogiup
(``help_{command}``: usage and what it does), by the Vietnamese command name.
"""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # /trogiup: first line, then each command of the role, then how to answer
    "help_intro": {
        "vi": "Hệ thống nhắc Anh/Chị các nhiệm vụ trong kế hoạch CCHC và ghi nhận tiến độ thực "
        "hiện.",
        "en": "I remind you of the tasks in the reform plan and record your progress.",
    },
    "help_free_text": {
        "vi": "Anh/Chị cũng có thể trả lời ngay tin nhắc: «xong», «đang làm 70%», «vướng do "
        "thiếu kinh phí», «xin gia hạn đến 30/6». Ảnh hoặc tệp gửi kèm (trả lời tin nhắc, hoặc "
        "ghi mã nhiệm vụ trong chú thích) được lưu làm tài liệu kiểm chứng.",
        "en": "You can also reply to a reminder, in Vietnamese with or without accents: «xong», "
        "«dang lam 70%», «vuong do thieu kinh phi», «xin gia han den 30/6». "
        "A photo or file sent as a reply to a reminder, or with the assignment code as its "
        "caption, is saved as evidence.",
    },
    # the menu, menu_{command}
    "menu_viec": {"vi": "Nhiệm vụ được giao", "en": "My assignments"},
    "menu_capnhat": {"vi": "Cập nhật tiến độ", "en": "Record progress"},
    "menu_giahan": {"vi": "Đề nghị gia hạn", "en": "Ask for a new deadline"},
    "menu_tonghop": {"vi": "Tổng hợp", "en": "Summary"},
    "menu_quahan": {"vi": "Nhiệm vụ quá hạn", "en": "Overdue"},
    "menu_saphan": {"vi": "Nhiệm vụ sắp đến hạn", "en": "Due soon"},
    "menu_giao": {"vi": "Giao đầu mối", "en": "Assign a focal person"},
    "menu_choduyet": {"vi": "Đề nghị gia hạn chờ duyệt", "en": "Extension requests to decide"},
    "menu_bieudo": {"vi": "Biểu đồ", "en": "Chart"},
    "menu_baocao": {"vi": "Báo cáo (XLSX, DOCX)", "en": "XLSX report"},
    "menu_tailieu": {"vi": "Tài liệu kiểm chứng", "en": "Evidence files"},
    "menu_kenh": {"vi": "Chọn kênh nhận tin nhắc", "en": "Choose the reminder channel"},
    "menu_trogiup": {"vi": "Hướng dẫn", "en": "Help"},
    # /trogiup, help_{command}
    "help_viec": {
        "vi": "/viec — nhiệm vụ được giao, hạn gần nhất trước",
        "en": "/tasks — my assignments, nearest deadline first",
    },
    "help_capnhat": {
        "vi": "/capnhat MÃ NỘI_DUNG — cập nhật tiến độ, ví dụ: /capnhat 1.2 đang làm 60%",
        "en": "/update CODE TEXT — record progress, e.g. /update 1.2 in progress 60%",
    },
    "help_giahan": {
        "vi": "/giahan MÃ NGÀY [lý do] — đề nghị gia hạn, ví dụ: /giahan 1.2 30/6 chờ số liệu",
        "en": "/extend CODE DATE [reason] — ask for a new deadline, e.g. /extend 1.2 30/6",
    },
    "help_tonghop": {
        "vi": "/tonghop [NHÓM|CƠ QUAN] — tổng hợp nhiệm vụ theo tình trạng, theo nhóm và theo "
        "cơ quan chủ trì (lãnh đạo: cơ quan mình)",
        "en": "/summary [GROUP|AGENCY] — tasks by status, by group and by lead agency (leaders: "
        "their own agency)",
    },
    "help_quahan": {
        "vi": "/quahan [NHÓM|CƠ QUAN] — nhiệm vụ quá hạn, quá hạn lâu nhất trước",
        "en": "/overdue [GROUP|AGENCY] — overdue tasks, most overdue first",
    },
    "help_saphan": {
        "vi": "/saphan [NHÓM|CƠ QUAN] — nhiệm vụ đến hạn trong {days} ngày làm việc tới",
        "en": "/due [GROUP|AGENCY] — tasks due within {days} working days",
    },
    "help_choduyet": {
        "vi": "/choduyet — các đề nghị gia hạn đang chờ duyệt, kèm nút đồng ý / từ chối",
        "en": "/pending — extension requests awaiting a decision, with approve / reject buttons",
    },
    "help_giao": {
        "vi": "/giao MÃ HỌ_TÊN — giao một cán bộ làm đầu mối, ví dụ: /giao 1.2 Nguyễn Văn A",
        "en": "/assign CODE FULL_NAME — make an official the focal person, e.g. /assign 1.2 "
        "Nguyen Van A",
    },
    "help_bieudo": {
        "vi": "/bieudo — biểu đồ tiến độ theo nhóm nhiệm vụ",
        "en": "/chart — a chart of progress by task group",
    },
    "help_tailieu": {
        "vi": "/tailieu <mã> — tài liệu kiểm chứng đã gửi cho nhiệm vụ (gửi lại các tệp)",
        "en": "/evidence <code> — the evidence sent for an assignment (the files sent back)",
    },
    "help_baocao": {
        "vi": "/baocao [docx] — báo cáo XLSX, hoặc dự thảo báo cáo DOCX",
        "en": "/report [docx] — the XLSX report, or the DOCX report draft",
    },
    "help_kenh": {
        "vi": "/kenh [TÊN_KÊNH|tudong] — chọn kênh nhận tin nhắc",
        "en": "/channel [NAME|auto] — choose the channel reminders go to",
    },
    "help_trogiup": {"vi": "/trogiup — hướng dẫn này", "en": "/help — this help"},
}
