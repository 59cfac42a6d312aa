"""The garbage collector off the loop's busy moments (issue 16, point 4): the start-up heap
frozen, full collections when the service is quiet, each freezing what survived it."""

from __future__ import annotations

import asyncio
import gc
import weakref

import pytest

from bot.app import heap
from bot.app.builder import build_service
from bot.app.settings import Settings
from scheduler.clock import ManualClock
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import local


async def test_an_open_service_keeps_its_start_up_objects_out_of_full_collections(db):
    service = build_service(Settings(), db, ManualClock(local(2024, 3, 6, 8, 0)),
                            channels={"telegram": RecordingChannel("telegram")})  # fmt: skip
    before = object.__new__(type("Kept", (), {}))  # tracked: a class instance with a dict
    thresholds = gc.get_threshold()
    await service.open()
    try:
        assert gc.get_freeze_count() > 10_000  # the modules, the metadata, the channels
        assert before not in gc.get_objects(generation=2)  # frozen, not walked again
        assert gc.get_threshold()[2] == heap.NEVER  # full passes are the collector's
        assert service.quiet()
    finally:
        await service.close(1)
    assert gc.get_freeze_count() == 0  # given back when the service closes
    assert gc.get_threshold() == thresholds


class Steps:
    """The collector's ``sleep`` and ``monotonic``: it sleeps until ``step``."""

    def __init__(self) -> None:
        self.now = 0.0
        self.asleep = asyncio.Event()
        self._go: asyncio.Queue[float] = asyncio.Queue()

    async def sleep(self, seconds: float) -> None:
        self.asleep.set()
        self.now += seconds + await self._go.get()

    async def step(self, extra: float = 0.0) -> None:
        """One wake-up, ``extra`` seconds later than asked; returns once it sleeps again."""
        await self.asleep.wait()
        self.asleep.clear()
        self._go.put_nowait(extra)
        await self.asleep.wait()


@pytest.fixture
def full_passes():
    seen: list[int] = []

    def note(event: str, info: dict) -> None:
        if event == "start" and info["generation"] == 2:
            seen.append(1)

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def survivors(count: int = 200_000) -> list:
    """Enough long-lived containers for Python to want a full collection."""
    return [[] for _ in range(count)]


async def test_full_collections_wait_until_the_service_is_quiet(full_passes):
    quiet, steps = [False], Steps()
    collector = heap.Collector(lambda: quiet[0], sleep=steps.sleep, monotonic=lambda: steps.now)
    collector.start()
    try:
        kept = survivors()  # a burst: what it holds reaches the oldest generation
        for _ in range(5):
            await steps.step()
        assert full_passes == [] and collector.passes == 0  # none in the middle of it
        quiet[0] = True
        await steps.step()
        assert len(full_passes) == 1 and collector.passes == 1
        await steps.step()
        assert collector.passes == 1  # not again until Python would think of one
        del kept
    finally:
        await collector.stop()


async def test_a_service_never_quiet_still_collects_after_at_most_seconds(full_passes):
    steps = Steps()
    collector = heap.Collector(lambda: False, at_most=600, sleep=steps.sleep,
                               monotonic=lambda: steps.now)  # fmt: skip
    thresholds = gc.get_threshold()
    collector.start()
    try:
        kept = survivors()
        await steps.step(extra=500)
        assert collector.passes == 0
        await steps.step(extra=100)
        assert collector.passes == 1 and len(full_passes) == 1
        del kept
    finally:
        await collector.stop()
    assert gc.get_threshold() == thresholds  # Python's own full collections again


class Node:
    """A tracked object that can be part of a cycle."""

    other: object = None


async def test_what_survives_a_full_collection_is_not_walked_by_the_next(full_passes):
    steps = Steps()
    collector = heap.Collector(lambda: True, sleep=steps.sleep, monotonic=lambda: steps.now)
    collector.start()
    try:
        long_lived, kept = Node(), survivors()
        await steps.step()
        assert collector.passes == 1
        # A pass walks only what came after the last: the long-lived survivors are frozen.
        assert gc.get_freeze_count() >= len(kept)
        assert not any(o is long_lived for o in gc.get_objects(generation=2))
        del kept
    finally:
        await collector.stop()
        heap.release()


async def test_a_cycle_that_died_frozen_is_reclaimed_by_the_next_renewal(full_passes):
    steps = Steps()
    collector = heap.Collector(lambda: True, renew=3600, sleep=steps.sleep,
                               monotonic=lambda: steps.now)  # fmt: skip
    collector.start()
    try:
        cycle = Node()
        cycle.other = Node()
        cycle.other.other = cycle
        gone = weakref.ref(cycle)
        kept = survivors()
        await steps.step()  # frozen, alive
        del cycle
        kept = survivors()
        await steps.step(extra=600)
        assert collector.passes == 2 and collector.renewals == 0
        assert gone() is not None  # garbage, but frozen: not walked
        kept = survivors()
        await steps.step(extra=3000)  # an hour since the start: the whole heap once
        assert collector.passes == 3 and collector.renewals == 1
        assert gone() is None
        del kept
    finally:
        await collector.stop()
        heap.release()


async def test_two_collectors_give_python_its_thresholds_back_once_both_stop():
    thresholds = gc.get_threshold()
    first, second = heap.Collector(lambda: True), heap.Collector(lambda: True)
    first.start()
    second.start()
    await first.stop()
    assert gc.get_threshold()[2] == heap.NEVER  # the second still holds them
    await second.stop()
    assert gc.get_threshold() == thresholds
