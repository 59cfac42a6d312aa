"""Is the service healthy? One pure judgement for ``/healthz`` and ``nhacviec status``.

Healthy means: the database answers, a sweep round ended recently (within
``stale_after`` of the wall clock; a process younger than that is still starting),
and every channel is up. Problems are stable codes (``database``, ``no_sweep``,
``sweep_stale``, ``channel_failing:telegram``, ``channel_stopped:zalo``,
``not_running``); ``bot.texts`` says them to people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.channels.health import STATES

STALE_FLOOR = timedelta(minutes=2)
PROBLEMS: tuple[str, ...] = ("database", "no_sweep", "sweep_stale", "not_running")
PROBLEMS += tuple(f"channel_{state}" for state in STATES if state != "up")


def stale_after(sweep_seconds: float) -> timedelta:
    """How old the last sweep may be: three rounds, and never under two minutes
    (a round of a busy morning takes a while)."""
    return max(timedelta(seconds=3 * sweep_seconds), STALE_FLOOR)


@dataclass(frozen=True)
class Health:
    database: bool
    sweep: dict | None  # the last round: "at" (service clock), counts, "age_seconds"
    channels: list[dict]  # ``bot.channels.health.ChannelHealth.to_json``
    problems: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "database": "ok" if self.database else "unreachable",
            "last_sweep": self.sweep,
            "channels": self.channels,
            "problems": self.problems,
        }


def assess(
    *,
    database: bool,
    sweep: dict | None,
    sweep_wall: datetime | None,
    channels: list[dict],
    wall: datetime,
    sweep_seconds: float,
    running_since: datetime | None,
) -> Health:
    """Judge at ``wall``: ``sweep`` was written at ``sweep_wall``; ``running_since`` is
    when the service process started (None: not known to be running)."""
    problems = [] if database else ["database"]
    limit = stale_after(sweep_seconds)
    starting = running_since is not None and wall - running_since < limit
    shown = None
    if sweep is not None and sweep_wall is not None:
        age = (wall - sweep_wall).total_seconds()
        shown = sweep | {"age_seconds": round(age, 1)}
        if age > limit.total_seconds() and not starting:
            problems.append("sweep_stale")
    elif database and not starting:
        problems.append("no_sweep")
    if running_since is None:
        problems.append("not_running")
    for channel in channels:
        if channel.get("state") != "up":
            problems.append(f"channel_{channel.get('state')}:{channel.get('name')}")
    return Health(database, shown, channels, problems)
