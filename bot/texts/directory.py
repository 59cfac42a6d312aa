"""The directory and onboarding: templates, invites for everyone, who has not linked,
the people lifecycle (deactivate, transfer), and the chat command /chualienket."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # roles as a person's role is written in a list, person_role_{Role}
    "person_role_official": {"vi": "Chuyên viên", "en": "Official"},
    "person_role_leader": {"vi": "Lãnh đạo", "en": "Leader"},
    "person_role_coordinator": {"vi": "Điều phối", "en": "Coordinator"},
    "person_role_admin": {"vi": "Quản trị", "en": "Admin"},
    # finding people and agencies
    "person_not_found_suggest": {
        "vi": "Không tìm thấy người có tên «{name}». Có phải: {choices}? "
        "Hãy ghi đủ họ tên, thêm --agency nếu trùng tên.",
        "en": "Nobody is called «{name}». Did you mean: {choices}? "
        "Give the full name, and --agency for namesakes.",
    },
    "person_inactive": {
        "vi": "{name} đã ngừng sử dụng hệ thống (đã ngừng kích hoạt).",
        "en": "{name} has been deactivated.",
    },
    "agency_not_found": {
        "vi": "Không tìm thấy cơ quan «{name}» (ghi tên hoặc mã viết tắt).",
        "en": "No agency «{name}» (give its name or short code).",
    },
    # invite --all
    "invite_days_bad": {
        "vi": "--days phải từ 1 đến {most} ngày.",
        "en": "--days must be 1 to {most} days.",
    },
    "invites_bad_suffix": {
        "vi": "Tệp «{path}» phải có đuôi .csv hoặc .xlsx.",
        "en": "«{path}» must end in .csv or .xlsx.",
    },
    "invites_need_out": {
        "vi": "Với --all, cần --out TỆP (.csv hoặc .xlsx).",
        "en": "With --all, give --out FILE (.csv or .xlsx).",
    },
    "invites_need_person": {
        "vi": "Cần họ tên người được mời, hoặc --all.",
        "en": "Give the person's name, or --all.",
    },
    "invites_written": {
        "vi": "Đã tạo {count} lời mời, hết hạn sau {days} ngày, ghi vào {path}. "
        "{skipped} người đã liên kết nên không tạo lại.",
        "en": "{count} invites made, valid for {days} days, written to {path}. "
        "{skipped} people already linked were skipped.",
    },
    "invites_sheet": {"vi": "Lời mời", "en": "Invites"},
    "invites_col_person": {"vi": "Họ và tên", "en": "Person"},
    "invites_col_agency": {"vi": "Cơ quan/đơn vị", "en": "Agency"},
    "invites_col_role": {"vi": "Vai trò", "en": "Role"},
    "invites_col_link": {"vi": "Liên kết Telegram", "en": "Telegram link"},
    "invites_col_code": {"vi": "Mã mời (Zalo, console)", "en": "Code (Zalo, console)"},
    "invites_col_expires": {"vi": "Hết hạn", "en": "Expires"},
    "invites_col_qr": {"vi": "Mã QR", "en": "QR code"},
    # people --unlinked
    "people_counts": {
        "vi": "{active} người đang hoạt động: {linked} đã liên kết tài khoản chat, "
        "{unlinked} chưa liên kết.",
        "en": "{active} active people: {linked} have linked a chat, {unlinked} have not.",
    },
    "unlinked_header": {
        "vi": "{count} người chưa liên kết tài khoản chat:",
        "en": "{count} people have not linked a chat yet:",
    },
    "unlinked_line": {
        "vi": "- {person} — {role}, {agency}{invite}",
        "en": "- {person} — {role}, {agency}{invite}",
    },
    "unlinked_invited": {"vi": " (lời mời hết hạn {expires})", "en": " (invite expires {expires})"},
    "unlinked_expired": {
        "vi": " (lời mời đã hết hạn {expires})",
        "en": " (invite expired {expires})",
    },
    "unlinked_no_invite": {"vi": " (chưa có lời mời)", "en": " (no invite yet)"},
    "unlinked_none": {
        "vi": "Tất cả người dùng đang hoạt động đã liên kết tài khoản chat.",
        "en": "Every active person has linked a chat.",
    },
    "unlinked_more": {"vi": "… và {count} người khác.", "en": "… and {count} more."},
    "unlinked_hint": {
        "vi": "Tạo lời mời cho tất cả: nhacviec invite --all --out loi-moi.xlsx",
        "en": "Invite them all: nhacviec invite --all --out invites.xlsx",
    },
    # deactivate, transfer, import-people
    "deactivated_done": {
        "vi": "Đã ngừng kích hoạt {name}: không gửi nhắc việc nữa, đã đóng {links} liên kết chat.",
        "en": "{name} is deactivated: no more nudges, {links} chat link(s) closed.",
    },
    "transfer_same": {
        "vi": "{name} đã thuộc {agency}.",
        "en": "{name} is already at {agency}.",
    },
    "transfer_namesake": {
        "vi": "Cơ quan mới đã có người tên {name}; hãy kiểm tra lại danh sách.",
        "en": "The new agency already has someone called {name}; check the directory.",
    },
    "transfer_done": {
        "vi": "Đã chuyển {name} từ {old} sang {new}.",
        "en": "{name} moved from {old} to {new}.",
    },
    "person_added": {"vi": "  + {name}", "en": "  + {name}"},
    "person_missing": {"vi": "  - {name}", "en": "  - {name}"},
    "people_missing_header": {
        "vi": "{count} người đang hoạt động không có trong tệp:",
        "en": "{count} active people are not in the file:",
    },
    "people_missing_kept": {
        "vi": "Họ vẫn được giữ nguyên. Dùng --deactivate-missing để ngừng kích hoạt "
        "(thêm --dry-run để xem trước).",
        "en": "They are kept as they are. Use --deactivate-missing to deactivate them "
        "(with --dry-run to preview).",
    },
    "people_deactivated": {
        "vi": "Đã ngừng kích hoạt {count} người vắng mặt trong tệp.",
        "en": "{count} people missing from the file were deactivated.",
    },
    "people_would_deactivate": {
        "vi": "Sẽ ngừng kích hoạt {count} người vắng mặt trong tệp.",
        "en": "{count} people missing from the file would be deactivated.",
    },
    # template
    "template_written": {
        "vi": "Đã ghi mẫu {kind} vào {path}.",
        "en": "The {kind} template is written to {path}.",
    },
    "template_bad_suffix": {
        "vi": "Tệp mẫu «{path}» phải có đuôi .xlsx.",
        "en": "The template «{path}» must end in .xlsx.",
    },
    # command-line help
    "cli_invite_all": {
        "vi": "Tạo lời mời cho mọi người chưa liên kết (cần --out)",
        "en": "Invite everyone who has not linked yet (needs --out)",
    },
    "cli_invite_out": {
        "vi": "Tệp .csv hoặc .xlsx (có mã QR) ghi các lời mời",
        "en": "A .csv or .xlsx file (with QR codes) for the invites",
    },
    "cli_invite_days": {
        "vi": "Số ngày lời mời còn hiệu lực (mặc định 7)",
        "en": "Days an invite stays valid (default 7)",
    },
    "cli_people": {
        "vi": "Liệt kê người dùng; --unlinked: những người chưa liên kết tài khoản chat.",
        "en": "List people; --unlinked: those who have not linked a chat yet.",
    },
    "cli_people_unlinked": {
        "vi": "Chỉ những người chưa liên kết",
        "en": "Only those not linked yet",
    },
    "cli_deactivate": {
        "vi": "Ngừng kích hoạt một người: không nhắc việc nữa, đóng liên kết chat.",
        "en": "Deactivate a person: no more nudges, chat links closed.",
    },
    "cli_deactivate_missing": {
        "vi": "Ngừng kích hoạt những người không có trong tệp",
        "en": "Deactivate the people missing from the file",
    },
    "cli_transfer": {
        "vi": "Chuyển một người sang cơ quan khác.",
        "en": "Move a person to another agency.",
    },
    "cli_transfer_to": {
        "vi": "Cơ quan mới (tên hoặc mã viết tắt)",
        "en": "The new agency (name or short code)",
    },
    "cli_person_from": {
        "vi": "Cơ quan hiện tại, khi trùng tên",
        "en": "Their current agency, for namesakes",
    },
    "cli_template": {
        "vi": "Ghi tệp mẫu XLSX (plan, people, agencies) với tiêu đề, dòng ví dụ và hướng dẫn.",
        "en": "Write an XLSX template (plan, people, agencies) with headers, an example and notes.",
    },
    "cli_template_kind": {"vi": "plan | people | agencies", "en": "plan | people | agencies"},
    "cli_template_out": {"vi": "Tệp .xlsx sẽ ghi", "en": "The .xlsx file to write"},
    # chat: /chualienket
    "menu_chualienket": {"vi": "Người chưa liên kết", "en": "Not linked yet"},
    "help_chualienket": {
        "vi": "/chualienket [CƠ QUAN] — những người chưa liên kết tài khoản chat",
        "en": "/unlinked [AGENCY] — people who have not linked a chat yet",
    },
    "chat_unlinked_header": {
        "vi": "{count} người chưa liên kết tài khoản chat{scope}:",
        "en": "{count} people have not linked a chat yet{scope}:",
    },
    "chat_unlinked_scope": {"vi": " ở {agency}", "en": " at {agency}"},
    "chat_unlinked_none": {
        "vi": "Tất cả người dùng{scope} đã liên kết tài khoản chat.",
        "en": "Everyone{scope} has linked a chat.",
    },
    "chat_unlinked_agency_unknown": {
        "vi": "Không tìm thấy cơ quan «{name}». Gõ tên hoặc mã viết tắt, ví dụ: /chualienket sonv",
        "en": "No agency «{name}». Type its name or short code, e.g. /unlinked sonv",
    },
    # problems of imported files
    "problem_legacy_encoding": {
        "vi": "tệp được lưu theo bảng mã {value}, không phải Unicode; hãy chuyển sang Unicode "
        "(ví dụ bằng Unikey) hoặc mở bằng Excel và lưu lại dưới dạng «CSV UTF-8»",
        "en": "the file is in the legacy {value} encoding, not Unicode; convert it to Unicode "
        "(for example with Unikey) or open it in Excel and save it as «CSV UTF-8»",
    },
    "problem_bad_email": {
        "vi": "địa chỉ email «{value}» không hợp lệ",
        "en": "«{value}» is not an e-mail address",
    },
    # templates: sheets, headers (the import's aliases) and notes
    "template_col_plan_code": {"vi": "Mã", "en": "code"},
    "template_note_plan_code": {
        "vi": "Mã nhiệm vụ: số nhóm, dấu chấm, số thứ tự (1.1, 3.12). Có thể chỉ ghi số thứ "
        "tự (1, 2…) khi đã ghi nhóm. Cột đã định dạng văn bản để 1.10 không thành 1.1.",
        "en": "Task code: group number, a dot, the number (1.1, 3.12); the number alone when "
        "the group is given. The column is text, so 1.10 stays 1.10.",
    },
    "template_col_plan_group": {"vi": "Nhóm nhiệm vụ", "en": "group"},
    "template_note_plan_group": {
        "vi": "Nhóm 1 đến 7 (ghi 3, «Nhóm 3» hoặc «III»).",
        "en": "Group 1 to 7 (3, «Nhom 3» or «III»).",
    },
    "template_col_plan_title": {"vi": "Nội dung nhiệm vụ", "en": "title"},
    "template_note_plan_title": {
        "vi": "Nội dung nhiệm vụ như trong kế hoạch.",
        "en": "The task as the plan words it.",
    },
    "template_col_plan_lead_agency": {"vi": "Cơ quan chủ trì", "en": "lead_agency"},
    "template_note_plan_lead_agency": {
        "vi": "Tên một cơ quan đã khai báo, hoặc một nhóm cơ quan (ví dụ «UBND các xã, "
        "phường, đặc khu»: mỗi thành viên một nhiệm vụ).",
        "en": "A declared agency, or a collective (e.g. the communes, wards and special zones: "
        "one assignment per member).",
    },
    "template_col_plan_cooperating_agencies": {
        "vi": "Cơ quan phối hợp",
        "en": "cooperating_agencies",
    },
    "template_note_plan_cooperating_agencies": {
        "vi": "Các cơ quan phối hợp, cách nhau bằng dấu chấm phẩy (;).",
        "en": "Cooperating agencies, separated by semicolons (;).",
    },
    "template_col_plan_deadline": {"vi": "Thời hạn hoàn thành", "en": "deadline"},
    "template_note_plan_deadline": {
        "vi": "Hạn một lần: 31/01/2026, «Trước ngày 30/6/2026», «Tháng 9/2026», «Quý "
        "II/2026». Có thể ghi tần suất bằng lời ở đây (ví dụ «Hằng quý») và để trống "
        "cột Tần suất.",
        "en": "A one-off deadline: 2026-01-31 or 31/01/2026. A recurrence in words may be "
        "written here instead.",
    },
    "template_col_plan_recurrence": {"vi": "Tần suất", "en": "recurrence"},
    "template_note_plan_recurrence": {
        "vi": "Nhiệm vụ định kỳ: chọn trong danh sách (hằng tháng, hằng quý, 6 tháng, hằng năm, "
        "trước ngày 15 tháng cuối quý, ngày làm việc cuối cùng của tháng/quý, thường "
        "xuyên) hoặc ghi quy tắc (quarterly:day=15:month_of_quarter=3). Chỉ điền một "
        "trong hai cột thời hạn và tần suất.",
        "en": "A recurring task: a rule (monthly:day=20, quarterly:day=15:month_of_quarter=3, "
        "semiannual:day=last:month_of_half=6, yearly:12-15, continuous; "
        "day=last_workday for the last working day) or words. Fill only one of deadline "
        "and recurrence.",
    },
    "template_col_plan_deliverable": {"vi": "Sản phẩm", "en": "deliverable"},
    "template_note_plan_deliverable": {
        "vi": "Sản phẩm: báo cáo, quyết định, kế hoạch…",
        "en": "The product: report, decision, plan…",
    },
    "template_col_people_full_name": {"vi": "Họ và tên", "en": "full_name"},
    "template_note_people_full_name": {
        "vi": "Họ và tên đầy đủ, có dấu.",
        "en": "Full name, with diacritics.",
    },
    "template_col_people_title": {"vi": "Chức vụ", "en": "title"},
    "template_note_people_title": {
        "vi": "Chức vụ, chức danh.",
        "en": "Job title.",
    },
    "template_col_people_agency": {"vi": "Cơ quan/đơn vị", "en": "agency"},
    "template_note_people_agency": {
        "vi": "Tên cơ quan đã khai báo (không ghi tên nhóm cơ quan).",
        "en": "A declared agency (not a collective).",
    },
    "template_col_people_role": {"vi": "Vai trò", "en": "role"},
    "template_note_people_role": {
        "vi": "Chuyên viên (cập nhật nhiệm vụ của cơ quan), Lãnh đạo (nhận báo cáo vượt cấp), "
        "Điều phối (xem mọi nhiệm vụ, duyệt gia hạn), Quản trị.",
        "en": "official, leader (gets escalations), coordinator (sees everything, approves "
        "extensions), admin.",
    },
    "template_col_people_phone": {"vi": "Số điện thoại", "en": "phone"},
    "template_note_people_phone": {
        "vi": "Không bắt buộc.",
        "en": "Optional.",
    },
    "template_col_people_email": {"vi": "Email", "en": "email"},
    "template_note_people_email": {
        "vi": "Không bắt buộc.",
        "en": "Optional.",
    },
    "template_col_agencies_name": {"vi": "Tên cơ quan", "en": "name"},
    "template_note_agencies_name": {
        "vi": "Tên đầy đủ, đúng như trong kế hoạch.",
        "en": "The full name, as the plan writes it.",
    },
    "template_col_agencies_short_code": {"vi": "Mã viết tắt", "en": "short_code"},
    "template_note_agencies_short_code": {
        "vi": "Chữ thường không dấu, số, - hoặc _ (ví dụ sonv, xa-dak-ha): dùng trong mã nhiệm vụ.",
        "en": "Lower-case letters, digits, - or _ (sonv): used in assignment codes.",
    },
    "template_col_agencies_kind": {"vi": "Loại", "en": "kind"},
    "template_note_agencies_kind": {
        "vi": "UBND tỉnh, Sở, ban, ngành, Xã, Phường, Đặc khu (cấp xã), Huyện (chỉ cho dữ "
        "liệu trước 1/7/2025), Khác.",
        "en": "province, provincial_agency, commune (communes, wards, special zones), district "
        "(history before 1/7/2025), other.",
    },
    "template_col_agencies_parent": {"vi": "Cơ quan cấp trên", "en": "parent"},
    "template_note_agencies_parent": {
        "vi": "Không bắt buộc: tên một cơ quan khác trong tệp.",
        "en": "Optional: another agency of the file.",
    },
    "template_col_collectives_group_label": {"vi": "Tên nhóm", "en": "group_label"},
    "template_note_collectives_group_label": {
        "vi": "Tên nhóm như kế hoạch ghi ở cột chủ trì (ví dụ «Các sở, ban, ngành»); mỗi "
        "thành viên một dòng.",
        "en": "The collective as the plan names it; one member a row.",
    },
    "template_col_collectives_member": {"vi": "Thành viên", "en": "member"},
    "template_note_collectives_member": {
        "vi": "Tên một cơ quan đã khai báo.",
        "en": "A declared agency.",
    },
    "template_col_collectives_member_type": {"vi": "Loại thành viên", "en": "member_type"},
    "template_note_collectives_member_type": {
        "vi": "Không bắt buộc: để kiểm tra loại của thành viên.",
        "en": "Optional: checks the member's kind.",
    },
    "template_col_collectives_joined_on": {"vi": "Ngày tham gia", "en": "joined_on"},
    "template_note_collectives_joined_on": {
        "vi": "Không bắt buộc: ngày cơ quan tham gia nhóm giữa năm (dd/mm/yyyy, ví dụ 01/07/2026). "
        "Cơ quan chỉ được giao các kỳ đến hạn từ ngày này (cộng NHACVIEC_JOIN_GRACE_DAYS). Để "
        "trống với thành viên từ đầu năm; thành viên mới để trống thì tính từ ngày nhập tệp.",
        "en": "Optional: the day the agency joined the collective mid-year (dd/mm/yyyy or "
        "YYYY-MM-DD). It is given the periods due from that day only (plus "
        "NHACVIEC_JOIN_GRACE_DAYS). Empty for a member from the start; a new member left "
        "empty joins on the day of the import.",
    },
    "template_sheet_plan": {"vi": "Kế hoạch", "en": "Plan"},
    "template_sheet_people": {"vi": "Người dùng", "en": "People"},
    "template_sheet_agencies": {"vi": "Cơ quan", "en": "Agencies"},
    "template_sheet_collectives": {"vi": "Nhóm cơ quan", "en": "Collectives"},
    "template_lists": {"vi": "Danh mục", "en": "Lists"},
    "template_notes": {"vi": "Hướng dẫn", "en": "Notes"},
    "template_notes_column": {"vi": "Cột", "en": "Column"},
    "template_notes_what": {"vi": "Cách ghi", "en": "What it takes"},
    "template_list_role": {"vi": "Vai trò", "en": "role"},
    "template_list_kind": {"vi": "Loại cơ quan", "en": "kind"},
    "template_list_member_type": {"vi": "Loại thành viên", "en": "member_type"},
    "template_list_group": {"vi": "Nhóm nhiệm vụ", "en": "group"},
    "template_list_recurrence": {"vi": "Tần suất", "en": "recurrence"},
    "template_intro_plan": {
        "vi": "Mỗi dòng một nhiệm vụ. Nhập bằng: nhacviec import-plan TỆP.xlsx",
        "en": "One task a row. Import with: nhacviec import-plan FILE.xlsx",
    },
    "template_intro_people": {
        "vi": "Mỗi dòng một người. Nhập bằng: nhacviec import-people TỆP.xlsx",
        "en": "One person a row. Import with: nhacviec import-people FILE.xlsx",
    },
    "template_intro_agencies": {
        "vi": "Trang Cơ quan và trang Nhóm cơ quan. Nhập bằng: nhacviec import-agencies TỆP.xlsx",
        "en": "The Agencies and Collectives sheets. Import with: nhacviec import-agencies "
        "FILE.xlsx",
    },
}
