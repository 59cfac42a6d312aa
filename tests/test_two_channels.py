"""A person linked on Telegram and Zalo gets each nudge once, on the channel they use or chose."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.inbound.dispatcher import Deps, Dispatcher
from bot.outbound.nudges import ChatDelivery
from scheduler.planner import plan_window
from scheduler.policy import ReminderRules
from scheduler.sweep import SweepConfig, sweep_once
from storage.enums import Channel
from storage.invites import create_invite
from storage.models import ChatLink, Nudge, Person
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import CAL, local, one_task_and_a_linked_official


@pytest.fixture
async def linked(db, tmp_path):
    """Sở Tư pháp's official, linked on console chat "42"; one task 2.1 of Sở Tư pháp."""
    return await one_task_and_a_linked_official(db, tmp_path)


async def test_each_nudge_goes_to_one_channel_only(linked):
    db = linked
    telegram, zalo = RecordingChannel("telegram"), RecordingChannel("zalo")
    channels = {"telegram": telegram, "zalo": zalo}
    async with db.unit_of_work() as session:
        link = await session.scalar(select(ChatLink))
        person_id = link.person_id
        await session.delete(link)
        t0 = local(2024, 3, 1, 9)
        session.add(
            ChatLink(
                person_id=person_id,
                channel=Channel.TELEGRAM,
                chat_id="t1",
                linked_at=t0,
                last_active_at=t0,
            )
        )
        session.add(
            ChatLink(
                person_id=person_id,
                channel=Channel.ZALO,
                chat_id="z1",
                linked_at=t0,
                last_active_at=t0 + timedelta(hours=1),
            )
        )
    now = local(2024, 3, 6, 8)  # before:7 of 2.1 (due 15 Mar)
    async with db.unit_of_work() as session:
        await plan_window(session, ReminderRules(), CAL, now)
    delivery = ChatDelivery(db, channels)
    report = await sweep_once(db, delivery, CAL, SweepConfig(worker="t"), now)
    assert report.sent == 1
    assert len(zalo.texts("z1")) == 1 and telegram.texts() == []  # Zalo was used last

    # The person writes on Telegram: it becomes the most recent; then chooses Zalo explicitly.
    soon = now + timedelta(hours=1)
    dispatcher = Dispatcher(Deps(db, channels, CAL, ReminderRules(), lambda: soon))
    await dispatcher.receive(telegram.incoming("t1", "/kenh", "u1"))
    assert "kênh Anh/Chị dùng gần nhất" in telegram.texts("t1")[-1]
    assert "telegram, zalo" in telegram.texts("t1")[-1]
    await dispatcher.receive(telegram.incoming("t1", "/kenh zalo", "u2"))
    assert telegram.texts("t1")[-1] == "Từ nay tin nhắc gửi qua zalo."
    async with db.unit_of_work() as session:
        assert (await session.get(Person, person_id)).preferred_channel == "zalo"
    later = local(2024, 3, 12, 8)  # before:3 of 2.1
    async with db.unit_of_work() as session:
        await plan_window(session, ReminderRules(), CAL, later)
    await sweep_once(db, delivery, CAL, SweepConfig(worker="t"), later)
    assert len(zalo.texts("z1")) == 2
    assert not any("Nhắc việc" in t for t in telegram.texts())
    await dispatcher.receive(telegram.incoming("t1", "/kenh viber", "u3"))
    assert "chưa liên kết kênh «viber»" in telegram.texts("t1")[-1]


async def test_a_nudge_that_found_no_chat_goes_out_once_the_person_links_one(linked):
    db, channel = linked, RecordingChannel("console")
    async with db.unit_of_work() as session:
        link = await session.scalar(select(ChatLink))
        person = await session.get(Person, link.person_id)
        await session.delete(link)  # not linked yet
    delivery, config = ChatDelivery(db, {"console": channel}), SweepConfig(worker="t")
    now = local(2024, 3, 6, 8)  # before:7 of 2.1 (due 15 Mar)
    async with db.unit_of_work() as session:
        await plan_window(session, ReminderRules(), CAL, now)
    assert (await sweep_once(db, delivery, CAL, config, now)).failed == 1
    async with db.unit_of_work() as session:
        code, _ = await create_invite(session, person, now)

    later = now + timedelta(hours=2)
    dispatcher = Dispatcher(Deps(db, {"console": channel}, CAL, ReminderRules(), lambda: later))
    await dispatcher.receive(channel.incoming("c9", f"/start {code}", "s1"))
    report = await sweep_once(db, delivery, CAL, config, later)
    assert report.sent == 1 and "2.1" in channel.texts("c9")[-1]
    assert (await sweep_once(db, delivery, CAL, config, later + timedelta(hours=1))).sent == 0
    async with db.unit_of_work() as session:
        states = (await session.scalars(select(Nudge.state))).all()
    assert states == ["sent"]  # the same nudge, sent once; nothing left failing


async def test_writing_again_from_a_chat_that_had_blocked_the_bot_brings_the_nudge(linked):
    db, channel = linked, RecordingChannel("console")
    now = local(2024, 3, 6, 8)
    async with db.unit_of_work() as session:
        link = await session.scalar(select(ChatLink))
        link.unreachable_since, link.unreachable_reason = now, "Forbidden: bot was blocked"
        await plan_window(session, ReminderRules(), CAL, now)
    delivery, config = ChatDelivery(db, {"console": channel}), SweepConfig(worker="t")
    assert (await sweep_once(db, delivery, CAL, config, now)).failed == 1

    later = now + timedelta(hours=1)
    dispatcher = Dispatcher(Deps(db, {"console": channel}, CAL, ReminderRules(), lambda: later))
    await dispatcher.receive(channel.incoming("42", "/viec", "v1"))
    assert (await sweep_once(db, delivery, CAL, config, later)).sent == 1
    assert "2.1" in channel.texts("42")[-1]
