"""Event-loop stalls during a sweep, a report and a burst of replies (issue 16, point 4).

What ``nhacviec run`` runs (``bot.app.builder.build_service``: the real TelegramChannel,
dispatcher, delivery, digests) on a fresh SQLite store: the sample agencies, people and
plan, ``--tasks`` more tasks led by "Các sở, ban, ngành" (20 assignments each), and
``--chats`` linked officials, each with one nudge due. The fake Bot API runs in this
process with Telegram's limits, the channel's limiter as shipped (its handlers are
short; they count in both phases).

asyncio's debug mode reports every callback that holds the loop longer than
``slow_callback_duration`` (``--threshold``, 0.1 s). Two phases of ``--seconds`` each,
one after the other in the same run:

- **idle**: the service runs with nothing due: a sweep round every second, the poll
  loop, and a coordinator's ``/tonghop`` probe every two seconds;
- **soak**: the same, with the clock moved so that the ``--chats`` nudges are due
  (the first round delivers them), then a burst of ``--replies`` replies at once, and
  the coordinator asking ``/baocao`` (the XLSX) and ``/bieudo`` (the chart) in turn
  every two seconds besides the probe.

Before the phases, the coordinator asks for a report and a chart, twice each, nothing
else asked: the first ones include what their first use costs. Printed per phase: the
stalls over the threshold, the longest, their total, the worst sources, and the probe's
answer time (push → the fake recording the answer; median and worst). Target: no stall in
the soak beyond the idle baseline's.

Then one full garbage collection timed at a few moments of the same run (it holds the
loop the whole time): the start-up heap before ``open`` freezes it and after; after each
phase once the service is quiet, as the collector left the heap (each of its passes
freezes what survived) and with nothing frozen (every object walked, as before); and with
``--heap`` more long-lived objects (a cache of a merged province's 300,000 assignments,
two tracked objects each), walked and then frozen.

    .venv/bin/python -m bench.stalls [--seconds 20] [--chats 200] [--replies 600]
        [--tasks 300] [--threshold 0.1] [--heap 300000] [--no-debug]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import logging
import os
import re
import statistics
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.app.builder import build_service, limiter_for
from bot.channels.telegram import TelegramChannel
from scheduler.clock import ManualClock
from storage.enums import Channel, Role
from storage.models import ChatLink, Nudge, Person
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import load_plan, write_plan_rows

from .replies import NOW, SETTINGS, messages, replies_world

COORDINATOR_CHAT = 99
COLLECTIVE = "Các sở, ban, ngành"


class Stalls(logging.Handler):
    """Collects asyncio's "Executing <handle> took N seconds" warnings, per phase."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.phase = "setup"
        self.seen: dict[str, list[tuple[float, str]]] = {}

    def emit(self, record: logging.LogRecord) -> None:
        if not (isinstance(record.msg, str) and record.msg.startswith("Executing ")):
            return
        handle, seconds = record.args if isinstance(record.args, tuple) else ("?", 0.0)
        self.seen.setdefault(self.phase, []).append((float(seconds), source(str(handle))))


def source(handle: str) -> str:
    """A stall's origin, short: the coroutine a task runs, or the callback's name."""
    found = re.search(r"coro=<([\w.<>]+)\(\)?.*? (?:running|done)? ?(?:at ([^:>]+):(\d+))?", handle)
    if found:
        where = f" {Path(found.group(2)).name}:{found.group(3)}" if found.group(2) else ""
        return f"{found.group(1)}{where}"
    found = re.search(r"<(?:Handle|TimerHandle) ([\w.<>]+)", handle)
    return found.group(1) if found else handle[:80]


