"""One limiter per token: the platform's rate in every second, its bans obeyed.

Real python-telegram-bot and the real Zalo channel against the fake servers; the
fakes record when each message request arrived and any request inside a ban.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import httpx
import pytest

from bot.channels.base import ChannelError, Outgoing
from bot.channels.pacing import Limiter
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from tests.fakes.channel_harness import Clock, Inbox
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.zalo_api import FakeZaloAPI

CHAT = 42


@pytest.fixture
async def strict_api():
    # Telegram's limits with no burst allowance: any second over 30, any chat over 1/s, is a 429.
    async with FakeTelegramAPI(
        max_long_poll=0.2, global_burst=30, per_chat_burst=1, per_chat_rate=1.0
    ) as server:
        yield server


async def started(api: FakeTelegramAPI, **options) -> TelegramChannel:
    channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, **options)
    await channel.start(Inbox())
    return channel


async def test_a_burst_to_everyone_stays_within_every_second(strict_api):
    channel = await started(strict_api)
    try:
        await asyncio.gather(
            *(channel.send(str(chat), Outgoing(f"nhắc {chat}")) for chat in range(100, 140)),
            *(channel.send(str(CHAT), Outgoing(f"phần {n}")) for n in range(3)),
        )
    finally:
        await channel.stop()
    assert strict_api.status_counts[429] == 0
    assert len(strict_api.sent_messages()) == 43
    assert strict_api.busiest_window() <= 30
    assert strict_api.busiest_window(chat_id=CHAT) == 1


async def test_after_a_429_nothing_goes_out_until_the_ban_ends(strict_api, caplog):
    channel = await started(strict_api)
    strict_api.ban_next(1, scope="bot")
    try:
        with caplog.at_level(logging.WARNING):
            with pytest.raises(ChannelError) as refused:
                await channel.send(str(CHAT), Outgoing("bị từ chối"))
            # the sweep, the answers and the edits all wait behind the same ban
            sent = await asyncio.gather(
                *(channel.send(str(chat), Outgoing("sau lệnh cấm")) for chat in range(100, 105)),
                channel.edit(str(CHAT + 1), "1", Outgoing("sửa")),
                return_exceptions=True,
            )
    finally:
        await channel.stop()
    assert refused.value.kind == "retry"
    assert refused.value.retry_after == timedelta(seconds=1)
    assert strict_api.ban_violations == []
    assert len(strict_api.sent_messages()) == 5
    assert isinstance(sent[-1], ChannelError)  # nothing to edit there, but asked after the ban
    records = [r for r in caplog.records if "rate_limited" in r.getMessage()]
    assert [r.levelno for r in records] == [logging.WARNING]
    assert all(r.exc_info is None for r in caplog.records)


async def test_a_long_ban_refuses_at_once_without_asking_the_platform(strict_api):
    channel = await started(strict_api)
    strict_api.ban_next(30, scope="bot")
    try:
        with pytest.raises(ChannelError):
            await channel.send(str(CHAT), Outgoing("bị từ chối"))
        before = len(strict_api.request_times)
        with pytest.raises(ChannelError) as waiting:
            await channel.send(str(CHAT + 1), Outgoing("chờ"))
    finally:
        await channel.stop()
    assert waiting.value.kind == "retry"
    assert timedelta(seconds=28) < waiting.value.retry_after <= timedelta(seconds=30)
    assert len(strict_api.request_times) == before
    assert strict_api.ban_violations == []


async def test_one_limiter_serves_every_sender_of_a_token(strict_api):
    limiter = Limiter(29, 1.0, monotonic=asyncio.get_running_loop().time, sleep=asyncio.sleep)
    first = await started(strict_api, limiter=limiter)
    second = TelegramChannel(strict_api.token, api_url=strict_api.url, limiter=limiter)
    strict_api.ban_next(1, scope="chat")
    try:
        with pytest.raises(ChannelError):
            await first.send(str(CHAT), Outgoing("bị từ chối"))
        await second.send(str(CHAT), Outgoing("sau lệnh cấm"))
        await first.send(str(CHAT), Outgoing("rồi tiếp"))
    finally:
        await first.stop()
        await second.stop()
    assert strict_api.ban_violations == []
    assert strict_api.busiest_window(chat_id=CHAT) == 1


async def test_zalo_backs_off_a_429_and_slows_down():
    clock = Clock()
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        channel = ZaloChannel(
            api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0.0,
            monotonic=clock.monotonic, sleep=clock.sleep,
        )  # fmt: skip
        api.fail_next("sendMessage", 429, count=2)
        for _ in range(2):
            with pytest.raises(ChannelError) as refused:
                await channel.send(str(CHAT), Outgoing("quá hạn mức"))
            assert refused.value.kind == "retry"
        await channel.send(str(CHAT + 1), Outgoing("sau khi chờ"))
        await channel.stop()
    assert clock.sleeps == [1.0, 2.0]  # each ban waited out; a second 429 in a row bans longer


async def test_zalo_fake_times_out_with_and_without_delivery():
    async with FakeZaloAPI(max_long_poll=0.2) as api, httpx.AsyncClient(timeout=0.3) as client:
        channel = ZaloChannel(api.token, api_url=api.url, per_chat_interval=0.0, client=client)
        api.time_out_next("sendMessage", delivered=True)
        with pytest.raises(ChannelError) as lost:
            await channel.send(str(CHAT), Outgoing("đã đi, mất câu trả lời"))
        api.time_out_next("sendMessage", delivered=False)
        with pytest.raises(ChannelError):
            await channel.send(str(CHAT), Outgoing("không đến nơi"))
        await channel.send(str(CHAT), Outgoing("đã trả lời"))
    assert lost.value.kind == "retry"
    assert [m.text for m in api.sent(str(CHAT))] == ["đã đi, mất câu trả lời", "đã trả lời"]
    assert api.status_counts["timed_out"] == 2
