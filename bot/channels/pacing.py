"""Sending politely, as the chat platforms want it, and how long a failing loop waits.

``Limiter`` is the one gate every request of a token passes (one per channel, shared
by the sweep, the answers, the digests and the edits): never more than ``rate``
requests in any window of ``window`` seconds (a sliding window, not an average).
A request counts from when it starts until ``window`` after its answer came back,
so however the network delays them, the platform never sees more than ``rate``
arrive in one window. Per chat: one call per ``per_chat_interval`` (counted from
the last answer too), at most ``group_per_minute`` a minute in groups (negative chat
ids), one send (all its parts) at a time. And after a refusal (429), nothing of the
bot for the ``retry_after`` it named. Telegram's 429 does not say which limit was
hit, so the ban is bot-wide (a per-chat ban alone could be the wrong one). Zalo
names no ``retry_after``: the ban doubles with each refusal in a row (1, 2, 4 … 60
s) and each refusal lowers the rate by a quarter, which successes win back slowly:
the rate is measured, not assumed.

Answers first: a request sent ``with answering()`` (the dispatcher's answers to what a
chat sent) takes the token's next free slot before a nudge or digest waiting for it,
once its own chat's interval has passed; someone waits for the reply, a nudge can wait
a second. The nudges are not starved: the dispatcher answers at most 24 chats at once,
each once a second, under the token's 29.

Time is injected (``monotonic``, ``sleep``) so tests decide it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from bot.channels.base import ChannelError
from bot.channels.health import board

log = logging.getLogger("nhacviec.limiter")


_answering: ContextVar[bool] = ContextVar("answering", default=False)


@contextlib.contextmanager
def answering() -> Iterator[None]:
    """The requests made inside are answers: ahead of the others for the token's rate."""
    token = _answering.set(True)
    try:
        yield
    finally:
        _answering.reset(token)


def backoff(failures: int) -> float:
    """Seconds to wait after ``failures`` (≥ 1) failures in a row: 0.5, 1, 2 … 30."""
    return min(30.0, 0.5 * 2 ** min(max(failures, 1) - 1, 10))


class Limiter:
    """One per token. ``call(chat, method, …)`` waits its turn, then calls; a caller
    that would wait out a ban longer than ``max_wait`` gets ``ChannelError("retry")``
    at once, with the ban's rest as ``retry_after``, and nothing is sent."""

    def __init__(
        self,
        rate: float | None = 29,
        per_chat_interval: float = 1.0,
        *,
        monotonic: Callable[[], float],
        sleep: Callable[[float], Awaitable[Any]],
        window: float = 1.0,
        group_per_minute: int = 20,
        max_wait: float = 2.0,
        name: str = "",
    ) -> None:
        self.rate, self.max_rate = rate, rate
        self.per_chat_interval, self.window = per_chat_interval, window
        self.group_per_minute, self.max_wait, self.name = group_per_minute, max_wait, name
        self._monotonic, self._sleep = monotonic, sleep
        self._locks: dict[str, asyncio.Lock] = {}
        self._sent: deque[float] = deque()  # when requests came back, within the window
        self._in_flight = 0
        self._returned = asyncio.Event()
        self._chat_last: dict[str, float] = {}
        self._group_sent: dict[str, deque[float]] = {}
        self._bot_until = 0.0
        self._refusals = 0  # in a row, for bans without a retry_after
        self.refused_count = 0
        self._answers_ready = 0  # answers waiting for the token's rate alone: served first

    def lock(self, chat_id: str) -> asyncio.Lock:
        """Held around one message's parts so that they go out in order."""
        return self._locks.setdefault(chat_id, asyncio.Lock())

    def banned_for(self) -> float:
        """Seconds of the bot-wide ban still to run (0: none)."""
        return max(0.0, self._bot_until - self._monotonic())

    def _shared_wait(self, now: float) -> float | None:
        """Seconds until the token may send again (≤ 0: now); None: when one in flight is
        back."""
        waits = [self._bot_until - now]
        if self.rate is not None:
            while self._sent and self._sent[0] <= now - self.window:
                self._sent.popleft()
            allowed = max(1, math.floor(self.rate))
            over = self._in_flight + len(self._sent) - allowed  # ≥ 0: this many must age out
            if over >= len(self._sent):
                return None
            if over >= 0:
                waits.append(self._sent[over] + self.window - now)
        return max(waits)

    def _own_wait(self, chat_id: str, now: float) -> float:
        """Seconds until ``chat_id`` may be sent to, as far as its own limits go."""
        waits = [0.0]
        last = self._chat_last.get(chat_id)
        if last is not None:
            waits.append(last + self.per_chat_interval - now)
        group = self._group_sent.get(chat_id)
        if group is not None:
            while group and group[0] <= now - 60.0:
                group.popleft()
            if len(group) >= self.group_per_minute:
                waits.append(group[-self.group_per_minute] + 60.0 - now)
        return max(waits)

    async def acquire(self, chat_id: str) -> None:
        """Return when a request to ``chat_id`` may go out now, and count it."""
        answer, ready = _answering.get(), False  # ready: counted in ``_answers_ready``
        try:
            while True:
                now = self._monotonic()
                ban = self._bot_until - now
                if ban > self.max_wait:
                    raise ChannelError(
                        "retry", f"rate limited for {ban:.1f} s more", timedelta(seconds=ban)
                    )
                own, shared = self._own_wait(chat_id, now), self._shared_wait(now)
                if answer and ready != (own <= 0):
                    ready = own <= 0
                    self._answers_ready += 1 if ready else -1
                    if not ready:
                        self._returned.set()  # the others behind it look again
                free = shared is not None and shared <= 0
                if own <= 0 and free and (answer or not self._answers_ready):
                    break
                if shared is None or (own <= 0 and free):  # (the latter: behind answers)
                    self._returned.clear()
                    await self._returned.wait()
                else:
                    await self._sleep(max(own, shared))
        finally:
            if ready:
                self._answers_ready -= 1
                self._returned.set()  # the others behind it look again
        self._in_flight += 1
        self._chat_last[chat_id] = now
        if chat_id.startswith("-"):
            self._group_sent.setdefault(chat_id, deque()).append(now)

    def finished(self, chat_id: str) -> None:
        """The request to ``chat_id`` (acquired) came back, answered or not: the window and
        its chat's interval count from now, so the platform sees requests no closer
        whatever the network's delays."""
        now = self._monotonic()
        self._in_flight -= 1
        self._sent.append(now)
        self._chat_last[chat_id] = now
        self._returned.set()

    def refused(self, chat_id: str, retry_after: float | None) -> None:
        """The platform answered 429: no request of this token for ``retry_after``
        seconds (None: as long as the refusals in a row say)."""
        self._refusals += 1
        self.refused_count += 1
        board.rate_limited(self.name)
        if retry_after is None:
            retry_after = min(60.0, float(2 ** (self._refusals - 1)))
            if self.rate is not None:
                self.rate = max(1.0, self.rate * 0.75)
        self._bot_until = max(self._bot_until, self._monotonic() + retry_after)
        log.warning(
            "action=rate_limited channel=%s chat=%s retry_after=%s rate=%s",
            self.name,
            chat_id,
            retry_after,
            self.rate,
        )

    def succeeded(self) -> None:
        self._refusals = 0
        board.ok(self.name)
        if self.rate is not None and self.max_rate is not None and self.rate < self.max_rate:
            self.rate = min(self.max_rate, self.rate + 0.05)