def extra_plan(folder: Path, tasks: int) -> Path:
    def row(i: int) -> list[object]:
        deadline = date(2024, 1, 15) + timedelta(days=i * 300 // max(tasks, 1))
        return [f"{i % 7 + 1}.{100 + i // 7}", i % 7 + 1, f"Nhiệm vụ bổ sung {i + 1}", COLLECTIVE,
                "", deadline.isoformat(), "", "Báo cáo"]  # fmt: skip

    return write_plan_rows(folder, map(row, range(tasks)), name="extra.csv")


async def world(folder: Path, chats: int, tasks: int):
    db, officials = await replies_world(folder, chats)
    if tasks:
        await load_plan(db, extra_plan(folder, tasks))
    async with db.unit_of_work() as session:
        coordinator = await session.scalar(
            select(Person).where(Person.role == Role.COORDINATOR).limit(1)
        )
        assert coordinator is not None
        session.add(
            ChatLink(person_id=coordinator.id, channel=Channel.TELEGRAM,
                     chat_id=str(COORDINATOR_CHAT), linked_at=NOW, last_active_at=NOW)
        )  # fmt: skip
    return db, officials


class Lag:
    """The loop's own lateness, seen from a task that asks to wake every ``tick``: each
    wake-up later than ``threshold`` is a stall, debug mode or not (debug mode's
    bookkeeping, a traceback for every future and handle, costs the loop too)."""

    def __init__(self, stalls: Stalls, threshold: float, tick: float = 0.01) -> None:
        self.stalls, self.threshold, self.tick = stalls, threshold, tick
        self.seen: dict[str, list[float]] = {}

    async def run(self) -> None:
        while True:
            asked = time.perf_counter()
            await asyncio.sleep(self.tick)
            late = time.perf_counter() - asked - self.tick
            if late > self.threshold:
                self.seen.setdefault(self.stalls.phase, []).append(late)


class Collections:
    """The garbage collector's passes, per phase and generation: a pass holds the loop
    the whole time, so one over the threshold is a stall of its own (named so here)."""

    def __init__(self, stalls: Stalls, threshold: float) -> None:
        self.stalls, self.threshold = stalls, threshold
        self.passes: dict[tuple[str, int], list[float]] = {}
        self._started = 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, event: str, info: dict) -> None:
        if event == "start":
            self._started = time.perf_counter()
            return
        took = time.perf_counter() - self._started
        self.passes.setdefault((self.stalls.phase, info["generation"]), []).append(took)

    def line(self, phase: str) -> str:
        parts = []
        for generation in (0, 1, 2):
            took = self.passes.get((phase, generation), [])
            over = sum(1 for s in took if s > self.threshold)
            parts.append(f"gen {generation}: {len(took)} passes, longest "
                         f"{max(took, default=0.0) * 1000:.0f} ms, {over} over")  # fmt: skip
        return f"{phase:>5}  gc  " + "; ".join(parts)

    def close(self) -> None:
        gc.callbacks.remove(self._seen)


class Passes:
    """One full collection timed at chosen moments: (label, seconds, objects walked)."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, float, int]] = []

    def time(self, label: str) -> None:
        walked = len(gc.get_objects())  # the tracked objects not frozen: what a pass walks
        started = time.perf_counter()
        gc.collect(2)
        self.seen.append((label, time.perf_counter() - started, walked))

    def unfrozen(self, label: str) -> None:
        """The same heap with nothing frozen (as before ``heap``), then frozen again."""
        gc.unfreeze()
        self.time(label)
        gc.freeze()

    def lines(self) -> list[str]:
        return [f"  {label:<58} {took * 1000:6.0f} ms over {walked:9,d} objects"
                for label, took, walked in self.seen]  # fmt: skip


class Task:
    """One assignment of ``--heap`` as a cache would hold it (two tracked objects)."""

    def __init__(self, n: int) -> None:
        self.code = f"{n % 7 + 1}.{n // 300}@{n % 300}"
        self.deadline = date(2024, 1 + n % 12, 1)
        self.people = [n % 12_000, (n + 1) % 12_000]
        self.state = {"status": "in_progress", "percent": n % 100}


async def quiet(service, seconds: float = 120.0) -> bool:
    """Until the answers of the burst are out (at most ``seconds``); whether it is quiet."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(service.dispatcher.drain(), seconds)
    return service.quiet()


class Probe:
    """The coordinator's ``/tonghop`` every ``every`` seconds; its answer times."""

    def __init__(self, api: FakeTelegramAPI, every: float = 2.0) -> None:
        self.api, self.every, self.waits = api, every, []

    async def run(self, until: float) -> None:
        while time.perf_counter() < until:
            since, pushed = len(self.api.calls), time.perf_counter()
            self.api.push_command(COORDINATOR_CHAT, "/tonghop")
            await self.api.wait_for(
                lambda c: c.method == "sendMessage" and c.params["chat_id"] == COORDINATOR_CHAT,
                timeout=120,
                since=since,
            )
            self.waits.append(time.perf_counter() - pushed)
            await asyncio.sleep(max(0.0, self.every - (time.perf_counter() - pushed)))


