"""One set of defaults for time in tests: the province's zone, its working hours, the rules."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from scheduler.calendar import WorkCalendar
from scheduler.policy import ReminderRules

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
CAL = WorkCalendar(TZ, time(7, 30), time(17, 0))
RULES = ReminderRules()
NOW = datetime(2024, 1, 2, 1, 0, tzinfo=UTC)  # when imports happen unless a test says otherwise


def local(y: int, m: int, d: int, hh: int = 7, mm: int = 30) -> datetime:
    """The aware UTC instant of a wall-clock time in the province (07:30: work starts)."""
    return datetime(y, m, d, hh, mm, tzinfo=TZ).astimezone(UTC)
