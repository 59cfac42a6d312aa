"""Clocks. Every instant handed out is an aware UTC datetime.

Only the service loop reads a clock, once per round, and passes the instant
down; policy code takes ``now`` as an argument.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class SimulatedClock:
    """Runs from ``start`` at ``speed`` simulated seconds per real second.

    Backs ``NHACVIEC_CLOCK_START`` / ``NHACVIEC_CLOCK_SPEED`` (drills, demo).
    """

    def __init__(self, start: datetime, speed: float = 1.0, monotonic=time.monotonic) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be aware")
        self._start = start.astimezone(UTC)
        self._speed = speed
        self._monotonic = monotonic
        self._origin = monotonic()

    def now(self) -> datetime:
        elapsed = (self._monotonic() - self._origin) * self._speed
        return self._start + timedelta(seconds=elapsed)


class ManualClock:
    """A clock that moves only when told to: tests and the demo drive it."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be aware")
        self._now = start.astimezone(UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self._now += delta if delta is not None else timedelta(**kwargs)
        return self._now

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("instant must be aware")
        self._now = instant.astimezone(UTC)
