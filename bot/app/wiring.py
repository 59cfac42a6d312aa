"""Settings turned into the scheduler's own objects (the scheduler never imports bot)."""

from __future__ import annotations

from bot.app.settings import Settings
from scheduler.calendar import WorkCalendar
from scheduler.policy import ReminderRules


def calendar_from(settings: Settings) -> WorkCalendar:
    return WorkCalendar(
        settings.timezone,
        settings.work_start,
        settings.work_end,
        extra_days_off=settings.extra_days_off,
        extra_workdays=settings.extra_workdays,
    )


def rules_from(settings: Settings) -> ReminderRules:
    return ReminderRules(
        remind_before=settings.remind_before,
        overdue_every=settings.overdue_every,
        escalate_after=settings.escalate_after,
        continuous_checkin=settings.continuous_checkin,
    )
