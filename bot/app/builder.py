"""The running service, built in one place from the settings.

``build_service`` makes what ``nhacviec run`` runs: the channels, the calendar
and reminder rules (the scheduler's own objects: the scheduler never imports
bot), the dispatcher, the nudge delivery, the digest sink and the reminder
service. ``nhacviec run``, ``nhacviec demo``, the end-to-end tests and
``bench/`` use it, so they run the same wiring. ``Service.open`` and
``Service.close`` start and stop the chat half around it.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from bot.app import heap
from bot.app.channel_state import ChannelAlerts
from bot.app.settings import Settings
from bot.channels.base import Channel
from bot.channels.console import ConsoleChannel
from bot.channels.email import SECURITIES, EmailChannel, Security, SmtpConfig
from bot.channels.health import board
from bot.channels.media import MB, EvidenceFolder
from bot.channels.pacing import Limiter
from bot.channels.watch import ChannelWatch
from bot.documents.attachments import preload
from bot.documents.render import Renderer
from bot.inbound.choices import keep_menus
from bot.inbound.dispatcher import Deps, Dispatcher
from bot.inbound.router import menu
from bot.outbound.digests import ChatDigestSink
from bot.outbound.email_fallback import EmailFallback
from bot.outbound.email_invites import MailInvites
from bot.outbound.escalation_copies import EscalationCopies
from bot.outbound.nudges import ChatDelivery
from bot.texts import use_address
from scheduler.calendar import WorkCalendar
from scheduler.clock import Clock
from scheduler.delivery import Delivery
from scheduler.digest import run_due_digests
from scheduler.policy import ReminderRules
from scheduler.service import PARALLEL, DigestRunner, ReminderService, default_worker_name
from storage.db import Database

log = logging.getLogger("nhacviec.app")


def calendar_from(settings: Settings) -> WorkCalendar:
    return WorkCalendar(
        settings.timezone,
        settings.work_start,
        settings.work_end,
        extra_days_off=settings.extra_days_off,
        extra_workdays=settings.extra_workdays,
        deadline_on_day_off=settings.deadline_on_day_off,
        days_unit=settings.days_unit,
    )


def rules_from(settings: Settings) -> ReminderRules:
    return ReminderRules(
        remind_before=settings.remind_before,
        overdue_every=settings.overdue_every,
        escalate_after=settings.escalate_after,
        continuous_checkin=settings.continuous_checkin,
        overdue_ladder=settings.overdue_ladder,
        overdue_cap=settings.overdue_cap,
        checkin_at=settings.checkin_time,
    )


def limiter_for(channel: str) -> Limiter:
    """The one limiter of a token: every sender in the process goes through it."""
    return Limiter(29, 1.0, monotonic=time.monotonic, sleep=asyncio.sleep, name=channel)


def evidence_folder(settings: Settings) -> EvidenceFolder:
    return EvidenceFolder(settings.evidence_dir, settings.evidence_max_mb * MB)


def build_channels(settings: Settings) -> dict[str, Channel]:
    """Telegram and Zalo as configured; the console in this terminal when neither is."""
    channels: dict[str, Channel] = {}
    if settings.telegram_bot_token:
        from bot.channels.telegram import TelegramChannel

        channels["telegram"] = TelegramChannel(
            settings.telegram_bot_token,
            api_url=settings.telegram_api_url,
            webhook_url=settings.webhook_url,
            webhook_secret=settings.webhook_secret,
            listen=settings.webhook_listen,
            limiter=limiter_for("telegram"),
            evidence=evidence_folder(settings),
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
            lang=settings.language,
            limiter=limiter_for("zalo"),
            file_link_seconds=settings.file_link_minutes * 60.0,
            evidence=evidence_folder(settings),
        )
    if not channels:
        channels["console"] = ConsoleChannel(lang=settings.language)
    return channels


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class Service:
    channels: dict[str, Channel]
    calendar: WorkCalendar
    rules: ReminderRules
    dispatcher: Dispatcher
    delivery: Delivery  # the chats, then e-mail when configured
    digest_sink: ChatDigestSink
    reminders: ReminderService  # not started: ``serve`` starts it, tests run rounds
    escalation_copies: EscalationCopies | None = None  # NHACVIEC_EMAIL_ESCALATIONS=on
    # The process the charts and reports are drawn in (started by ``open``).
    renderer: Renderer = field(default_factory=Renderer)
    collector: heap.Collector | None = None  # full collections when quiet (``open``)

    def quiet(self) -> bool:
        """Nothing in flight: no update, answer, round or digest run."""
        return not (self.dispatcher.busy() or self.reminders.busy())

    async def open(self) -> int:
        """Process and send what the inbox kept, then start every channel with its
        menu; returns the number of updates and answers recovered."""
        # The drawing worker imports its libraries while the service opens (the first
        # report would wait for them), and this process the report's own (then frozen).
        await asyncio.to_thread(self.renderer.start)  # spawning a process takes ~20 ms
        try:
            await asyncio.to_thread(preload)
            recovered = await self.dispatcher.recover()
            menus = {"vi": menu("vi"), "en": menu("en")}
            for channel in self.channels.values():
                # A console is answered line by line; the platforms' updates are confirmed
                # once stored, their answers following in the background.
                d = self.dispatcher
                await channel.start(d.receive if channel.interactive else d.accept)
                board.started(channel.name)
                await channel.set_commands(menus)
        except BaseException:  # a token refused, a webhook not reachable: no worker left
            self.renderer.close()
            raise
        heap.settle()  # what is alive now lives as long as the process
        if self.collector is None:
            self.collector = heap.Collector(self.quiet)
        self.collector.start()
        return recovered

    async def close(self, drain_seconds: float | None = None) -> None:
        """Answer what was accepted while the channels can still send (for at most
        ``drain_seconds``), stop the channels, then the dispatcher: what is left is
        in the inbox, for the next start."""
        try:
            await asyncio.wait_for(self.dispatcher.drain(), drain_seconds)
        except TimeoutError:
            log.warning("action=drain_timeout seconds=%s", drain_seconds)
        try:
            for channel in self.channels.values():
                await channel.stop()
                board.stopped(channel.name)
            await self.dispatcher.close()
        finally:
            self.renderer.close()  # a drawing under way is not waited for
            if self.collector is not None:
                await self.collector.stop()
            heap.release()


def email_channel(settings: Settings) -> EmailChannel | None:
    """The e-mail channel of ``settings`` (NHACVIEC_SMTP_*), or None when no host is set."""
    if not settings.smtp_host or not settings.smtp_from:
        return None
    security: Security = "starttls"
    for known in SECURITIES:
        if known == settings.smtp_security:
            security = known
    config = SmtpConfig(
        settings.smtp_host,
        settings.smtp_from,
        settings.smtp_port,
        security,
        settings.smtp_user,
        settings.smtp_password,
    )
    return EmailChannel(config, lang=settings.language)


def build_service(
    settings: Settings,
    db: Database,
    clock: Clock,
    *,
    channels: dict[str, Channel] | None = None,
    digests: DigestRunner | None = None,
) -> Service:
    """The service of ``settings`` on ``db`` at ``clock``. ``channels`` replaces the
    configured ones and ``digests`` the digest run (tests, the demo)."""
    channels = channels if channels is not None else build_channels(settings)
    use_address(settings.address)
    calendar, rules, lang = calendar_from(settings), rules_from(settings), settings.language
    keep_menus(channels, db, clock.now)  # numbered options survive a restart
    alerts = ChannelAlerts(db, channels, lang, clock.now, calendar.timezone)
    watch = ChannelWatch(clock.now, listener=alerts)  # a channel gone dark, and back
    for channel in channels.values():
        # A channel that stops for a reason only the operator can fix says so elsewhere.
        if hasattr(channel, "on_health") and channel.on_health is None:
            channel.on_health = alerts
    renderer = Renderer()
    dispatcher = Dispatcher(Deps(db, channels, calendar, rules, clock.now, lang, renderer))
    email = email_channel(settings)
    delivery: Delivery = ChatDelivery(db, channels, lang, calendar=calendar, watch=watch)
    invites = MailInvites(channels, calendar.timezone)  # how an e-mail says to link a chat
    if email is not None:  # people with no chat that works get their nudges by e-mail
        delivery = EmailFallback(
            delivery,
            db,
            email,
            lang,
            calendar=calendar,
            watch=watch,
            channels=list(channels),
            invites=invites,
        )
    sink = ChatDigestSink(
        db,
        channels,
        lang,
        tz=calendar.timezone,
        calendar=calendar,
        quiet=settings.digest_quiet,
        email=email,
        invites=invites,
    )
    if digests is None:
        # Its own name each time: a claim left by an earlier (killed) run of this
        # process is another worker's, taken again only when its lease ran out.
        worker = f"{default_worker_name()}:digests:{secrets.token_hex(3)}"

        async def digests(db, calendar, now):
            return await run_due_digests(db, calendar, sink, now, worker=worker)

    copies = None
    if email is not None and settings.email_escalations:  # after each round's sweep
        name = f"{default_worker_name()}:copies:{secrets.token_hex(3)}"
        copies = EscalationCopies(db, email, calendar, lang, invites=invites, worker=name)
        digests = _and_copies(digests, copies)
    reminders = ReminderService(
        db,
        delivery,
        calendar,
        rules,
        clock,
        sweep_seconds=settings.sweep_seconds,
        digests=digests,
        parallel=PARALLEL if db.dialect == "postgresql" else 1,
    )
    return Service(
        channels, calendar, rules, dispatcher, delivery, sink, reminders, copies, renderer
    )


def _and_copies(digests: DigestRunner, copies: EscalationCopies) -> DigestRunner:
    """The digest run, then the escalations' e-mail copies (whatever the digests did)."""

    async def run(db: Database, calendar: WorkCalendar, now: datetime) -> object:
        try:
            return await digests(db, calendar, now)
        finally:
            await copies.run(now)

    return run
