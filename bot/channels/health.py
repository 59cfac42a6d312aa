"""How each channel of this process is doing, as the channels themselves see it.

The channels report what they learn anyway: a poll or a send that worked, one that
failed for a reason of the platform's or the network's (``trouble``), a 429. The
service reads ``board.snapshot()`` for ``/healthz``, the metrics and the row that
``nhacviec status`` reads from another process.

One board per process (``board``): a channel is one token's connection, and the
reports come from deep inside the channels, where no handle is passed down.
Times are wall-clock UTC.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

FAILING_AFTER = 3  # troubles in a row before a channel counts as failing
# ``dark``: no way to the platform for minutes (``bot.channels.watch``); ``token_rejected``:
# stopped until the operator fixes the token (told by ``bot.app.channel_state``).
STATES = ("up", "failing", "dark", "token_rejected", "stopped")
CONDITIONS = ("dark", "token_rejected")


def _wall() -> datetime:
    return datetime.now(UTC)


@dataclass
class ChannelHealth:
    name: str
    running: bool = False
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    troubles: int = 0  # in a row since the last success
    rate_limited: int = 0  # 429s since the process started
    condition: str | None = None  # one of ``CONDITIONS``, until the channel is back

    @property
    def state(self) -> str:
        """``stopped``; else its condition (``dark``, ``token_rejected``); else
        ``failing`` (``FAILING_AFTER`` troubles in a row) or ``up``."""
        if not self.running:
            return "stopped"
        if self.condition is not None:
            return self.condition
        return "failing" if self.troubles >= FAILING_AFTER else "up"

    def to_json(self) -> dict:
        out = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items()}
        out["state"] = self.state
        return out


class Board:
    def __init__(self, wall: Callable[[], datetime] = _wall) -> None:
        self.wall = wall
        self.channels: dict[str, ChannelHealth] = {}

    def _of(self, name: str) -> ChannelHealth:
        return self.channels.setdefault(name, ChannelHealth(name))

    def started(self, name: str) -> None:
        self.channels[name] = ChannelHealth(name, running=True, started_at=self.wall())

    def stopped(self, name: str) -> None:
        health = self._of(name)
        health.running, health.stopped_at = False, self.wall()

    def ok(self, name: str) -> None:
        health = self._of(name)
        health.last_ok_at, health.troubles = self.wall(), 0

    def trouble(self, name: str, error: object) -> None:
        health = self._of(name)
        detail = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else error
        health.last_error, health.last_error_at = str(detail)[:200], self.wall()
        health.troubles += 1

    def condition(self, name: str, health: str) -> None:
        """What ``ChannelAlerts`` is told: a condition, or ``ok`` (back)."""
        self._of(name).condition = health if health in CONDITIONS else None

    def rate_limited(self, name: str) -> None:
        self._of(name).rate_limited += 1

    def snapshot(self) -> list[ChannelHealth]:
        return [ChannelHealth(**asdict(h)) for h in self.channels.values()]


board = Board()
