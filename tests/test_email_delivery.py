"""E-mail as the way through (issue 15, point 3), end to end: the service ``nhacviec run``
builds, a real SMTP server on 127.0.0.1, the ledger. Whoever has no chat that works but
an address gets their nudges and digests by e-mail, once; whoever has a chat, never."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.app.builder import build_service
from bot.app.settings import Settings
from scheduler.clock import ManualClock
from scheduler.digest import run_due_digests
from scheduler.planner import plan_window
from scheduler.sweep import SweepConfig, sweep_once
from storage.enums import NudgeState
from storage.models import Nudge, Person
from tests.fakes.recording_channel import RecordingChannel
from tests.fakes.smtp_server import FakeSMTP
from tests.kit import CAL, World, local

BEFORE_7 = local(2024, 3, 6, 8)  # the first nudge of 2.1 (due 15/03) is due


@pytest.fixture
async def world(db, tmp_path):
    """Task 2.1 of Sở Tư pháp; its official has no chat and an address, its leader a
    console chat; the coordinator an address only."""
    w = World(db, tmp_path)
    await w.agencies()
    await w.people()
    await w.plan("2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ")
    official = await w.person("official", "stp")
    coordinator = await w.person("coordinator")
    await w.link(await w.person("leader", "stp"), "lead", at=local(2024, 3, 1))
    async with db.unit_of_work() as session:
        for person, address in ((official, "loan@stp.example.vn"), (coordinator, "ha@snv.vn")):
            query = update(Person).where(Person.id == person.id).values(email=address)
            await session.execute(query)
    return db, official


def settings(smtp: FakeSMTP) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_security="none",
        smtp_from="nhacviec@snv.example.vn",
    )


async def sweep(db, service, now) -> None:
    async with db.unit_of_work() as session:
        await plan_window(session, service.rules, service.calendar, now)
    await sweep_once(db, service.delivery, CAL, SweepConfig(worker="mail"), now)


async def ledger(db, person_id: int) -> list[Nudge]:
    async with db.unit_of_work() as session:
        query = select(Nudge).where(Nudge.person_id == person_id).order_by(Nudge.id)
        return list((await session.scalars(query)).all())


async def test_an_official_without_a_chat_gets_the_nudge_by_email_once(world):
    db, official = world
    console = RecordingChannel("console")
    async with FakeSMTP() as smtp:
        service = build_service(
            settings(smtp), db, ManualClock(BEFORE_7), channels={"console": console}
        )
        await sweep(db, service, BEFORE_7)
        await sweep(db, service, BEFORE_7 + timedelta(minutes=5))  # nothing twice
    (mail,) = smtp.to("loan@stp.example.vn")
    assert mail["Subject"].startswith("⏰ Nhắc nhiệm vụ")
    plain = mail.get_body(("plain",)).get_content()
    assert "2.1 — Trình chương trình" in plain and "Thời hạn: 15/03/2024" in plain
    assert "trả lời tin này" not in plain  # an e-mail is not answered: the footer says where
    (nudge,) = await ledger(db, official.id)
    assert nudge.state is NudgeState.SENT and nudge.channel == "email"
    assert nudge.message_id and nudge.message_id in mail["Message-ID"]
    assert console.texts() == []  # the leader's chat has no nudge due yet


async def test_a_person_with_a_chat_that_works_is_never_emailed(world):
    db, official = world
    console = RecordingChannel("console")
    w = World(db)
    await w.link(official, "42", at=local(2024, 3, 1))
    async with FakeSMTP() as smtp:
        service = build_service(
            settings(smtp), db, ManualClock(BEFORE_7), channels={"console": console}
        )
        await sweep(db, service, BEFORE_7)
    assert smtp.inbox == [] and len(console.texts("42")) == 1


async def test_a_mail_server_that_is_busy_is_retried_and_the_nudge_arrives_once(world):
    db, official = world
    async with FakeSMTP(busy=1) as smtp:
        service = build_service(settings(smtp), db, ManualClock(BEFORE_7), channels={})
        await sweep(db, service, BEFORE_7)
        (waiting,) = await ledger(db, official.id)
        assert waiting.state is NudgeState.FAILED and "email" in (waiting.last_error or "")
        assert smtp.inbox == []
        await sweep(db, service, BEFORE_7 + timedelta(minutes=10))
        await sweep(db, service, BEFORE_7 + timedelta(minutes=20))
    assert len(smtp.to("loan@stp.example.vn")) == 1
    assert [n.state for n in await ledger(db, official.id)] == [NudgeState.SENT]


async def test_a_coordinator_with_only_an_address_gets_the_daily_digest_by_email(world):
    db, _ = world
    monday = local(2024, 3, 18, 9)  # 2.1 went overdue on Saturday: the daily names it
    async with FakeSMTP() as smtp:
        service = build_service(settings(smtp), db, ManualClock(monday), channels={})
        assert await run_due_digests(db, CAL, service.digest_sink, monday) != []
        await run_due_digests(db, CAL, service.digest_sink, monday + timedelta(minutes=5))
    subjects = [m["Subject"] for m in smtp.to("ha@snv.vn")]
    assert subjects and all(s.count("18/03/2024") == 1 for s in subjects)
    assert len(subjects) == len(set(subjects))  # each digest once
    assert smtp.to("loan@stp.example.vn") == []  # officials get no digest


async def test_a_morning_of_two_tasks_is_one_email_listing_both(world, tmp_path):
    db, official = world
    w = World(db, tmp_path)
    await w.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-15,,BC",
    )
    async with FakeSMTP() as smtp:
        service = build_service(settings(smtp), db, ManualClock(BEFORE_7), channels={})
        await sweep(db, service, BEFORE_7)
        await sweep(db, service, BEFORE_7 + timedelta(minutes=5))
    (mail,) = smtp.to("loan@stp.example.vn")
    assert mail["Subject"] == "📋 Hệ thống xin nhắc Anh/Chị 2 nhiệm vụ cần theo dõi"
    plain = mail.get_body(("plain",)).get_content()
    assert "2.1 — Trình chương trình" in plain and "2.2 — Rà soát văn bản" in plain
    nudges = await ledger(db, official.id)
    assert [(n.state, n.channel) for n in nudges] == [(NudgeState.SENT, "email")] * 2
