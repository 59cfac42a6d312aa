"""Answers before nudges at the token's rate (issue 16, point 4): when requests queue at the
limiter, an answer to what a chat sent takes the next free slot, the nudges the ones after;
an answer still waiting for its own chat's second holds nobody back."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime

from bot.channels.base import Outgoing
from bot.channels.pacing import Limiter, answering
from tests.fakes.channel_harness import eventually
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import one_task_and_a_linked_official
from tests.kit.chat import recording_dispatcher

NOW = datetime(2024, 3, 6, 3, 0, tzinfo=UTC)


class Waits:
    """The limiter's clock: its sleeps end when ``advance`` moves time past them."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleepers: list[tuple[float, asyncio.Future]] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self.sleepers.append((self.now + seconds, future))
        await future

    async def advance(self, seconds: float) -> None:
        self.now += seconds
        due = [s for s in self.sleepers if s[0] <= self.now]
        self.sleepers = [s for s in self.sleepers if s[0] > self.now]
        for _, future in due:
            if not future.done():
                future.set_result(None)
        for _ in range(20):  # the woken run up to their next wait
            await asyncio.sleep(0)


def limited(waits: Waits, per_chat_interval: float = 1.0) -> Limiter:
    """One request a second for the whole token."""
    return Limiter(1, per_chat_interval, monotonic=waits.monotonic, sleep=waits.sleep)


async def requests(limiter: Limiter, waits: Waits, asked: list[tuple[str, bool]]) -> list[str]:
    """``asked`` (chat, an answer?) queued behind one request just sent; the chats in the
    order they were let through."""
    order: list[str] = []

    async def send(chat: str, answer: bool) -> None:
        with answering() if answer else contextlib.nullcontext():
            await limiter.acquire(chat)
        order.append(chat)
        limiter.finished(chat)

    await send("1", False)  # the token's request of this second
    tasks = []
    for chat, answer in asked:
        tasks.append(asyncio.create_task(send(chat, answer)))
        await waits.advance(0)  # each waiting before the next is asked
    while not all(task.done() for task in tasks):
        await waits.advance(1.0)
    return order


async def test_an_answer_takes_the_next_free_slot_before_the_nudges_queued_first():
    waits = Waits()
    order = await requests(limited(waits), waits, [("2", False), ("3", False), ("4", True)])
    assert order == ["1", "4", "2", "3"]


async def test_an_answer_waiting_for_its_own_chat_holds_no_nudge_back():
    waits = Waits()
    limiter = limited(waits, per_chat_interval=5.0)  # chat 1 was just sent to: 5 s to wait
    order = await requests(limiter, waits, [("1", True), ("2", False), ("3", False)])
    assert order == ["1", "2", "3", "1"]


class PacedChannel(RecordingChannel):
    """A console channel whose sends pass a limiter, as the platforms' do."""

    def __init__(self, limiter: Limiter) -> None:
        super().__init__()
        self.limiter = limiter

    async def send(self, chat_id: str, message: Outgoing) -> str:
        await self.limiter.acquire(chat_id)
        try:
            return await super().send(chat_id, message)
        finally:
            self.limiter.finished(chat_id)


async def test_the_dispatchers_answer_goes_out_before_the_nudges_queued(db, tmp_path):
    await one_task_and_a_linked_official(db, tmp_path, at=NOW)  # linked on chat 42
    waits = Waits()
    channel = PacedChannel(limited(waits))
    dispatcher = recording_dispatcher(db, channel, NOW)
    await channel.send("100", Outgoing("nhắc 100"))  # the token's request of this second
    nudges = [asyncio.create_task(channel.send(str(chat), Outgoing(f"nhắc {chat}")))
              for chat in (101, 102, 103)]  # fmt: skip
    replying = asyncio.create_task(dispatcher.receive(channel.incoming("42", "/viec", "u1")))
    await eventually(lambda: len(waits.sleepers) == 4)  # the answer waits with the nudges
    while not all(task.done() for task in (*nudges, replying)):
        await waits.advance(1.0)
        await asyncio.sleep(0.001)  # the store's threads
    await replying
    assert [chat for chat, _ in channel.sent] == ["100", "42", "101", "102", "103"]
