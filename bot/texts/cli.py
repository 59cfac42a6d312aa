"""The command line: messages, the ``--help`` texts (``cli_*``) and the demo's narration."""

from __future__ import annotations

ENTRIES: dict[str, dict[str, str]] = {
    # configuration and the database
    "config_bad": {"vi": "Cấu hình sai {key}: {detail}", "en": "Bad configuration {key}: {detail}"},
    "config_file_writable": {
        "vi": "nhóm hoặc người khác có thể sửa tệp này (quyền {mode}); hãy chạy `chmod 600 {path}`",
        "en": "the group or others may change this file (mode {mode}); run `chmod 600 {path}`",
    },
    "config_file_readable": {
        "vi": "tệp chứa token hoặc mật khẩu mà nhóm hoặc người khác đọc được (quyền {mode}); "
        "hãy chạy `chmod 600 {path}`",
        "en": "the file holds a token or password the group or others can read (mode {mode}); "
        "run `chmod 600 {path}`",
    },
    "run_already_running": {
        "vi": "Một tiến trình nhacviec run khác đang dùng cơ sở dữ liệu SQLite này ({path}). "
        "SQLite chỉ chạy một tiến trình; muốn chạy nhiều tiến trình, hãy dùng PostgreSQL.",
        "en": "Another nhacviec run uses this SQLite database ({path}). SQLite runs one "
        "process; to run several, use PostgreSQL.",
    },
    "run_leadership_lost": {
        "vi": "Mất kết nối giữ quyền điều phối với cơ sở dữ liệu: tiến trình dừng để khởi động "
        "lại (tiến trình khác có thể đã tiếp quản).",
        "en": "The connection holding the lead broke: stopping, to start again (another "
        "process may have taken over).",
    },
    "token_rejected": {
        "vi": "Nền tảng từ chối {key} (token sai hoặc đã bị thu hồi): hãy kiểm tra lại {key}.",
        "en": "The platform rejected {key} (wrong or revoked token): check {key}.",
    },
    "log_file": {
        "vi": "Nhật ký hoạt động được ghi vào {path}.",
        "en": "The log is written to {path}.",
    },
    "backup_done": {
        "vi": "Đã sao lưu vào {path} ({size}).",
        "en": "Backed up into {path} ({size}).",
    },
    "restore_done": {
        "vi": "Đã khôi phục từ {path}. Hãy chạy `nhacviec init` (nâng cấp nếu bản sao lưu cũ hơn), "
        "rồi khởi động lại dịch vụ.",
        "en": "Restored from {path}. Run `nhacviec init` (upgrades an older backup), "
        "then start the service again.",
    },
    "backup_no_file": {
        "vi": "DATABASE_URL không trỏ tới một tệp SQLite nên không sao lưu được.",
        "en": "DATABASE_URL does not name an SQLite file, so there is nothing to back up.",
    },
    "backup_no_database": {
        "vi": "Không có cơ sở dữ liệu tại {path}.",
        "en": "There is no database at {path}.",
    },
    "backup_no_program": {
        "vi": "Không tìm thấy chương trình {program} (gói postgresql-client): "
        "hãy cài đặt rồi chạy lại.",
        "en": "The program {program} was not found (package postgresql-client): "
        "install it and retry.",
    },
    "backup_program_failed": {
        "vi": "{program} báo lỗi: {detail}",
        "en": "{program} failed: {detail}",
    },
    "restore_no_file": {"vi": "Không có tệp {path}.", "en": "There is no file {path}."},
    "restore_not_a_backup": {
        "vi": "{path} không phải bản sao lưu của nhacviec (hoặc đã hỏng).",
        "en": "{path} is not a nhacviec backup (or it is damaged).",
    },
    "restore_target_in_use": {
        "vi": "Cơ sở dữ liệu đích {target} đã có dữ liệu; không ghi đè. Dùng --replace nếu thật sự "
        "muốn thay thế (hãy sao lưu nó trước).",
        "en": "The target database {target} already holds data; nothing was overwritten. Use "
        "--replace to really replace it (back it up first).",
    },
    "db_unreachable": {
        "vi": "Không kết nối được cơ sở dữ liệu ({url}): {detail}",
        "en": "Cannot reach the database ({url}): {detail}",
    },
    "db_not_ready": {
        "vi": "Cơ sở dữ liệu chưa được khởi tạo hoặc cần nâng cấp: hãy chạy `nhacviec init`.",
        "en": "The database is not initialised or needs an upgrade: run `nhacviec init`.",
    },
    "db_ready": {
        "vi": "Cơ sở dữ liệu đã sẵn sàng ({url}, phiên bản {revision}).",
        "en": "The database is ready ({url}, revision {revision}).",
    },
    "file_missing": {"vi": "Không tìm thấy tệp {path}", "en": "File not found: {path}"},
    "cannot_write": {
        "vi": "Không ghi được {path}: {detail}",
        "en": "Cannot write {path}: {detail}",
    },
    # what a setting accepts (bot.app.settings)
    "config_not_a_database_url": {"vi": "không phải URL cơ sở dữ liệu", "en": "not a database URL"},
    "config_database_url": {
        "vi": "chấp nhận: sqlite+aiosqlite:///TỆP hoặc postgresql+asyncpg://USER@HOST/DB",
        "en": "accepted: sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST/DB",
    },
    "config_url": {
        "vi": "chấp nhận: một URL http:// hoặc https://",
        "en": "accepted: an http:// or https:// URL",
    },
    "config_webhook_url": {
        "vi": "chấp nhận: một URL https:// công khai (Telegram và Zalo chỉ gọi webhook qua HTTPS; "
        "xem deploy/nginx.conf)",
        "en": "accepted: a public https:// URL (Telegram and Zalo call webhooks over HTTPS only; "
        "see deploy/nginx.conf)",
    },
    "config_telegram_token": {
        "vi": "chấp nhận: token do @BotFather cấp, dạng 123456:ABC-...",
        "en": "accepted: the token from @BotFather, 123456:ABC-...",
    },
    "config_zalo_token": {
        "vi": "chấp nhận: token của bot Zalo, dạng <bot_id>:<secret>",
        "en": "accepted: the Zalo bot token, <bot_id>:<secret>",
    },
    "config_webhook_secret": {
        "vi": "chấp nhận: từ 8 đến 256 ký tự A-Z a-z 0-9 _ -",
        "en": "accepted: 8 to 256 characters of A-Z a-z 0-9 _ -",
    },
    "config_listen": {
        "vi": "chấp nhận: HOST:PORT, ví dụ 0.0.0.0:8080",
        "en": "accepted: HOST:PORT, for example 0.0.0.0:8080",
    },
    "config_port": {
        "vi": "chấp nhận: PORT (trên 127.0.0.1) hoặc HOST:PORT, ví dụ 9100 hoặc 0.0.0.0:9100",
        "en": "accepted: PORT (on 127.0.0.1) or HOST:PORT, for example 9100 or 0.0.0.0:9100",
    },
    "config_timezone": {
        "vi": "chấp nhận: một múi giờ IANA, ví dụ Asia/Ho_Chi_Minh",
        "en": "accepted: an IANA time zone such as Asia/Ho_Chi_Minh",
    },
    "config_work_hours": {
        "vi": "chấp nhận: HH:MM-HH:MM, ví dụ 07:30-17:00",
        "en": "accepted: HH:MM-HH:MM, for example 07:30-17:00",
    },
    "config_work_hours_real": {
        "vi": "chấp nhận: HH:MM-HH:MM với giờ có thật trong ngày",
        "en": "accepted: HH:MM-HH:MM with real times of day",
    },
    "config_work_hours_order": {
        "vi": "giờ bắt đầu phải trước giờ kết thúc",
        "en": "the start must be before the end",
    },
    "config_workdays": {
        "vi": "chấp nhận: các số nguyên ngày làm việc, cách nhau bằng dấu phẩy",
        "en": "accepted: whole numbers of working days, comma-separated",
    },
    "config_positive_ints": {
        "vi": "chấp nhận: các số nguyên ≥ 1, cách nhau bằng dấu phẩy, ví dụ 7,3,1",
        "en": "accepted: whole numbers ≥ 1, comma-separated, for example 7,3,1",
    },
    "config_int_between": {
        "vi": "chấp nhận: một số nguyên từ {low} đến {high}",
        "en": "accepted: a whole number from {low} to {high}",
    },
    "config_not_a_date": {
        "vi": "{value} không phải ngày ISO YYYY-MM-DD",
        "en": "{value} is not an ISO date YYYY-MM-DD",
    },
    "config_choice": {"vi": "chấp nhận: {choices}", "en": "accepted: {choices}"},
    "config_speed": {
        "vi": "chấp nhận: một số > 0 (số giây mô phỏng cho mỗi giây thật)",
        "en": "accepted: a number > 0 (simulated seconds per second)",
    },
    "config_instant": {
        "vi": "chấp nhận: ngày giờ ISO, ví dụ 2024-03-01T07:00",
        "en": "accepted: an ISO date-time such as 2024-03-01T07:00",
    },
    "config_secret_required": {
        "vi": "bắt buộc khi đã đặt WEBHOOK_URL",
        "en": "required when WEBHOOK_URL is set",
    },
    "config_host": {
        "vi": "chấp nhận: tên máy chủ hoặc địa chỉ IP, ví dụ mail.example.gov.vn",
        "en": "accepted: a host name or IP address such as mail.example.gov.vn",
    },
    "config_needs_smtp": {
        "vi": "cần NHACVIEC_SMTP_HOST (và NHACVIEC_SMTP_FROM) để gửi thư điện tử",
        "en": "needs NHACVIEC_SMTP_HOST (and NHACVIEC_SMTP_FROM) to send e-mail",
    },
    "config_email": {
        "vi": "chấp nhận: một địa chỉ thư điện tử, ví dụ nhacviec@snv.example.gov.vn",
        "en": "accepted: an e-mail address such as nhacviec@snv.example.gov.vn",
    },
    "config_smtp_from_required": {
        "vi": "bắt buộc khi đã đặt NHACVIEC_SMTP_HOST (địa chỉ gửi thư)",
        "en": "required when NHACVIEC_SMTP_HOST is set (the sender's address)",
    },
    "config_smtp_login_pair": {
        "vi": "NHACVIEC_SMTP_USER và NHACVIEC_SMTP_PASSWORD phải cùng được đặt hoặc cùng để trống",
        "en": "NHACVIEC_SMTP_USER and NHACVIEC_SMTP_PASSWORD go together: set both or neither",
    },
    "config_day_off_clash": {
        "vi": "{days} cũng có trong danh sách ngày nghỉ",
        "en": "{days} also listed as a day off",
    },
    # imports
    "dry_run": {
        "vi": "Chạy thử (--dry-run): không ghi gì vào cơ sở dữ liệu.",
        "en": "Dry run (--dry-run): nothing was written.",
    },
    "import_failed": {
        "vi": "Không nhập được {source}: {count} lỗi, không có dữ liệu nào được ghi.",
        "en": "Could not import {source}: {count} problem(s); nothing was written.",
    },
    "more_problems": {"vi": "… và {count} lỗi khác.", "en": "… and {count} more."},
    "where_row_col": {"vi": "Dòng {row}, cột {column}", "en": "Row {row}, column {column}"},
    "where_row": {"vi": "Dòng {row}", "en": "Row {row}"},
    "where_file": {"vi": "Tệp", "en": "File"},
    "plan_summary": {
        "vi": "Kế hoạch năm {year}: thêm {added} nhiệm vụ, sửa {changed}, giữ nguyên "
        "{unchanged}, khôi phục {restored}, rút khỏi kế hoạch {removed}. Phân công: thêm "
        "{a_added}, sửa {a_changed}, rút {a_withdrawn}; tổng {a_total}.",
        "en": "Plan {year}: {added} tasks added, {changed} changed, {unchanged} unchanged, "
        "{restored} restored, {removed} withdrawn. Assignments: {a_added} added, "
        "{a_changed} changed, {a_withdrawn} withdrawn; {a_total} in all.",
    },
    "task_changed": {"vi": "  sửa {code}: {fields}", "en": "  changed {code}: {fields}"},
    "task_added": {"vi": "  thêm {code}", "en": "  added {code}"},
    "task_removed": {
        "vi": "  {code} không còn trong tệp: đã rút khỏi kế hoạch (lịch sử vẫn được giữ)",
        "en": "  {code} is no longer in the file: withdrawn (its history is kept)",
    },
    "task_restored": {"vi": "  khôi phục {code}", "en": "  restored {code}"},
    "directory_summary": {
        "vi": "{what}: thêm {added}, sửa {changed}, giữ nguyên {unchanged}.",
        "en": "{what}: {added} added, {changed} changed, {unchanged} unchanged.",
    },
    "what_agencies": {"vi": "Cơ quan", "en": "Agencies"},
    "what_collectives": {"vi": "Nhóm cơ quan", "en": "Collectives"},
    "what_people": {"vi": "Người dùng", "en": "People"},
    "people_focal": {
        "vi": "Đầu mối: {count} phân công có người đầu mối; chỉ người đó nhận tin nhắc của cán bộ.",
        "en": "Focal persons (focal_for column): {count} assignments now have one; only they get "
        "the official's reminders.",
    },
    "people_absent": {
        "vi": "{count} người có trong cơ sở dữ liệu nhưng không có trong tệp (vẫn giữ nguyên).",
        "en": "{count} people are in the store but not in the file (kept as they are).",
    },
    # invites
    "person_not_found": {
        "vi": "Không tìm thấy người có tên «{name}».",
        "en": "Nobody is called «{name}».",
    },
    "person_ambiguous": {
        "vi": "Có {count} người tên «{name}»: {choices}. Thêm --agency để chọn.",
        "en": "{count} people are called «{name}»: {choices}. Add --agency to choose.",
    },
    "invite_done": {
        "vi": "Lời mời cho {name} ({agency}), hết hạn {expires}:",
        "en": "Invite for {name} ({agency}), expires {expires}:",
    },
    "invite_link": {"vi": "  Telegram: {link}", "en": "  Telegram: {link}"},
    "invite_code": {
        "vi": "  Mã (Zalo, console): /start {code}",
        "en": "  Code (Zalo, console): /start {code}",
    },
    "invite_no_bot": {
        "vi": "  (chưa cấu hình TELEGRAM_BOT_TOKEN: thay <bot> bằng tên bot của cơ quan)",
        "en": "  (TELEGRAM_BOT_TOKEN is not set: replace <bot> with your bot's username)",
    },
    # run, schedule, report
    "store_overview": {
        "vi": "Dữ liệu hiện có: {agencies} cơ quan, {people} người, {plans} kế hoạch, {tasks} "
        "nhiệm vụ, {assignments} phân công.",
        "en": "The store holds {agencies} agencies, {people} people, {plans} plan(s), {tasks} "
        "tasks, {assignments} assignments.",
    },
    "store_empty": {
        "vi": "Chưa có kế hoạch nào. Nhập bằng `nhacviec import-plan TỆP`, hoặc chạy `nhacviec "
        "run --sample` để dùng dữ liệu mẫu.",
        "en": "No plan yet. Import one with `nhacviec import-plan FILE`, or run `nhacviec run "
        "--sample` to use the sample data.",
    },
    "sample_loaded": {
        "vi": "Đã nạp dữ liệu mẫu Kon Tum 2024 vào {url}.",
        "en": "Loaded the Kon Tum 2024 sample into {url}.",
    },
    "schedule_checkin_line": {
        "vi": "{time}  {person} — nhắc việc, {count} nhiệm vụ: {items}",
        "en": "{time}  {person} — check-in, {count} tasks: {items}",
    },
    "schedule_escalation_line": {
        "vi": "{time}  {person} — báo cáo lãnh đạo, {count} nhiệm vụ quá hạn: {items}",
        "en": "{time}  {person} — to the leader, {count} overdue tasks: {items}",
    },
    "schedule_total": {
        "vi": "Tổng cộng: {messages} tin nhắn cho {people} người ({nudges} lượt nhắc).",
        "en": "In all: {messages} messages to {people} people ({nudges} nudges).",
    },
    "schedule_empty": {
        "vi": "Không có lời nhắc nào từ {start} đến {end}.",
        "en": "No nudges between {start} and {end}.",
    },
    "console_try": {
        "vi": "Thử ngay với tư cách {name} ({agency}): gõ /start {code}",
        "en": "Try it as {name} ({agency}): type /start {code}",
    },
    "console_banner": {
        "vi": "nhacviec — kênh console. Gõ /start MÃ_MỜI để liên kết, /trogiup để xem hướng dẫn; "
        "Ctrl-D (hoặc Ctrl-C) để thoát.",
        "en": "nhacviec — console channel. Type /start INVITE_CODE to link, /help for help; "
        "Ctrl-D (or Ctrl-C) to quit.",
    },
    "report_written": {"vi": "Đã ghi báo cáo vào {path}", "en": "Report written to {path}"},
    # --help
    "cli_app": {
        "vi": "nhacviec — nhắc việc kế hoạch cải cách hành chính qua Telegram, Zalo.",
        "en": "nhacviec — reminders of the administrative-reform plan over Telegram and Zalo.",
    },
    "cli_dry_run": {
        "vi": "Cho xem những gì sẽ thay đổi; không ghi gì.",
        "en": "Show what would change; write nothing.",
    },
    "cli_backup": {
        "vi": "Sao lưu cơ sở dữ liệu vào một tệp, kể cả khi dịch vụ đang chạy.",
        "en": "Back up the database into a file, also while the service runs.",
    },
    "cli_backup_out": {
        "vi": "Tệp sao lưu sẽ ghi (SQLite: một tệp .db; PostgreSQL: định dạng của pg_dump -Fc)",
        "en": "The backup file to write (SQLite: a .db file; PostgreSQL: pg_dump -Fc format)",
    },
    "cli_restore": {
        "vi": "Khôi phục cơ sở dữ liệu từ một tệp sao lưu (hãy dừng dịch vụ trước).",
        "en": "Restore the database from a backup file (stop the service first).",
    },
    "cli_restore_file": {"vi": "Tệp sao lưu", "en": "The backup file"},
    "cli_status": {
        "vi": "Tình trạng dịch vụ: lần quét gần nhất, hàng đợi, các kênh, người chưa liên kết, "
        "đề nghị gia hạn chờ duyệt. Mã thoát khác 0 khi có vấn đề.",
        "en": "How the service is doing: last sweep, queue, channels, unlinked people, "
        "pending extensions. A non-zero exit code when something is wrong.",
    },
    "cli_status_json": {"vi": "In ra dạng JSON", "en": "Print JSON"},
    "status_ok": {"vi": "Tình trạng: BÌNH THƯỜNG", "en": "Status: HEALTHY"},
    "status_unhealthy": {"vi": "Tình trạng: CÓ VẤN ĐỀ", "en": "Status: UNHEALTHY"},
    "status_worker": {"vi": "Tiến trình: {worker}", "en": "Process: {worker}"},
    "status_sweep_never": {
        "vi": "Lần quét gần nhất: chưa có",
        "en": "Last sweep: none yet",
    },
    "status_sweep": {
        "vi": "Lần quét gần nhất: {at} (cách đây {age} giây): nhận {claimed}, đã gửi {sent}, "
        "lỗi {failed}",
        "en": "Last sweep: {at} ({age} seconds ago): claimed {claimed}, sent {sent}, "
        "failed {failed}",
    },
    "status_queue": {
        "vi": "Hàng đợi nhắc việc: {depth} (đến hạn ngay: {due}, đang xử lý: {claimed})",
        "en": "Nudge queue: {depth} (due now: {due}, being sent: {claimed})",
    },
    "status_no_channels": {
        "vi": "Kênh: chưa có thông tin (dịch vụ chưa chạy?)",
        "en": "Channels: nothing known (is the service running?)",
    },
    "status_channel": {
        "vi": "Kênh {name}: {state}; thành công gần nhất {ok}; bị giới hạn (429): {limited}",
        "en": "Channel {name}: {state}; last success {ok}; rate limited (429): {limited}",
    },
    "status_channel_error": {
        "vi": "; lỗi gần nhất {at}: {error}",
        "en": "; last error {at}: {error}",
    },
    "status_channel_up": {"vi": "hoạt động", "en": "up"},
    "status_channel_failing": {"vi": "đang lỗi", "en": "failing"},
    "status_channel_stopped": {"vi": "đã dừng", "en": "stopped"},
    "status_channel_dark": {
        "vi": "mất kết nối tới nền tảng (tin nhắn được gửi qua kênh khác hoặc thư điện tử)",
        "en": "cannot reach the platform (messages go by another channel or e-mail)",
    },
    "status_channel_token_rejected": {
        "vi": "mã truy cập (token) bị từ chối: kiểm tra lại token rồi khởi động lại dịch vụ",
        "en": "token rejected: check the token, then restart the service",
    },
    "status_unlinked": {
        "vi": "Người chưa liên kết tài khoản chat: {count}",
        "en": "People with no linked chat: {count}",
    },
    "status_pending": {
        "vi": "Đề nghị gia hạn chờ duyệt: {count}",
        "en": "Extension requests waiting: {count}",
    },
    "status_problem": {"vi": "⚠ {text}", "en": "⚠ {text}"},
    "status_problem_database": {
        "vi": "không kết nối được cơ sở dữ liệu",
        "en": "the database does not answer",
    },
    "status_problem_no_sweep": {
        "vi": "dịch vụ chưa quét lần nào",
        "en": "the service has not swept yet",
    },
    "status_problem_sweep_stale": {
        "vi": "lần quét gần nhất đã quá lâu: dịch vụ có thể đã dừng hoặc bị treo",
        "en": "the last sweep is too old: the service may have stopped or hung",
    },
    "status_problem_not_running": {
        "vi": "dịch vụ không chạy (nhacviec run)",
        "en": "the service is not running (nhacviec run)",
    },
    "status_problem_channel_failing": {
        "vi": "kênh {channel} đang lỗi",
        "en": "channel {channel} is failing",
    },
    "status_problem_channel_dark": {
        "vi": "kênh {channel} mất kết nối tới nền tảng",
        "en": "channel {channel} cannot reach its platform",
    },
    "status_problem_channel_token_rejected": {
        "vi": "kênh {channel}: token bị từ chối",
        "en": "channel {channel}: token rejected",
    },
    "status_problem_channel_stopped": {
        "vi": "kênh {channel} đã dừng",
        "en": "channel {channel} has stopped",
    },
    "cli_restore_replace": {
        "vi": "Ghi đè cơ sở dữ liệu đích dù nó đã có dữ liệu",
        "en": "Overwrite the target database even when it holds data",
    },
    "cli_init": {
        "vi": "Tạo hoặc nâng cấp cơ sở dữ liệu (Alembic).",
        "en": "Create or upgrade the database (Alembic).",
    },
    "cli_import_agencies": {
        "vi": "Khai báo các cơ quan và các nhóm cơ quan mà kế hoạch có thể ghi.",
        "en": "Declare agencies and the collectives a plan may name.",
    },
    "cli_agency_files": {
        "vi": "bảng name,short_code,kind,parent và/hoặc group_label,member,member_type",
        "en": "name,short_code,kind,parent and/or group_label,member,member_type tables",
    },
    "cli_import_plan": {
        "vi": "Nhập kế hoạch từ CSV hoặc XLSX: nhập tất cả, hoặc không nhập gì.",
        "en": "Import a plan from CSV or XLSX, all or nothing.",
    },
    "cli_year": {
        "vi": "Năm kế hoạch (mặc định: theo các hạn)",
        "en": "Plan year (default: from the deadlines)",
    },
    "cli_import_people": {
        "vi": "Nhập danh sách người dùng (full_name,title,agency,role[,phone]).",
        "en": "Import the directory of people (full_name,title,agency,role[,phone]).",
    },
    "cli_invite": {
        "vi": "In lời mời dùng một lần: liên kết Telegram và mã mời.",
        "en": "Print a one-time invite: a Telegram deep link and the bare code.",
    },
    "cli_invite_person": {
        "vi": "Họ tên (có dấu hoặc không) hoặc mã số",
        "en": "Full name (accents optional) or id",
    },
    "cli_invite_agency": {
        "vi": "Tên hoặc mã viết tắt của cơ quan",
        "en": "Agency name or short code",
    },
    "cli_schedule": {
        "vi": "Xem trước các lời nhắc sẽ gửi, mỗi lời nhắc một dòng, theo thời gian.",
        "en": "Preview the nudges the policy plans, one line each, by time.",
    },
    "cli_from": {
        "vi": "Ngày đầu, YYYY-MM-DD (mặc định: hôm nay)",
        "en": "First day, YYYY-MM-DD (default: today)",
    },
    "cli_to": {
        "vi": "Ngày cuối, YYYY-MM-DD (mặc định: sau 30 ngày)",
        "en": "Last day, YYYY-MM-DD (default: +30 days)",
    },
    "cli_schedule_format": {"vi": "text hoặc tsv", "en": "text or tsv"},
    "cli_report": {
        "vi": "Báo cáo cho cơ quan điều phối: bản tổng hợp dạng văn bản, CSV mỗi dòng một phân "
        "công, hoặc XLSX.",
        "en": "The coordinators' report: summary text, one CSV row per assignment, or XLSX.",
    },
    "cli_report_format": {
        "vi": "text, csv, xlsx hoặc docx (dự thảo báo cáo theo Nghị định 30/2020/NĐ-CP)",
        "en": "text, csv, xlsx or docx (a report draft in the Decree 30/2020 layout)",
    },
    "cli_report_issuer": {
        "vi": "cơ quan ban hành in trên báo cáo docx, ví dụ «Sở Nội vụ» (bỏ trống: để điền)",
        "en": "the issuing body printed on the docx report (empty: left to fill in)",
    },
    "cli_report_out": {
        "vi": "Ghi vào TỆP (xlsx: mặc định một tệp đặt tên theo ngày)",
        "en": "Write to FILE (xlsx: default a file named by the date)",
    },
    "cli_run": {
        "vi": "Chạy dịch vụ: các kênh chat và bộ lập lịch (kênh console khi không có token chat).",
        "en": "Run the service: chat channels + scheduler (the console without a chat token).",
    },
    "cli_sample": {
        "vi": "Nạp kế hoạch mẫu vào cơ sở dữ liệu còn trống trước",
        "en": "Load the sample plan into an empty store first",
    },
    "cli_demo": {
        "vi": "Bản trình diễn trọn vẹn trên một cơ sở dữ liệu SQLite tạm với kế hoạch mẫu.",
        "en": "A self-contained demo on a temporary SQLite database with the sample plan.",
    },
    "cli_fast": {"vi": "Không dừng: chỉ vài giây", "en": "No pauses: a few seconds"},
    "cli_demo_out": {
        "vi": "Thư mục lưu biểu đồ và báo cáo XLSX",
        "en": "Folder for the chart and the XLSX report",
    },
    # the demo's narration; weekday_{date.weekday()}
    "demo_title": {
        "vi": "=== nhacviec demo: Kế hoạch CCHC 2024 (mẫu Kon Tum), đồng hồ mô phỏng ===",
        "en": "=== nhacviec demo: the 2024 CCHC plan (Kon Tum sample), simulated clock ===",
    },
    "demo_day": {"vi": "--- {weekday} {day}, 07:30 ---", "en": "--- {weekday} {day}, 07:30 ---"},
    "demo_pressed": {"vi": "[bấm: {label}]", "en": "[pressed: {label}]"},
    "demo_end": {
        "vi": "=== Cuối đợt: cơ quan điều phối hỏi tổng hợp ===",
        "en": "=== At the end: the coordinators ask for the summary ===",
    },
    "demo_files": {
        "vi": "📈 Biểu đồ: {chart}\n📊 Báo cáo XLSX: {report}",
        "en": "📈 Chart: {chart}\n📊 XLSX report: {report}",
    },
    "weekday_0": {"vi": "Thứ Hai", "en": "Monday"},
    "weekday_1": {"vi": "Thứ Ba", "en": "Tuesday"},
    "weekday_2": {"vi": "Thứ Tư", "en": "Wednesday"},
    "weekday_3": {"vi": "Thứ Năm", "en": "Thursday"},
    "weekday_4": {"vi": "Thứ Sáu", "en": "Friday"},
    "weekday_5": {"vi": "Thứ Bảy", "en": "Saturday"},
    "weekday_6": {"vi": "Chủ Nhật", "en": "Sunday"},
}
