"""Escalations by e-mail too (issue 15, point 3: "leaders and coordinators receive
escalations by e-mail too when configured"), end to end: the service ``nhacviec run``
builds, a real SMTP server on 127.0.0.1, the ledger. With NHACVIEC_EMAIL_ESCALATIONS=on
the leader's daily escalation message is copied to their address and the coordinators
are e-mailed what was escalated, each once, across rounds and restarts; a busy mail
server is retried; off (the default), nobody with a chat is e-mailed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from bot.app.builder import build_service
from bot.app.settings import Settings
from scheduler.clock import ManualClock
from storage.enums import NudgeState
from storage.models import ChatLink, EmailCopy, Nudge, Person
from tests.fakes.recording_channel import RecordingChannel
from tests.fakes.smtp_server import FakeSMTP
from tests.kit import World, local

LEADER, COORDINATOR = "truong@stp.example.vn", "ha@snv.example.vn"
ESCALATED = local(2024, 3, 26, 8)  # 2.1 (due Fri 15/03) is 7 working days overdue


@pytest.fixture
async def world(db, tmp_path):
    """Task 2.1 of Sở Tư pháp; its official, leader and the coordinator all have a
    console chat, the leader and the coordinator an address too."""
    w = World(db, tmp_path)
    await w.agencies()
    await w.people()
    await w.plan("2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ")
    since = local(2024, 3, 1)
    official, leader = await w.person("official", "stp"), await w.person("leader", "stp")
    coordinator = await w.person("coordinator")
    for person, chat in ((official, "off"), (leader, "lead"), (coordinator, "coord")):
        await w.link(person, chat, at=since)
    async with db.unit_of_work() as session:
        for person, address in ((leader, LEADER), (coordinator, COORDINATOR)):
            query = update(Person).where(Person.id == person.id).values(email=address)
            await session.execute(query)
    return db, leader


def settings(smtp: FakeSMTP, on: bool = True) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        smtp_from="nhacviec@snv.example.vn",
        email_escalations=on,
    )


def service(db, smtp, clock, console, on: bool = True):
    return build_service(settings(smtp, on), db, clock, channels={"console": console})


async def copies(db) -> list[EmailCopy]:
    async with db.unit_of_work() as session:
        return list((await session.scalars(select(EmailCopy).order_by(EmailCopy.id))).all())


async def test_the_leaders_escalation_and_the_coordinators_are_emailed_once(world):
    db, leader = world
    clock, console = ManualClock(ESCALATED), RecordingChannel("console")
    async with FakeSMTP() as smtp:
        await service(db, smtp, clock, console).reminders.run_round()
        (in_chat,) = [t for t in console.texts("lead") if t.startswith("🔺")]
        assert "1 nhiệm vụ do Sở Tư pháp chủ trì đã quá hạn" in in_chat
        assert len(smtp.inbox) == 2  # in the round that sent it
        clock.advance(timedelta(minutes=5))
        await service(db, smtp, clock, console).reminders.run_round()  # a second round
        clock.advance(timedelta(hours=2))
        await service(db, smtp, clock, console).reminders.run_round()  # after a restart
    (to_leader,) = smtp.to(LEADER)
    assert to_leader["Subject"].startswith("🔺 Kính báo lãnh đạo: 1 nhiệm vụ do Sở Tư pháp")
    plain = to_leader.get_body(("plain",)).get_content()
    assert "2.1 — Trình chương trình\n    Thời hạn: 15/03/2024 · quá hạn 11 ngày" in plain
    assert "bản sao qua thư điện tử của tin nhắn Hệ thống đã gửi Anh/Chị qua cửa sổ chat" in plain
    assert "/start" not in plain  # the leader has a chat that works: no invite
    (to_coordinator,) = smtp.to(COORDINATOR)
    assert (
        to_coordinator["Subject"]
        == "🔺 Hệ thống đã báo lãnh đạo 1 nhiệm vụ quá hạn (ngày 26/03/2024):"
    )
    plain = to_coordinator.get_body(("plain",)).get_content()
    assert "2.1 — Trình chương trình (Sở Tư pháp)" in plain
    assert f"Lãnh đạo: {leader.full_name} · Đầu mối: chưa giao" in plain
    # The ledger: one copy per (escalation, recipient), sent, with the e-mail's id.
    rows = await copies(db)
    assert [(r.state, r.attempts) for r in rows] == [(NudgeState.SENT, 1)] * 2
    ids = {r.person_id: r.message_id for r in rows}
    assert ids[leader.id] and ids[leader.id] in to_leader["Message-ID"]
    async with db.unit_of_work() as session:
        escalation = await session.scalar(select(Nudge).where(Nudge.kind.like("escalation:%")))
    assert escalation.channel == "console" and {r.nudge_id for r in rows} == {escalation.id}


async def test_a_busy_mail_server_is_retried_and_each_copy_arrives_once(world):
    db, _ = world
    clock, console = ManualClock(ESCALATED), RecordingChannel("console")
    async with FakeSMTP(busy=2) as smtp:  # both recipients answered 451 at first
        svc = service(db, smtp, clock, console)
        await svc.reminders.run_round()
        assert smtp.inbox == []
        rows = await copies(db)
        assert [r.state for r in rows] == [NudgeState.FAILED] * 2
        assert all("451" in (r.last_error or "") and r.available_at for r in rows)
        await svc.reminders.run_round()  # too early: the backoff has not passed
        assert smtp.inbox == []
        clock.advance(timedelta(minutes=2))
        await svc.reminders.run_round()
        clock.advance(timedelta(minutes=10))
        await svc.reminders.run_round()
    assert len(smtp.to(LEADER)) == 1 and len(smtp.to(COORDINATOR)) == 1
    assert [(r.state, r.attempts) for r in await copies(db)] == [(NudgeState.SENT, 2)] * 2


async def test_off_by_default_nobody_with_a_chat_is_emailed(world):
    db, _ = world
    clock, console = ManualClock(ESCALATED), RecordingChannel("console")
    async with FakeSMTP() as smtp:
        await service(db, smtp, clock, console, on=False).reminders.run_round()
    assert any(t.startswith("🔺") for t in console.texts("lead"))
    assert smtp.inbox == [] and await copies(db) == []


def test_the_setting_is_on_or_off_and_needs_a_mail_server():
    from bot.app.settings import ConfigError, parse_settings

    smtp = {"NHACVIEC_SMTP_HOST": "mail.snv.vn", "NHACVIEC_SMTP_FROM": "nhacviec@snv.vn"}
    assert parse_settings(smtp).email_escalations is False
    assert parse_settings(smtp | {"NHACVIEC_EMAIL_ESCALATIONS": "on"}).email_escalations is True
    with pytest.raises(ConfigError) as refused:
        parse_settings({"NHACVIEC_EMAIL_ESCALATIONS": "on"})
    assert "NHACVIEC_EMAIL_ESCALATIONS" in str(refused.value)
    assert "NHACVIEC_SMTP_HOST" in str(refused.value)
    with pytest.raises(ConfigError):
        parse_settings(smtp | {"NHACVIEC_EMAIL_ESCALATIONS": "yes"})


async def test_a_leader_who_got_it_by_email_gets_no_copy_and_coordinators_do(world):
    db, leader = world
    async with db.unit_of_work() as session:
        await session.execute(delete(ChatLink).where(ChatLink.person_id == leader.id))
    clock, console = ManualClock(ESCALATED), RecordingChannel("console")
    async with FakeSMTP() as smtp:
        await service(db, smtp, clock, console).reminders.run_round()
        clock.advance(timedelta(minutes=5))
        await service(db, smtp, clock, console).reminders.run_round()
    (to_leader,) = smtp.to(LEADER)  # the escalation itself, by e-mail: no copy of it
    assert "bản sao" not in to_leader.get_body(("plain",)).get_content()
    async with db.unit_of_work() as session:
        escalation = await session.scalar(select(Nudge).where(Nudge.kind.like("escalation:%")))
    assert escalation.channel == "email"
    assert len(smtp.to(COORDINATOR)) == 1
    assert leader.id not in {r.person_id for r in await copies(db)}
