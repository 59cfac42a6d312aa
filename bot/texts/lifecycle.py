"""Texts of plans across years and of agencies' lifecycle (close-plan, end, rename, merge)."""

ENTRIES = {
    # chat: a closed plan is read-only; a year in a scope
    "plan_closed_refused": {
        "vi": "Kế hoạch năm {year} đã kết thúc; nhiệm vụ {code} chỉ còn để tra cứu, "
        "không cập nhật hay xin gia hạn được nữa. Anh/Chị vui lòng liên hệ cơ quan điều phối "
        "nếu cần điều chỉnh.",
        "en": "The {year} plan is closed; {code} is kept for reference and can no longer be "
        "updated or extended. Please contact the coordinators if it must change.",
    },
    "scope_year": {"vi": "kế hoạch năm {year}", "en": "{year} plan"},
    "scope_year_closed": {
        "vi": "kế hoạch năm {year} (đã kết thúc)",
        "en": "{year} plan (closed)",
    },
    "report_years": {"vi": " NĂM {years}", "en": " {years}"},
    # import-plan: which assignments
    "assignments_added": {
        "vi": "  Thêm {count} phân công: {codes}",
        "en": "  {count} assignments added: {codes}",
    },
    "assignments_withdrawn": {
        "vi": "  Rút {count} phân công (lịch sử vẫn được giữ): {codes}",
        "en": "  {count} assignments withdrawn (history kept): {codes}",
    },
    "extensions_closed_withdrawn": {
        "vi": "  Đóng {count} đề nghị gia hạn của phân công đã rút (người đề nghị được thông "
        "báo): {codes}",
        "en": "  {count} extension requests of withdrawn assignments closed (their requesters "
        "are told): {codes}",
    },
    "assignments_moved": {
        "vi": "  Chuyển {count} phân công sang cơ quan khác: {codes}",
        "en": "  {count} assignments moved to another agency: {codes}",
    },
    # CLI: plans
    "cli_close_plan": {
        "vi": "Kết thúc kế hoạch một năm: không nhắc việc nữa, lịch sử chỉ để tra cứu, vẫn báo "
        "cáo được (--reopen để mở lại).",
        "en": "Close a plan year: no more nudges, history read-only, still reportable "
        "(--reopen opens it again).",
    },
    "cli_plan_year": {"vi": "Năm của kế hoạch", "en": "The plan's year"},
    "cli_reopen": {"vi": "Mở lại kế hoạch đã kết thúc", "en": "Open a closed plan again"},
    "cli_plans": {
        "vi": "Liệt kê các kế hoạch: năm, tên, quyết định, tình trạng.",
        "en": "List the plans: year, name, decision, state.",
    },
    "cli_report_year": {
        "vi": "Năm kế hoạch cần báo cáo (mặc định: các kế hoạch đang thực hiện)",
        "en": "The plan year to report (default: the current plans)",
    },
    "cli_plan_title": {
        "vi": "Tên kế hoạch (mặc định: theo phần đầu tệp, hoặc «Kế hoạch CCHC năm …»)",
        "en": "The plan's name (default: the file's title block, or the year's default name)",
    },
    "cli_plan_decision": {
        "vi": "Số quyết định ban hành, ví dụ 617/QĐ-UBND (mặc định: theo phần đầu tệp)",
        "en": "The number of the decision that issued it (default: the file's title block)",
    },
    "cli_plan_issuer": {
        "vi": "Cơ quan ban hành, ví dụ UBND tỉnh Quảng Ngãi (mặc định: theo phần đầu tệp)",
        "en": "The issuing body (default: the file's title block)",
    },
    "plan_named": {"vi": "Kế hoạch: {title}{decision}", "en": "Plan: {title}{decision}"},
    "plan_decision": {
        "vi": " (Quyết định số {decision}{issuer})",
        "en": " (decision {decision}{issuer})",
    },
    "plan_issuer": {"vi": " của {issuer}", "en": " of {issuer}"},
    "plan_import_closed": {
        "vi": "Kế hoạch năm {year} đã kết thúc; không nhập lại được. Mở lại bằng: nhacviec "
        "close-plan {year} --reopen",
        "en": "The {year} plan is closed and cannot be imported again. Reopen it with: "
        "nhacviec close-plan {year} --reopen",
    },
    "plan_unknown": {
        "vi": "Không có kế hoạch năm {year}. Các kế hoạch: {years}.",
        "en": "There is no {year} plan. Plans: {years}.",
    },
    "plan_none": {"vi": "(chưa có)", "en": "(none)"},
    "plan_closing": {
        "vi": "Kết thúc kế hoạch năm {year} «{title}»: {open} phân công chưa hoàn thành giữ "
        "nguyên trạng thái (chỉ để tra cứu); bỏ {nudges} tin nhắc đã lên lịch; đóng {extensions} "
        "đề nghị gia hạn đang chờ.",
        "en": "Closing the {year} plan «{title}»: {open} open assignments kept as they are "
        "(read-only); {nudges} planned nudges dropped; {extensions} pending extension requests "
        "closed.",
    },
    "plan_already_closed": {
        "vi": "Kế hoạch năm {year} đã kết thúc từ trước; không có gì thay đổi.",
        "en": "The {year} plan was already closed; nothing changed.",
    },
    "plan_reopening": {
        "vi": "Mở lại kế hoạch năm {year} «{title}»: {open} phân công chưa hoàn thành sẽ được "
        "nhắc lại từ lần lập lịch tới.",
        "en": "Reopening the {year} plan «{title}»: its {open} open assignments are nudged "
        "again from the next planning.",
    },
    "plan_already_open": {
        "vi": "Kế hoạch năm {year} đang thực hiện; không có gì thay đổi.",
        "en": "The {year} plan is open; nothing changed.",
    },
    "plan_line": {
        "vi": "{year}  {state}  {title}",
        "en": "{year}  {state}  {title}",
    },
    "plan_state_open": {"vi": "đang thực hiện", "en": "open     "},
    "plan_state_closed": {"vi": "đã kết thúc  ", "en": "closed   "},
    # CLI: agencies
    "cli_agency": {
        "vi": "Cơ quan (tên, một phần tên hoặc mã viết tắt)",
        "en": "The agency (name, part of it, or short code)",
    },
    "cli_end_agency": {
        "vi": "Kết thúc một cơ quan từ một ngày: không nhắc việc từ ngày đó, lịch sử giữ nguyên.",
        "en": "End an agency from a date: no nudges from that day, its history kept.",
    },
    "cli_agency_from": {
        "vi": "Ngày bắt đầu có hiệu lực, YYYY-MM-DD (mặc định: hôm nay)",
        "en": "The day it takes effect, YYYY-MM-DD (default: today)",
    },
    "cli_rename_agency": {
        "vi": "Đổi tên một cơ quan; báo cáo các kế hoạch trước vẫn ghi tên cũ.",
        "en": "Rename an agency; reports of earlier plans keep the old name.",
    },
    "cli_new_name": {"vi": "Tên mới", "en": "The new name"},
    "cli_new_code": {"vi": "Mã viết tắt mới (nếu đổi)", "en": "A new short code (if it changes)"},
    "cli_merge_agency": {
        "vi": "Hợp nhất cơ quan OLD vào NEW: chuyển các phân công chưa hoàn thành sang NEW "
        "(hoặc đóng lại với --close-open), chuyển hoặc ngừng kích hoạt người dùng, kết thúc OLD.",
        "en": "Merge agency OLD into NEW: open assignments move to NEW (or are closed with "
        "--close-open), people are transferred or deactivated, OLD is ended.",
    },
    "cli_merge_old": {"vi": "Cơ quan bị hợp nhất", "en": "The agency merged away"},
    "cli_merge_new": {"vi": "Cơ quan kế thừa", "en": "The successor agency"},
    "cli_close_open": {
        "vi": "Đóng các phân công chưa hoàn thành thay vì chuyển sang cơ quan kế thừa",
        "en": "Close the open assignments instead of moving them to the successor",
    },
    "cli_people_action": {
        "vi": "Người dùng của cơ quan bị hợp nhất: «transfer» (chuyển sang cơ quan kế thừa, mặc "
        "định) hoặc «deactivate» (ngừng kích hoạt)",
        "en": "People of the merged agency: transfer (to the successor, default) or deactivate",
    },
    "agency_unknown": {
        "vi": "Không tìm thấy cơ quan «{arg}» (ghi tên hoặc mã viết tắt).{hint}",
        "en": "No agency «{arg}» (give its name or short code).{hint}",
    },
    "agency_ambiguous": {
        "vi": "«{arg}» khớp nhiều cơ quan: {names}. Anh/Chị vui lòng gõ rõ hơn.",
        "en": "«{arg}» matches several agencies: {names}. Please be more precise.",
    },
    "agency_suggest": {"vi": " Có phải: {names}?", "en": " Did you mean: {names}?"},
    "agency_already_ended": {
        "vi": "{agency} đã kết thúc từ ngày {day}.",
        "en": "{agency} ended on {day}.",
    },
    "merge_not_ahead": {
        "vi": "Ngày hợp nhất {day} chưa đến; Anh/Chị chạy lệnh từ ngày đó.",
        "en": "The merger day {day} has not come yet; run the command from that day.",
    },
    "agency_same": {
        "vi": "Cơ quan kế thừa phải khác cơ quan bị hợp nhất.",
        "en": "The successor must be another agency.",
    },
    "agency_name_taken": {
        "vi": "Đã có cơ quan tên «{name}».",
        "en": "There is already an agency called «{name}».",
    },
    "agency_code_taken": {
        "vi": "Mã viết tắt «{code}» đang được {agency} sử dụng.",
        "en": "The short code «{code}» is used by {agency}.",
    },
    "agency_ending": {
        "vi": "Kết thúc {agency} từ ngày {day}{successor}: {open} phân công chưa hoàn thành "
        "không còn được nhắc; bỏ {nudges} tin nhắc đã lên lịch.",
        "en": "Ending {agency} from {day}{successor}: its {open} open assignments are no "
        "longer nudged; {nudges} planned nudges dropped.",
    },
    "agency_successor": {"vi": " (kế thừa: {agency})", "en": " (successor: {agency})"},
    "agency_people_deactivated": {
        "vi": "Ngừng kích hoạt {count} người dùng của {agency}:",
        "en": "{count} people of {agency} deactivated:",
    },
    "agency_people_transferred": {
        "vi": "Chuyển {count} người dùng của {agency} sang {successor}:",
        "en": "{count} people of {agency} transferred to {successor}:",
    },
    "agency_people_kept": {
        "vi": "{count} người dùng của {agency} vẫn hoạt động đến ngày {day} (chạy lại lệnh sau "
        "ngày đó, hoặc dùng lệnh «nhacviec deactivate» / «nhacviec transfer»).",
        "en": "{count} people of {agency} stay active until {day} (run the command again after "
        "that day, or use nhacviec deactivate / transfer).",
    },
    "agency_person_line": {"vi": "  {name} ({role})", "en": "  {name} ({role})"},
    "agency_renamed": {
        "vi": "Đổi tên «{old}» thành «{new}» từ ngày {day}; báo cáo các kế hoạch trước ngày đó "
        "vẫn ghi tên cũ.",
        "en": "Renamed «{old}» to «{new}» from {day}; reports of plans before that day keep "
        "the old name.",
    },
    "merge_moves": {
        "vi": "Chuyển {count} phân công chưa hoàn thành sang {successor}:",
        "en": "{count} open assignments move to {successor}:",
    },
    "merge_closes": {
        "vi": "Đóng {count} phân công chưa hoàn thành (rút khỏi kế hoạch, lý do: hợp nhất):",
        "en": "{count} open assignments closed (withdrawn, reason: merger):",
    },
    "merge_duplicates": {
        "vi": "Đóng {count} phân công trùng với phân công sẵn có của {successor}:",
        "en": "{count} open assignments closed as {successor} already has them:",
    },
    "merge_line": {"vi": "  {code} → {new_code}", "en": "  {code} → {new_code}"},
    "merge_closed_line": {"vi": "  {code}", "en": "  {code}"},
    "merge_kept": {
        "vi": "{done} phân công đã hoàn thành và {closed} phân công của kế hoạch đã kết thúc giữ "
        "nguyên dưới tên {agency}.",
        "en": "{done} done assignments and {closed} of closed plans stay under {agency}.",
    },
    "withdrawn_merged": {
        "vi": "hợp nhất vào {successor} ngày {day}",
        "en": "merged into {successor} on {day}",
    },
    # why a re-import of the plan withdrew an assignment (stored in Vietnamese, the office's
    # record): withdrawn_{storage.imports.plan.WITHDRAWAL_KEYS}
    "withdrawn_left_collective": {
        "vi": "cơ quan không còn là thành viên của «{label}»",
        "en": "the agency is no longer a member of «{label}»",
    },
    "withdrawn_joined_later": {
        "vi": "cơ quan tham gia «{label}» giữa năm, chỉ nhận các kỳ đến hạn từ ngày {day}",
        "en": "the agency joined «{label}» mid-year and takes the periods due from {day} only",
    },
    "withdrawn_lead_changed": {
        "vi": "cơ quan chủ trì chuyển sang {agency}",
        "en": "the lead passed to {agency}",
    },
    "withdrawn_period_gone": {
        "vi": "kỳ {period} không còn trong kế hoạch",
        "en": "the period {period} is no longer in the plan",
    },
    "withdrawn_task_gone": {
        "vi": "nhiệm vụ không còn trong kế hoạch",
        "en": "the task is no longer in the plan",
    },
    "withdrawn_because": {"vi": " (lý do: {reason})", "en": " (reason: {reason})"},
    "withdrawn_duplicate": {
        "vi": "hợp nhất vào {successor} ngày {day}; {successor} đã có phân công này",
        "en": "merged into {successor} on {day}; {successor} already had it",
    },
}
