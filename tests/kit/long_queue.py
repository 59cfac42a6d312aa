"""A long queue to one chat, stopped by SIGTERM: the scenario of ``tests/test_sigterm_queue.py``
and ``bench/sigterm.py``.

``tasks`` tasks led by Sở Nội vụ, all due on the simulated clock's first day, and one official
of it linked on Telegram (the fake Bot API): her check-in that morning carries them all, over
many pages, which leave one a second (Telegram's limit per chat). ``nhacviec run`` runs as a
real subprocess; ``stop`` sends SIGTERM once ``pages`` pages are out and times the exit;
``resume`` starts it again until every nudge is sent. Each start's simulated clock goes on
from the first start's (``NHACVIEC_CLOCK_START`` plus the real time since), as real time
would: a nudge released at a stop is due at that instant, not a minute the clock replays.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import sample_store, write_plan_rows
from tests.kit.cli import call_ok, clean_env, start_run

CHAT = 5551
EXTRA = "Nhiệm vụ bổ sung"
OFFICIAL = "Phan Ngọc Phương"  # of Sở Nội vụ in the sample people
CLOCK_START = "2024-01-22T07:40"  # a Monday, before the check-in time


def extra_plan(folder: Path, tasks: int) -> Path:
    rows = (
        [f"{i % 7 + 1}.{100 + i // 7}", i % 7 + 1, f"{EXTRA} {i + 1}", "Sở Nội vụ", "",
         "2024-01-22", "", "Báo cáo"]
        for i in range(tasks)
    )  # fmt: skip
    return write_plan_rows(folder, rows, name="extra.csv")


@dataclass
class Stopped:
    took: float  # seconds from SIGTERM to the process's exit
    returncode: int
    stderr: str
    pages: int  # pages to the chat before the exit


class LongQueue:
    def __init__(self, folder: Path, api: FakeTelegramAPI, tasks: int = 300) -> None:
        self.folder, self.api, self.tasks = folder, api, tasks
        self.db_path = folder / "nhacviec.db"
        self.env = clean_env() | {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "NHACVIEC_CLOCK_START": CLOCK_START,
            "NHACVIEC_SWEEP_SECONDS": "1",
            "NHACVIEC_LOG_FILE": str(folder / "run.log"),
        }
        self.person_id: int | None = None
        self._first_start: float | None = None

    async def _start(self):
        """``nhacviec run``, its simulated clock where the first start's is now."""
        if self._first_start is None:
            self._first_start = time.monotonic()
        later = timedelta(seconds=int(time.monotonic() - self._first_start) + 1)
        start = (datetime.fromisoformat(CLOCK_START) + later).isoformat()
        return await start_run(self.folder, self.env | {"NHACVIEC_CLOCK_START": start})

    async def prepare(self) -> None:
        """The store (sample plus the extra tasks) and the official's invite, used by the
        first ``start``."""
        plan = extra_plan(self.folder, self.tasks)
        await sample_store(f"sqlite+aiosqlite:///{self.db_path}", plan)
        out = await call_ok(self.folder, self.env, "invite", OFFICIAL)
        self._code = out.split("?start=", 1)[1].split()[0]

    def ours(self, call) -> bool:
        return call.method == "sendMessage" and str(call.params.get("chat_id")) == str(CHAT)

    def texts(self) -> list[str]:
        """Every message the chat got, the welcome included."""
        return [str(c.params.get("text", "")) for c in self.api.calls if self.ours(c)]

    async def stop(self, pages: int = 3, hang_guard: float = 30) -> Stopped:
        """Start ``nhacviec run`` (linking the chat the first time), SIGTERM once ``pages``
        more pages reached the chat, and wait for the exit."""
        process = await self._start()
        try:
            await self.api.wait_for("setMyCommands", timeout=30, since=len(self.api.calls))
            if self.person_id is None:
                self.api.push_command(CHAT, f"/start {self._code}")
                await self.api.wait_for(self.ours, timeout=30)
                with sqlite3.connect(self.db_path) as conn:
                    [(self.person_id,)] = conn.execute(
                        "select person_id from chat_links where chat_id = ?", (str(CHAT),)
                    ).fetchall()
            since = len(self.api.calls)
            for _ in range(pages):  # pages out: the round is under way
                await self.api.wait_for(self.ours, timeout=30, since=len(self.api.calls))
            signalled = time.monotonic()
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), hang_guard)
            took = time.monotonic() - signalled
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        stderr = (await process.stderr.read()).decode() if process.stderr else ""
        assert process.returncode is not None
        count = sum(1 for c in self.api.calls[since:] if self.ours(c))
        return Stopped(took, process.returncode, stderr, count)

    async def resume(self, within: float = 120) -> float:
        """``nhacviec run`` again until no nudge of the queue is left unsent, then SIGTERM;
        the seconds from the start to the first page (the released nudges due at once)."""
        process = await self._start()
        try:
            started = time.monotonic()
            await self.api.wait_for(self.ours, timeout=30, since=len(self.api.calls))
            first = time.monotonic() - started
            for _ in range(int(within * 10)):
                if all(state == "sent" for state, *_ in self.states()):
                    break
                await asyncio.sleep(0.1)  # polled: the subprocess sends at its own pace
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), 30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
        return first

    def states(self) -> list[tuple]:
        """(state, claimed_by, attempts, message_id) of the queue's nudges."""
        with sqlite3.connect(self.db_path) as conn:
            return conn.execute(
                "select n.state, n.claimed_by, n.attempts, n.message_id from nudges n"
                " join assignments a on a.id = n.assignment_id join tasks t on t.id = a.task_id"
                " where n.person_id = ? and t.title like ? and n.kind = 'due'",
                (self.person_id, f"{EXTRA}%"),
            ).fetchall()

    def mentions(self) -> dict[int, int]:
        """How many messages to the chat named each extra task (by its number)."""
        named = re.compile(rf"{EXTRA} (\d+)\b")
        counts: dict[int, int] = {}
        for text in self.texts():
            for number in {int(n) for n in named.findall(text)}:
                counts[number] = counts.get(number, 0) + 1
        return counts
