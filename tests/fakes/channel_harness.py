"""What the channel tests hand a channel: an injected clock, and a handler that records."""

from __future__ import annotations

import asyncio

from bot.channels.base import Incoming


class Clock:
    """Injected monotonic clock and sleep: a sleep moves the clock and yields briefly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0.005)


class Inbox:
    """The conversation's handler: records what it stored; ``fail`` makes the next calls raise."""

    def __init__(self) -> None:
        self.items: list[Incoming] = []
        self.calls: list[str] = []  # update keys, failed attempts included
        self.fail = 0
        self.failing: dict[str, int] = {}  # update key → failures still to come
        self.gate: asyncio.Event | None = None

    async def __call__(self, incoming: Incoming) -> None:
        self.calls.append(incoming.update_key)
        if self.gate is not None:
            await self.gate.wait()
        if self.fail or self.failing.get(incoming.update_key):
            if self.fail:
                self.fail -= 1
            else:
                self.failing[incoming.update_key] -= 1
            raise RuntimeError("database is down")
        self.items.append(incoming)

    async def next(self, count: int = 1) -> Incoming:
        await eventually(lambda: len(self.items) >= count)
        return self.items[count - 1]


async def eventually(predicate, timeout: float = 3.0) -> None:  # noqa: ASYNC109
    async with asyncio.timeout(timeout):
        while not predicate():  # noqa: ASYNC110 - state that other tasks change
            await asyncio.sleep(0.01)
