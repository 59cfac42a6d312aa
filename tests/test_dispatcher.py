"""The inbox: every update processed exactly once across crashes, answers never lost."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, select

from bot.channels.base import ChannelError
from bot.handlers import progress
from bot.inbound import dispatcher as dispatcher_module
from bot.inbound.dispatcher import Dispatcher
from storage.enums import Channel
from storage.models import Assignment, ChatLink, InboundMessage, Person, ProgressUpdate
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import World, count, one_task_and_a_linked_official
from tests.kit.chat import recording_dispatcher

NOW = datetime(2024, 3, 6, 3, 0, tzinfo=UTC)


@pytest.fixture
async def linked(db, tmp_path):
    """Sở Tư pháp's official, linked on chat "42"; one task 2.1 of Sở Tư pháp."""
    return await one_task_and_a_linked_official(db, tmp_path, at=NOW)


async def invite_leader(db) -> tuple[Person, str]:
    """Sở Tư pháp's leader and a fresh invite code for them."""
    world = World(db)
    leader = await world.person("leader", "stp")
    return leader, await world.invite(leader, NOW)


def dispatcher(db, channel):
    return recording_dispatcher(db, channel, NOW)


async def history(db) -> int:
    return await count(db, ProgressUpdate)


async def test_crash_between_storing_and_processing_is_recovered_once(linked):
    channel = RecordingChannel()
    first = dispatcher(linked, channel)
    incoming = channel.incoming("42", "/capnhat 2.1 đang làm 40%", "u1")
    row_id = await first.store(incoming)  # stored, then the process dies
    assert row_id is not None and await history(linked) == 0

    restarted = dispatcher(linked, channel)
    assert await restarted.recover() == 1
    assert await history(linked) == 1
    assert [m.splitlines()[0] for m in channel.texts("42")] == [
        "Đã ghi nhận 2.1: đang thực hiện 40%."
    ]
    assert await restarted.recover() == 0  # nothing twice
    assert await history(linked) == 1


async def test_a_platform_resend_is_not_processed_twice(linked):
    channel = RecordingChannel()
    d = dispatcher(linked, channel)
    incoming = channel.incoming("42", "/capnhat 2.1 xong", "u7")
    await d.receive(incoming)
    await d.receive(incoming)  # the same update id again
    assert await history(linked) == 1 and len(channel.texts()) == 1


async def test_answers_unsent_when_the_platform_failed_are_sent_later(linked):
    channel = RecordingChannel()
    channel.failures.append(ChannelError("retry", "502 Bad Gateway"))
    d = dispatcher(linked, channel)
    await d.receive(channel.incoming("42", "/capnhat 2.1 xong", "u2"))
    assert await history(linked) == 1 and channel.texts() == []
    async with linked.unit_of_work() as session:
        row = await session.scalar(select(InboundMessage))
    assert row.processed_at is not None and row.replies_sent_at is None
    assert await d.resend() == 1
    assert [m.splitlines()[0] for m in channel.texts()] == ["Đã ghi nhận 2.1: đã hoàn thành."]
    assert await d.resend() == 0 and await history(linked) == 1


async def test_a_failing_turn_records_nothing_and_says_so(linked, monkeypatch):
    channel = RecordingChannel()
    d = dispatcher(linked, channel)

    async def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("bot.handlers.progress.record_progress", broken)
    await d.receive(channel.incoming("42", "/capnhat 2.1 xong", "u3"))
    assert await history(linked) == 0
    assert "gặp lỗi" in channel.texts()[0]
    async with linked.unit_of_work() as session:
        row = await session.scalar(select(InboundMessage))
        status = await session.scalar(select(Assignment.status))
    assert row.error.startswith("RuntimeError") and status == "not_started"


async def test_link_by_invite_through_the_dispatcher(linked):
    channel = RecordingChannel()
    d = dispatcher(linked, channel)
    leader, code = await invite_leader(linked)
    await d.receive(channel.incoming("77", f"/start {code}", "u4"))
    assert channel.texts("77")[0].startswith(f"Kính chào Anh/Chị {leader.full_name} (Sở Tư pháp)")
    async with linked.unit_of_work() as session:
        link = await session.scalar(select(ChatLink).where(ChatLink.chat_id == "77"))
    assert link.person_id == leader.id


# -- batches: updates that arrive together are stored and run together ------------------


async def accept_together(d: Dispatcher, *incomings) -> None:
    """Hand the updates over at once, as a channel hands a getUpdates batch."""
    await asyncio.gather(*(d.accept(incoming) for incoming in incomings))
    await d.drain()


