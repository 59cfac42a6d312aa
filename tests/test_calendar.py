import time as clock
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.calendar import WorkCalendar
from scheduler.calendar_corrections import CORRECTIONS, Correction
from tests.kit import CAL
from tests.kit import TZ as VN


def make_calendar(**kwargs) -> WorkCalendar:
    return WorkCalendar(VN, time(7, 30), time(17, 0), **kwargs)


def local(*args) -> datetime:
    """An instant left in the province's zone (``tests.kit.local`` converts to UTC): the
    calendar must take any aware instant."""
    return datetime(*args, tzinfo=VN)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Days off


def test_tet_2024_is_off_and_the_days_around_it_are_worked():
    assert not any(CAL.is_workday(d) for d in days(date(2024, 2, 8), date(2024, 2, 14)))
    assert CAL.is_workday(date(2024, 2, 7))
    assert CAL.is_workday(date(2024, 2, 15))


def test_reunification_day_2024_with_its_swap():
    assert not CAL.is_workday(date(2024, 4, 29))  # substituted day off
    assert not CAL.is_workday(date(2024, 4, 30))
    assert not CAL.is_workday(date(2024, 5, 1))
    assert CAL.is_workday(date(2024, 5, 2))
    assert CAL.is_workday(date(2024, 5, 4))  # Saturday worked back
    assert not CAL.is_workday(date(2024, 5, 5))
    assert not CAL.is_workday(date(2024, 5, 11))  # an ordinary Saturday


def test_national_day_2024():
    assert not CAL.is_workday(date(2024, 9, 2))
    assert not CAL.is_workday(date(2024, 9, 3))
    assert CAL.is_workday(date(2024, 9, 4))


def test_new_year_2026_bridge_comes_from_the_corrections():
    assert not CAL.is_workday(date(2026, 1, 1))
    assert not CAL.is_workday(date(2026, 1, 2))
    assert CAL.is_workday(date(2026, 1, 10))  # Saturday worked back
    assert CAL.is_workday(date(2026, 1, 5))
    package_only = make_calendar(corrections=())
    assert package_only.is_workday(date(2026, 1, 2))
    assert not package_only.is_workday(date(2026, 1, 10))


def test_every_correction_still_corrects_the_package():
    """Fails once ``holidays`` catches up: then drop the entry from the table."""
    package_only = make_calendar(corrections=())
    for correction in CORRECTIONS:
        if correction.pinned:
            continue
        assert package_only.is_workday(correction.day) != (correction.kind == "work"), correction
        assert CAL.is_workday(correction.day) == (correction.kind == "work"), correction


@pytest.mark.parametrize(
    ("day", "worked"),
    [
        (date(2025, 4, 26), True),  # Saturday worked for Friday 2/5/2025
        (date(2025, 5, 2), False),
        (date(2025, 4, 30), False),
        (date(2025, 5, 1), False),
        (date(2025, 5, 5), True),
        (date(2026, 8, 22), True),  # Saturday worked for Monday 31/8/2026
        (date(2026, 8, 31), False),
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
        (date(2026, 11, 24), False),  # Ngày Văn hóa Việt Nam
        (date(2026, 11, 23), True),
    ],
)
def test_the_days_older_holidays_versions_get_wrong(day, worked):
    """``holidays`` before 0.106 misses these: the floor in pyproject.toml keeps them."""
    assert CAL.is_workday(day) is worked
    assert make_calendar(corrections=()).is_workday(day) is worked


def test_culture_day_2026_is_one_pinned_line_that_flips():
    (entry,) = [c for c in CORRECTIONS if c.day == date(2026, 11, 24)]
    assert entry.pinned and entry.kind == "off" and "Bộ luật Lao động" in entry.source
    others = tuple(c for c in CORRECTIONS if c is not entry)
    flipped = make_calendar(corrections=(*others, Correction(entry.day, "work", entry.source)))
    assert flipped.is_workday(date(2026, 11, 24))
    assert not CAL.is_workday(date(2026, 11, 24))


def test_corrections_name_their_source_and_days_are_unique():
    assert all(c.source.strip() for c in CORRECTIONS)
    assert len({c.day for c in CORRECTIONS}) == len(CORRECTIONS)
    with pytest.raises(ValueError):
        Correction(date(2026, 1, 2), "off", " ")
    with pytest.raises(ValueError):
        Correction(date(2026, 1, 2), "holiday", "x")  # type: ignore[arg-type]


def test_corrections_win_over_the_package():
    corrections = (
        Correction(date(2024, 5, 4), "off", "test"),  # the package: a worked Saturday
        Correction(date(2024, 9, 3), "work", "test"),  # the package: a holiday
    )
    cal = make_calendar(corrections=corrections)
    assert not cal.is_workday(date(2024, 5, 4))
    assert cal.is_workday(date(2024, 9, 3))


def test_configuration_wins_over_package_and_corrections():
    cal = make_calendar(
        extra_days_off=frozenset({date(2024, 3, 15), date(2026, 1, 10)}),
        extra_workdays=frozenset({date(2024, 9, 3), date(2026, 1, 2), date(2024, 3, 16)}),
    )
    assert not cal.is_workday(date(2024, 3, 15))  # an ordinary Friday
    assert not cal.is_workday(date(2026, 1, 10))  # a correction's working Saturday
    assert cal.is_workday(date(2024, 9, 3))  # a package holiday
    assert cal.is_workday(date(2026, 1, 2))  # a correction's day off
    assert cal.is_workday(date(2024, 3, 16))  # an ordinary Saturday
    assert CAL.is_workday(date(2024, 3, 15))  # the default calendar is untouched


