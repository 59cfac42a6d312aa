"""``nhacviec run`` as a real process against the fake Bot API: start, nudge, stop, kill -9."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import sample_store
from tests.kit.cli import call_ok as cli
from tests.kit.cli import clean_env, start_run

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))
CHAT = 5551


async def start(cwd: Path, env: dict) -> asyncio.subprocess.Process:
    return await start_run(cwd, env, stdout=asyncio.subprocess.PIPE)


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.fixture
async def setup(tmp_path):
    async with FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api:
        env = clean_env()
        env |= {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "NHACVIEC_CLOCK_START": "2024-01-22T07:40",
            "NHACVIEC_SWEEP_SECONDS": "1",
        }
        # The store is prepared in-process (the import commands have their own tests).
        await sample_store(f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}")
        out = await cli(tmp_path, env, "invite", "Phan Ngọc Phương")
        assert "https://t.me/nhacviec_test_bot?start=" in out  # username from getMe
        code = out.split("?start=", 1)[1].split()[0]
        yield api, env, code, tmp_path


async def test_run_serves_telegram_and_stops_cleanly_on_sigterm(setup):
    api, env, code, cwd = setup
    process = await start(cwd, env)
    try:
        await api.wait_for("setMyCommands", timeout=30)
        api.push_command(CHAT, f"/start {code}")
        await api.wait_for(
            # Mon 22 Jan 2024: 7 working days before 1.3's deadline (Wed 31 Jan).
            lambda c: c.method == "sendMessage" and "1.3 — " in str(c.params.get("text")),
            timeout=30,
        )
        assert {"vi", "en"} <= set(api.commands) or {"", "en"} <= set(api.commands)
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0
    db = cwd / "nhacviec.db"
    assert query(db, "select count(*) from nudges where state = 'claimed'") == [(0,)]
    texts = [m.plain_text for m in api.sent_messages(CHAT)]
    assert texts[0].startswith("Kính chào Anh/Chị Phan Ngọc Phương (Sở Nội vụ)!")


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
async def test_kill_9_at_any_point_processes_each_reply_once(setup, delay):
    api, env, code, cwd = setup
    db = cwd / "nhacviec.db"
    process = await start(cwd, env)
    try:
        await api.wait_for("setMyCommands", timeout=30)
        api.push_command(CHAT, f"/start {code}")
        await api.wait_for(lambda c: c.method == "sendMessage", timeout=30)
        api.push_command(CHAT, "/capnhat 1.3 dang lam 45%")
        await asyncio.sleep(delay)
        process.kill()  # SIGKILL: no clean-up at all
        await process.wait()
    finally:
        if process.returncode is None:
            process.kill()
    again = await start(cwd, env)
    try:
        await api.wait_for(
            lambda c: (
                c.method == "sendMessage" and "đang thực hiện 45%" in str(c.params.get("text"))
            ),
            timeout=30,
        )
        for _ in range(3):  # a few more polls after the answer: nothing happens twice
            await api.wait_for("getUpdates", timeout=30, since=len(api.calls))
        again.send_signal(signal.SIGTERM)
        await asyncio.wait_for(again.wait(), 30)
    finally:
        if again.returncode is None:
            again.kill()
    updates = query(db, "select count(*) from progress_updates where percent = 45")
    assert updates == [(1,)]  # processed exactly once, wherever the kill fell
    # The answer is never lost. A kill between Telegram accepting it and the store
    # noting so sends it again after the restart: Telegram has no idempotent send.
    confirmations = [
        m for m in api.sent_messages(CHAT) if m.plain_text.startswith("Đã ghi nhận 1.3")
    ]
    assert 1 <= len(confirmations) <= 2


async def test_run_with_both_tokens_serves_telegram_and_zalo(setup, tmp_path):
    from tests.fakes.zalo_api import FakeZaloAPI

    api, env, code, cwd = setup
    async with FakeZaloAPI(max_long_poll=0.5) as zalo:
        env = env | {"ZALO_BOT_TOKEN": zalo.token, "ZALO_API_URL": zalo.url}
        process = await start(cwd, env)
        try:
            await api.wait_for("setMyCommands", timeout=30)
            api.push_command(CHAT, f"/start {code}")
            zalo.push_text("z-stranger", "xong")
            await api.wait_for(lambda c: c.method == "sendMessage", timeout=30)
            await zalo.wait_for(lambda c: c.method == "sendMessage", timeout=30)
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
        finally:
            if process.returncode is None:
                process.kill()
        assert process.returncode == 0
        assert api.sent_messages(CHAT)[0].plain_text.startswith(
            "Kính chào Anh/Chị Phan Ngọc Phương"
        )
        assert "chưa được liên kết" in zalo.sent("z-stranger")[0].text
