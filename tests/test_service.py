"""The reminder service: APScheduler wakes it, rounds plan, sweep and stop cleanly."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from scheduler.clock import ManualClock
from scheduler.delivery import DeliveryResult, NudgeToSend
from scheduler.policy import ReminderRules
from scheduler.service import PLAN_EVERY, ReminderService
from storage.enums import NudgeState
from storage.models import Assignment, Nudge
from tests.kit import CAL, World, local


class SignallingDelivery:
    """Records deliveries, wakes waiters, and can hold each delivery for a while."""

    def __init__(self, hold: float = 0.0) -> None:
        self.delivered: list[NudgeToSend] = []
        self.started = asyncio.Event()
        self.hold = hold

    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult:
        self.started.set()
        if self.hold:
            await asyncio.sleep(self.hold)
        self.delivered.append(nudge)
        return DeliveryResult.sent("test", str(len(self.delivered)))


@pytest.fixture
async def plan_db(db, tmp_path):
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan("2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,Quyết định")
    return db


def service(db, clock, delivery, **kw) -> ReminderService:
    return ReminderService(
        db, delivery, CAL, ReminderRules(), clock, sweep_seconds=0.05, worker="test", **kw
    )


async def sent_states(db) -> list[tuple[str, NudgeState]]:
    async with db.unit_of_work() as session:
        return list(
            (await session.execute(select(Nudge.kind, Nudge.state).where(Nudge.attempts > 0))).all()
        )


class RoundCounter:
    """Passed as the digest hook, which every round calls: lets a test await rounds."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = asyncio.Condition()

    async def __call__(self, db, calendar, now) -> None:
        async with self.changed:
            self.count += 1
            self.changed.notify_all()

    async def wait_for(self, rounds: int) -> None:
        async with self.changed:
            await asyncio.wait_for(self.changed.wait_for(lambda: self.count >= rounds), 5)


async def test_scheduler_wakes_the_service_and_each_nudge_goes_once(plan_db):
    clock = ManualClock(local(2024, 3, 6, 7, 0))  # before work starts
    delivery = SignallingDelivery()
    rounds = RoundCounter()
    svc = service(plan_db, clock, delivery, digests=rounds)
    svc.start()
    try:
        await rounds.wait_for(2)
        assert delivery.delivered == []
        clock.set(local(2024, 3, 6, 7, 30))
        await asyncio.wait_for(delivery.started.wait(), timeout=5)
        await rounds.wait_for(rounds.count + 3)
    finally:
        await svc.stop()
    assert [n.kind for n in delivery.delivered] == ["before:7"]


async def test_stop_waits_for_the_round_in_progress(plan_db):
    clock = ManualClock(local(2024, 3, 6, 7, 30))
    delivery = SignallingDelivery(hold=0.3)
    svc = service(plan_db, clock, delivery)
    svc.start()
    await asyncio.wait_for(delivery.started.wait(), timeout=5)
    await svc.stop()  # while the delivery is still being held
    assert await sent_states(plan_db) == [("before:7", NudgeState.SENT)]


async def test_rounds_replan_after_a_deadline_moves(plan_db):
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    delivery = SignallingDelivery()
    svc = service(plan_db, clock, delivery)
    await svc.run_round()
    assert [n.kind for n in delivery.delivered] == ["before:7"]
    async with plan_db.unit_of_work() as session:  # an extension to Wed 27 Mar (before:7 = 18 Mar)
        await session.execute(update(Assignment).values(deadline=date(2024, 3, 27)))
    clock.set(local(2024, 3, 18, 9, 0))
    await svc.run_round()
    assert [(n.kind, n.for_deadline) for n in delivery.delivered][-1] == (
        "before:7",
        date(2024, 3, 27),
    )


async def test_planning_runs_again_after_plan_every(plan_db):
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    svc = service(plan_db, clock, SignallingDelivery())
    await svc.run_round()
    first = svc._planned_at
    clock.advance(PLAN_EVERY / 2)
    await svc.run_round()
    assert svc._planned_at == first
    clock.advance(PLAN_EVERY)
    await svc.run_round()
    assert svc._planned_at == clock.now()


async def test_a_new_instance_after_downtime_sends_only_the_latest(plan_db):
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    first = SignallingDelivery()
    await service(plan_db, clock, first).run_round()
    clock.set(local(2024, 3, 19, 10, 0))  # down over before:3, before:1, due, overdue:1
    second = SignallingDelivery()
    await service(plan_db, clock, second).run_round()
    assert [n.kind for n in second.delivered] == ["overdue:1"]


async def test_digests_run_each_round_with_the_same_instant(plan_db):
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    seen = []

    async def digests(db, calendar, now):
        seen.append(now)

    svc = service(plan_db, clock, SignallingDelivery(), digests=digests)
    await svc.run_round()
    clock.advance(timedelta(minutes=1))
    await svc.run_round()
    assert seen == [local(2024, 3, 6, 8, 0), local(2024, 3, 6, 8, 1)]
