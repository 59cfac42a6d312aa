"""The running reminder engine: APScheduler wakes it, the store decides.

APScheduler holds a few code-defined jobs in a memory job store: the sweep
every ``sweep_seconds`` and a cron at the start of work hours (and at the
check-in time when it differs) that runs a round at once (so the morning's
nudges and digests go out on time). Each
round reads the service clock once and then, with that instant:

1. plans the ledger again when the local day changed or ``PLAN_EVERY`` passed
   (new plans, extensions, new people are picked up; planning is idempotent);
2. sweeps: claims the due nudges and delivers them;
3. makes the digests that are due (each (kind, day) once, across instances) and
   sends their parts; this also runs as a job of its own, and after a sweep that
   failed, so digests never depend on the sweep completing.

``stop`` lets a round (or a digest run) in progress end before its next delivery (and
cancels it after ``stop_grace`` seconds), then gives back at once what this worker claimed
and did not deliver: a long queue to one chat does not hold up a SIGTERM, nor its nudges
the lease.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger

from scheduler.calendar import WorkCalendar
from scheduler.clock import Clock
from scheduler.delivery import Delivery
from scheduler.planner import plan_window
from scheduler.policy import ReminderRules
from scheduler.sweep import RoundReport, SweepConfig, sweep_due
from storage import service_state
from storage.db import Database
from storage.ledger_release import release_claims

log = logging.getLogger("nhacviec.service")

PLAN_EVERY = timedelta(minutes=30)
DigestRunner = Callable[[Database, WorkCalendar, datetime], Awaitable[object]]


PARALLEL = 8  # people's check-ins at once on PostgreSQL


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class ReminderService:
    db: Database
    delivery: Delivery
    calendar: WorkCalendar
    rules: ReminderRules
    clock: Clock
    sweep_seconds: float = 60
    worker: str = field(default_factory=default_worker_name)
    digests: DigestRunner | None = None  # the chat side supplies rendering and sending
    stop_grace: float = 2.0  # seconds a round may take to reach its next delivery on stop
    # People's check-ins delivered at once (``SweepConfig.parallel``): ``PARALLEL`` on
    # PostgreSQL; SQLite keeps one writer at a time (its lock would time out under many).
    parallel: int = 1
    rounds: int = 0
    last_report: RoundReport | None = None
    _planned_at: datetime | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _digest_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _scheduler: AsyncIOScheduler | None = None
    _stopping: asyncio.Event = field(default_factory=asyncio.Event)
    _round_task: asyncio.Task | None = None
    _digest_task: asyncio.Task | None = None

    def busy(self) -> bool:
        """Whether a round or a digest run is under way."""
        return self._lock.locked() or self._digest_lock.locked()

    async def run_round(self) -> RoundReport:
        """One round at the clock's current instant (also callable directly in tests)."""
        async with self._lock:
            if self._stopping.is_set():
                return RoundReport()
            self._round_task = asyncio.current_task()
            now = self.clock.now()
            if self._plan_due(now):
                async with self.db.unit_of_work() as session:
                    added = await plan_window(session, self.rules, self.calendar, now)
                self._planned_at = now
                log.info("action=planned added=%s now=%s", added, now.isoformat())
            config = SweepConfig(
                worker=self.worker,
                rules=self.rules,
                stopping=self._stopping.is_set,
                parallel=self.parallel,
            )
            try:
                report = await sweep_due(self.db, self.delivery, self.calendar, config, now)
            finally:  # the digests never wait on the sweep's success
                await self.run_digests(now)
            if report.claimed or report.unreachable:
                log.info(
                    "action=swept claimed=%s sent=%s retried=%s failed=%s skipped=%s"
                    " unreachable=%s",
                    report.claimed,
                    report.sent,
                    report.retried,
                    report.failed,
                    report.skipped,
                    report.unreachable,
                )
            self.rounds += 1
            self.last_report = report
            await service_state.note_sweep(self.db, now, self.worker, report)
            return report

    async def run_digests(self, now: datetime | None = None) -> None:
        """Make the digests due and send their parts (also a job of its own, so a slow
        or failing sweep never holds them up). A failure is logged, never raised."""
        if self.digests is None or self._stopping.is_set():
            return
        async with self._digest_lock:
            self._digest_task = asyncio.current_task()
            try:
                await self.digests(self.db, self.calendar, now or self.clock.now())
            except Exception:
                log.exception("action=digests_failed worker=%s", self.worker)

    def _plan_due(self, now: datetime) -> bool:
        last = self._planned_at
        if last is None or now < last:
            return True
        day_changed = self.calendar.local_date(now) != self.calendar.local_date(last)
        return day_changed or now - last >= PLAN_EVERY

    def start(self) -> None:
        """Start the jobs on the running event loop."""
        scheduler = AsyncIOScheduler(
            timezone=self.calendar.timezone,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 30},
        )
        scheduler.add_job(
            _round,
            "interval",
            seconds=self.sweep_seconds,
            args=[self],
            id="sweep",
            next_run_time=datetime.now(self.calendar.timezone),
        )
        scheduler.add_job(
            _digests,
            "interval",
            seconds=self.sweep_seconds,
            args=[self],
            id="digests",
            next_run_time=datetime.now(self.calendar.timezone),
        )
        start = self.calendar.work_start
        scheduler.add_job(
            _round,
            CronTrigger(hour=start.hour, minute=start.minute, timezone=self.calendar.timezone),
            args=[self],
            id="work-start",
        )
        checkin = self.rules.checkin_at
        if checkin is not None and checkin != start:  # the check-in goes out on the minute
            scheduler.add_job(
                _round,
                CronTrigger(
                    hour=checkin.hour, minute=checkin.minute, timezone=self.calendar.timezone
                ),
                args=[self],
                id="checkin",
            )
        scheduler.start()
        self._scheduler = scheduler
        log.info(
            "action=service_started worker=%s sweep_seconds=%s", self.worker, self.sweep_seconds
        )

    async def stop(self) -> None:
        """Stop waking up; a round in progress ends before its next delivery, or is
        cancelled after ``stop_grace``; what this worker still claims is released."""
        if self._scheduler is None:
            return
        self._scheduler.pause()
        self._stopping.set()
        running = [
            task
            for task in (self._round_task, self._digest_task)
            if task is not None and not task.done() and task is not asyncio.current_task()
        ]
        if running:
            _, late = await asyncio.wait(running, timeout=self.stop_grace)
            for task in late:  # a delivery stuck on the network, a long digest: not worth it
                task.cancel()
            if late:
                await asyncio.wait(late)
                log.warning("action=round_cancelled worker=%s", self.worker)
        self._scheduler.shutdown(wait=False)
        self._scheduler = None
        async with self.db.unit_of_work() as session:
            released = await release_claims(session, self.worker, self.clock.now())
        log.info(
            "action=service_stopped worker=%s rounds=%s released=%s",
            self.worker,
            self.rounds,
            released,
        )


async def _digests(service: ReminderService) -> None:
    await service.run_digests()


async def _round(service: ReminderService) -> None:
    try:
        await service.run_round()
    except Exception:
        # A bad round (database away, a bug) must not stop the next one.
        log.exception("action=round_failed worker=%s", service.worker)
