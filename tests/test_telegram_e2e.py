"""End to end on Telegram: real python-telegram-bot, the fake Bot API over HTTP, the real store."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from bot.channels.telegram import TelegramChannel
from bot.inbound.dispatcher import Dispatcher
from bot.inbound.fairness import REFUSE_EVERY
from scheduler.clock import ManualClock
from storage.enums import NudgeState, Status
from storage.models import Assignment, InboundMessage, Nudge, Task
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import World, counts, local, two_tasks_and_an_invite

OFFICIAL_CHAT, LEADER_CHAT, STRANGER_CHAT = 1001, 1002, 1003


class Service(ChatService):
    """The chat half of ``nhacviec run`` over TelegramChannel, restartable."""

    def __init__(self, db, api, clock, **channel_kw):
        channel = TelegramChannel(
            api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0, **channel_kw
        )
        super().__init__(db, channel, clock)
        self.api = api


async def answer_to(api, chat_id, since: int):
    """Wait for the bot's next message in ``chat_id`` after ``since`` messages; its text."""
    await api.wait_for(
        lambda call: (
            call.method == "sendMessage"
            and int(call.params["chat_id"]) == chat_id
            and len(api.sent_messages(chat_id)) > since
        ),
        timeout=10,
    )
    return api.sent_messages(chat_id)[since].plain_text


@pytest.fixture
async def world(db, tmp_path):
    clock, code = await two_tasks_and_an_invite(db, tmp_path)
    # Flood control is off here (pacing is the channel's job, measured in bench/replies.py);
    # the rate-limit test turns it on.
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        yield db, api, clock, code


def keyboard(message) -> list[list[str]]:
    return [[b["text"] for b in row] for row in message.reply_markup["inline_keyboard"]]


def data(message, row: int, col: int = 0) -> str:
    return message.reply_markup["inline_keyboard"][row][col]["callback_data"]