async def rounds(service, until: float) -> None:
    while time.perf_counter() < until:
        started = time.perf_counter()
        await service.reminders.run_round()
        await asyncio.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))


async def ask(api: FakeTelegramAPI, command: str) -> float:
    """The coordinator's ``/baocao`` or ``/bieudo``: seconds until the file is sent."""
    since, pushed = len(api.calls), time.perf_counter()
    api.push_command(COORDINATOR_CHAT, command)
    await api.wait_for(
        lambda c: (
            c.method in ("sendDocument", "sendPhoto") and c.params["chat_id"] == COORDINATOR_CHAT
        ),
        timeout=120,
        since=since,
    )
    return time.perf_counter() - pushed


async def documents(api: FakeTelegramAPI, until: float) -> list[tuple[str, float]]:
    """``/baocao`` and ``/bieudo`` in turn until ``until``: each with its answer time."""
    asked: list[tuple[str, float]] = []
    while time.perf_counter() < until:
        command = ("/baocao", "/bieudo")[len(asked) % 2]
        asked.append((command, await ask(api, command)))
        await asyncio.sleep(2.0)
    return asked


async def burst(api: FakeTelegramAPI, db, officials, count: int) -> None:
    async with db.unit_of_work() as session:
        query = select(ChatLink.chat_id, Nudge.message_id).join(
            Nudge, Nudge.person_id == ChatLink.person_id
        )
        nudge_of = {int(c): int(m) for c, m in (await session.execute(query)).all() if m}
    chats = [(c, code, nudge_of[c]) for c, code in officials if c in nudge_of]
    for n, (chat, text, reply_to) in enumerate(messages(count, chats), start=1):
        push = api.push_command if text.startswith("/") else api.push_message
        push(chat, text, reply_to_message_id=reply_to)
        if n % 5 == 0:  # the fake platform shares the loop: its own work is not a stall
            await asyncio.sleep(0)


