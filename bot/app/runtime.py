"""``nhacviec run``: the chat channels and the reminder service in one process.

With no chat token configured the console channel runs in this terminal.
SIGINT/SIGTERM (or the end of console input) stop it cleanly: the reminder
round in progress finishes and records what it claimed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from bot.app.settings import Settings
from bot.app.wiring import calendar_from, rules_from
from bot.channels.base import Channel
from bot.channels.console import ConsoleChannel
from bot.inbound.dispatcher import Dispatcher
from bot.inbound.router import menu
from bot.outbound.digests import ChatDigestSink
from bot.outbound.nudges import ChatDelivery
from scheduler.clock import Clock
from scheduler.digest import run_due_digests
from scheduler.service import ReminderService
from storage.db import Database

log = logging.getLogger("nhacviec.app")
DRAIN_SECONDS = 10  # on stop, for the answers to what was already accepted
DigestHook = Callable[[Database, object, object], Awaitable[object]]


def build_channels(settings: Settings) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    if settings.telegram_bot_token:
        from bot.channels.telegram import TelegramChannel

        channels["telegram"] = TelegramChannel(
            settings.telegram_bot_token,
            api_url=settings.telegram_api_url,
            webhook_url=settings.webhook_url,
            webhook_secret=settings.webhook_secret,
            listen=settings.webhook_listen,
        )
    if settings.zalo_bot_token:
        from bot.channels.zalo import ZaloChannel

        # One webhook address: Telegram keeps it when both are configured and Zalo polls;
        # Zalo's file links need its own server, so they exist only when it has the webhook.
        zalo_webhook = settings.webhook_url if not settings.telegram_bot_token else None
        channels["zalo"] = ZaloChannel(
            settings.zalo_bot_token,
            api_url=settings.zalo_api_url,
            webhook_url=zalo_webhook,
            webhook_secret=settings.webhook_secret if zalo_webhook else None,
            listen=settings.webhook_listen,
            public_url=_origin(zalo_webhook) if zalo_webhook else None,
        )
    if not channels:
        channels["console"] = ConsoleChannel()
    return channels


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def serve(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    channels: dict[str, Channel] | None = None,
    stop: asyncio.Event | None = None,
    digests: DigestHook | None = None,
) -> None:
    """Run until ``stop`` is set, a signal arrives, or a channel ends (the console's input)."""
    channels = channels if channels is not None else build_channels(settings)
    stop = stop or asyncio.Event()
    calendar, rules = calendar_from(settings), rules_from(settings)
    if settings.clock_start is not None:
        log.warning(
            "action=simulated_clock start=%s speed=%s",
            settings.clock_start.isoformat(),
            settings.clock_speed,
        )
    dispatcher = Dispatcher(db, channels, calendar, rules, clock.now, settings.language)
    recovered = await dispatcher.recover()
    if recovered:
        log.info("action=recovered updates=%s", recovered)
    for channel in channels.values():
        await channel.start(dispatcher.receive if channel.interactive else dispatcher.accept)
        await channel.set_commands({"vi": menu("vi"), "en": menu("en")})
    if digests is None:
        sink = ChatDigestSink(db, channels, settings.language)

        async def digests(db, calendar, now):
            return await run_due_digests(db, calendar, sink, now)

    service = ReminderService(
        db,
        ChatDelivery(db, channels, settings.language),
        calendar,
        rules,
        clock,
        sweep_seconds=settings.sweep_seconds,
        digests=digests,
    )
    service.start()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)

    async def resend_loop() -> None:
        # Answers a platform refused for a while (429, 5xx) go out once it takes them;
        # an update whose turn failed to commit (the database was busy) is run again.
        while True:
            await asyncio.sleep(settings.sweep_seconds)
            try:
                await dispatcher.recover()
            except Exception:
                log.exception("action=resend_failed")

    resender = asyncio.create_task(resend_loop())
    waiters: list[asyncio.Task] = [asyncio.create_task(stop.wait())]
    waiters += [asyncio.create_task(ch.wait_closed()) for ch in channels.values()]
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in (*waiters, resender):
            task.cancel()
        await service.stop()
        try:  # answer what was accepted while the channels can still send
            await asyncio.wait_for(dispatcher.drain(), DRAIN_SECONDS)
        except TimeoutError:
            log.warning("action=drain_timeout seconds=%s", DRAIN_SECONDS)
        for channel in channels.values():
            await channel.stop()
        await dispatcher.close()  # what is left is in the inbox, for the next start
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        log.info("action=stopped")
