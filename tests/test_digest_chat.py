"""Digests rendered in chat and sent to the coordinators."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.channels.base import ChannelError
from bot.outbound.digests import ChatDigestSink
from scheduler.digest import run_due_digests
from storage.enums import Channel
from storage.models import ChatLink, DigestRun, Person
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import CAL, World, local
from tests.kit.summary_plan import build_plan


async def link_coordinator(db, chat_id="c1") -> None:
    world = World(db)
    await world.link(await world.person("coordinator"), chat_id, at=local(2024, 3, 1, 9, 0))


async def test_daily_digest_reaches_the_coordinator(db, tmp_path):
    await build_plan(db, tmp_path)
    await link_coordinator(db)
    channel = RecordingChannel()
    sink = ChatDigestSink(db, {"console": channel}, tz=CAL.timezone)
    kinds = await run_due_digests(db, CAL, sink, local(2024, 3, 20, 9, 0))  # a Wednesday
    assert kinds == ["daily"]
    (text,) = channel.texts("c1")
    assert text.startswith("📊 Tình hình thực hiện nhiệm vụ ngày 20/03/2024")
    assert (
        "Nhiệm vụ mới quá hạn (1):\n• 2.4 — Theo dõi thi hành pháp luật (Sở Nội vụ), hạn 19/03/2024"
        in text
    )
    assert "Đã hoàn thành" not in text  # empty sections are left out
    assert await run_due_digests(db, CAL, sink, local(2024, 3, 20, 10, 0)) == []
    assert len(channel.texts()) == 1


async def test_weekly_summary_on_monday_lists_every_group(db, tmp_path):
    await build_plan(db, tmp_path)
    await link_coordinator(db)
    channel = RecordingChannel()
    await run_due_digests(
        db, CAL, ChatDigestSink(db, {"console": channel}, tz=CAL.timezone), local(2024, 3, 18, 9, 0)
    )
    weekly = next(t for t in channel.texts() if t.startswith("📈 Tổng hợp tình hình thực hiện"))
    assert "Nhóm 1 — " in weekly and "Nhóm 7 — " in weekly
    assert "Toàn kế hoạch: 13 nhiệm vụ; hoàn thành " in weekly


async def test_no_reachable_coordinator_is_recorded_then_retried(db, tmp_path):
    await build_plan(db, tmp_path)
    channel = RecordingChannel()
    sink = ChatDigestSink(db, {"console": channel}, tz=CAL.timezone)
    assert await run_due_digests(db, CAL, sink, local(2024, 3, 20, 9, 0)) == []
    async with db.unit_of_work() as session:
        run = await session.scalar(select(DigestRun))
    assert run is None  # nothing made: nobody to send it to
    await link_coordinator(db)
    assert await run_due_digests(db, CAL, sink, local(2024, 3, 20, 9, 5)) == ["daily"]
    assert len(channel.texts("c1")) == 1


async def test_leaders_get_their_agencys_part(db, tmp_path):
    await build_plan(db, tmp_path)
    await link_coordinator(db)
    async with db.unit_of_work() as session:
        for short, chat in (("snv", "lead-snv"), ("stp", "lead-stp")):
            leader = await session.scalar(
                select(Person).where(Person.role == "leader", Person.agency.has(short_code=short))
            )
            session.add(
                ChatLink(
                    person_id=leader.id,
                    channel=Channel.CONSOLE,
                    chat_id=chat,
                    linked_at=local(2024, 3, 1, 9, 0),
                )
            )
    channel = RecordingChannel()
    sink = ChatDigestSink(db, {"console": channel}, tz=CAL.timezone)
    await run_due_digests(db, CAL, sink, local(2024, 3, 20, 9, 0))  # daily: 2.4 of Sở Nội vụ
    (snv,) = channel.texts("lead-snv")
    assert snv.startswith("Sở Nội vụ\n📊 Tình hình thực hiện nhiệm vụ ngày 20/03/2024")
    assert "2.4" in snv
    assert channel.texts("lead-stp") == []  # nothing about Sở Tư pháp that day
    await run_due_digests(db, CAL, sink, local(2024, 3, 25, 9, 0))  # Monday: the weekly too
    weekly = [t for t in channel.texts("lead-stp") if "📈" in t]
    assert len(weekly) == 1
    assert weekly[0].startswith("Sở Tư pháp\n📈 Tổng hợp tình hình thực hiện nhiệm vụ trong tuần")


async def test_a_part_refused_on_its_day_goes_out_the_next_day_marked_late(db, tmp_path):
    await build_plan(db, tmp_path)
    await link_coordinator(db)
    channel = RecordingChannel()
    sink = ChatDigestSink(db, {"console": channel}, tz=CAL.timezone)
    wednesday = local(2024, 3, 20, 9, 0)
    for attempt in range(3):  # the platform refuses all Wednesday (429, 5xx)
        channel.failures.append(ChannelError("retry", "502 Bad Gateway"))
        assert await run_due_digests(db, CAL, sink, wednesday + timedelta(hours=attempt)) == []
    assert channel.texts("c1") == []
    assert await run_due_digests(db, CAL, sink, local(2024, 3, 21, 9, 0)) == ["daily", "daily"]
    late, thursday = channel.texts("c1")
    assert late.startswith("📊 Tình hình thực hiện nhiệm vụ ngày 20/03/2024 (gửi muộn)")
    assert thursday.startswith("📊 Tình hình thực hiện nhiệm vụ ngày 21/03/2024")
    assert await run_due_digests(db, CAL, sink, local(2024, 3, 21, 10, 0)) == []
    assert len(channel.texts("c1")) == 2
