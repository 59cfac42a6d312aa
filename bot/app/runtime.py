"""``nhacviec run``: the chat channels and the reminder service in one process.

With no chat token configured the console channel runs in this terminal.
SIGINT/SIGTERM (or the end of console input) stop it cleanly: the reminder
round in progress finishes and records what it claimed.

On PostgreSQL several processes may run on one database: one leads and works, the
others stand by and take over when it stops (``storage.leader``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from bot.app import observe
from bot.app.builder import build_service
from bot.app.settings import Settings
from bot.channels.base import Channel
from scheduler.clock import Clock
from scheduler.service import DigestRunner
from storage.db import Database
from storage.leader import Leadership, LeadershipLost

log = logging.getLogger("nhacviec.app")
DRAIN_SECONDS = 2  # on stop, for the answers accepted (the rest wait in the inbox)


async def serve(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    channels: dict[str, Channel] | None = None,
    stop: asyncio.Event | None = None,
    digests: DigestRunner | None = None,
) -> None:
    """Run until ``stop`` is set, a signal arrives, or a channel ends (the console's input)."""
    service = build_service(settings, db, clock, channels=channels, digests=digests)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    leadership = Leadership(db, service.reminders.worker)
    try:
        if not await leadership.acquire(stop):  # stopped while standing by
            log.info("action=stopped worker=%s role=standby", service.reminders.worker)
            return
        await _lead(settings, db, clock, service, stop, leadership)
    finally:
        await leadership.release()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)


async def _lead(settings, db, clock, service, stop: asyncio.Event, leadership) -> None:
    if settings.clock_start is not None:
        log.warning(
            "action=simulated_clock start=%s speed=%s",
            settings.clock_start.isoformat(),
            settings.clock_speed,
        )
    observer = await observe.start(settings, db, clock, service.reminders.worker)
    try:
        recovered = await service.open()
    except BaseException:  # a token refused, a webhook not reachable: nothing left writing
        await observer.stop()
        raise
    if recovered:
        log.info("action=recovered updates=%s", recovered)
    service.reminders.start()

    async def resend_loop() -> None:
        # Answers a platform refused for a while (429, 5xx) go out once it takes them;
        # an update whose turn failed to commit (the database was busy) is run again.
        while True:
            await asyncio.sleep(settings.sweep_seconds)
            try:
                await service.dispatcher.recover()
            except Exception:
                log.exception("action=resend_failed")

    resender = asyncio.create_task(resend_loop())
    lost = asyncio.create_task(leadership.lost())  # then another may lead: stop
    waiters: list[asyncio.Task] = [asyncio.create_task(stop.wait()), lost]
    waiters += [asyncio.create_task(ch.wait_closed()) for ch in service.channels.values()]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (*waiters, resender):
            task.cancel()
        await service.reminders.stop()
        await service.close(DRAIN_SECONDS)
        await observer.stop()
        log.info("action=stopped")
    if lost.done() and not lost.cancelled():
        raise LeadershipLost  # exit non-zero: the service manager starts it again
