from datetime import UTC, datetime, timedelta, timezone

import pytest

from scheduler.clock import ManualClock, SimulatedClock, SystemClock


def test_simulated_clock_runs_from_its_start_at_its_speed():
    ticks = iter([100.0, 100.0, 101.5])
    clock = SimulatedClock(
        datetime(2024, 3, 1, 7, 0, tzinfo=timezone(timedelta(hours=7))),
        speed=3600,
        monotonic=lambda: next(ticks),
    )
    assert clock.now() == datetime(2024, 3, 1, 0, 0, tzinfo=UTC)
    assert clock.now() == datetime(2024, 3, 1, 1, 30, tzinfo=UTC)  # 1.5 s x 3600


def test_manual_clock_moves_only_when_told():
    clock = ManualClock(datetime(2024, 1, 1, tzinfo=UTC))
    assert clock.advance(hours=2) == datetime(2024, 1, 1, 2, tzinfo=UTC)
    assert clock.now() == datetime(2024, 1, 1, 2, tzinfo=UTC)
    with pytest.raises(ValueError):
        clock.set(datetime(2024, 1, 1))


def test_system_clock_is_aware_utc():
    assert SystemClock().now().tzinfo is UTC
