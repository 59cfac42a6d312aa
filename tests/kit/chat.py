"""A chat through the real dispatcher onto a recording channel, for transcript tests.

``Chat(db, now)`` sends what a person types (or presses) and returns the texts the bot
answered; ``link(db, role, agency, chat_id, now)`` is the person of that role and agency
with a linked console chat.
"""

from __future__ import annotations

from datetime import datetime

from bot.inbound.dispatcher import Deps, Dispatcher
from storage.models import Person
from tests.fakes.recording_channel import RecordingChannel
from tests.kit.times import CAL, RULES, local
from tests.kit.world import World

NOW = local(2024, 3, 20, 9, 0)  # a Wednesday in the summary plan's month


async def link(db, role: str, short_code: str, chat_id: str, at: datetime = NOW) -> Person:
    world = World(db)
    person = await world.person(role, short_code)
    await world.link(person, chat_id, at=at)
    return person


def recording_dispatcher(db, channel, now: datetime) -> Dispatcher:
    """A dispatcher over ``channel`` alone, its clock stopped at ``now``."""
    return Dispatcher(Deps(db, {channel.name: channel}, CAL, RULES, lambda: now))


class Chat:
    def __init__(self, db, now: datetime = NOW):
        self.channel = RecordingChannel()
        self.dispatcher = recording_dispatcher(db, self.channel, now)
        self.n = 0

    async def say(self, chat_id: str, text: str = "", **kw) -> list[str]:
        before = len(self.channel.sent)
        self.n += 1
        await self.dispatcher.receive(self.channel.incoming(chat_id, text, f"k{self.n}", **kw))
        return [m.text for _, m in self.channel.sent[before:]]

    def last(self, chat_id: str):
        return next(m for c, m in reversed(self.channel.sent) if c == chat_id)
