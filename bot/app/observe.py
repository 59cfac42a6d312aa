"""Watching ``nhacviec run``: ``/healthz``, the metrics, and the row ``nhacviec status`` reads.

``start`` (before the channels open, so a webhook server carries ``/healthz`` too)
opens the health server of ``NHACVIEC_HEALTH_PORT`` and the metrics server of
``NHACVIEC_METRICS_PORT`` when set, and every ``interval`` seconds writes the
channels' state to the database and reads the queue for the metrics. ``stop``
writes the channels' last state (stopped) and closes what it opened.

``/healthz`` answers JSON (``bot.app.health.Health.to_json``): 200 when healthy,
503 when not; the database is asked each time, within ``DB_TIMEOUT``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.app.health import Health, assess
from bot.app.metrics import Metrics
from bot.app.redaction import Redactor, secrets_of
from bot.app.settings import Settings
from bot.channels import health as channel_health
from bot.channels.webhook import GetHandler, WebhookServer, serve_everywhere
from scheduler.clock import Clock
from storage import audit, service_state
from storage.db import Database

log = logging.getLogger("nhacviec.observe")
DB_TIMEOUT = 3.0  # seconds a health check waits for the database
MAX_INTERVAL = 15.0  # seconds between writes of the channels' state


def _wall() -> datetime:
    return datetime.now(UTC)


class Observer:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        clock: Clock,
        *,
        board: channel_health.Board | None = None,
        wall: Callable[[], datetime] = _wall,
        worker: str = "",
    ) -> None:
        self.settings, self.db, self.clock, self.wall = settings, db, clock, wall
        self.board = board or channel_health.board
        self.worker = worker
        self.interval = min(float(settings.sweep_seconds), MAX_INTERVAL)
        self.metrics = Metrics(self.board, wall) if settings.metrics_listen else None
        self.started_at: datetime | None = None
        self.stopped_at: datetime | None = None
        self.servers: list[WebhookServer] = []
        self._undo: list[Callable[[], None]] = []
        self._task: asyncio.Task | None = None
        self._stopping = asyncio.Event()
        self._redact = Redactor(secrets_of(settings))

    @property
    def health_port(self) -> int | None:
        return self._port("/healthz")

    @property
    def metrics_port(self) -> int | None:
        return self._port("/metrics")

    def _port(self, path: str) -> int | None:
        for server in self.servers:
            if path in server.paths:
                return server.port
        return None

    async def start(self) -> None:
        self.started_at = self.wall()
        self._undo.append(serve_everywhere("/healthz", self.healthz))
        wanted: dict[str, list[tuple[str, GetHandler]]] = {}
        if self.settings.health_listen:
            wanted.setdefault(self.settings.health_listen, []).append(("/healthz", self.healthz))
        if self.metrics is not None and self.settings.metrics_listen:
            self._undo.append(audit.subscribe(self.metrics.on_audit))
            wanted.setdefault(self.settings.metrics_listen, []).append(("/metrics", self.scrape))
        for listen, routes in wanted.items():
            server = WebhookServer(listen)
            for path, handler in routes:
                if path not in server.paths:
                    server.add_get(path, handler)
            await server.start()
            self.servers.append(server)
            log.info(
                "action=observe_listening paths=%s port=%s", ",".join(server.paths), server.port
            )
        self._task = asyncio.create_task(self._loop(), name="observe")

    async def stop(self) -> None:
        if self._task is not None:
            # The loop ends between writes: cancelled inside one, the database connection
            # would be cut mid-transaction (the pool logs a traceback).
            self._stopping.set()
            await self._task
            self._task = None
        self.stopped_at = self.wall()
        try:
            await self.refresh()
        except Exception as exc:  # the database may be what went away
            log.warning("action=observe_last_write_failed error=%r", exc)
        for server in self.servers:
            await server.stop()
        self.servers.clear()
        for undo in self._undo:
            undo()
        self._undo.clear()

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.refresh()
            except Exception as exc:  # the next round tries again; /healthz says so
                log.warning("action=observe_write_failed error=%r", exc)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval)

    def channels_value(self) -> dict:
        return {
            "worker": self.worker,
            "started_at": self.started_at.isoformat() if self.started_at else None,
            "stopped_at": self.stopped_at.isoformat() if self.stopped_at else None,
            "channels": [h.to_json() for h in self.board.snapshot()],
        }

    async def refresh(self) -> None:
        """Write the channels' state; read the queue and the last sweep for the metrics."""
        wall = self.wall()
        async with self.db.unit_of_work() as session:
            await service_state.put(session, service_state.CHANNELS, self.channels_value(), wall)
            if self.metrics is None:
                return
            queue = await service_state.queue(session, self.clock.now())
            sweep = (await service_state.read(session)).get(service_state.SWEEP)
        self.metrics.queue_depth.set(queue.depth)
        self.metrics.due_now.set(queue.due)
        self.metrics.last_sweep_wall = sweep.updated_at if sweep else None

    async def check(self) -> Health:
        sweep = None
        try:
            async with asyncio.timeout(DB_TIMEOUT), self.db.unit_of_work() as session:
                await service_state.ping(session)
                sweep = (await service_state.read(session)).get(service_state.SWEEP)
            database = True
        except Exception as exc:
            log.warning("action=health_database_failed error=%r", exc)
            database = False
        return assess(
            database=database,
            sweep=sweep.value if sweep else None,
            sweep_wall=sweep.updated_at if sweep else None,
            channels=[h.to_json() for h in self.board.snapshot()],
            wall=self.wall(),
            sweep_seconds=self.settings.sweep_seconds,
            running_since=self.started_at,
        )

    async def healthz(self, request: web.Request) -> web.Response:
        health = await self.check()
        body = self._redact.redact(json.dumps(health.to_json(), ensure_ascii=False))
        return web.Response(
            text=body, status=200 if health.healthy else 503, content_type="application/json"
        )

    async def scrape(self, request: web.Request) -> web.Response:
        assert self.metrics is not None  # the route exists only with the metrics
        body = generate_latest(self.metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def start(settings: Settings, db: Database, clock: Clock, worker: str = "") -> Observer:
    observer = Observer(settings, db, clock, worker=worker)
    await observer.start()
    return observer
