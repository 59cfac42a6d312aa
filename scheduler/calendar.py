"""The province's working-day calendar and work hours. Pure: no I/O, no clock.

A day is a working day unless it is off; the layers, each overriding the ones
before it:

1. Saturday and Sunday are off, every other day is worked;
2. the ``holidays`` package: Vietnam's official days off, substituted days off
   and swapped working Saturdays (``weekend_workdays``);
3. ``calendar_corrections.CORRECTIONS``: what the package does not know yet;
4. the configuration: ``extra_days_off`` and ``extra_workdays``.

A deadline that falls on a day off closes at the end of the next working day
(Civil Code 2015, art. 148(5)) when ``deadline_on_day_off`` is ``"next_workday"``
(the default; ``NHACVIEC_DEADLINE_ON_DAY_OFF``): ``deadline_closes`` says which
day, and it decides on time / late / overdue everywhere (``storage.summary.Closing``
carries the same rule into SQL). Nudges are not moved: "before" nudges still come
on the working day before the deadline as written. ``"as_written"`` closes every
deadline on its own day.

Days are local calendar days in ``timezone``. Instants handed in must be aware;
instants handed out are aware UTC. Work hours are the half-open local interval
[``work_start``, ``work_end``) of a working day.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

from scheduler.calendar_corrections import CORRECTIONS, Correction

ONE_DAY = timedelta(days=1)
# No province takes a year off: a longer run of days off is a configuration bug,
# and this bound turns it into an error instead of an endless loop.
MAX_DAYS_OFF_IN_A_ROW = 366
DEADLINE_ON_DAY_OFF = ("next_workday", "as_written")
# The one unit messages count days in (NHACVIEC_DAYS_UNIT): calendar days, as reports do,
# or working days.
DAY_UNITS = ("calendar", "working")


class WorkCalendar:
    def __init__(
        self,
        timezone: ZoneInfo,
        work_start: time,
        work_end: time,
        extra_days_off: frozenset[date] = frozenset(),
        extra_workdays: frozenset[date] = frozenset(),
        corrections: Iterable[Correction] = CORRECTIONS,
        deadline_on_day_off: str = "next_workday",
        days_unit: str = "calendar",
    ) -> None:
        if not work_start < work_end:
            raise ValueError("work_start must be before work_end")
        if deadline_on_day_off not in DEADLINE_ON_DAY_OFF:
            raise ValueError(f"deadline_on_day_off: one of {DEADLINE_ON_DAY_OFF}")
        self.deadline_on_day_off = deadline_on_day_off
        if days_unit not in DAY_UNITS:
            raise ValueError(f"days_unit: one of {DAY_UNITS}")
        self.days_unit = days_unit
        clash = extra_days_off & extra_workdays
        if clash:
            days = ", ".join(sorted(d.isoformat() for d in clash))
            raise ValueError(f"{days} both an extra day off and an extra workday")
        self.timezone = timezone
        self.work_start = work_start
        self.work_end = work_end
        # day -> worked?  Corrections first, so that the configuration wins.
        self._overrides: dict[date, bool] = {}
        for correction in corrections:
            worked = correction.kind == "work"
            if self._overrides.get(correction.day, worked) != worked:
                raise ValueError(f"corrections disagree on {correction.day.isoformat()}")
            self._overrides[correction.day] = worked
        self._overrides |= dict.fromkeys(extra_days_off, False)
        self._overrides |= dict.fromkeys(extra_workdays, True)
        self._days_off: dict[int, frozenset[date]] = {}  # year -> its days off, built lazily

    # Days

    def is_workday(self, day: date) -> bool:
        days_off = self._days_off.get(day.year)
        if days_off is None:
            days_off = self._days_off[day.year] = self._build_year(day.year)
        return day not in days_off

    def workday_on_or_before(self, day: date) -> date:
        return day if self.is_workday(day) else self._step(day, -1)

    def next_workday(self, day: date) -> date:
        """The first working day strictly after ``day``."""
        return self._step(day, 1)

    def previous_workday(self, day: date) -> date:
        """The last working day strictly before ``day``."""
        return self._step(day, -1)

    def deadline_closes(self, deadline: date) -> date:
        """The last local day on which work due ``deadline`` is still on time.

        ``deadline`` itself, or, for one on a day off under ``"next_workday"``,
        the first working day after it.
        """
        if self.deadline_on_day_off == "as_written" or self.is_workday(deadline):
            return deadline
        return self.next_workday(deadline)

    def add_workdays(self, day: date, n: int) -> date:
        """The ``n``-th working day after ``day`` (before it when ``n`` < 0); ``day`` for 0.

        ``day`` itself need not be a working day and is never counted.
        """
        direction = 1 if n > 0 else -1
        for _ in range(abs(n)):
            day = self._step(day, direction)
        return day

    def workdays_between(self, a: date, b: date) -> int:
        """Working days in (a, b] when a ≤ b, minus those in [b, a) when b < a.

        So ``add_workdays(a, workdays_between(a, b)) == b`` for every working day ``b``.
        """
        if b < a:
            return -self.workdays_between(b - ONE_DAY, a - ONE_DAY)
        count, day = 0, a
        while day < b:
            day += ONE_DAY
            count += self.is_workday(day)
        return count

    def days_past(self, deadline: date, today: date) -> int:
        """Days from ``deadline`` to ``today`` in ``days_unit``: > 0 overdue, 0 due
        today, < 0 days left. Counted on the day a message is made, never kept.

        Working days: ``workdays_between(deadline, today)``.
        """
        if self.days_unit == "working":
            return self.workdays_between(deadline, today)
        return (today - deadline).days

    # Instants

    def local_date(self, instant: datetime) -> date:
        return self._local(instant).date()

    def work_start_at(self, day: date) -> datetime:
        """The start of work hours on the local ``day``, as an aware UTC instant."""
        return datetime.combine(day, self.work_start, tzinfo=self.timezone).astimezone(UTC)

    def is_within_work_hours(self, instant: datetime) -> bool:
        local = self._local(instant)
        return self.is_workday(local.date()) and self.work_start <= local.time() < self.work_end

    def next_work_start(self, instant: datetime) -> datetime:
        """``instant`` (in UTC) if within work hours, else the next start of work hours."""
        if self.is_within_work_hours(instant):
            return instant.astimezone(UTC)
        local = self._local(instant)
        day = local.date()
        if self.is_workday(day) and local.time() < self.work_start:
            return self.work_start_at(day)
        return self.work_start_at(self.next_workday(day))

    # Internals

    def _local(self, instant: datetime) -> datetime:
        if instant.tzinfo is None or instant.utcoffset() is None:
            raise ValueError("instant must be aware")
        return instant.astimezone(self.timezone)

    def _step(self, day: date, direction: int) -> date:
        for _ in range(MAX_DAYS_OFF_IN_A_ROW):
            day += direction * ONE_DAY
            if self.is_workday(day):
                return day
        raise ValueError(f"no working day within {MAX_DAYS_OFF_IN_A_ROW} days of {day}")

    def _build_year(self, year: int) -> frozenset[date]:
        package_off, package_worked_weekend = _package_year(year)
        days_off, day = set(), date(year, 1, 1)
        while day.year == year:
            worked = self._overrides.get(day)
            if worked is None:
                weekend = day.weekday() >= 5
                worked = day not in package_off and (not weekend or day in package_worked_weekend)
            if not worked:
                days_off.add(day)
            day += ONE_DAY
        return frozenset(days_off)


@functools.cache
def _package_year(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """The package's days off in ``year`` and its weekend days worked instead.

    Shared by every calendar: it does not depend on the configuration, and
    building ``holidays`` objects is the slow part.
    """
    # Neighbouring years too: a swap may cross New Year (2018-12-31 off for 2019-01-05).
    package = holidays.country_holidays("VN", years=(year - 1, year, year + 1))
    days_off = frozenset(d for d in package if d.year == year)
    worked_weekend = frozenset(d for d in package.weekend_workdays if d.year == year)
    return days_off, worked_weekend
