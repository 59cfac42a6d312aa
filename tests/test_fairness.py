"""Fair under floods, through real python-telegram-bot and the fake Bot API: one chat's
backlog never stands in front of another chat's answer (issue 17, point 1)."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import select

from bot.channels.telegram import TelegramChannel
from bot.documents import attachments
from bot.inbound import fairness
from storage.enums import Channel
from storage.models import InboundMessage
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import World, count, two_tasks_and_an_invite

OFFICIAL, STRANGER, FLOODER, COORDINATOR = 2001, 2002, 2003, 2004
SPEED = 20  # the channel's pacing runs this much faster than real time


def fast_channel(api) -> TelegramChannel:
    """Telegram with its real limiter and pacing (1/s per chat), on a clock that runs
    ``SPEED`` times faster, so a backlog is seconds of the channel's time."""

    async def sleep(seconds: float) -> None:
        await asyncio.sleep(seconds / SPEED)

    return TelegramChannel(
        api.token,
        api_url=api.url,
        poll_timeout=1,
        monotonic=lambda: time.monotonic() * SPEED,
        sleep=sleep,
    )


@pytest.fixture
async def world(db, tmp_path):
    clock, _code = await two_tasks_and_an_invite(db, tmp_path)
    w = World(db)
    await w.link(await w.person("official", "stp"), OFFICIAL, Channel.TELEGRAM)
    await w.link(await w.person("official", "snv"), FLOODER, Channel.TELEGRAM)
    await w.link(await w.person("coordinator"), COORDINATOR, Channel.TELEGRAM)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        yield db, api, clock


async def first_answer(api, chat_id) -> None:
    await api.wait_for(
        lambda c: (
            c.method in ("sendMessage", "sendDocument") and int(c.params["chat_id"]) == chat_id
        ),
        timeout=20,
    )


async def test_a_stranger_flooding_gets_one_refusal_and_holds_nobody_up(world):
    db, api, clock = world
    async with ChatService(db, fast_channel(api), clock):
        for n in range(300):
            api.push_message(STRANGER, f"spam {n}")
        await first_answer(api, STRANGER)
        api.push_command(OFFICIAL, "/viec")
        await first_answer(api, OFFICIAL)
        assert len(api.sent_messages(STRANGER)) == 1
    assert "chưa được liên kết" in api.sent_messages(STRANGER)[0].plain_text
    assert "2.1" in api.sent_messages(OFFICIAL)[0].plain_text
    assert len(api.sent_messages(STRANGER)) == 1  # the other 299: stored, not answered
    stored = InboundMessage.chat_id == str(STRANGER)
    assert await count(db, InboundMessage, stored) == 300
    async with db.unit_of_work() as session:
        payloads = (await session.scalars(select(InboundMessage.payload).where(stored))).all()
    assert not any("spam" in p for p in payloads)  # nothing of a stranger's text is kept


async def test_a_linked_chats_backlog_is_interleaved_with_another_chats_answer(world):
    db, api, clock = world
    async with ChatService(db, fast_channel(api), clock):
        for _ in range(40):
            api.push_command(FLOODER, "/viec")
        await first_answer(api, FLOODER)
        api.push_command(OFFICIAL, "/viec")
        await first_answer(api, OFFICIAL)
        flood_before = len(api.sent_messages(FLOODER))
    # Paced 1/s, the flood's answers take 40 s of the channel's time; the official's
    # came after a few of them, not after all.
    assert flood_before < 20
    assert len(api.sent_messages(FLOODER)) == 40  # and every one of the flood's is answered
    assert len(api.sent_messages(OFFICIAL)) == 1