async def test_a_batch_is_recorded_in_order_in_one_transaction(linked):
    channel, commits = RecordingChannel(), []
    event.listen(linked.engine.sync_engine, "commit", lambda _: commits.append(1))
    d = dispatcher(linked, channel)
    texts = ("/capnhat 2.1 dang lam 20%", "/capnhat 2.1 dang lam 50%", "/capnhat 2.1 xong")
    await accept_together(d, *(channel.incoming("42", t, f"b{n}") for n, t in enumerate(texts)))
    assert len(commits) == 2  # the updates with their turns, then the sent marks
    assert [m.splitlines()[0] for m in channel.texts("42")] == [
        "Đã ghi nhận 2.1: đang thực hiện 20%.",
        "Đã ghi nhận 2.1: đang thực hiện 50%.",
        "Đã ghi nhận 2.1: đã hoàn thành.",
    ]
    async with linked.unit_of_work() as session:
        status = await session.scalar(select(Assignment.status))
        rows = (await session.scalars(select(InboundMessage))).all()
    assert await history(linked) == 3 and status == "done"
    assert all(r.processed_at and r.replies_sent_at for r in rows) and len(rows) == 3


async def test_a_batch_past_its_time_commits_and_the_rest_follow_in_order(linked, monkeypatch):
    # The batch's transaction holds SQLite's write lock: past BATCH_SECONDS no further
    # turn starts; the rest lead the next batch, each chat still in order.
    channel, commits = RecordingChannel(), []
    event.listen(linked.engine.sync_engine, "commit", lambda _: commits.append(1))
    monkeypatch.setattr(dispatcher_module, "BATCH_SECONDS", 0.0)
    d = dispatcher(linked, channel)
    texts = ("/capnhat 2.1 dang lam 20%", "/capnhat 2.1 dang lam 50%", "/capnhat 2.1 xong")
    await accept_together(d, *(channel.incoming("42", t, f"t{n}") for n, t in enumerate(texts)))
    assert [m.splitlines()[0] for m in channel.texts("42")] == [
        "Đã ghi nhận 2.1: đang thực hiện 20%.",
        "Đã ghi nhận 2.1: đang thực hiện 50%.",
        "Đã ghi nhận 2.1: đã hoàn thành.",
    ]
    assert len(commits) >= 4  # one turn a transaction (three), then the sent marks
    assert await history(linked) == 3
    async with linked.unit_of_work() as session:
        rows = (await session.scalars(select(InboundMessage))).all()
    assert len(rows) == 3 and all(r.processed_at and r.replies_sent_at for r in rows)


async def test_a_later_message_in_the_batch_sees_what_an_earlier_one_changed(linked):
    channel = RecordingChannel()
    d = dispatcher(linked, channel)
    _, code = await invite_leader(linked)
    await accept_together(
        d,
        # the first asks for a date, the second answers the question
        channel.incoming("42", "/capnhat 2.1 xin gia hạn", "q1"),
        channel.incoming("42", "30/4/2024", "q2"),
        # an unlinked chat links itself, then writes as the person it now is
        channel.incoming("77", f"/start {code}", "s1"),
        channel.incoming("77", "/capnhat 2.1 dang lam 10%", "s2"),
    )
    assert [m.splitlines()[0] for m in channel.texts("42")] == [
        "2.1: Anh/Chị đề nghị gia hạn đến ngày nào (dd/mm/yyyy)? Có thể nêu thêm lý do.",
        "Đã ghi nhận đề nghị gia hạn 2.1 đến 30/04/2024; chờ cơ quan điều phối xem xét.",
    ]
    assert channel.texts("77")[1].splitlines()[0] == "Đã ghi nhận 2.1: đang thực hiện 10%."


async def test_a_failing_turn_in_a_batch_costs_only_itself(linked, monkeypatch):
    channel = RecordingChannel()
    d = dispatcher(linked, channel)
    real = progress.record_progress

    async def fails_at_half(*args, **kwargs):
        if kwargs.get("percent") == 50:
            raise RuntimeError("disk on fire")
        return await real(*args, **kwargs)

    monkeypatch.setattr("bot.handlers.progress.record_progress", fails_at_half)
    texts = ("/capnhat 2.1 dang lam 20%", "/capnhat 2.1 dang lam 50%", "/capnhat 2.1 dang lam 70%")
    await accept_together(d, *(channel.incoming("42", t, f"f{n}") for n, t in enumerate(texts)))
    answers = [m.splitlines()[0] for m in channel.texts("42")]
    assert answers[0] == "Đã ghi nhận 2.1: đang thực hiện 20%." and "gặp lỗi" in answers[1]
    assert answers[2] == "Đã ghi nhận 2.1: đang thực hiện 70%." and len(answers) == 3
    async with linked.unit_of_work() as session:
        percents = (await session.scalars(select(ProgressUpdate.percent))).all()
        errors = (await session.scalars(select(InboundMessage.error))).all()
    assert sorted(percents) == [20, 70]
    assert [e is not None for e in errors] == [False, True, False]


async def test_a_resend_within_a_batch_and_after_it_is_processed_once(linked):
    channel = RecordingChannel()
    d = dispatcher(linked, channel)
    update = channel.incoming("42", "/capnhat 2.1 xong", "r1")
    await accept_together(d, update, update)
    await accept_together(d, update, channel.incoming("42", "/capnhat 2.1 dang lam 5%", "r2"))
    assert await history(linked) == 2
    assert [m.splitlines()[0] for m in channel.texts("42")] == [
        "Đã ghi nhận 2.1: đã hoàn thành.",
        "Đã ghi nhận 2.1: đang thực hiện 5%.",
    ]


