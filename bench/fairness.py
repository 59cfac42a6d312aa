"""An official's answer latency while another chat floods, next to no flood (issue 17, point 1).

One fresh SQLite store (the test kit's agencies, people and two tasks of Sở Tư pháp), the
service ``nhacviec run`` builds (``bot.app.builder.build_service``) over the real
TelegramChannel as shipped (its limiter: 29/s, 1/s per chat) against the fake Bot API with
Telegram's limits on the real clock. The official sends ``/viec`` ``--asks`` times, one at a
time, each after the last answer; latency is push → the fake recording the answer.

Rows, in the same run: ``no flood``; ``stranger flood`` (an unlinked chat sends ``--flood``
messages at once just before); ``linked flood`` (a linked official of another agency sends
``--flood`` ``/viec`` at once); ``reports`` (a coordinator asks ``/baocao`` 20 times). Before
issue 17 a 300-message stranger flood kept ``/viec`` unanswered past 60 s, twenty reports
delayed it by 18 s. Target: p99 within a few seconds of ``no flood``.

    .venv/bin/python -m bench.fairness [--flood 300] [--asks 10]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.app.builder import build_service
from bot.app.settings import Settings
from bot.channels.telegram import TelegramChannel
from scheduler.clock import ManualClock
from storage.db import Database
from storage.enums import Channel
from storage.migrate import upgrade
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import World, local, two_tasks_and_an_invite

OFFICIAL, STRANGER, FLOODER, COORDINATOR = 1, 2, 3, 4


async def ask(api, chat: int) -> float:
    before = len(api.sent_messages(chat))
    start = time.perf_counter()
    api.push_command(chat, "/viec")
    await api.wait_for(lambda c: len(api.sent_messages(chat)) > before, timeout=300)
    return time.perf_counter() - start


async def scenario(name: str, flood: int, asks: int) -> list[float]:
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}")
        await upgrade(db.engine)
        await two_tasks_and_an_invite(db, Path(folder))
        world = World(db)
        await world.link(await world.person("official", "stp"), OFFICIAL, Channel.TELEGRAM)
        await world.link(await world.person("official", "snv"), FLOODER, Channel.TELEGRAM)
        await world.link(await world.person("coordinator"), COORDINATOR, Channel.TELEGRAM)
        async with FakeTelegramAPI(max_long_poll=0.2) as api:
            channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1)
            clock = ManualClock(local(2024, 3, 6, 10, 0))
            service = build_service(Settings(), db, clock, channels={"telegram": channel})
            await service.open()
            try:
                if name == "stranger flood":
                    for n in range(flood):
                        api.push_message(STRANGER, f"spam {n}")
                elif name == "linked flood":
                    for _ in range(flood):
                        api.push_command(FLOODER, "/viec")
                elif name == "reports":
                    for _ in range(20):
                        api.push_command(COORDINATOR, "/baocao")
                await asyncio.sleep(0.3)  # the flood is in the bot's hands
                return [await ask(api, OFFICIAL) for _ in range(asks)]
            finally:
                await service.close(drain_seconds=0)
                await db.dispose()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=300)
    parser.add_argument("--asks", type=int, default=10)
    args = parser.parse_args()
    print(f"/viec latency of an official, {args.asks} asks, flood of {args.flood} messages")
    print(f"{'scenario':<16} {'p50 s':>8} {'p99 s':>8} {'max s':>8}")
    base = None
    for name in ("no flood", "stranger flood", "linked flood", "reports"):
        times = await scenario(name, args.flood, args.asks)
        p50, p99 = statistics.median(times), pct(times, 0.99)
        base = base if base is not None else p99
        extra = "" if name == "no flood" else f"   p99 − no flood: {p99 - base:+.2f} s"
        print(f"{name:<16} {p50:>8.3f} {p99:>8.3f} {max(times):>8.3f}{extra}")


if __name__ == "__main__":
    asyncio.run(main())
