"""Digest parts delivered like nudges, end to end on Telegram: killed mid-way and
restarted, refused with 429 and 5xx, every part goes out exactly once (issue 18, point 2)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.app.settings import Settings
from bot.channels.telegram import TelegramChannel
from storage.enums import Channel, NudgeState
from storage.models import DigestPart
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import World, local
from tests.kit.summary_plan import build_plan

MONDAY = local(2024, 3, 25, 9, 0)  # the daily and the weekly are both due
CHATS = {("coordinator", None): 3001, ("leader", "snv"): 3002, ("leader", "stp"): 3003}


@pytest.fixture
async def world(db, tmp_path):
    from scheduler.clock import ManualClock

    await build_plan(db, tmp_path)
    w = World(db)
    for (role, agency), chat in CHATS.items():
        await w.link(await w.person(role, agency), chat, Channel.TELEGRAM, at=local(2024, 3, 1))
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        yield db, api, ManualClock(MONDAY)


def service(db, api, clock) -> ChatService:
    channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
    # A quiet daily digest still reaches the coordinator as a notice: four parts in a run.
    return ChatService(db, channel, clock, Settings(digest_quiet="notice"))


async def parts(db) -> list[DigestPart]:
    async with db.unit_of_work() as session:
        return list((await session.scalars(select(DigestPart).order_by(DigestPart.id))).all())


def digests_in(api, chat) -> list[str]:
    """The first line naming the digest of each digest message in ``chat``."""
    texts = [m.plain_text for m in api.sent_messages(chat)]
    return [next(x for x in t.splitlines() if x[:1] in "📊📈") for t in texts]


async def test_killed_mid_way_then_restarted_every_part_goes_out_once(world):
    db, api, clock = world
    first = service(db, api, clock)
    async with first:
        real, sent = first.channel.send, []

        async def dies_on_the_third(chat_id, message):
            if len(sent) == 2:  # the process is killed with a part claimed, unsent
                raise asyncio.CancelledError
            sent.append(chat_id)
            return await real(chat_id, message)

        first.channel.send = dies_on_the_third
        with pytest.raises(asyncio.CancelledError):
            await first.service.reminders.run_digests(MONDAY)
    planned = await parts(db)
    assert len(planned) >= 4 and len(api.sent_messages()) == 2
    assert [p.state for p in planned].count(NudgeState.CLAIMED) == 1

    clock.advance(minutes=1)  # a fresh process: the dead one's claim is still leased
    async with service(db, api, clock) as second:
        await second.service.reminders.run_digests(clock.now())
        assert len(api.sent_messages()) == len(planned) - 1
        clock.advance(minutes=5)  # the lease ran out: the claimed part is taken again
        await second.service.reminders.run_digests(clock.now())
        await second.service.reminders.run_digests(clock.now() + timedelta(hours=1))
    assert {p.state for p in await parts(db)} == {NudgeState.SENT}
    assert len(api.sent_messages()) == len(planned)
    for chat in CHATS.values():  # each digest once per recipient, none marked late
        got = digests_in(api, chat)
        assert len(got) == len(set(got)) and not any("gửi muộn" in g for g in got)
    assert len(digests_in(api, CHATS[("coordinator", None)])) == 2  # daily and weekly


async def test_a_part_refused_with_429_or_5xx_is_retried_and_sent_once(world):
    db, api, clock = world
    api.ban_next(1, scope="chat")  # the first part: 429
    api.fail_next("sendMessage", 502)  # the next: a 5xx
    async with service(db, api, clock) as svc:
        await svc.service.reminders.run_digests(MONDAY)
        refused = [p for p in await parts(db) if p.state is NudgeState.FAILED]
        assert len(refused) == 2 and all(p.available_at > MONDAY for p in refused)
        assert api.status_counts[429] == 1 and api.status_counts[502] == 1
        clock.advance(minutes=2)
        await svc.service.reminders.run_digests(clock.now())
        await svc.service.reminders.run_digests(clock.now() + timedelta(minutes=5))
    assert {p.state for p in await parts(db)} == {NudgeState.SENT}
    assert len(api.sent_messages()) == len(await parts(db))
    for chat in CHATS.values():
        got = digests_in(api, chat)
        assert len(got) == len(set(got))
