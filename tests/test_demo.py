"""``nhacviec demo --fast``: the whole product in one command, and what it prints is the store."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from bot.app.demo import run_demo
from bot.app.settings import parse_settings
from bot.outbound.digests import counts_line

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))


async def test_demo_story_and_summary_match_the_store(tmp_path):
    out = io.StringIO()
    total = await run_demo(parse_settings({}), out, fast=True, out_dir=tmp_path)
    text = out.getvalue()
    # The story: linking, nudges, answers in Vietnamese, an extension decided, an escalation
    # handed on by the leader, and the coordinators' summary at the end.
    assert "Tài khoản chat đã được liên kết" in text
    assert "⏰ Nhắc nhiệm vụ" in text and "⚠️ Nhiệm vụ đã quá hạn" in text
    assert "Đã ghi nhận" in text and "đang thực hiện 60%" in text
    assert "Đề nghị gia hạn" in text and "Đã đồng ý gia hạn" in text
    assert "🔺 Kính báo lãnh đạo" in text and "/giao 1.2" in text
    assert "--- Thứ Năm 08/02/2024" not in text  # Tết: no working day, no nudges
    # The printed summary is the store's.
    assert counts_line("vi", "Tổng số", total) in text
    assert total.done_on_time > 0 and total.done_late >= 1 and total.overdue > 0


def test_demo_command_prints_and_saves_chart_and_report(tmp_path):
    result = subprocess.run(
        [SCRIPT, "demo", "--fast", "--out", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    chart = Path(re.search(r"Biểu đồ: (\S+\.png)", result.stdout)[1])
    report = Path(re.search(r"Báo cáo XLSX: (\S+\.xlsx)", result.stdout)[1])
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = load_workbook(report)["Tổng hợp"]
    totals = next(row for row in summary.iter_rows(values_only=True) if row[1] == "Tổng cộng")
    printed = re.search(
        r"Tổng số: (\d+) nhiệm vụ; hoàn thành \d+ \(đúng hạn (\d+), trễ hạn (\d+)\)", result.stdout
    )
    assert [int(x) for x in printed.groups()] == list(totals[2:5])
