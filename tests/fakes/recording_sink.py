"""A DigestSink that records what it was handed and fails as scripted."""

from __future__ import annotations

import asyncio
from datetime import datetime

from scheduler.digest import DailyDigest, PartToSend, WeeklySummary


class RecordingSink:
    """Implements ``scheduler.digest.DigestSink`` with one recipient, "r", per digest.

    The first ``failures`` sends raise ``ConnectionError``; ``delay`` (seconds)
    yields to the event loop so that concurrent runners interleave.
    """

    def __init__(self, *, failures: int = 0, delay: float = 0.0) -> None:
        self.planned: dict[tuple[str, str], DailyDigest | WeeklySummary] = {}
        self.delivered: list[tuple[DailyDigest | WeeklySummary, datetime]] = []
        self.parts: list[PartToSend] = []
        self.calls = 0
        self._failures = failures
        self._delay = delay

    async def plan_parts(self, session, digest: DailyDigest | WeeklySummary):
        kind = "daily" if isinstance(digest, DailyDigest) else "weekly"
        self.planned[(kind, digest.day.isoformat())] = digest
        return [("r", f"{kind} {digest.day.isoformat()}")]

    async def send_part(self, part: PartToSend, now: datetime) -> None:
        self.calls += 1
        if self._delay:
            await asyncio.sleep(self._delay)
        if self.calls <= self._failures:
            raise ConnectionError("chat unreachable")
        self.parts.append(part)
        digest = self.planned.get((part.kind, part.day.isoformat()))
        if digest is not None:  # planned by this sink (not by another process's)
            self.delivered.append((digest, now))

    def kinds(self) -> list[tuple[str, str]]:
        """(kind, ISO day) of each delivered part, in order."""
        return [(p.kind, p.day.isoformat()) for p in self.parts]
