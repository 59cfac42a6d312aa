"""Ledger and sweep on the real store: nothing lost, nothing repeated."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.engine import make_url

from scheduler.clock import ManualClock
from scheduler.delivery import DeliveryResult, Outcome
from scheduler.planner import plan_window
from scheduler.sweep import MAX_ATTEMPTS, SweepConfig, backoff, sweep_due, sweep_once
from storage import db as storage_db
from storage.db import Database
from storage.enums import NudgeState, Status
from storage.ledger import claim_due
from storage.models import Assignment, Nudge
from tests.fakes.recording_delivery import RecordingDelivery
from tests.kit import CAL, RULES, World, declare_agencies, load_people, load_plan, local


@pytest.fixture
async def small_plan(db, tmp_path):
    """Two tasks of Sở Tư pháp (one official, one leader) due Friday 15 Mar 2024."""
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,Quyết định",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-15,,Báo cáo",
    )
    return db


async def plan(db: Database, now: datetime) -> int:
    async with db.unit_of_work() as session:
        return await plan_window(session, RULES, CAL, now)


async def states(db: Database) -> Counter:
    async with db.unit_of_work() as session:
        rows = await session.execute(select(Nudge.state, func.count()).group_by(Nudge.state))
        return Counter(dict(rows.all()))


def config(worker="w1", **kw) -> SweepConfig:
    return SweepConfig(worker=worker, **kw)


async def test_planning_twice_adds_nothing(small_plan):
    now = local(2024, 3, 6)  # before:7 of 15 Mar is Wed 6 Mar
    first = await plan(small_plan, now)
    assert first > 0
    assert await plan(small_plan, now) == 0


async def test_due_nudges_go_out_once_at_work_start(small_plan):
    clock = ManualClock(local(2024, 3, 6, 7, 0))
    delivery = RecordingDelivery()
    await plan(small_plan, clock.now())
    early = await sweep_once(small_plan, delivery, CAL, config(), clock.now())
    assert early.claimed == 0 and delivery.delivered == []

    clock.set(local(2024, 3, 6, 7, 30))
    report = await sweep_once(small_plan, delivery, CAL, config(), clock.now())
    # before:7 for two assignments, one official each.
    assert report.sent == 2
    assert {n.kind for n, _ in delivery.delivered} == {"before:7"}
    again = await sweep_once(small_plan, delivery, CAL, config(), clock.now() + timedelta(hours=1))
    assert again.claimed == 0 and len(delivery.delivered) == 2
    async with small_plan.unit_of_work() as session:
        sent = (await session.scalars(select(Nudge).where(Nudge.state == NudgeState.SENT))).all()
    assert sorted(n.message_id for n in sent) == ["1", "2"]
    assert all(n.sent_at == clock.now() and n.channel == "recording" for n in sent)


async def test_done_assignment_is_skipped_not_sent(small_plan):
    now = local(2024, 3, 6)
    await plan(small_plan, now)
    async with small_plan.unit_of_work() as session:
        await session.execute(
            update(Assignment).where(Assignment.code == "2.1").values(status=Status.DONE)
        )
    delivery = RecordingDelivery()
    report = await sweep_once(small_plan, delivery, CAL, config(), now)
    assert report.sent == 1 and report.skip_reasons == {"done": 1}


async def test_moved_deadline_skips_the_old_series_and_plans_a_new_one(small_plan):
    now = local(2024, 3, 6)
    await plan(small_plan, now)
    async with small_plan.unit_of_work() as session:
        await session.execute(
            update(Assignment).where(Assignment.code == "2.1").values(deadline=date(2024, 3, 29))
        )
    assert await plan(small_plan, local(2024, 3, 20)) > 0  # before:7 of 29 Mar is Wed 20 Mar
    delivery = RecordingDelivery()
    report = await sweep_once(small_plan, delivery, CAL, config(), now)
    assert report.skip_reasons == {"deadline_moved": 1}
    later = await sweep_once(small_plan, delivery, CAL, config(), local(2024, 3, 20))
    kinds = [(n.kind, n.for_deadline) for n, _ in delivery.delivered]
    assert ("before:7", date(2024, 3, 29)) in kinds and later.sent >= 1


async def test_a_claim_left_by_a_dead_process_is_reclaimed_after_the_lease(small_plan):
    now = local(2024, 3, 6)
    await plan(small_plan, now)
    async with small_plan.unit_of_work() as session:  # claimed, then the process "dies"
        dead = await claim_due(session, now, worker="dead", lease=timedelta(minutes=5), limit=10)
    assert len(dead) == 2
    delivery = RecordingDelivery()
    during = await sweep_once(small_plan, delivery, CAL, config(), now + timedelta(minutes=4))
    assert during.claimed == 0
    after = await sweep_once(small_plan, delivery, CAL, config(), now + timedelta(minutes=6))
    assert after.sent == 2 and sorted(delivery.sent_ids()) == sorted(n.id for n in dead)


async def test_failing_delivery_backs_off_then_fails_for_good(small_plan):
    clock = ManualClock(local(2024, 3, 6))
    await plan(small_plan, clock.now())
    delivery = RecordingDelivery(lambda n, now: DeliveryResult(Outcome.RETRY, error="502"))
    waits = []
    for _ in range(MAX_ATTEMPTS):
        report = await sweep_once(small_plan, delivery, CAL, config(), clock.now())
        assert report.claimed == 2  # both nudges of the morning, every round
        async with small_plan.unit_of_work() as session:
            nudges = (await session.scalars(select(Nudge).where(Nudge.attempts > 0))).all()
        retry_at = {n.available_at for n in nudges}
        assert len(retry_at) == 1
        if None in retry_at:
            break
        (next_try,) = retry_at
        assert CAL.is_within_work_hours(next_try)
        waits.append(next_try - clock.now())
        clock.set(next_try)
    assert waits == [backoff(k) for k in range(1, MAX_ATTEMPTS)]
    assert all(n.state is NudgeState.FAILED and n.attempts == MAX_ATTEMPTS for n in nudges)
    assert {n.last_error for n in nudges} == {"gave up: 502"}
    assert len(delivery.delivered) == 2 * MAX_ATTEMPTS
    later = await sweep_once(small_plan, delivery, CAL, config(), clock.now() + timedelta(days=1))
    assert later.claimed == 1  # one of them tries whether the platform is back


async def test_retry_after_is_honoured_and_kept_in_work_hours(small_plan):
    now = local(2024, 3, 6, 16, 58)
    await plan(small_plan, now)
    wait = timedelta(seconds=30)
    delivery = RecordingDelivery(
        lambda n, t: DeliveryResult(Outcome.RETRY, error="429", retry_after=wait)
    )
    await sweep_once(small_plan, delivery, CAL, config(), now)
    async with small_plan.unit_of_work() as session:
        retry = (
            await session.scalars(
                select(Nudge.available_at).where(Nudge.state == NudgeState.FAILED)
            )
        ).all()
    # 16:58 + 1 min is still in hours; the next one would be after 17:00 -> next morning.
    assert retry and all(r == now + backoff(1) for r in retry)


async def test_unreachable_person_is_recorded_not_dropped(small_plan):
    now = local(2024, 3, 6)
    await plan(small_plan, now)
    delivery = RecordingDelivery(
        lambda n, t: DeliveryResult(Outcome.UNREACHABLE, error="no linked chat")
    )
    report = await sweep_once(small_plan, delivery, CAL, config(), now)
    assert report.failed == 2
    async with small_plan.unit_of_work() as session:
        errors = (
            await session.scalars(select(Nudge.last_error).where(Nudge.state == NudgeState.FAILED))
        ).all()
    assert errors == ["unreachable: no linked chat"] * 2


async def test_after_downtime_only_the_latest_nudge_goes_out(small_plan):
    # Down from before the deadline until Tue 26 Mar: before:3, before:1, due,
    # overdue:1 (Mon 18), overdue:3 (Wed 20), overdue:7 (Tue 26) and the
    # escalation:7 came due meanwhile (the ladder of issue 11).
    back = local(2024, 3, 26, 9, 0)
    await plan(small_plan, back)
    delivery = RecordingDelivery()
    report = await sweep_once(small_plan, delivery, CAL, config(), back)
    sent = sorted((n.assignment_id, n.person_id, n.kind) for n, _ in delivery.delivered)
    # One per (assignment, person): overdue:7 for the official, escalation:7 for the leader.
    assert Counter(kind for *_, kind in sent) == {"overdue:7": 2, "escalation:7": 2}
    assert report.skip_reasons == {"superseded": report.claimed - 4}


async def test_concurrent_sweepers_send_each_nudge_exactly_once(db):
    """Two services on one database, many rounds over the whole sample plan."""
    await declare_agencies(db)
    await load_people(db)
    await load_plan(db)
    second = Database(db.url, schema=db.schema)  # a second service, its own connections
    try:
        delivery = RecordingDelivery(delay=0.001)
        clock = ManualClock(local(2024, 1, 3))
        total = 0
        for _ in range(12):  # a dozen working mornings
            async with db.unit_of_work() as session:
                await plan_window(session, RULES, CAL, clock.now())
            for _ in range(3):
                reports = await asyncio.gather(
                    sweep_once(db, delivery, CAL, config("a", batch=25), clock.now()),
                    sweep_once(second, delivery, CAL, config("b", batch=25), clock.now()),
                )
                total += sum(r.sent for r in reports)
            clock.set(CAL.work_start_at(CAL.next_workday(CAL.local_date(clock.now()))))
        ids = delivery.sent_ids()
        assert len(ids) == len(set(ids)) == total > 100
        assert (await states(db))[NudgeState.SENT] == total
    finally:
        await second.dispose()


async def test_downtime_collapse_holds_across_claim_batches(small_plan):
    back = local(2024, 3, 26, 9, 0)
    await plan(small_plan, back)
    delivery = RecordingDelivery()
    for _ in range(40):  # one nudge per claim: later ones are never in the same batch
        if (await sweep_once(small_plan, delivery, CAL, config(batch=1), back)).claimed == 0:
            break
    kinds = Counter(n.kind for n, _ in delivery.delivered)
    assert kinds == {"overdue:7": 2, "escalation:7": 2}


async def test_after_an_outage_given_up_nudges_go_out_once_when_the_platform_is_back(small_plan):
    clock = ManualClock(local(2024, 3, 6))
    await plan(small_plan, clock.now())
    down, went_out = True, []

    def answer(nudge, now):
        if down:
            return DeliveryResult(Outcome.RETRY, error="NetworkError")
        went_out.append(nudge.nudge_id)
        return DeliveryResult.sent("recording", f"m{nudge.nudge_id}")

    delivery = RecordingDelivery(answer)
    for _ in range(MAX_ATTEMPTS):  # the whole series fails: both given up, visibly
        await sweep_once(small_plan, delivery, CAL, config(), clock.now())
        clock.set(clock.now() + timedelta(hours=1))
    async with small_plan.unit_of_work() as session:
        errors = (await session.scalars(select(Nudge.last_error))).all()
    assert errors == ["gave up: NetworkError"] * 2
    still_down = await sweep_once(small_plan, delivery, CAL, config(), clock.now())
    assert still_down.claimed == 1 and still_down.failed == 1  # one probe, no flood
    down = False
    back = await sweep_once(small_plan, delivery, CAL, config(), clock.now())
    after = await sweep_once(small_plan, delivery, CAL, config(), clock.now())
    assert back.sent == 1 and after.sent == 1
    assert len(went_out) == len(set(went_out)) == 2  # each once
    async with small_plan.unit_of_work() as session:
        states = (await session.scalars(select(Nudge.state))).all()
    assert states == [NudgeState.SENT] * 2
    assert (await sweep_once(small_plan, delivery, CAL, config(), clock.now())).claimed == 0


class HeldCheckIns:
    """A check-in delivery whose first person's message is held (a long check-in whose
    pages wait for their chat) until the test lets it go."""

    grouped = True

    def __init__(self) -> None:
        self.released = asyncio.Event()
        self.held: int | None = None
        self.order: list[tuple[int, str]] = []

    async def deliver(self, nudge, now):  # pragma: no cover - check-ins only here
        raise AssertionError("single nudges are not expected")

    async def deliver_checkin(self, checkin, now):
        if self.held is None:
            self.held = checkin.person_id
        if checkin.person_id == self.held:
            await self.released.wait()
        self.order.append((checkin.person_id, checkin.audience))
        n = len(self.order)
        carried = tuple((item.nudge_id, str(n), i) for i, item in enumerate(checkin.items, 1))
        return DeliveryResult(Outcome.SENT, channel="held", message_id=str(n), carried=carried)


async def test_a_long_check_in_does_not_hold_up_the_other_peoples(db):
    if db.dialect != "postgresql":
        pytest.skip("check-ins go in parallel on PostgreSQL (SQLite keeps one writer)")
    await declare_agencies(db)
    await load_people(db)
    await load_plan(db)
    now = local(2024, 3, 29, 8, 0)  # a quarter's last working day: many people nudged
    await plan(db, now)
    delivery = HeldCheckIns()
    sweep = asyncio.create_task(sweep_once(db, delivery, CAL, config(parallel=4), now))
    for _ in range(500):  # the others go out while the first is held
        await asyncio.sleep(0.01)
        if len({person for person, _ in delivery.order}) >= 5:
            break
    assert not sweep.done() and delivery.held is not None
    assert delivery.held not in {person for person, _ in delivery.order}
    assert len({person for person, _ in delivery.order}) >= 5
    delivery.released.set()
    report = await sweep
    assert report.sent == (await states(db))[NudgeState.SENT] > 5
    # A person's own messages keep their order: their tasks, then their escalations.
    for person in {p for p, _ in delivery.order}:
        audiences = [a for p, a in delivery.order if p == person]
        assert audiences == sorted(audiences, key=["official", "leader"].index)


async def test_one_round_sends_everything_due_not_one_claim_of_people(db):
    await declare_agencies(db)
    await load_people(db)
    await load_plan(db)
    now = local(2024, 3, 29, 8, 0)
    await plan(db, now)
    delivery = RecordingDelivery()
    report = await sweep_due(db, delivery, CAL, config(batch=3), now)  # 3 people a claim
    people = {n.person_id for n, _ in delivery.delivered}
    assert len(people) > 3 and report.sent == len(delivery.delivered)
    again = await sweep_once(db, delivery, CAL, config(batch=3), now)
    assert again.claimed == 0  # nothing due was left for the next round


async def test_a_send_is_recorded_when_the_store_is_busy_for_a_moment(small_plan, monkeypatch):
    """Another writer holds SQLite's lock past the busy timeout just as a nudge went out:
    its outcome is written a moment later, not lost to be sent again after the lease."""
    if small_plan.dialect != "sqlite":
        pytest.skip("SQLite's one write lock")
    monkeypatch.setattr(storage_db, "SQLITE_BUSY_TIMEOUT_MS", 50)
    db = Database(small_plan.url)  # its connections wait 50 ms for the lock, then fail
    path = make_url(small_plan.url).database
    held: list[threading.Thread] = []

    def hold_the_lock() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        time.sleep(0.6)
        other.execute("COMMIT")
        other.close()

    def sent_while_busy(nudge, now) -> DeliveryResult:
        if not held:  # the first nudge out: someone else starts writing
            held.append(threading.Thread(target=hold_the_lock))
            held[0].start()
            time.sleep(0.05)
        return DeliveryResult.sent("recording", str(nudge.nudge_id))

    delivery = RecordingDelivery(sent_while_busy)
    now = local(2024, 3, 6, 7, 30)
    await plan(db, now)
    try:
        report = await sweep_once(db, delivery, CAL, config(), now)
        held[0].join()
        assert report.sent == 2 and (await states(db))[NudgeState.SENT] == 2
        later = now + timedelta(hours=2)  # past the lease: nothing is sent again
        assert (await sweep_once(db, delivery, CAL, config("w2"), later)).claimed == 0
        assert len(delivery.delivered) == 2
    finally:
        await db.dispose()
