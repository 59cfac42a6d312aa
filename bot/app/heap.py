"""The garbage collector kept off the event loop's busy moments.

A full (generation 2) collection walks every tracked object and holds the loop the
whole time. Two measures (bench/stalls.py):

- What is alive once the service has started (SQLAlchemy's metadata, PTB, the holidays
  tables, the plan's first reads: about 200,000 objects, 100-200 ms a pass) lives as
  long as the process, so it is collected once and frozen (``settle``, ``gc.freeze``):
  later full passes walk only what came after.
- What came after still grows during a burst: the answers waiting for their chat's
  second, the turns' objects, the nudges of a round stay alive for tens of seconds and
  reach the oldest generation, and Python then ran full passes of 100-350 ms in the
  middle of the burst (10 in a 20 s soak). ``Collector`` takes full collections from
  Python and runs them when the service is quiet (no update, answer or round in
  flight), when those objects have died and the pass is short; one runs anyway once
  ``at_most`` seconds went by without, so a service never quiet still reclaims its
  cycles. The young generations are collected by Python as before.
- What survives a full pass also lives on (SQLAlchemy's compiled statements, the
  reader's caches, per-chat state: 36,000 objects after the first round, 60,000 after a
  soak, growing with the province), and every pass walked it again (50-60 ms, more on a
  larger heap). So each pass freezes its survivors: the next walks only what came after
  it. A frozen object that later dies in a cycle is reclaimed only once unfrozen: every
  ``renew`` seconds a quiet pass unfreezes first and walks the whole heap once (none was
  found in the stalls bench's soaks; the pass takes 150-200 ms, when nothing waits).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

log = logging.getLogger("nhacviec.heap")
NEVER = 1 << 30  # a threshold Python's own full collections never reach


def settle() -> int:
    """Collect, then freeze what survived; the number of objects frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def release() -> None:
    """The frozen objects back to the collector (a process opening services again)."""
    gc.unfreeze()


# Python's thresholds while collectors hold full collections (several services may be open
# in one process, tests): the first takes them, the last gives them back.
_held: list[tuple[int, int, int]] = []


def _take() -> tuple[int, int, int]:
    thresholds = _held[0] if _held else gc.get_threshold()
    _held.append(thresholds)
    young, middle, _ = thresholds
    gc.set_threshold(young, middle, NEVER)
    return thresholds


def _give() -> None:
    thresholds = _held.pop()
    if not _held:
        gc.set_threshold(*thresholds)


class Collector:
    """Full collections when ``quiet()``, looked at every ``every`` seconds, and at least
    every ``at_most`` seconds; only once Python would have thought of one (its oldest
    generation's counter past its threshold). Each freezes what survived it; one when
    quiet at least ``renew`` seconds after the last renewal walks the frozen objects too.
    ``monotonic`` and ``sleep`` are injected."""

    def __init__(
        self,
        quiet: Callable[[], bool],
        *,
        every: float = 1.0,
        at_most: float = 600.0,
        renew: float = 6 * 3600.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.quiet, self.every, self.at_most, self.renew = quiet, every, at_most, renew
        self.monotonic, self.sleep = monotonic, sleep
        self.passes = 0  # full collections run here
        self.renewals = 0  # of them, those that walked the frozen objects too
        self._task: asyncio.Task | None = None
        self._thresholds: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Take full collections from Python (until ``stop``) and start looking."""
        if self._task is not None:
            return
        self._thresholds = _take()
        self._task = asyncio.create_task(self._run(), name="collector")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._give_back()

    def _give_back(self) -> None:
        if self._thresholds is not None:
            self._thresholds = None
            _give()

    def due(self, since: float) -> bool:
        """Whether a full collection runs now: Python's counter of the oldest generation
        (collections of the middle one since the last full one) past its threshold, and
        the service quiet or the last one ``at_most`` ago (``since``: its instant)."""
        assert self._thresholds is not None
        if gc.get_count()[2] <= self._thresholds[2]:
            return False
        return self.monotonic() - since >= self.at_most or self.quiet()

    async def _run(self) -> None:
        since = renewed = self.monotonic()
        try:
            while True:
                await self.sleep(self.every)
                if self.due(since):
                    renewing = self.monotonic() - renewed >= self.renew and self.quiet()
                    if renewing:
                        gc.unfreeze()
                    started = time.perf_counter()
                    gc.collect(2)
                    gc.freeze()  # what survived lives on: the next pass skips it
                    since = self.monotonic()
                    self.passes += 1
                    if renewing:
                        renewed = since
                        self.renewals += 1
                    log.debug(
                        "action=full_collection seconds=%.3f frozen=%s renewed=%s",
                        time.perf_counter() - started,
                        gc.get_freeze_count(),
                        renewing,
                    )
        finally:  # also when the loop ends without ``stop``: Python collects again
            self._give_back()
