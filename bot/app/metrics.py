"""Prometheus metrics of the running service (``NHACVIEC_METRICS_PORT``).

Counters follow the audit trail (``storage.audit``: each event is counted where its
line is written): nudges by outcome and channel, updates recorded by channel. The
channels' 429s and state come from ``bot.channels.health.board`` at each scrape;
the queue and the last sweep's age from what the observer last read from the
database (``bot.app.observe``), so a scrape never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from bot.channels.health import Board


class Metrics:
    """One registry per service (tests run several in a process)."""

    def __init__(self, board: Board, wall: Callable[[], datetime] | None = None) -> None:
        self.registry = CollectorRegistry()
        self.wall = wall or (lambda: datetime.now(UTC))
        self.nudges = Counter(
            "nhacviec_nudges",
            "Nudge outcomes recorded: sent, retry, failed, unreachable, skipped",
            ["outcome", "channel"],
            registry=self.registry,
        )
        self.updates = Counter(
            "nhacviec_updates_recorded",
            "Progress updates and extension requests recorded from chat",
            ["channel"],
            registry=self.registry,
        )
        self.queue_depth = Gauge(
            "nhacviec_queue_depth",
            "Nudges still to go out (planned, to retry, claimed)",
            registry=self.registry,
        )
        self.due_now = Gauge(
            "nhacviec_nudges_due", "Nudges whose time has come", registry=self.registry
        )
        self.last_sweep_wall: datetime | None = None
        age = Gauge(
            "nhacviec_last_sweep_age_seconds",
            "Seconds since the last sweep round ended (NaN before the first)",
            registry=self.registry,
        )
        age.set_function(self._sweep_age)
        self.registry.register(_ChannelCollector(board))

    def _sweep_age(self) -> float:
        if self.last_sweep_wall is None:
            return float("nan")
        return (self.wall() - self.last_sweep_wall).total_seconds()

    def on_audit(self, action: str, fields: Mapping[str, Any]) -> None:
        """A ``storage.audit`` listener."""
        if action in ("nudge_sent", "nudge_failed"):
            outcome = fields.get("outcome") or "failed"
            if outcome == "retry" and fields.get("retry") == "no":
                outcome = "failed"
            self.nudges.labels(outcome, fields.get("channel") or "").inc()
        elif action == "nudge_skipped":
            self.nudges.labels("skipped", "").inc()
        elif action == "update_recorded":
            self.updates.labels(fields.get("channel") or "").inc()


class _ChannelCollector(Collector):
    def __init__(self, board: Board) -> None:
        self.board = board

    def collect(self) -> Iterable[Metric]:
        limited = CounterMetricFamily(
            "nhacviec_rate_limited", "429 answers (flood control) by channel", labels=["channel"]
        )
        up = GaugeMetricFamily(
            "nhacviec_channel_up", "1 when the channel is up", labels=["channel"]
        )
        for health in self.board.snapshot():
            limited.add_metric([health.name], health.rate_limited)
            up.add_metric([health.name], 1.0 if health.state == "up" else 0.0)
        yield limited
        yield up