def report(phase: str, seconds: float, stalls: list[tuple[float, str]], probe: Probe) -> None:
    longest = max((s for s, _ in stalls), default=0.0)
    total = sum(s for s, _ in stalls)
    waits = probe.waits or [0.0]
    print(
        f"{phase:>5}  {seconds:5.0f} s  stalls {len(stalls):4d}  longest {longest * 1000:7.0f} ms"
        f"  stalled {total:6.2f} s  probe median {statistics.median(waits) * 1000:6.0f} ms"
        f"  worst {max(waits) * 1000:6.0f} ms  ({len(probe.waits)} probes)"
    )
    worst: Counter[str] = Counter()
    longest_of: dict[str, float] = {}
    for seconds_, where in stalls:
        worst[where] += 1
        longest_of[where] = max(longest_of.get(where, 0.0), seconds_)
    for where, count in sorted(worst.items(), key=lambda kv: -longest_of[kv[0]])[:6]:
        print(f"         {count:4d} × up to {longest_of[where] * 1000:6.0f} ms  {where}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--replies", type=int, default=600)
    parser.add_argument("--tasks", type=int, default=300)
    parser.add_argument("--threshold", type=float, default=0.1)
    parser.add_argument("--heap", type=int, default=300_000, help="long-lived objects added")
    parser.add_argument(
        "--no-debug", action="store_true", help="the loop as the service runs it: lag only"
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # the service's own lines are not the figures
    stalls = Stalls()
    logging.getLogger("asyncio").addHandler(stalls)
    logging.getLogger("asyncio").setLevel(logging.WARNING)
    logging.getLogger("asyncio").propagate = False
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as tmp:
        print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs at the start")
        db, officials = await world(Path(tmp), args.chats, args.tasks)
        async with FakeTelegramAPI(max_long_poll=1, per_chat_rate=None) as api:
            loop = asyncio.get_running_loop()
            gate = limiter_for("telegram")  # as shipped: under 30/s, one a second per chat
            channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, limiter=gate)
            clock = ManualClock(NOW - timedelta(days=1))  # idle: nothing due yet
            service = build_service(SETTINGS, db, clock, channels={"telegram": channel})
            passes = Passes()
            gc.collect()  # the garbage of the set-up: the pass below walks what lives
            passes.time("start-up heap, before open (nothing frozen)")
            await service.open()
            opened = time.perf_counter()
            passes.time("after open (the start-up heap frozen)")
            while (await service.reminders.run_round()).claimed:  # what the plan made due
                pass  # before the idle day is swept first, not timed: idle means idle
            # The first report and chart, nothing else asked: the worker's start (with the
            # service, or by the first report before) and its libraries' import show here.
            after_open = time.perf_counter() - opened
            first = [(c, await ask(api, c)) for c in ("/baocao", "/bieudo") * 2]
            loop.set_debug(not args.no_debug)
            loop.slow_callback_duration = args.threshold
            lag = Lag(stalls, args.threshold)
            collections = Collections(stalls, args.threshold)
            ticking = asyncio.create_task(lag.run())

            stalls.phase, idle = "idle", Probe(api)
            until = time.perf_counter() + args.seconds
            await asyncio.gather(idle.run(until), rounds(service, until))
            stalls.phase = "timed"  # the timed passes below are no phase's stall
            passes.time("after the idle phase, as the collector left the heap")
            passes.unfrozen("the same heap, nothing frozen")
            await asyncio.sleep(0.1)  # the lag and debug mode see them in this phase

            chats = {chat for chat, _ in officials}
            stalls.phase, soak = "soak", Probe(api)
            clock.set(NOW)
            until = time.perf_counter() + args.seconds
            sweeping = asyncio.create_task(rounds(service, until))
            probing = asyncio.create_task(soak.run(until))
            asking = asyncio.create_task(documents(api, until))
            await api.wait_for(  # the first nudges are out: the replies can answer them
                lambda c: c.method == "sendMessage" and c.params["chat_id"] in chats,
                timeout=120,
                since=len(api.calls),
            )
            await asyncio.sleep(1.0)
            await burst(api, db, officials, args.replies)
            asked = (await asyncio.gather(sweeping, probing, asking))[2]
            stalls.phase = "after"
            collections.close()
            ticking.cancel()
            loop.set_debug(False)
            calm = "quiet" if await quiet(service) else "not quiet after 120 s"
            passes.time(f"after the soak, {calm}, as the collector left the heap")
            passes.unfrozen("the same heap, nothing frozen")
            kept = [Task(n) for n in range(args.heap)]  # noqa: F841 (alive while timed)
            passes.time(f"with {args.heap:,d} assignments cached (--heap), not yet frozen")
            gc.freeze()  # as a collector's pass leaves them
            passes.time("the same, frozen (the next pass)")
            await service.close(5)
        await db.dispose()
    print(f"load average {os.getloadavg()[0]:.2f} at the end; threshold "
          f"{args.threshold * 1000:.0f} ms; soak: {args.chats} nudges, {args.replies} replies, "
          f"{len(asked)} reports and charts")  # fmt: skip
    print(f"before the phases, {after_open:.1f} s after open, nothing else asked: "
          + ", ".join(f"{command} {took:.1f} s" for command, took in first))  # fmt: skip
    print("soak: reports and charts, answer times in the order asked: "
          + ", ".join(f"{command} {took:.1f} s" for command, took in asked))  # fmt: skip
    if not args.no_debug:
        print("asyncio debug mode, callbacks over the threshold:")
        report("idle", args.seconds, stalls.seen.get("idle", []), idle)
        report("soak", args.seconds, stalls.seen.get("soak", []), soak)
    print("the loop's lag (a wake-up later than the threshold)"
          + (", under debug mode:" if not args.no_debug else ", debug mode off:"))  # fmt: skip
    for phase, probe in (("idle", idle), ("soak", soak)):
        late = lag.seen.get(phase, [])
        longest, waits = max(late, default=0.0), probe.waits or [0.0]
        print(f"{phase:>5}  lags {len(late):4d}  longest {longest * 1000:7.0f} ms"
              f"  probe median {statistics.median(waits) * 1000:6.0f} ms"
              f"  worst {max(waits) * 1000:6.0f} ms")  # fmt: skip
    print("the garbage collector's passes (over: longer than the threshold):")
    for phase in ("idle", "soak"):
        print(collections.line(phase))
    print("one full collection, timed (it holds the loop the whole time):")
    print("\n".join(passes.lines()))


if __name__ == "__main__":
    asyncio.run(main())
