"""Sending politely, as both chat platforms want it: one send at a time per chat,
spaced by the platform's per-chat interval; and how long a failing loop waits."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any


def backoff(failures: int) -> float:
    """Seconds to wait after ``failures`` (≥ 1) failures in a row: 0.5, 1, 2 … 30."""
    return min(30.0, 0.5 * 2 ** min(max(failures, 1) - 1, 10))


class ChatPacer:
    """Per chat: a lock for one send (all its parts) at a time, and calls spaced at
    least ``interval`` seconds apart (Telegram's ~1/s per chat, which PTB's rate
    limiter does not keep; Zalo publishes none, so the same)."""

    def __init__(
        self,
        interval: float,
        monotonic: Callable[[], float],
        sleep: Callable[[float], Awaitable[Any]],
    ) -> None:
        self._interval, self._monotonic, self._sleep = interval, monotonic, sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    def lock(self, chat_id: str) -> asyncio.Lock:
        return self._locks.setdefault(chat_id, asyncio.Lock())

    async def call(self, chat_id: str, method: Callable[..., Awaitable], /, *args, **kwargs):
        """``method(*args, **kwargs)``, no sooner than ``interval`` after the chat's last call."""
        last = self._last.get(chat_id)
        if last is not None:
            wait = last + self._interval - self._monotonic()
            if wait > 0:
                await self._sleep(wait)
        try:
            return await method(*args, **kwargs)
        finally:
            self._last[chat_id] = self._monotonic()
