"""Two ``nhacviec run`` on one PostgreSQL database behave as one service.

One leads (it alone polls the Bot API, plans and sends); the other stands by. Every
message reaches its chat once, the Bot API never answers 409 (two ``getUpdates`` at
once), and when the leader is killed (SIGKILL: no goodbye, its connection simply drops)
the other takes over within seconds and answers what arrives next. On SQLite a second
``nhacviec run`` is refused at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import Database
from storage.leader import Leadership
from tests.conftest import POSTGRES_URL
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import sample_store
from tests.kit.cli import clean_env, run, start_run
from tests.kit.databases import fresh_postgres

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))
FIRST, SECOND = 5551, 5552
HANG_GUARD = 60  # seconds: each wait is for the service, never a deadline


async def start(cwd: Path, env: dict, log: Path) -> asyncio.subprocess.Process:
    return await start_run(cwd, env | {"NHACVIEC_LOG_FILE": str(log)})


def _read(log: Path) -> str:
    return log.read_text(encoding="utf-8") if log.exists() else ""


async def log_says(log: Path, action: str) -> None:
    for _ in range(HANG_GUARD * 10):
        if f"action={action}" in await asyncio.to_thread(_read, log):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{log.name} never said {action}")


def texts_to(api: FakeTelegramAPI, chat: int) -> list[str]:
    return [
        str(c.params.get("text"))
        for c in api.calls
        if c.method == "sendMessage" and str(c.params.get("chat_id")) == str(chat)
    ]


async def sent_rows(url: str) -> list:
    """(chat, message, nudges) of the nudges recorded as sent."""
    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            query = text(
                "select chat_id, message_id, count(*) from nudges"
                " where state = 'sent' group by chat_id, message_id"
            )
            return list((await conn.execute(query)).all())
    finally:
        await db.dispose()


async def recorded(url: str, chat: int) -> None:
    for _ in range(HANG_GUARD * 10):
        if any(row[0] == str(chat) for row in await sent_rows(url)):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"nothing recorded as sent to {chat}")


async def rounds_after(url: str, rounds: int) -> None:
    """Wait until the service has ended ``rounds`` more sweep rounds (its ``service_state``
    row of the last sweep written anew each time)."""
    seen: set[object] = set()
    query = text("select updated_at from service_state where key = 'sweep'")
    db = Database(url)
    try:
        for _ in range(HANG_GUARD * 20):
            async with db.engine.connect() as conn:
                seen.add((await conn.execute(query)).scalar())
            if len(seen) > rounds:
                return
            await asyncio.sleep(0.05)
    finally:
        await db.dispose()
    raise AssertionError(f"fewer than {rounds} sweep rounds ended")


async def stop(process: asyncio.subprocess.Process) -> None:
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), HANG_GUARD)
        except TimeoutError:
            process.kill()
            await process.wait()


@pytest.mark.skipif(not POSTGRES_URL, reason="NHACVIEC_TEST_POSTGRES_URL is not set")
async def test_two_processes_on_postgresql_one_leads_and_the_other_takes_over(tmp_path):
    async with fresh_postgres("nv_scale") as url, FakeTelegramAPI(max_long_poll=0.5) as api:
        await sample_store(url)
        env = clean_env() | {
            "DATABASE_URL": url,
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "NHACVIEC_CLOCK_START": "2024-01-22T07:40",
            "NHACVIEC_SWEEP_SECONDS": "1",
        }
        codes = []
        for name in ("Phan Ngọc Phương", "Hoàng Thu Hà"):
            invited = run(tmp_path, "invite", name, env=env)
            assert invited.returncode == 0, invited.stderr
            codes.append(invited.stdout.split("?start=", 1)[1].split()[0])

        logs = tmp_path / "a.log", tmp_path / "b.log"
        leader = await start(tmp_path, env, logs[0])
        standby = None
        try:
            await log_says(logs[0], "leader")
            await api.wait_for("setMyCommands", timeout=HANG_GUARD)
            standby = await start(tmp_path, env, logs[1])
            await log_says(logs[1], "standby")

            api.push_command(FIRST, f"/start {codes[0]}")
            await api.wait_for(  # linked, then her check-in
                lambda c: c.method == "sendMessage" and "1.3 — " in str(c.params.get("text")),
                timeout=HANG_GUARD,
            )
            await recorded(url, FIRST)  # (a kill before that is the crash window: sent again)
            leader.kill()  # SIGKILL: the lock goes when PostgreSQL sees the connection drop
            killed = time.monotonic()
            await leader.wait()
            await log_says(logs[1], "leader_took_over")
            took_over = time.monotonic() - killed

            since = len(api.calls)
            api.push_command(SECOND, f"/start {codes[1]}")
            await api.wait_for(
                lambda c: c.method == "sendMessage" and c.params.get("chat_id") == SECOND,
                timeout=HANG_GUARD,
                since=since,
            )
            api.push_command(FIRST, "/capnhat 1.3 dang lam 45%")
            await api.wait_for(
                lambda c: c.method == "sendMessage" and "45%" in str(c.params.get("text")),
                timeout=HANG_GUARD,
                since=since,
            )
            await rounds_after(url, 3)  # a few more rounds: anything doubled would show
        finally:
            if leader.returncode is None:
                leader.kill()
                await leader.wait()
            if standby is not None:
                await stop(standby)
        assert standby.returncode == 0, (await standby.stderr.read()).decode()
        print(f"\ntake-over after SIGKILL: {took_over:.1f} s")

        assert api.status_counts[409] == 0  # never two getUpdates at once
        for chat in (FIRST, SECOND):
            sent = texts_to(api, chat)
            doubled = [text for text, n in Counter(sent).items() if n > 1]
            assert sent and not doubled, doubled
        assert len([t for t in texts_to(api, FIRST) if "45%" in t]) == 1

        rows = await sent_rows(url)
    checkins = [t for t in texts_to(api, FIRST) + texts_to(api, SECOND) if " — " in t]
    assert rows and len(rows) == len(checkins)  # each check-in message recorded once


def test_a_second_run_on_one_sqlite_file_is_refused_at_once(tmp_path):
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}"}
    assert run(tmp_path, "init", env=env).returncode == 0
    lock = os.open(tmp_path / "nhacviec.db.lock", os.O_RDWR | os.O_CREAT)
    try:
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running service holds it
        second = run(tmp_path, "run", env=env)
    finally:
        os.close(lock)
    assert second.returncode == 1
    assert "Một tiến trình nhacviec run khác đang dùng cơ sở dữ liệu SQLite này" in second.stderr


async def test_a_released_lead_is_taken_at_once_by_another_process(db):
    if db.dialect != "postgresql":
        pytest.skip("the lead is a PostgreSQL lock")
    elsewhere = Database(db.url, schema=db.schema)  # another process: its own connections
    stop = asyncio.Event()
    first = Leadership(db, "a:1", every=0.05)
    second = Leadership(elsewhere, "b:2", every=0.05)
    try:
        assert await first.acquire(stop)
        waiting = asyncio.create_task(second.acquire(stop))
        await asyncio.sleep(0.3)
        assert not waiting.done()  # one leader at a time
        await first.release()  # its connection goes back to the pool, not the lock with it
        assert await asyncio.wait_for(waiting, 5)
    finally:
        stop.set()
        await second.release()
        await elsewhere.dispose()