async def test_reports_are_one_in_flight_per_person_and_made_off_the_answer_path(
    world, monkeypatch
):
    db, api, clock = world
    drawing, real = asyncio.Event(), attachments.make

    async def slow(db, request, **kw):  # a big plan: the workbook takes a while
        await drawing.wait()
        return await real(db, request, **kw)

    monkeypatch.setattr("bot.inbound.fairness.make_attachment", slow)
    async with ChatService(db, fast_channel(api), clock):
        try:
            for _ in range(20):
                api.push_command(COORDINATOR, "/baocao")
            asked = InboundMessage.chat_id == str(COORDINATOR)
            for _ in range(1000):  # until all 20 are stored and through their turns
                if (
                    await count(db, InboundMessage, asked, InboundMessage.processed_at.is_not(None))
                    == 20
                ):
                    break
                await asyncio.sleep(0.02)
            api.push_command(OFFICIAL, "/viec")
            await first_answer(api, OFFICIAL)  # while the report is still being made
            assert api.documents == []
        finally:  # a failure above must not leave the drain waiting on it
            drawing.set()
    waits = [m for m in api.sent_messages(COORDINATOR) if "đang chuẩn bị" in m.plain_text]
    assert len(api.documents) == 1 and len(waits) == 19
    # Once it was sent, the next one may be asked for.
    clock.advance(minutes=1)
    async with ChatService(db, fast_channel(api), clock):
        api.push_command(COORDINATOR, "/baocao")
        await api.wait_for(lambda c: len(api.documents) == 2, timeout=20)
    assert len(api.documents) == 2


def test_a_chat_that_writes_once_goes_before_the_others_backlogs():
    # 30 chats sent three replies each, then a coordinator asked once: the question is in
    # the first batch of 40, and each chat keeps its order across batches
    queue = [(chat, n) for n in range(3) for chat in range(30)] + [("coordinator", 0)]
    queue.sort(key=lambda item: (item[0] == "coordinator", str(item[0]), item[1]))
    batch, rest = fairness.take_fair(queue, 40, 4, key=lambda item: item[0])
    assert ("coordinator", 0) in batch
    assert len(batch) == 40 and len(rest) == len(queue) - 40
    for chat in range(30):
        mine = [n for c, n in batch + rest if c == chat]
        assert mine == [0, 1, 2]  # oldest first, none skipped
    assert {c for c, n in batch if n == 0} == set(range(30)) | {"coordinator"}


def test_a_batch_takes_at_most_per_chat_of_one_chat():
    queue = [("busy", n) for n in range(10)] + [("quiet", 0)]
    batch, rest = fairness.take_fair(queue, 100, 4, key=lambda item: item[0])
    assert batch == [("quiet", 0), ("busy", 0), ("busy", 1), ("busy", 2), ("busy", 3)]
    assert rest == [("busy", n) for n in range(4, 10)]


def test_a_question_behind_others_first_replies_is_the_batchs_first_turn():
    # 200 officials sent three replies each, then a coordinator asked once: a batch runs
    # out of time long before its 201st turn, so the question's turn comes first; each
    # rank in turn, each chat in order
    queue = [(chat, n) for n in range(3) for chat in range(200)] + [("coordinator", 0)]
    batch, rest = fairness.take_fair(queue, 100, 4, key=lambda item: item[0])
    assert batch[0] == ("coordinator", 0) and batch[1:] == [(c, 0) for c in range(99)]
    assert rest == [item for item in queue if item not in batch]
    mixed = [("a", 0), ("b", 0), ("a", 1), ("c", 0), ("b", 1), ("a", 2)]
    batch, _ = fairness.take_fair(mixed, 10, 4, key=lambda item: item[0])
    assert batch == [("c", 0), ("b", 0), ("a", 0), ("b", 1), ("a", 1), ("a", 2)]


async def test_one_question_is_answered_before_other_chats_second_answers():
    sent: list[str] = []
    second_out = asyncio.Event()

    async def send(item: str) -> None:
        sent.append(item)
        if len(sent) == 2:  # A's first answer out and its lane round again, B's going out
            second_out.set()
        await asyncio.sleep(0)

    lanes: fairness.Lanes[str, str] = fairness.Lanes(send, senders=1)
    for chat in "ABC":
        lanes.put(chat, f"{chat}1")
        lanes.put(chat, f"{chat}2")
    await second_out.wait()
    lanes.put("Q", "Q1")  # the coordinator asks while the burst goes out
    await lanes.wait_idle()
    assert sorted(sent) == ["A1", "A2", "B1", "B2", "C1", "C2", "Q1"]
    assert sent.index("Q1") < min(sent.index(f"{chat}2") for chat in "ABC")
    for chat in "ABC":
        assert sent.index(f"{chat}1") < sent.index(f"{chat}2")  # each chat in order
