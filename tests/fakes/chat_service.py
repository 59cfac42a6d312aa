"""The chat half of ``nhacviec run`` over one channel on one database, restartable:
what the end-to-end tests of every platform start and stop around a fake server."""

from __future__ import annotations

from bot.inbound.dispatcher import Dispatcher
from bot.outbound.nudges import ChatDelivery
from scheduler.planner import plan_window
from scheduler.sweep import SweepConfig, sweep_once
from tests.kit import CAL, RULES


class ChatService:
    """``async with``: recover, then serve the channel as ``nhacviec run`` does (the
    dispatcher accepts, answers follow); on exit the answers drain, then it stops."""

    def __init__(self, db, channel, clock) -> None:
        self.db, self.channel, self.clock = db, channel, clock
        self.dispatcher = Dispatcher(db, {channel.name: channel}, CAL, RULES, clock.now)

    async def __aenter__(self):
        await self.dispatcher.recover()
        await self.channel.start(self.dispatcher.accept)
        return self

    async def __aexit__(self, *exc):
        await self.dispatcher.drain()
        await self.channel.stop()
        await self.dispatcher.close()

    async def sweep(self):
        """Plan what is due now and send it through the channel."""
        async with self.db.unit_of_work() as session:
            await plan_window(session, RULES, CAL, self.clock.now())
        delivery = ChatDelivery(self.db, {self.channel.name: self.channel})
        return await sweep_once(self.db, delivery, CAL, SweepConfig(worker="e2e"), self.clock.now())
