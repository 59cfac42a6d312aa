"""A channel that goes dark (issue 15, point 4): Telegram unreachable for an hour. The
service records it and tells coordinators on Zalo; a person with a Zalo chat gets the
nudge there, a person with only an address by e-mail, each once; when Telegram is back,
coordinators are told and nothing is sent twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.app.builder import build_service
from bot.app.settings import Settings
from bot.channels.base import ChannelError, Outgoing
from bot.channels.watch import ChannelWatch
from scheduler.clock import ManualClock
from scheduler.planner import plan_window
from scheduler.sweep import SweepConfig, sweep_once
from storage.enums import Channel, NudgeState
from storage.models import Nudge, Person
from tests.fakes.recording_channel import RecordingChannel
from tests.fakes.smtp_server import FakeSMTP
from tests.kit import CAL, World, local

START = local(2024, 3, 6, 8)  # before:7 of both tasks (due 15/03) is due


class OutageChannel(RecordingChannel):
    """A recording channel whose platform can be switched off (network unreachable)."""

    down = False

    async def send(self, chat_id: str, message: Outgoing) -> str:
        if self.down:
            raise ChannelError("retry", "ConnectError: [Errno 101] Network is unreachable")
        return await super().send(chat_id, message)


@pytest.fixture
async def world(db, tmp_path):
    w = World(db, tmp_path)
    await w.agencies()
    await w.people()
    await w.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ",
        "3.1,3,Rà soát thủ tục,Sở Nội vụ,,2024-03-15,,BC",
    )
    both = await w.person("official", "stp")  # Telegram (used last) and Zalo
    mail = await w.person("official", "snv")  # Telegram, and an address
    coordinator = await w.person("coordinator")
    await w.link(both, "t-both", Channel.TELEGRAM, at=START, last_active_at=START)
    await w.link(both, "z-both", Channel.ZALO, at=START, last_active_at=START - timedelta(days=1))
    await w.link(mail, "t-mail", Channel.TELEGRAM, at=START, last_active_at=START)
    await w.link(coordinator, "z-coord", Channel.ZALO, at=START, last_active_at=START)
    async with db.unit_of_work() as session:
        await session.execute(
            update(Person).where(Person.id == mail.id).values(email="mai@snv.example.vn")
        )
    return db, both, mail


async def test_telegram_dark_for_an_hour_every_nudge_arrives_once_elsewhere(world):
    db, both, mail = world
    telegram, zalo = OutageChannel("telegram"), RecordingChannel("zalo")
    clock = ManualClock(START)
    async with FakeSMTP() as smtp:
        settings = Settings(
            smtp_host="127.0.0.1",
            smtp_port=smtp.port,
            smtp_security="none",
            smtp_from="nhacviec@snv.example.vn",
        )
        channels = {"telegram": telegram, "zalo": zalo}
        service = build_service(settings, db, clock, channels=channels)
        telegram.down = True
        async with db.unit_of_work() as session:
            await plan_window(session, service.rules, service.calendar, START)
        for _ in range(13):  # an hour of rounds, five minutes apart
            await sweep_once(db, service.delivery, CAL, SweepConfig(worker="dark"), clock.now())
            clock.advance(minutes=5)
        during = {
            "zalo": list(zalo.texts("z-both")),
            "coord": list(zalo.texts("z-coord")),
            "mail": len(smtp.to("mai@snv.example.vn")),
        }
        telegram.down = False
        for _ in range(3):
            await sweep_once(db, service.delivery, CAL, SweepConfig(worker="dark"), clock.now())
            clock.advance(minutes=5)
    # Each person's nudge once, on the chat or address that works.
    assert len(during["zalo"]) == 1 and "2.1 — Trình chương trình" in during["zalo"][0]
    assert during["mail"] == 1
    (mailed,) = smtp.to("mai@snv.example.vn")
    assert "3.1 — Rà soát thủ tục" in mailed.get_body(("plain",)).get_content()
    # Coordinators were told on Zalo that Telegram is dark, once.
    (alert,) = [t for t in during["coord"] if "Telegram" in t]
    assert alert.startswith("⚠️ Hệ thống không kết nối được kênh Telegram")
    # Nothing went twice, not even once Telegram was back.
    assert telegram.texts() == []
    assert len(zalo.texts("z-both")) == 1 and len(smtp.to("mai@snv.example.vn")) == 1
    async with db.unit_of_work() as session:
        states = (await session.execute(select(Nudge.person_id, Nudge.state, Nudge.channel))).all()
    sent = {(p, c) for p, s, c in states if s is NudgeState.SENT}
    assert sent == {(both.id, "zalo"), (mail.id, "email")}


async def test_the_watch_calls_a_channel_dark_after_five_minutes_once_and_back_once():
    clock, told = ManualClock(START), []

    async def listener(channel: str, health: str) -> None:
        told.append((channel, health))

    watch = ChannelWatch(clock.now, listener=listener)
    down = ChannelError("retry", "ConnectError")
    await watch.failed("telegram", down)
    clock.advance(minutes=4)
    await watch.failed("telegram", down)
    assert not watch.is_dark("telegram") and told == []
    await watch.failed("telegram", ChannelError("retry", "429", timedelta(seconds=30)))
    await watch.failed("telegram", ChannelError("blocked", "Forbidden"))
    clock.advance(minutes=1)
    await watch.failed("telegram", down)
    await watch.failed("telegram", down)
    assert watch.is_dark("telegram") and told == [("telegram", "dark")]
    assert watch.health() == {"telegram": "dark"} and not watch.is_dark("zalo")
    await watch.ok("telegram")
    await watch.ok("telegram")
    assert told == [("telegram", "dark"), ("telegram", "ok")] and watch.health() == {}


async def test_a_spell_broken_by_a_success_starts_again():
    clock = ManualClock(START)
    watch = ChannelWatch(clock.now)
    down = ChannelError("retry", "timeout")
    await watch.failed("zalo", down)
    clock.advance(minutes=4)
    await watch.ok("zalo")
    await watch.failed("zalo", down)
    clock.advance(minutes=4)
    await watch.failed("zalo", down)
    assert not watch.is_dark("zalo")
    assert watch.health()["zalo"].startswith("failing since")
