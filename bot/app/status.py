"""``nhacviec status``: how the service is doing, read from the database it writes.

The running service keeps its last sweep and its channels' state in
``service_state`` (``bot.app.observe``); this reads them back from another
process, with the queue, the people not linked yet and the extension requests
waiting, and judges with the same rule as ``/healthz`` (``bot.app.health``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.app.health import Health, assess, stale_after
from bot.texts import t
from storage import service_state
from storage.db import Database
from storage.service_state import Queue


@dataclass(frozen=True)
class Status:
    health: Health
    queue: Queue
    unlinked: int
    pending_extensions: int
    worker: str | None


async def gather(db: Database, now: datetime, wall: datetime, sweep_seconds: float) -> Status:
    """``now`` is the service clock's instant (for what is due), ``wall`` the real time."""
    async with db.unit_of_work() as session:
        rows = await service_state.read(session)
        queue = await service_state.queue(session, now)
        unlinked = await service_state.unlinked_people(session)
        pending = await service_state.pending_extensions(session)
    sweep, channels = rows.get(service_state.SWEEP), rows.get(service_state.CHANNELS)
    running_since = None
    if channels is not None and not channels.value.get("stopped_at"):
        if wall - channels.updated_at <= stale_after(sweep_seconds):
            started = channels.value.get("started_at")
            running_since = datetime.fromisoformat(started) if started else channels.updated_at
    health = assess(
        database=True,
        sweep=sweep.value if sweep else None,
        sweep_wall=sweep.updated_at if sweep else None,
        channels=channels.value.get("channels", []) if channels else [],
        wall=wall,
        sweep_seconds=sweep_seconds,
        running_since=running_since,
    )
    worker = channels.value.get("worker") if channels else None
    return Status(health, queue, unlinked, pending, worker)


def _when(stamp: str | None, tz: ZoneInfo) -> str:
    if not stamp:
        return "—"
    return datetime.fromisoformat(stamp).astimezone(tz).strftime("%d/%m/%Y %H:%M:%S")


def problem_text(lang: str, code: str) -> str:
    kind, _, channel = code.partition(":")
    return t(lang, f"status_problem_{kind}", channel=channel)


def render(status: Status, lang: str, tz: ZoneInfo) -> list[str]:
    health = status.health
    lines = [t(lang, "status_ok" if health.healthy else "status_unhealthy")]
    if status.worker:
        lines.append(t(lang, "status_worker", worker=status.worker))
    sweep = health.sweep
    if sweep is None:
        lines.append(t(lang, "status_sweep_never"))
    else:
        lines.append(
            t(
                lang,
                "status_sweep",
                at=_when(sweep.get("at"), tz),
                age=int(sweep.get("age_seconds", 0)),
                claimed=sweep.get("claimed", 0),
                sent=sweep.get("sent", 0),
                failed=sweep.get("failed", 0) + sweep.get("retried", 0),
            )
        )
    q = status.queue
    lines.append(t(lang, "status_queue", depth=q.depth, due=q.due, claimed=q.claimed))
    if not health.channels:
        lines.append(t(lang, "status_no_channels"))
    for channel in health.channels:
        state = t(lang, f"status_channel_{channel.get('state')}")
        line = t(
            lang,
            "status_channel",
            name=channel.get("name"),
            state=state,
            ok=_when(channel.get("last_ok_at"), tz),
            limited=channel.get("rate_limited", 0),
        )
        if channel.get("last_error"):
            line += t(
                lang,
                "status_channel_error",
                at=_when(channel.get("last_error_at"), tz),
                error=channel["last_error"],
            )
        lines.append(line)
    lines.append(t(lang, "status_unlinked", count=status.unlinked))
    lines.append(t(lang, "status_pending", count=status.pending_extensions))
    lines += [t(lang, "status_problem", text=problem_text(lang, p)) for p in health.problems]
    return lines


def wall_now() -> datetime:
    return datetime.now(UTC)