def test_contradictions_are_refused():
    with pytest.raises(ValueError, match="2024-03-15"):
        make_calendar(
            extra_days_off=frozenset({date(2024, 3, 15)}),
            extra_workdays=frozenset({date(2024, 3, 15)}),
        )
    with pytest.raises(ValueError, match="disagree"):
        make_calendar(
            corrections=(
                Correction(date(2024, 3, 15), "off", "a"),
                Correction(date(2024, 3, 15), "work", "b"),
            )
        )
    with pytest.raises(ValueError):
        WorkCalendar(VN, time(17, 0), time(7, 30))


# Counting working days


def test_add_workdays_skips_days_off_both_ways():
    assert CAL.add_workdays(date(2024, 2, 7), 1) == date(2024, 2, 15)  # across Tết
    assert CAL.add_workdays(date(2024, 2, 15), -1) == date(2024, 2, 7)
    assert CAL.add_workdays(date(2024, 4, 26), 2) == date(2024, 5, 3)
    assert CAL.add_workdays(date(2024, 5, 3), 1) == date(2024, 5, 4)  # worked Saturday
    assert CAL.add_workdays(date(2024, 3, 31), 1) == date(2024, 4, 1)  # from a Sunday
    assert CAL.add_workdays(date(2024, 3, 31), -1) == date(2024, 3, 29)
    assert CAL.add_workdays(date(2024, 3, 31), 0) == date(2024, 3, 31)


def test_workday_on_or_before_and_neighbours():
    assert CAL.workday_on_or_before(date(2024, 4, 30)) == date(2024, 4, 26)
    assert CAL.workday_on_or_before(date(2024, 4, 26)) == date(2024, 4, 26)
    assert CAL.next_workday(date(2024, 4, 26)) == date(2024, 5, 2)
    assert CAL.previous_workday(date(2024, 5, 2)) == date(2024, 4, 26)


def test_workdays_between_is_signed():
    assert CAL.workdays_between(date(2024, 2, 7), date(2024, 2, 15)) == 1
    assert CAL.workdays_between(date(2024, 2, 15), date(2024, 2, 7)) == -1
    assert CAL.workdays_between(date(2024, 3, 4), date(2024, 3, 11)) == 5
    assert CAL.workdays_between(date(2024, 3, 4), date(2024, 3, 4)) == 0


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31)),
    st.integers(min_value=-40, max_value=40),
)
def test_add_workdays_and_workdays_between_agree(day, n):
    target = CAL.add_workdays(day, n)
    assert CAL.workdays_between(day, target) == n
    if n:
        assert CAL.is_workday(target)
        assert (target > day) == (n > 0)


def test_a_calendar_with_no_working_days_fails_instead_of_looping():
    all_off = frozenset(days(date(2024, 1, 1), date(2025, 12, 31)))
    with pytest.raises(ValueError, match="no working day"):
        make_calendar(extra_days_off=all_off).next_workday(date(2024, 6, 1))


def test_many_queries_are_cheap():
    cal = make_calendar()
    cal.is_workday(date(2024, 1, 1))  # build the years once
    cal.is_workday(date(2025, 1, 1))
    started = clock.perf_counter()
    base = date(2024, 1, 1)
    for i in range(100_000):
        cal.is_workday(base + timedelta(days=i % 700))
    assert clock.perf_counter() - started < 2.0


# Work hours


def test_work_start_at_is_utc():
    start = CAL.work_start_at(date(2024, 3, 4))
    assert start == utc(2024, 3, 4, 0, 30)
    assert start.tzinfo is UTC


def test_is_within_work_hours_at_the_edges():
    assert CAL.is_within_work_hours(local(2024, 3, 4, 7, 30))
    assert not CAL.is_within_work_hours(local(2024, 3, 4, 7, 29, 59))
    assert CAL.is_within_work_hours(local(2024, 3, 4, 16, 59, 59))
    assert not CAL.is_within_work_hours(local(2024, 3, 4, 17, 0))
    assert not CAL.is_within_work_hours(local(2024, 3, 2, 10, 0))  # Saturday
    assert not CAL.is_within_work_hours(local(2024, 9, 2, 10, 0))  # National Day
    assert CAL.is_within_work_hours(utc(2024, 3, 4, 3, 0))  # 10:00 local
    with pytest.raises(ValueError):
        CAL.is_within_work_hours(datetime(2024, 3, 4, 10, 0))


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (local(2024, 3, 4, 10, 15), utc(2024, 3, 4, 3, 15)),  # inside: the instant itself
        (local(2024, 3, 4, 6, 0), utc(2024, 3, 4, 0, 30)),  # before hours
        (local(2024, 3, 1, 17, 0), utc(2024, 3, 4, 0, 30)),  # Friday after hours
        (local(2024, 3, 2, 12, 0), utc(2024, 3, 4, 0, 30)),  # Saturday
        (utc(2024, 3, 3, 23, 0), utc(2024, 3, 4, 0, 30)),  # Sunday UTC, Monday 06:00 local
        (local(2024, 2, 7, 18, 0), utc(2024, 2, 15, 0, 30)),  # before Tết
        (local(2024, 4, 26, 17, 30), utc(2024, 5, 2, 0, 30)),  # before 29/4–1/5
        (local(2024, 5, 3, 17, 30), utc(2024, 5, 4, 0, 30)),  # to the worked Saturday
        (local(2025, 12, 31, 17, 0), utc(2026, 1, 5, 0, 30)),  # New Year 2026 bridge
    ],
)
def test_next_work_start(instant, expected):
    got = CAL.next_work_start(instant)
    assert got == expected
    assert got.tzinfo is UTC


def test_local_date_uses_the_province_time_zone():
    assert CAL.local_date(utc(2024, 3, 3, 23, 0)) == date(2024, 3, 4)
    assert CAL.local_date(utc(2024, 3, 3, 16, 59)) == date(2024, 3, 3)