async def test_accept_returns_once_stored_and_the_answer_follows(linked):
    channel = GatedChannel()
    d = dispatcher(linked, channel)
    await asyncio.wait_for(d.accept(channel.incoming("42", "/capnhat 2.1 xong", "g1")), 5)
    async with linked.unit_of_work() as session:
        row = await session.scalar(select(InboundMessage))
    assert row.processed_at is not None and row.replies_sent_at is None
    assert channel.texts() == [] and await history(linked) == 1
    channel.gate.set()
    await asyncio.wait_for(d.drain(), 5)
    assert [m.splitlines()[0] for m in channel.texts("42")] == ["Đã ghi nhận 2.1: đã hoàn thành."]
    async with linked.unit_of_work() as session:
        assert (await session.scalar(select(InboundMessage))).replies_sent_at is not None


async def test_a_burst_is_stored_at_once_and_a_later_question_does_not_wait_for_its_turns(
    linked, monkeypatch
):
    # Updates that come while a batch runs are stored on their own once it ends (soon:
    # they wait), so the channel may fetch the next ones: a question behind a burst of
    # replies is taken in while the burst's turns are still running.
    turned: list[str] = []
    real = dispatcher_module.handle

    async def slow(turn):  # a loaded loop: each turn takes a while
        await asyncio.sleep(0.04)
        turned.append(turn.incoming.chat_id)
        await real(turn)

    monkeypatch.setattr(dispatcher_module, "handle", slow)
    channel = RecordingChannel()
    d = dispatcher(linked, channel)
    burst = [channel.incoming(str(100 + n), "xong", f"burst{n}") for n in range(20)]
    taking = asyncio.gather(*(d.accept(incoming) for incoming in burst))
    await asyncio.sleep(0.01)  # the burst's batch is running
    await asyncio.wait_for(d.accept(channel.incoming("42", "/capnhat 2.1 xong", "late")), 5)
    assert len(turned) < 10  # stored long before the burst's turns were through
    await taking
    await d.drain()
    assert turned.count("42") == 1 and len(turned) == 21  # every turn once
    assert [m.splitlines()[0] for m in channel.texts("42")] == ["Đã ghi nhận 2.1: đã hoàn thành."]
    async with linked.unit_of_work() as session:
        rows = (await session.scalars(select(InboundMessage))).all()
    assert len(rows) == 21 and all(r.processed_at for r in rows)


async def test_answers_to_many_chats_go_out_side_by_side_up_to_the_platforms_rate(linked):
    # Each send waits its chat's second (the platform's limit per chat), so the lanes'
    # senders, not the ~30/s the token allows, would bound how fast a burst is answered.
    class Paced(RecordingChannel):
        sending = most = 0

        async def send(self, chat_id, message):
            self.sending += 1
            self.most = max(self.most, self.sending)
            await asyncio.sleep(0.3)
            self.sending -= 1
            return await super().send(chat_id, message)

    channel = Paced()
    d = dispatcher(linked, channel)
    await accept_together(
        d, *(channel.incoming(str(500 + n), "xin chào", f"p{n}") for n in range(24))
    )
    assert len(channel.texts()) == 24  # each unlinked chat told how to register, once
    assert channel.most > 16


class GatedChannel(RecordingChannel):
    """Sends only once ``gate`` is set: the platform is slow to take answers."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def send(self, chat_id, message):
        await self.gate.wait()
        return await super().send(chat_id, message)


async def test_a_resend_sends_only_the_answers_that_did_not_go_out(linked):
    class CoordinatorBusy(RecordingChannel):  # the second answer meets a 429 once
        busy = True

        async def send(self, chat_id, message):
            if chat_id == "c1" and self.busy:
                self.busy = False
                raise ChannelError("retry", "429 Too Many Requests")
            return await super().send(chat_id, message)

    async with linked.unit_of_work() as session:
        coordinator = await session.scalar(select(Person).where(Person.role == "coordinator"))
        session.add(
            ChatLink(person_id=coordinator.id, channel=Channel.CONSOLE, chat_id="c1", linked_at=NOW)
        )
    channel = CoordinatorBusy()
    d = dispatcher(linked, channel)
    await d.receive(channel.incoming("42", "/giahan 2.1 30/4/2024 chờ ý kiến Bộ", "e1"))
    assert [m.splitlines()[0] for m in channel.texts("42")] == [
        "Đã ghi nhận đề nghị gia hạn 2.1 đến 30/04/2024 — chờ ý kiến Bộ; "
        "chờ cơ quan điều phối xem xét."
    ]
    assert channel.texts("c1") == []
    assert await d.resend() == 1
    assert len(channel.texts("42")) == 1  # not repeated
    (request,) = channel.texts("c1")
    assert "2.1" in request and "30/04/2024" in request
    assert await d.resend() == 0
