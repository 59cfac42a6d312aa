"""A DigestSink that records what it was handed and fails as scripted."""

from __future__ import annotations

import asyncio
from datetime import datetime

from scheduler.digest import DailyDigest, WeeklySummary


class RecordingSink:
    """Implements ``scheduler.digest.DigestSink``.

    The first ``failures`` calls raise ``ConnectionError``; ``delay`` (seconds)
    yields to the event loop so that concurrent runners interleave.
    """

    def __init__(self, *, failures: int = 0, delay: float = 0.0) -> None:
        self.delivered: list[tuple[DailyDigest | WeeklySummary, datetime]] = []
        self.calls = 0
        self._failures = failures
        self._delay = delay

    async def deliver_digest(self, digest: DailyDigest | WeeklySummary, now: datetime) -> None:
        self.calls += 1
        if self._delay:
            await asyncio.sleep(self._delay)
        if self.calls <= self._failures:
            raise ConnectionError("chat unreachable")
        self.delivered.append((digest, now))

    def kinds(self) -> list[tuple[str, str]]:
        """(kind, ISO day) of each delivered digest, in order."""
        return [
            ("daily" if isinstance(d, DailyDigest) else "weekly", d.day.isoformat())
            for d, _ in self.delivered
        ]
