"""The console script, run as a subprocess in a temporary folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.kit import AGENCY_FILES, PEOPLE_FILE, PLAN_FILE
from tests.kit.cli import SCRIPT, run


def tasks_in(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from tasks").fetchone()[0]


@pytest.fixture
def workdir(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    return tmp_path


def test_operator_loads_a_plan_and_its_people_then_invites(workdir):
    result = run(workdir, "import-agencies", *map(str, AGENCY_FILES))
    assert result.returncode == 0, result.stderr
    assert "Cơ quan: thêm 39" in result.stdout and "Nhóm cơ quan: thêm 2" in result.stdout

    dry = run(workdir, "import-plan", str(PLAN_FILE), "--dry-run")
    assert dry.returncode == 0 and "không ghi gì" in dry.stdout and "thêm 75 nhiệm vụ" in dry.stdout
    assert tasks_in(workdir / "nhacviec.db") == 0

    result = run(workdir, "import-plan", str(PLAN_FILE))
    assert result.returncode == 0 and "Kế hoạch năm 2024: thêm 75 nhiệm vụ" in result.stdout
    assert tasks_in(workdir / "nhacviec.db") == 75
    again = run(workdir, "import-plan", str(PLAN_FILE))
    assert "thêm 0 nhiệm vụ, sửa 0, giữ nguyên 75" in again.stdout

    result = run(workdir, "import-people", str(PEOPLE_FILE))
    assert result.returncode == 0 and "Người dùng: thêm 81" in result.stdout

    invite = run(workdir, "invite", "phan ngoc phuong")
    assert invite.returncode == 0, invite.stderr
    assert "Phan Ngọc Phương (Sở Nội vụ)" in invite.stdout
    link = next(line for line in invite.stdout.splitlines() if "https://t.me/" in line)
    code = link.rsplit("start=", 1)[1]
    assert f"/start {code}" in invite.stdout


def test_english_output_when_configured(workdir):
    (workdir / "config.env").write_text("NHACVIEC_LANGUAGE=en\n")
    result = run(workdir, "import-agencies", *map(str, AGENCY_FILES))
    assert "Agencies: 39 added" in result.stdout


def test_a_bad_plan_lists_row_and_column_and_writes_nothing(workdir):
    run(workdir, "import-agencies", *map(str, AGENCY_FILES))
    bad = workdir / "bad.csv"
    lines = PLAN_FILE.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("2024-01-31", "2024-01-32")
    lines += [f"7.{i},7,,Sở Nội vụ,,2024-05-01,,Báo cáo" for i in range(50, 75)]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(workdir, "import-plan", str(bad))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    err = result.stderr.splitlines()
    assert err[0].startswith("Không nhập được bad.csv: 26 lỗi")
    assert err[1] == (
        "Dòng 4, cột deadline: «2024-01-32» không phải ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)"
    )
    assert len(err) == 1 + 20 + 1 and err[-1] == "… và 6 lỗi khác."
    assert tasks_in(workdir / "nhacviec.db") == 0


def test_bad_config_stops_naming_the_key(tmp_path):
    (tmp_path / "config.env").write_text("NHACVIEC_WORK_HOURS=9-5\n")
    result = run(tmp_path, "init")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Cấu hình sai NHACVIEC_WORK_HOURS: '9-5'")
    assert not (tmp_path / "nhacviec.db").exists()


def test_user_errors_exit_1_in_one_line(workdir):
    missing = run(workdir, "import-plan", "no-such-file.csv")
    assert (
        missing.returncode == 1 and missing.stderr.strip() == "Không tìm thấy tệp no-such-file.csv"
    )
    nobody = run(workdir, "invite", "Không Ai Cả")
    assert nobody.returncode == 1 and len(nobody.stderr.strip().splitlines()) == 1


def test_commands_need_an_initialised_database(tmp_path):
    result = run(tmp_path, "import-plan", str(PLAN_FILE))
    assert result.returncode == 1
    assert "nhacviec init" in result.stderr and "Traceback" not in result.stderr


def test_unreachable_database_is_one_line(tmp_path):
    env = {"DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none"}
    result = run(tmp_path, "init", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("Không kết nối được cơ sở dữ liệu")


def test_usage_errors_exit_2(tmp_path):
    assert run(tmp_path, "no-such-command").returncode == 2
    assert run(tmp_path, "import-plan").returncode == 2


def test_python_dash_m_bot_is_the_same_cli(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "import-plan" in result.stdout


def test_run_with_sample_loads_and_shows_the_store(tmp_path):
    result = run(tmp_path, "run", "--sample")
    assert result.returncode == 0, result.stderr
    assert "39 cơ quan, 81 người, 1 kế hoạch, 75 nhiệm vụ" in result.stdout


def test_schedule_preview_as_tsv(tmp_path):
    assert run(tmp_path, "run", "--sample").returncode == 0
    result = run(
        tmp_path, "schedule", "--from", "2024-03-09", "--to", "2024-03-20", "--format", "tsv"
    )
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header == "local_time\tkind\tassignment\tperson"
    cells = [row.split("\t") for row in rows]
    assert all(len(c) == 4 for c in cells)
    # 1.9 (Sở Nội vụ, quarterly on the 20th of the quarter's last month): Q1 is due
    # Wed 20 Mar; before:7 is Mon 11 Mar, before:3 Fri 15 Mar. Sở Nội vụ has two officials.
    q1 = sorted((c[0], c[1]) for c in cells if c[2] == "1.9#2024-Q1")
    assert q1 == sorted(
        [("2024-03-11 07:30", "before:7")] * 2
        + [("2024-03-15 07:30", "before:3")] * 2
        + [("2024-03-19 07:30", "before:1")] * 2
        + [("2024-03-20 07:30", "due")] * 2
    )
    times = [c[0] for c in cells]
    assert times == sorted(times)
    assert {t[:10] for t in times}.isdisjoint({"2024-03-09", "2024-03-10", "2024-03-16"})


def test_run_opens_the_console_chat(tmp_path):
    first = run(tmp_path, "run", "--sample")
    code = first.stdout.split("/start ", 1)[1].split()[0]
    chat = run(tmp_path, "run", stdin=f"/start {code}\n/viec\n/baocao\n")
    assert chat.returncode == 0, chat.stderr
    assert (
        "Kính chào Anh/Chị Phan Ngọc Phương (Sở Nội vụ)! Tài khoản chat đã được liên kết."
        in chat.stdout
    )
    assert "Nhiệm vụ của Sở Nội vụ đang mở:" in chat.stdout and "• 1.3 — Ban hành" in chat.stdout
    assert "Lệnh /baocao dành cho cơ quan điều phối" in chat.stdout
    assert "Traceback" not in chat.stderr
    # the terminal is the chat: the log went to its file, not between the messages
    assert "Nhật ký hoạt động được ghi vào nhacviec.log" in chat.stdout
    assert " INFO " not in chat.stdout + chat.stderr and "apscheduler" not in chat.stderr
    assert (tmp_path / "nhacviec.log").is_file()


def test_run_from_a_chosen_moment_sends_that_days_nudges(tmp_path):
    env = {"NHACVIEC_CLOCK_START": "2024-03-11T07:40", "NHACVIEC_SWEEP_SECONDS": "1"}
    first = run(tmp_path, "run", "--sample", env=env)
    code = first.stdout.split("/start ", 1)[1].split()[0]
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    process = subprocess.Popen(
        [str(SCRIPT), "run"],
        cwd=tmp_path,
        env=clean | env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        process.stdin.write(f"/start {code}\n")
        process.stdin.flush()
        seen = []
        for line in process.stdout:  # ends when the process does; bounded by the timeout below
            seen.append(line)
            if "1.9#2024-Q1" in "".join(seen[-2:-1]):  # its line, and the deadline's after it
                break
        process.stdin.close()  # the end of console input stops the service
        process.wait(timeout=60)
        err = process.stderr.read()
    finally:
        process.kill()
    text = "".join(seen)
    # Monday 11 Mar 2024: 7 working days before 1.9's Q1 deadline (Wed 20 Mar), said in
    # calendar days counted when sent, in the morning's one check-in.
    assert text.count("📋 Hệ thống") == 1 and "1.9#2024-Q1" in text
    assert "Thời hạn: 20/03/2024 · còn 9 ngày" in text
    assert "Traceback" not in err
    assert "simulated_clock" in (tmp_path / "nhacviec.log").read_text(encoding="utf-8")


def test_report_as_csv_and_xlsx(tmp_path):
    assert run(tmp_path, "run", "--sample").returncode == 0
    csv_out = run(tmp_path, "report", "--format", "csv")
    assert csv_out.returncode == 0, csv_out.stderr
    lines = csv_out.stdout.splitlines()
    assert lines[0] == (
        "assignment,task,title,group,agency,deadline,status,timeliness,percent,"
        "updated_at,updated_by"
    )
    assert len(lines) == 1 + 875
    written = run(tmp_path, "report", "--format", "xlsx", "--out", "bc.xlsx")
    assert written.returncode == 0 and (tmp_path / "bc.xlsx").stat().st_size > 5000
    text = run(tmp_path, "report")
    assert "Toàn kế hoạch: 875 nhiệm vụ" in text.stdout
    assert run(tmp_path, "report", "--format", "pdf").returncode == 2
