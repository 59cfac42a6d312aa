"""The chat half of ``nhacviec run`` over one channel on one database, restartable:
what the end-to-end tests of every platform start and stop around a fake server."""

from __future__ import annotations

from bot.app.builder import build_service
from bot.app.settings import Settings
from scheduler.planner import plan_window
from scheduler.sweep import SweepConfig, sweep_once


class ChatService:
    """``async with``: the service ``nhacviec run`` builds (default settings) over this
    one channel, opened as it opens it (recovery, then the channel started and its menu
    set); on exit the answers drain, then it stops."""

    def __init__(self, db, channel, clock, settings: Settings | None = None) -> None:
        self.db, self.channel, self.clock = db, channel, clock
        settings = settings or Settings()
        self.service = build_service(settings, db, clock, channels={channel.name: channel})
        self.dispatcher = self.service.dispatcher

    async def __aenter__(self):
        await self.service.open()
        return self

    async def __aexit__(self, *exc):
        await self.service.close()

    async def sweep(self):
        """Plan what is due now and send it through the channel."""
        s, now = self.service, self.clock.now()
        async with self.db.unit_of_work() as session:
            await plan_window(session, s.rules, s.calendar, now)
        config = SweepConfig(worker="e2e", rules=s.rules)
        return await sweep_once(self.db, s.delivery, s.calendar, config, now)
