"""The conversation end to end on the console channel: a transcript through its streams."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.channels.base import Choice
from bot.inbound.dispatcher import Deps, Dispatcher
from bot.outbound.nudges import ChatDelivery
from scheduler.clock import ManualClock
from scheduler.planner import plan_window
from scheduler.sweep import SweepConfig, sweep_once
from storage.enums import Status
from storage.models import Assignment, InboundMessage, Person, ProgressUpdate
from tests.fakes.console_harness import ConsoleHarness
from tests.kit import CAL, RULES, World, local

OFFICIAL = "Nguyễn Văn Trung"  # looked up below: the official of Sở Tư pháp


@pytest.fixture
async def world(db, tmp_path):
    build = World(db, tmp_path)
    await build.agencies()
    await build.people()
    await build.plan(
        "2.1,2,Trình chương trình <XD> & ban hành,Sở Tư pháp,,2024-03-15,,QĐ",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-22,,Báo cáo",
        "2.3,2,Việc của Sở Nội vụ,Sở Nội vụ,,2024-03-15,,Báo cáo",
    )
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    harness = ConsoleHarness()
    dispatcher = Dispatcher(Deps(db, {"console": harness.channel}, CAL, RULES, clock.now))
    await harness.start(dispatcher.receive)
    official = await build.person("official", "stp")
    code = await build.invite(official, clock.now())
    yield db, harness, clock, official, code
    await harness.close()


async def status_of(db, code):
    async with db.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == code))
        updates = await session.scalar(
            select(func.count())
            .select_from(ProgressUpdate)
            .where(ProgressUpdate.assignment_id == a.id)
        )
        return a.status, a.percent, a.status_note, updates


async def send_nudges(db, harness, clock):
    async with db.unit_of_work() as session:
        await plan_window(session, RULES, CAL, clock.now())
    delivery = ChatDelivery(db, {"console": harness.channel})
    mark = len(harness.out.getvalue())
    report = await sweep_once(db, delivery, CAL, SweepConfig(worker="t"), clock.now())
    return report, harness.printed_since(mark)


async def test_unlinked_chat_is_refused_and_nothing_kept(world):
    db, harness, *_ = world
    answer = await harness.say("xong rồi ạ")
    assert "chưa được liên kết" in answer and "/start" in answer
    async with db.unit_of_work() as session:
        row = await session.scalar(select(InboundMessage))
    assert "xong" not in row.payload and row.processed_at is not None
    assert (await status_of(db, "2.1"))[3] == 0


async def test_a_chat_whose_person_left_is_answered_as_unlinked(world):
    db, harness, _clock, official, code = world
    assert "Kính chào" in await harness.say(f"/start {code}")
    async with db.unit_of_work() as session:
        (await session.get(Person, official.id)).active = False  # left the post
    for text in ("/viec", "/capnhat 2.1 xong", "2.1 xong", "/trogiup"):
        answer = await harness.say(text)
        assert "chưa được liên kết" in answer and "/start" in answer
    assert (await status_of(db, "2.1"))[3] == 0


async def test_onboarding_nudge_and_answers(world):
    db, harness, clock, official, code = world
    assert "Mã mời không đúng" in await harness.say("/start not-a-real-code")
    welcome = await harness.say(f"/start {code}")
    assert f"Kính chào Anh/Chị {official.full_name} (Sở Tư pháp)" in welcome
    assert "đã được sử dụng" in await harness.say(f"/start {code}")  # one-time

    report, printed = await send_nudges(db, harness, clock)
    assert report.sent == 1  # before:7 of 2.1 (15 Mar) is today, Wed 6 Mar
    assert "2.1 — Trình chương trình <XD> & ban hành" in printed
    assert "Thời hạn: 15/03/2024" in printed and "còn 7 ngày làm việc" in printed
    assert "1. ✅ Đã hoàn thành" in printed and "4. 📅 Đề nghị gia hạn" in printed

    asked = await harness.say("2")  # in progress -> asks for the percent
    assert "bao nhiêu phần trăm" in asked and "3. 60%" in asked
    assert "Đã ghi nhận 2.1: đang thực hiện 60%" in await harness.say("3")
    assert await status_of(db, "2.1") == (Status.IN_PROGRESS, 60, "", 1)

    answer = await harness.say("vướng do chưa có kinh phí")
    assert "Đã ghi nhận 2.1: có khó khăn, vướng mắc 60% — chưa có kinh phí" in answer
    assert await status_of(db, "2.1") == (Status.BLOCKED, 60, "chưa có kinh phí", 2)

    answer = await harness.say("đã nhận ạ")
    assert "chưa hiểu" in answer and "chưa ghi nhận" in answer
    assert (await status_of(db, "2.1"))[3] == 2

    answer = await harness.say("2.2 xin gia han den 30/4 vi cho so lieu")
    assert "gia hạn 2.2 đến 30/04/2024" in answer
    assert (await status_of(db, "2.2"))[0] is Status.EXTENSION_REQUESTED

    assert "Đã ghi nhận 2.1: đã hoàn thành" in await harness.say("/capnhat 2.1 xong")
    assert (await status_of(db, "2.1"))[:2] == (Status.DONE, 100)


async def test_a_checkin_lists_each_task_once_and_its_numbers_pick_them(world):
    db, harness, clock, _official, code = world
    await harness.say(f"/start {code}")
    clock.advance(timedelta(days=7))  # Wed 13 Mar: before:7 of 2.2, 2.1 not answered yet
    report, printed = await send_nudges(db, harness, clock)
    assert report.sent == 2
    assert printed.startswith("📋 Hệ thống gửi Anh/Chị bản tổng hợp 2 nhiệm vụ")
    # The numbered items are the options: no second list of the same tasks below them.
    assert printed.count("2.1 — Trình chương trình") == 1
    assert printed.count("2.2 — Rà soát văn bản") == 1
    assert "1. 2.1 — " in printed and "2. 2.2 — " in printed
    chosen = await harness.say("2")
    assert "2.2 — Rà soát văn bản" in chosen and "1. ✅ Đã hoàn thành" in chosen
    assert "Đã ghi nhận 2.2: đã hoàn thành" in await harness.say("1")
    listed = await harness.say("/viec")  # the list once, after the check-in too
    assert listed.count("2.1 — ") == 1 and "2.2 — " not in listed


async def test_roles_and_other_agencies(world):
    db, harness, _clock, _official, code = world
    await harness.say(f"/start {code}")
    assert "dành cho cơ quan điều phối" in await harness.say("/baocao")
    assert "dành cho lãnh đạo" in await harness.say("/tonghop")
    answer = await harness.say("/capnhat 2.3 xong")
    assert "Sở Nội vụ chủ trì" in answer
    assert (await status_of(db, "2.3"))[3] == 0
    assert "không có lệnh /xyz" in await harness.say("/xyz")
    listing = await harness.say("/viec")
    assert "2.1 — Trình chương trình" in listing and "2.3" not in listing
    assert "Hạn 15/03/2024 (còn 9 ngày)" in listing


async def test_a_forged_choice_is_refused(world):
    db, harness, _clock, _official, code = world
    await harness.say(f"/start {code}")
    await harness.channel.numbered.shown("console", "1", [Choice("x", "c:AAAAAAAAAAAA:done")])
    assert "không hợp lệ" in await harness.say("1")
    assert (await status_of(db, "2.1"))[3] == 0


async def monday_checkin(db, tmp_path):
    """Three tasks of Sở Tư pháp all nudged on Monday 11/03/2024 (before:1, 3 and 7)."""
    build = World(db, tmp_path)
    await build.agencies()
    await build.people()
    await build.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-12,,QĐ",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-14,,Báo cáo",
        "2.3,2,Kiểm tra công tác pháp chế,Sở Tư pháp,,2024-03-20,,Báo cáo",
    )
    clock = ManualClock(local(2024, 3, 11, 8, 0))
    harness = ConsoleHarness()
    dispatcher = Dispatcher(Deps(db, {"console": harness.channel}, CAL, RULES, clock.now))
    await harness.start(dispatcher.receive)
    code = await build.invite(await build.person("official", "stp"), clock.now())
    return harness, clock, code


async def sweep_day(db, harness, clock):
    async with db.unit_of_work() as session:
        await plan_window(session, RULES, CAL, clock.now())
    delivery = ChatDelivery(db, {"console": harness.channel}, calendar=CAL)
    mark = len(harness.out.getvalue())
    config = SweepConfig(worker="t", rules=RULES)
    report = await sweep_once(db, delivery, CAL, config, clock.now())
    return report, harness.printed_since(mark)


async def test_a_monday_of_three_tasks_is_one_checkin_and_a_bare_xong_asks_which(db, tmp_path):
    harness, clock, code = await monday_checkin(db, tmp_path)
    try:
        await harness.say(f"/start {code}")
        report, printed = await sweep_day(db, harness, clock)
        assert report.sent == 3
        assert printed.count("📋 Hệ thống xin nhắc Anh/Chị 3 nhiệm vụ") == 1
        assert "1. 2.1 — Trình chương trình\n    Thời hạn: 12/03/2024 · còn 1 ngày" in printed
        assert "3. 2.3 — Kiểm tra công tác pháp chế" in printed
        assert printed.count("2.2 — Rà soát văn bản") == 1  # the items are the options

        asked = await harness.say("xong")  # three tasks in the check-in: which one?
        assert "1. 2.1 — " in asked and "3. 2.3 — " in asked
        assert [(await status_of(db, c))[3] for c in ("2.1", "2.2", "2.3")] == [0, 0, 0]
        assert "Đã ghi nhận 2.2: đã hoàn thành" in await harness.say("2")
        assert (await status_of(db, "2.2"))[0] is Status.DONE
        assert (await status_of(db, "2.1"))[3] == 0
    finally:
        await harness.close()


async def test_snooze_from_a_checkin_brings_the_task_back_the_next_working_day(db, tmp_path):
    harness, clock, code = await monday_checkin(db, tmp_path)
    try:
        await harness.say(f"/start {code}")
        await sweep_day(db, harness, clock)
        shown = await harness.say("3")  # choose 2.3: its own options
        assert "2.3 — Kiểm tra công tác pháp chế" in shown and "5. 💤 Nhắc lại sau" in shown
        snoozed = await harness.say("5")
        assert "nhắc lại Anh/Chị về nhiệm vụ 2.3 vào ngày 12/03/2024" in snoozed
        assert (await status_of(db, "2.3"))[3] == 0  # a snooze is not an update
        clock.advance(days=1)  # Tuesday: 2.1 is due, 2.3 comes back as asked
        report, printed = await sweep_day(db, harness, clock)
        assert report.sent == 2 and printed.count("📋 Hệ thống xin nhắc") == 1
        assert "2.1 — " in printed and "2.3 — " in printed and "2.2 — " not in printed
    finally:
        await harness.close()