async def test_an_officials_morning_is_one_checkin_with_a_row_per_task(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        assert "Tài khoản chat đã được liên kết" in await answer_to(api, OFFICIAL_CHAT, 0)

        report = await svc.sweep()  # before:7 of both tasks is today
        assert report.sent == 2  # two ledger rows ...
        [_welcome, checkin] = api.sent_messages(OFFICIAL_CHAT)  # ... in one message
        lines = checkin.plain_text.splitlines()
        assert lines[0] == "📋 Hệ thống xin nhắc Anh/Chị 2 nhiệm vụ cần theo dõi ngày 06/03/2024:"
        assert lines[1:5] == [
            "1. 2.1 — Trình chương trình",
            "    Thời hạn: 15/03/2024 · còn 9 ngày",
            "2. 2.2 — Rà soát văn bản",
            "    Thời hạn: 15/03/2024 · còn 9 ngày",
        ]
        assert keyboard(checkin) == [
            ["2.1 ✅", "⏳", "⛔", "📅", "💤"],
            ["2.2 ✅", "⏳", "⛔", "📅", "💤"],
        ]
        assert all(
            len(d.encode()) <= 64 for d in (data(checkin, r, c) for r in (0, 1) for c in range(5))
        )

        api.push_callback(OFFICIAL_CHAT, checkin.message_id, data(checkin, 1))  # 2.2 ✅
        text = await answer_to(api, OFFICIAL_CHAT, 2)
        assert text.splitlines()[0] == "Đã ghi nhận 2.2: đã hoàn thành."
        assert api.callback_answers  # the spinner was stopped
        # The check-in shows the answer; the row of the task not answered stays.
        assert "2.2: đã hoàn thành" in checkin.plain_text.split("\n\n")[-1]
        assert keyboard(checkin) == [["2.1 ✅", "⏳", "⛔", "📅", "💤"]]

        # A reply to the check-in names no task: it lists two, so the bot asks which.
        api.push_message(OFFICIAL_CHAT, "dang lam 60%", reply_to_message_id=checkin.message_id)
        asked = await answer_to(api, OFFICIAL_CHAT, 3)
        assert (await counts(db))[0] == 1  # nothing recorded yet
        question = api.sent_messages(OFFICIAL_CHAT)[3]
        assert [row[0][:6] for row in keyboard(question)] == ["2.1 — ", "2.2 — "], asked
        api.push_callback(OFFICIAL_CHAT, question.message_id, data(question, 0))
        text = await answer_to(api, OFFICIAL_CHAT, 4)
        assert text.splitlines()[0] == "Đã ghi nhận 2.1: đang thực hiện 60%."
    updates, statuses = await counts(db)
    assert updates == 2
    assert statuses == {"2.1": Status.IN_PROGRESS, "2.2": Status.DONE}
    async with db.unit_of_work() as session:
        rows = (
            await session.execute(select(Nudge.message_id, Nudge.chat_id, Nudge.position))
        ).all()
    assert sorted(rows) == [
        (str(checkin.message_id), str(OFFICIAL_CHAT), 1),
        (str(checkin.message_id), str(OFFICIAL_CHAT), 2),
    ]


async def test_strangers_wrong_roles_and_forged_buttons_change_nothing(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        api.push_message(STRANGER_CHAT, "xong")
        assert "chưa được liên kết" in await answer_to(api, STRANGER_CHAT, 0)
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
        api.push_command(OFFICIAL_CHAT, "/baocao")
        assert "dành cho cơ quan điều phối" in await answer_to(api, OFFICIAL_CHAT, 1)
        await svc.sweep()
        nudge = api.sent_messages(OFFICIAL_CHAT)[2]  # the check-in
        api.push_callback(OFFICIAL_CHAT, nudge.message_id, "c:FORGEDtoken1:done")
        assert "không hợp lệ" in await answer_to(api, OFFICIAL_CHAT, 3)
        # The official's real button, pressed from the stranger's chat.
        real = nudge.reply_markup["inline_keyboard"][0][0]["callback_data"]
        clock.advance(REFUSE_EVERY)  # a stranger is refused once per interval
        api.push_message(STRANGER_CHAT, "hello")  # gives the stranger a message to press under
        await answer_to(api, STRANGER_CHAT, 1)
        clock.advance(REFUSE_EVERY)
        api.push_callback(STRANGER_CHAT, api.sent_messages(STRANGER_CHAT)[1].message_id, real)
        assert "chưa được liên kết" in await answer_to(api, STRANGER_CHAT, 2)
    assert (await counts(db))[0] == 0


async def test_rate_limited_nudges_are_retried_not_lost_or_repeated(world):
    db, api, clock, code = world
    api_clock = [0.0]
    api._clock = lambda: api_clock[0]  # the fake's flood control on a frozen clock
    api._per_chat = (1.0, 1)  # one message per chat, then 429 until the clock moves
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
        first = await svc.sweep()  # the check-in comes right after the welcome: 429
        assert first.sent == 0 and first.retried == 2 and api.status_counts[429] >= 1
        api_clock[0] += 60
        clock.advance(minutes=2)
        second = await svc.sweep()
        api_clock[0] += 60
        clock.advance(minutes=5)
        third = await svc.sweep()
        assert second.sent + third.sent == 2
    async with db.unit_of_work() as session:
        states = (await session.scalars(select(Nudge.state).where(Nudge.attempts > 0))).all()
    assert sorted(states) == [NudgeState.SENT, NudgeState.SENT]
    checkins = [m for m in api.sent_messages(OFFICIAL_CHAT) if "cần theo dõi" in m.plain_text]
    assert len(checkins) == 1  # both rows in one message, sent once


async def test_blocked_chat_becomes_unreachable_and_the_nudge_fails_for_good(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
        api.block_chat(OFFICIAL_CHAT)
        report = await svc.sweep()
    assert report.failed == 2
    async with db.unit_of_work() as session:
        errors = (
            await session.scalars(select(Nudge.last_error).where(Nudge.state == NudgeState.FAILED))
        ).all()
    assert all("blocked" in e for e in errors) and len(errors) == 2


async def test_crash_after_storing_before_processing_is_processed_once_after_restart(world):
    db, api, clock, code = world
    crashed = asyncio.Event()

    class CrashingDispatcher(Dispatcher):
        async def _run_batch(self, batch, now):  # the process dies right after storing
            async with self.db.unit_of_work() as session:
                await self._store(session, batch)
            crashed.set()
            raise asyncio.CancelledError

    async with Service(db, api, clock):
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
    dead = Service(db, api, clock)
    dead.dispatcher.__class__ = CrashingDispatcher
    await dead.channel.start(dead.dispatcher.accept)
    api.push_command(OFFICIAL_CHAT, "/capnhat 2.1 dang lam 30%")
    await asyncio.wait_for(crashed.wait(), 10)
    await dead.channel.stop()
    async with db.unit_of_work() as session:
        stored = await session.scalar(
            select(func.count())
            .select_from(InboundMessage)
            .where(InboundMessage.processed_at.is_(None))
        )
    assert stored == 1 and (await counts(db))[0] == 0

    async with Service(db, api, clock):  # restart: recovers the stored update
        text = await answer_to(api, OFFICIAL_CHAT, 1)
        assert text.splitlines()[0] == "Đã ghi nhận 2.1: đang thực hiện 30%."
        await asyncio.sleep(0.3)  # a few polls: nothing is handled a second time
    assert (await counts(db))[0] == 1
    assert len(api.sent_messages(OFFICIAL_CHAT)) == 2


async def test_crash_before_storing_gets_the_update_again(world):
    db, api, clock, code = world
    failed = asyncio.Event()

    async def dies(incoming):
        failed.set()
        raise RuntimeError("killed before the update was stored")

    channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
    await channel.start(dies)
    api.push_command(OFFICIAL_CHAT, f"/start {code}")
    await asyncio.wait_for(failed.wait(), 10)
    await channel.stop()
    assert api.pending_updates  # never confirmed
    async with Service(db, api, clock):
        assert "đã được liên kết" in await answer_to(api, OFFICIAL_CHAT, 0)


async def test_an_unsure_reply_is_asked_with_buttons_and_undone_with_one(world):
    db, api, clock, code = world
    async with Service(db, api, clock):
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
        api.push_message(OFFICIAL_CHAT, "2.1 xong rồi nhưng chưa gửi")
        asked = await answer_to(api, OFFICIAL_CHAT, 1)
        assert "chưa ghi nhận gì" in asked and asked.endswith("Anh/Chị muốn ghi nhận:")
        message = api.sent_messages(OFFICIAL_CHAT)[1]
        buttons = [b for row in message.reply_markup["inline_keyboard"] for b in row]
        assert [b["text"] for b in buttons] == ["Đã hoàn thành", "Đang thực hiện", "Khác"]
        assert (await counts(db))[0] == 0  # asked: nothing recorded

        api.push_callback(OFFICIAL_CHAT, message.message_id, buttons[0]["callback_data"])
        done = await answer_to(api, OFFICIAL_CHAT, 2)
        assert done.startswith("Đã ghi nhận 2.1: đã hoàn thành.\nNhiệm vụ: Trình chương trình")
        assert "bấm «Hoàn tác» hoặc nhắn «hoàn tác» trong vòng 30 phút" in done
        assert (await counts(db))[1]["2.1"] is Status.DONE

        confirmation = api.sent_messages(OFFICIAL_CHAT)[2]
        [undo] = [b for row in confirmation.reply_markup["inline_keyboard"] for b in row]
        assert undo["text"] == "↩️ Hoàn tác"
        api.push_callback(OFFICIAL_CHAT, confirmation.message_id, undo["callback_data"])
        undone = await answer_to(api, OFFICIAL_CHAT, 3)
        assert "đã hoàn tác" in undone and "trở lại «chưa thực hiện»" in undone
        updates, statuses = await counts(db)
        assert (updates, statuses["2.1"]) == (2, Status.NOT_STARTED)  # the record and its undo

        api.push_callback(OFFICIAL_CHAT, confirmation.message_id, undo["callback_data"])
        assert "không ghi nhận gì thêm" in await answer_to(api, OFFICIAL_CHAT, 4)  # used once


async def test_a_nudge_refused_by_a_block_goes_out_again_when_the_person_writes(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
        api.block_chat(OFFICIAL_CHAT)
        assert (await svc.sweep()).failed == 2
        assert (await svc.sweep()).claimed == 0  # nothing hammers a blocked chat
        api.unblock_chat(OFFICIAL_CHAT)
        api.push_message(OFFICIAL_CHAT, "chào")
        await answer_to(api, OFFICIAL_CHAT, 1)
        report = await svc.sweep()
    assert report.sent == 2
    checkins = [m for m in api.sent_messages(OFFICIAL_CHAT) if "cần theo dõi" in m.plain_text]
    assert (
        len(checkins) == 1 and "2.1" in checkins[0].plain_text and "2.2" in checkins[0].plain_text
    )


async def test_a_429_holds_back_the_sweep_and_the_answers_alike(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        await answer_to(api, OFFICIAL_CHAT, 0)
        api.ban_next(1, scope="bot")
        api.push_message(LEADER_CHAT, "chào")  # an answer due while the ban runs
        report = await svc.sweep()
        await svc.dispatcher.resend()  # what ``nhacviec run`` does every round
        await answer_to(api, LEADER_CHAT, 0)
    assert report.sent + report.retried == 2
    assert api.status_counts[429] == 1  # the one scripted: nothing asked inside the ban
    assert api.ban_violations == []


async def test_a_restart_mid_checkin_sends_nothing_twice(db, tmp_path):
    """A check-in of 40 tasks goes as two pages; the second meets a 429, the process
    restarts: the second page's tasks go out once, the first page's never again."""
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    title = "Rà soát đánh giá và báo cáo kết quả thực hiện nhiệm vụ cải cách hành chính số"
    await world.plan(*(f"2.{n},2,{title} {n},Sở Tư pháp,,2024-03-15,,QĐ" for n in range(1, 41)))
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    code = await world.invite(await world.person("official", "stp"), clock.now())
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        api_clock = [0.0]
        api._clock = lambda: api_clock[0]  # the fake's flood control on a frozen clock
        async with Service(db, api, clock) as svc:
            api.push_command(OFFICIAL_CHAT, f"/start {code}")
            await answer_to(api, OFFICIAL_CHAT, 0)
            api._per_chat = (1.0, 1)  # one message, then 429 until the fake's clock moves
            first = await svc.sweep()
        assert first.sent > 0 and first.retried > 0 and first.sent + first.retried == 40
        api_clock[0] += 60
        clock.advance(minutes=5)
        async with Service(db, api, clock) as svc:  # restarted
            second = await svc.sweep()
            clock.advance(minutes=5)
            assert (await svc.sweep()).claimed == 0
    assert second.sent == first.retried
    listed = [
        line.split(" — ")[0].split(". ", 1)[1]
        for m in api.sent_messages(OFFICIAL_CHAT)
        for line in m.plain_text.splitlines()
        if " — " in line and line[:1].isdigit()
    ]
    assert sorted(listed) == sorted(f"2.{n}" for n in range(1, 41))  # each once
    assert all(len(m.plain_text) <= 4096 for m in api.sent_messages(OFFICIAL_CHAT))


async def test_a_leader_gets_one_escalation_message_with_leader_actions(db, tmp_path):
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-15,,Báo cáo",
    )
    clock = ManualClock(local(2024, 3, 26, 8, 0))  # 7 working days late: the leaders are told
    official = await world.person("official", "stp")
    async with db.unit_of_work() as session:  # 2.2 has a focal person: the leader sees whom
        query = select(Assignment).join(Task).where(Task.code == "2.2")
        (await session.scalars(query)).one().focal_person_id = official.id
    leader_code = await world.invite(await world.person("leader", "stp"), clock.now())
    official_code = await world.invite(official, clock.now())
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with Service(db, api, clock) as svc:
            api.push_command(LEADER_CHAT, f"/start {leader_code}")
            await answer_to(api, LEADER_CHAT, 0)
            api.push_command(OFFICIAL_CHAT, f"/start {official_code}")
            await answer_to(api, OFFICIAL_CHAT, 0)
            await svc.sweep()
            [_welcome, escalation] = api.sent_messages(LEADER_CHAT)
            lines = escalation.plain_text.splitlines()
            assert lines[0].startswith("🔺 Kính báo lãnh đạo: 2 nhiệm vụ do Sở Tư pháp chủ trì")
            assert lines[1:5] == [
                "1. 2.1 — Trình chương trình",
                "    Thời hạn: 15/03/2024 · quá hạn 11 ngày · Đầu mối: chưa giao",
                "2. 2.2 — Rà soát văn bản",
                f"    Thời hạn: 15/03/2024 · quá hạn 11 ngày · Đầu mối: {official.full_name}",
            ]
            assert keyboard(escalation) == [
                ["2.1: 🔔 Nhắc lại cán bộ", "👤 Giao đầu mối"],
                ["2.2: 🔔 Nhắc lại cán bộ", "👤 Giao đầu mối"],
                ["📋 Danh sách quá hạn"],
            ]
            # The officials' own check-in that morning: one message, not one per task.
            assert len(api.sent_messages(OFFICIAL_CHAT)) == 2

            api.push_callback(LEADER_CHAT, escalation.message_id, data(escalation, 0))
            assert official.full_name in await answer_to(api, LEADER_CHAT, 2)
            again = await answer_to(api, OFFICIAL_CHAT, 2)
            assert "đề nghị Anh/Chị cập nhật nhiệm vụ 2.1" in again
            api.push_callback(LEADER_CHAT, escalation.message_id, data(escalation, 2))
            assert "quá hạn" in (await answer_to(api, LEADER_CHAT, 3)).lower()


async def test_a_late_link_gets_one_catch_up_message_not_one_per_missed_nudge(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        before = await svc.sweep()  # Wed 6 Mar: before:7 of both; nobody linked yet
        assert before.unreachable == 2 and before.claimed == 0  # marked in one statement
        clock.set(local(2024, 3, 12, 8, 0))  # Tue 12 Mar: before:3 of both
        assert (await svc.sweep()).unreachable == 2
        clock.set(local(2024, 3, 13, 9, 0))  # Wed 13 Mar: nothing new is due; they link
        kit = World(db)
        code = await kit.invite(await kit.person("official", "stp"), clock.now())  # a fresh one
        api.push_command(OFFICIAL_CHAT, f"/start {code}")
        assert "đã được liên kết" in await answer_to(api, OFFICIAL_CHAT, 0)
        report = await svc.sweep()
    assert report.sent == 2  # the latest nudge of each task; the older ones stay history
    [_welcome, catch_up] = api.sent_messages(OFFICIAL_CHAT)
    assert catch_up.plain_text.startswith("📋 Hệ thống gửi Anh/Chị bản tổng hợp 2 nhiệm vụ")
    assert "còn 2 ngày" in catch_up.plain_text  # counted when sent, not when planned


async def test_a_checkin_of_many_tasks_asks_to_choose_one_first(db, tmp_path):
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(*(f"2.{n},2,Nhiệm vụ số {n},Sở Tư pháp,,2024-03-15,,QĐ" for n in range(1, 7)))
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    code = await world.invite(await world.person("official", "stp"), clock.now())
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with Service(db, api, clock) as svc:
            api.push_command(OFFICIAL_CHAT, f"/start {code}")
            await answer_to(api, OFFICIAL_CHAT, 0)
            assert (await svc.sweep()).sent == 6
            [_welcome, checkin] = api.sent_messages(OFFICIAL_CHAT)
            assert keyboard(checkin) == [[f"2.{n} — Nhiệm vụ số {n}"] for n in range(1, 7)]
            api.push_callback(OFFICIAL_CHAT, checkin.message_id, data(checkin, 4))  # 2.5
            text = await answer_to(api, OFFICIAL_CHAT, 2)  # "choose a task": that one, its buttons
            assert "2.5 — Nhiệm vụ số 5" in text and "còn 9 ngày" in text
            task = api.sent_messages(OFFICIAL_CHAT)[2]
            assert keyboard(task)[-1] == ["💤 Nhắc lại sau"]
            api.push_callback(OFFICIAL_CHAT, task.message_id, data(task, 0))  # ✅
            assert (await answer_to(api, OFFICIAL_CHAT, 3)).startswith("Đã ghi nhận 2.5: đã hoàn")
    assert (await counts(db))[1]["2.5"] is Status.DONE
