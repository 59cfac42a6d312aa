"""Digests: when they are due, what they hold, and made once across processes."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from scheduler.digest import (
    DailyDigest,
    WeeklySummary,
    daily_digest,
    digest_day,
    run_due_digests,
    weekly_summary,
)
from storage.db import Database
from storage.digests import parts_of
from storage.enums import Channel, NudgeState, Status
from storage.models import Assignment, ChatLink, DigestRun, Nudge, Person
from storage.summary import status_counts
from tests.fakes.recording_sink import RecordingSink
from tests.kit import CAL, TZ, local
from tests.kit.summary_plan import build_plan


def due(now: datetime) -> tuple[date | None, date | None]:
    return digest_day("daily", CAL, now), digest_day("weekly", CAL, now)


# Timing


def test_daily_from_work_start_on_working_days():
    wed = date(2024, 3, 20)
    assert due(local(2024, 3, 20, 7, 29)) == (None, None)
    assert due(local(2024, 3, 20, 7, 30)) == (wed, None)
    assert due(local(2024, 3, 20, 23, 59)) == (wed, None)  # still that local day
    assert due(local(2024, 3, 23, 9)) == (None, None)  # Saturday
    assert due(local(2024, 3, 24, 9)) == (None, None)  # Sunday


def test_weekly_on_monday_after_work_start_in_local_time():
    mon = date(2024, 3, 18)
    assert due(datetime(2024, 3, 17, 23, 0, tzinfo=UTC)) == (None, None)  # Mon 06:00 local
    assert due(datetime(2024, 3, 18, 0, 30, tzinfo=UTC)) == (mon, mon)  # Mon 07:30 local
    assert due(local(2024, 3, 19)) == (date(2024, 3, 19), None)


def test_weekly_after_tet_is_on_thursday():
    for day in (12, 13, 14):  # Mon-Wed of Tết 2024: days off
        assert due(local(2024, 2, day, 9)) == (None, None)
    assert due(local(2024, 2, 15, 7, 0)) == (None, None)  # before work start
    thu = date(2024, 2, 15)
    assert due(local(2024, 2, 15)) == (thu, thu)
    assert due(local(2024, 2, 16)) == (date(2024, 2, 16), None)


def test_weekly_after_reunification_day_and_the_swapped_saturday():
    # 2024: 27 Apr - 1 May off, Mon 29 Apr swapped for Sat 4 May.
    assert due(local(2024, 4, 29, 9)) == (None, None)
    assert due(local(2024, 5, 1, 9)) == (None, None)
    thu = date(2024, 5, 2)
    assert due(local(2024, 5, 2)) == (thu, thu)
    assert due(local(2024, 5, 4)) == (date(2024, 5, 4), None)  # a worked Saturday
    assert due(local(2024, 5, 6)) == (date(2024, 5, 6), date(2024, 5, 6))


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        digest_day("monthly", CAL, local(2024, 3, 18))


# Contents


async def person_id(session, name: str) -> int:
    return await session.scalar(select(Person.id).where(Person.full_name == name))


async def add_nudge(session, code, person, kind, state, at, **values) -> None:
    assignment = await session.scalar(select(Assignment).where(Assignment.code == code))
    session.add(
        Nudge(
            assignment_id=assignment.id,
            person_id=await person_id(session, person),
            kind=kind,
            for_deadline=assignment.deadline,
            due_at=at,
            state=state,
            attempts=1,
            created_at=at,
            updated_at=at,
            **values,
        )
    )


SINCE, NOW = local(2024, 3, 19), local(2024, 3, 20)  # Tue and Wed 07:30


@pytest.fixture
async def window(db, tmp_path):
    """The summary plan, plus what happened between Tue 19 and Wed 20 Mar 2024 07:30."""
    await build_plan(db, tmp_path)
    inside, before, after = local(2024, 3, 19, 10), local(2024, 3, 18, 10), local(2024, 3, 20, 8)
    async with db.unit_of_work() as session:
        for code, done_at in (("2.1", inside), ("2.2", local(2024, 3, 19, 15)), ("2.5", after)):
            await session.execute(
                update(Assignment)
                .where(Assignment.code == code)
                .values(status=Status.DONE, done_at=done_at)
            )
        await session.execute(  # withdrawn: never reported
            update(Assignment)
            .where(Assignment.code == "7.4")
            .values(status=Status.DONE, done_at=inside)
        )
        leader, official, other = "Rơ Mah Minh Toàn", "Phan Ngọc Phương", "Hoàng Thu Hà"
        sent = NudgeState.SENT
        await add_nudge(session, "7.3", leader, "escalation:6", sent, inside, sent_at=inside)
        await add_nudge(session, "7.3", leader, "escalation:2", sent, before, sent_at=before)
        await add_nudge(session, "7.3", official, "overdue:2", sent, inside, sent_at=inside)
        await add_nudge(session, "2.4", leader, "escalation:2", NudgeState.PLANNED, inside)
        failed = NudgeState.FAILED
        for code, at in (("7.3", inside), ("2.4", local(2024, 3, 19, 11))):
            await add_nudge(
                session, code, official, "due", failed, at, last_error=f"unreachable: {code}"
            )
        await add_nudge(session, "2.3", official, "due", failed, before, last_error="old")
        await add_nudge(
            session, "2.2", other, "due", failed, inside, last_error="502", available_at=after
        )
        blocked = await person_id(session, other)
        for channel, at, reason in (
            (Channel.TELEGRAM, inside, "Forbidden: bot was blocked by the user"),
            (Channel.ZALO, local(2024, 3, 19, 8), "older reason"),
        ):
            session.add(
                ChatLink(
                    person_id=blocked,
                    channel=channel,
                    chat_id="101",
                    linked_at=before,
                    unreachable_since=at,
                    unreachable_reason=reason,
                )
            )
        two_chats = await person_id(session, "Đỗ Thanh Hằng")
        for channel in (Channel.TELEGRAM, Channel.ZALO):  # one dead chat of two: reachable
            session.add(
                ChatLink(
                    person_id=two_chats,
                    channel=channel,
                    chat_id="102",
                    linked_at=before,
                    unreachable_since=inside if channel is Channel.ZALO else None,
                    unreachable_reason="chat gone" if channel is Channel.ZALO else None,
                )
            )
    return db


async def test_daily_digest_contents(window):
    async with window.unit_of_work() as session:
        digest = await daily_digest(session, CAL, NOW.astimezone(TZ).date(), SINCE, NOW)
    assert (digest.day, digest.since) == (date(2024, 3, 20), SINCE)
    # Deadline Tue 19 passed since the last digest; 7.3 (1 Mar) is old news.
    assert [(i.code, i.agency, i.deadline) for i in digest.new_overdue] == [
        ("2.4", "Sở Nội vụ", date(2024, 3, 19))
    ]
    assert [
        (e.code, e.agency, e.leader, e.kind, e.days_overdue) for e in digest.new_escalations
    ] == [("7.3", "Sở Nội vụ", "Rơ Mah Minh Toàn", "escalation:6", 19)]
    assert [(d.code, d.agency, d.on_time) for d in digest.done_since] == [
        ("2.1", "Sở Tư pháp", True),
        ("2.2", "Sở Tư pháp", False),  # deadline 10 Mar
    ]
    assert [(u.name, u.agency, u.reason, u.count) for u in digest.undeliverable] == [
        ("Phan Ngọc Phương", "Sở Nội vụ", "unreachable: 2.4", 2),
        ("Hoàng Thu Hà", "Sở Tư pháp", "Forbidden: bot was blocked by the user", 0),
    ]


async def test_weekly_summary_contents(window):
    async with window.unit_of_work() as session:
        summary = await weekly_summary(session, CAL, date(2024, 3, 20), NOW)
        (total,) = await status_counts(session, date(2024, 3, 20))
        by_group = await status_counts(session, date(2024, 3, 20), by="group")
        short = await weekly_summary(session, CAL, date(2024, 3, 20), NOW, since=SINCE)
    assert (summary.total, summary.by_group) == (total, by_group)
    assert [g.key for g in summary.by_group] == [1, 2, 7]
    assert summary.failed_nudges == 3 and short.failed_nudges == 2


# The runner


async def runs(db: Database) -> list[tuple]:
    async with db.unit_of_work() as session:
        rows = await session.execute(
            select(
                DigestRun.kind,
                DigestRun.day,
                DigestRun.since,
                DigestRun.delivered_at,
                DigestRun.error,
            ).order_by(DigestRun.day, DigestRun.kind)
        )
        return [tuple(r) for r in rows.all()]


async def parts(db: Database, kind: str, day: date = date(2024, 3, 18)):
    async with db.unit_of_work() as session:
        return await parts_of(session, kind, day)


async def test_each_digest_is_made_once(window):
    sink = RecordingSink()
    mon = local(2024, 3, 18)
    assert await run_due_digests(window, CAL, sink, mon - timedelta(minutes=1)) == []
    assert await run_due_digests(window, CAL, sink, mon) == ["daily", "weekly"]
    assert await run_due_digests(window, CAL, sink, mon) == []
    assert await run_due_digests(window, CAL, sink, mon + timedelta(hours=3)) == []
    assert sink.kinds() == [("daily", "2024-03-18"), ("weekly", "2024-03-18")]
    daily, weekly = (d for d, _ in sink.delivered)
    assert isinstance(daily, DailyDigest) and isinstance(weekly, WeeklySummary)
    assert weekly.total.total == 13

    # Tuesday's window starts when Monday's run was made.
    assert await run_due_digests(window, CAL, sink, SINCE) == ["daily"]
    assert await run_due_digests(window, CAL, sink, NOW) == ["daily"]
    assert await runs(window) == [
        ("daily", date(2024, 3, 18), mon - timedelta(days=1), mon, None),
        ("weekly", date(2024, 3, 18), mon - timedelta(days=7), mon, None),
        ("daily", date(2024, 3, 19), mon, SINCE, None),
        ("daily", date(2024, 3, 20), SINCE, NOW, None),
    ]
    wednesday = sink.delivered[-1][0]
    assert [i.code for i in wednesday.new_overdue] == ["2.4"]
    assert [d.code for d in wednesday.done_since] == ["2.1", "2.2"]


async def test_concurrent_runners_deliver_each_digest_once(db):
    others = [Database(db.url, schema=db.schema) for _ in range(3)]
    sink = RecordingSink(delay=0.05)
    try:
        mon = local(2024, 3, 18)
        results = await asyncio.gather(*(run_due_digests(d, CAL, sink, mon) for d in [db, *others]))
    finally:
        for other in others:
            await other.dispose()
    assert sorted(k for r in results for k in r) == ["daily", "weekly"]
    assert sorted(sink.kinds()) == [("daily", "2024-03-18"), ("weekly", "2024-03-18")]


async def test_a_failed_delivery_is_recorded_then_retried_once(db):
    sink = RecordingSink(failures=1)  # the first call (the daily) fails
    mon = local(2024, 3, 18)
    assert await run_due_digests(db, CAL, sink, mon) == ["weekly"]
    (daily, weekly) = await runs(db)
    assert daily[3:] == (None, "ConnectionError: chat unreachable") and weekly[3] == mon
    (part,) = await parts(db, "daily")
    assert part.state is NudgeState.FAILED and part.available_at == mon + timedelta(minutes=1)

    later = mon + timedelta(minutes=30)
    retries = [Database(db.url, schema=db.schema) for _ in range(2)]
    try:
        results = await asyncio.gather(*(run_due_digests(d, CAL, sink, later) for d in retries))
    finally:
        for other in retries:
            await other.dispose()
    assert sorted(results) == [[], ["daily"]]
    assert await run_due_digests(db, CAL, sink, later) == []
    assert sink.kinds() == [("weekly", "2024-03-18"), ("daily", "2024-03-18")]
    digest, delivered_at = sink.delivered[-1]
    assert digest.since == mon - timedelta(days=1) and delivered_at == later
    assert (await runs(db))[0][3:] == (later, None)


async def test_a_part_unsent_on_its_day_goes_out_late_once(db):
    fri, mon, tue = local(2024, 3, 15), local(2024, 3, 18), local(2024, 3, 19)
    assert await run_due_digests(db, CAL, RecordingSink(), fri) == ["daily"]
    # Monday: both parts refused all day (the service could not reach the chat).
    assert await run_due_digests(db, CAL, RecordingSink(failures=2), mon) == []
    sink = RecordingSink()
    assert await run_due_digests(db, CAL, sink, tue) == ["daily", "weekly", "daily"]
    assert sink.kinds() == [
        ("daily", "2024-03-18"),
        ("weekly", "2024-03-18"),
        ("daily", "2024-03-19"),
    ]
    assert [p.late for p in sink.parts] == [True, True, False]
    ((tuesday, _),) = sink.delivered  # the only one this sink planned
    assert tuesday.since == mon  # Monday's run covers up to its making: no instant twice
    assert await run_due_digests(db, CAL, sink, tue + timedelta(hours=1)) == []
    assert len(sink.parts) == 3


async def test_a_day_with_no_run_is_covered_by_the_next(db):
    fri, tue = local(2024, 3, 15), local(2024, 3, 19)
    assert await run_due_digests(db, CAL, RecordingSink(), fri) == ["daily"]
    sink = RecordingSink()  # the service was down all Monday: no Monday run at all
    assert await run_due_digests(db, CAL, sink, tue) == ["daily"]
    ((digest, _),) = sink.delivered
    assert digest.since == fri and [p.late for p in sink.parts] == [False]
