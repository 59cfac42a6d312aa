"""SIGTERM with a long queue to one chat: ``nhacviec run`` stops and frees what it claimed.

Forty nudges due at once to one official go out one a second (the per-chat limit), so a
round takes forty seconds. SIGTERM in the middle must not wait for it: the process
exits, and the nudges it had claimed but not sent are due again at once (not held for
the five-minute lease). The exit time is printed; the five-second figure is checked in
``bench/``, here only a hang guard.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
import time
from pathlib import Path

from storage.db import Database
from storage.migrate import upgrade
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import declare_agencies, load_people, load_plan

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))
CHAT = 5551
KIND = "before:9"  # a kind the plan never makes: these rows are the test's own
HANG_GUARD = 30  # seconds


async def command(cwd: Path, env: dict, *args: str) -> str:
    process = await asyncio.create_subprocess_exec(
        SCRIPT, *args, cwd=cwd, env=env, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 0, err.decode()
    return out.decode()


def queue_for(db: Path, person_id: int) -> int:
    """One nudge, due a minute before the service clock's start, for each open assignment
    of the person's agency: each the latest of its pair, so none is skipped as superseded,
    and available before anything the plan made, so the next claim takes them all."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "select a.id, a.deadline from assignments a join people p on p.agency_id = a.agency_id"
            " where p.id = ? and a.deadline is not null and a.withdrawn_at is null"
            " and a.status != 'done'",
            (person_id,),
        ).fetchall()
        due, first = "2024-01-22 00:39:00.000000", "2023-01-01 00:00:00.000000"
        conn.executemany(
            "insert into nudges (assignment_id, person_id, kind, for_deadline, due_at, state,"
            " available_at, attempts, created_at, updated_at)"
            " values (?, ?, ?, ?, ?, 'planned', ?, 0, ?, ?)",
            [(a, person_id, KIND, deadline, due, first, due, due) for a, deadline in rows],
        )
    return len(rows)


def mine(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select state, claimed_by, attempts from nudges where kind = ?", (KIND,)
        ).fetchall()


async def test_sigterm_with_a_long_queue_to_one_chat_exits_and_frees_the_claims(tmp_path):
    async with FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("NHACVIEC_", "TELEGRAM_", "DATABASE_"))
        }
        env |= {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "NHACVIEC_CLOCK_START": "2024-01-22T07:40",
            "NHACVIEC_SWEEP_SECONDS": "1",
            "NHACVIEC_LOG_FILE": str(tmp_path / "run.log"),
        }
        db_path = tmp_path / "nhacviec.db"
        db = Database(f"sqlite+aiosqlite:///{db_path}")
        await upgrade(db.engine)
        await declare_agencies(db)
        await load_plan(db)
        await load_people(db)
        await db.dispose()
        out = await command(tmp_path, env, "invite", "Phan Ngọc Phương")
        code = out.split("?start=", 1)[1].split()[0]
        process = await asyncio.create_subprocess_exec(
            SCRIPT, "run", cwd=tmp_path, env=env, stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE, stdin=asyncio.subprocess.DEVNULL,
        )  # fmt: skip
        try:
            await api.wait_for("setMyCommands", timeout=30)
            api.push_command(CHAT, f"/start {code}")
            await api.wait_for(lambda c: c.method == "sendMessage", timeout=30)
            with sqlite3.connect(db_path) as conn:
                [(person_id,)] = conn.execute(
                    "select person_id from chat_links where chat_id = ?", (str(CHAT),)
                ).fetchall()
            queued = queue_for(db_path, person_id)
            assert queued >= 20

            def ours(call) -> bool:
                return call.method == "sendMessage" and "9 ngày làm việc" in str(
                    call.params.get("text")
                )

            for _ in range(3):  # three of the queue out: the round is under way
                await api.wait_for(ours, timeout=30, since=len(api.calls))
            signalled = time.monotonic()
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), HANG_GUARD)
            took = time.monotonic() - signalled
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        stderr = (await process.stderr.read()).decode() if process.stderr else ""
        assert process.returncode == 0, stderr
        sent_to_chat = [c for c in api.calls if ours(c)]
    states = mine(db_path)
    print(f"\nSIGTERM to exit: {took:.2f} s; {len(sent_to_chat)} of {queued} sent before it")
    assert len(states) == queued
    assert not [s for s in states if s[0] == "claimed"]  # nothing held for the lease
    released = [s for s in states if s[0] == "planned"]
    assert released, "the whole queue went out: the stop waited for the round"
    assert all(claimed_by is None and attempts == 0 for _, claimed_by, attempts in released)
    assert len([s for s in states if s[0] == "sent"]) == len(sent_to_chat)
