"""SIGTERM with a long queue to one chat: ``nhacviec run`` stops and frees what it claimed.

Hundreds of nudges due at once to one official make one check-in of many pages, which go
out one a second (the per-chat limit), so a round takes tens of seconds. SIGTERM in the
middle must not wait for it: the process exits after the page in flight, and the nudges
it had claimed but not sent are due again at once (not held for the five-minute lease,
not counted as a try). The exit time is printed; the five-second figure is checked in
``bench/``, here only a hang guard.
"""

from __future__ import annotations

import asyncio
import csv
import signal
import sqlite3
import sys
import time
from pathlib import Path

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import HEADER, sample_store
from tests.kit.cli import call_ok as command
from tests.kit.cli import clean_env, start_run

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))
CHAT = 5551
EXTRA = "Nhiệm vụ bổ sung"
TASKS = 300
HANG_GUARD = 30  # seconds


def extra_plan(folder: Path, tasks: int) -> Path:
    """``tasks`` tasks led by the official's agency, all due on the clock's first day: her
    check-in that morning carries them all, over many pages."""
    path = folder / "extra.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER.split(","))
        for i in range(tasks):
            writer.writerow([f"{i % 7 + 1}.{100 + i // 7}", i % 7 + 1, f"{EXTRA} {i + 1}",
                             "Sở Nội vụ", "", "2024-01-22", "", "Báo cáo"])  # fmt: skip
    return path


def mine(db: Path, person_id: int) -> list[tuple]:
    """The rows of the extra tasks' nudges due on the first day (the others are later)."""
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select n.state, n.claimed_by, n.attempts, n.message_id from nudges n"
            " join assignments a on a.id = n.assignment_id join tasks t on t.id = a.task_id"
            " where n.person_id = ? and t.title like ? and n.kind = 'due'",
            (person_id, f"{EXTRA}%"),
        ).fetchall()


async def test_sigterm_with_a_long_queue_to_one_chat_exits_and_frees_the_claims(tmp_path):
    async with FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api:
        env = clean_env()
        env |= {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "NHACVIEC_CLOCK_START": "2024-01-22T07:40",
            "NHACVIEC_SWEEP_SECONDS": "1",
            "NHACVIEC_LOG_FILE": str(tmp_path / "run.log"),
        }
        db_path = tmp_path / "nhacviec.db"
        await sample_store(f"sqlite+aiosqlite:///{db_path}", extra_plan(tmp_path, TASKS))
        out = await command(tmp_path, env, "invite", "Phan Ngọc Phương")
        code = out.split("?start=", 1)[1].split()[0]
        process = await start_run(tmp_path, env)
        try:
            await api.wait_for("setMyCommands", timeout=30)
            api.push_command(CHAT, f"/start {code}")
            await api.wait_for(lambda c: c.method == "sendMessage", timeout=30)
            with sqlite3.connect(db_path) as conn:
                [(person_id,)] = conn.execute(
                    "select person_id from chat_links where chat_id = ?", (str(CHAT),)
                ).fetchall()
            since = len(api.calls)

            def ours(call) -> bool:
                return (
                    call.method == "sendMessage"
                    and str(call.params.get("chat_id")) == str(CHAT)
                    and api.calls.index(call) >= since
                )

            for _ in range(3):  # three pages out: the round is under way
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
    states = mine(db_path, person_id)
    queued = len(states)
    assert queued == TASKS
    print(f"\nSIGTERM to exit: {took:.2f} s; {len(sent_to_chat)} of {queued} sent before it")
    assert len(states) == queued
    assert not [s for s in states if s[0] == "claimed"]  # nothing held for the lease
    released = [s for s in states if s[0] == "planned"]
    assert released, "the whole queue went out: the stop waited for the round"
    assert all(claimed_by is None and attempts == 0 for _, claimed_by, attempts, _m in released)
    # Every page that went out is recorded with its nudges (none to be sent twice).
    pages = {m for state, _c, _a, m in states if state == "sent"}
    assert len(pages) == len(sent_to_chat) and len(pages) >= 3
