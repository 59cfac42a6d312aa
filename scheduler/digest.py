"""Coordinators' digests: when they are due, what they hold, and the runner.

A daily digest is due on every working day from the start of work hours; a
weekly summary on the first working day of each ISO week (Mon-Sun). Days are
local calendar days of ``calendar.timezone``; instants are aware UTC.

``run_due_digests`` makes each (kind, day) at most once across processes: a
``digest_runs`` row is claimed by its unique key before anything is computed,
and a failed delivery is retried only by the one caller whose conditional
UPDATE takes it. A digest covers the instants [since, created_at) of its run,
where ``since`` is when the last delivered run of its kind was created, so a
day whose digest never got out is covered by the next one. Texts are the chat
side's business (``DigestSink``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from scheduler.calendar import WorkCalendar
from storage import digests as store
from storage.db import Database, Session
from storage.digests import DoneItem, EscalationItem, UndeliverableItem
from storage.summary import Closing, OverdueItem, StatusCounts, overdue_list, status_counts

log = logging.getLogger("nhacviec.digest")

KINDS = ("daily", "weekly")
# The window of a kind's first run, when no earlier run was delivered.
FIRST_WINDOW = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def digest_day(kind: str, calendar: WorkCalendar, now: datetime) -> date | None:
    """The local day whose digest of ``kind`` is due at ``now``, or None.

    daily: today, when today is a working day and work hours have started;
    weekly: the same, when no earlier day of today's Mon-Sun week is worked
    (after a Monday holiday or Tết it moves to the first working day).
    """
    if kind not in KINDS:
        raise ValueError(f"kind: one of {', '.join(KINDS)}, not {kind!r}")
    today = calendar.local_date(now)
    if not calendar.is_workday(today) or now < calendar.work_start_at(today):
        return None
    if kind == "weekly":
        monday = today - timedelta(days=today.weekday())
        if any(calendar.is_workday(monday + timedelta(days=k)) for k in range(today.weekday())):
            return None
    return today


@dataclass(frozen=True)
class DailyDigest:
    """What changed in [since, the run's creation); ``day`` is the local digest day."""

    day: date
    since: datetime
    new_overdue: list[OverdueItem]  # open, deadline in [local day of since, day)
    new_escalations: list[EscalationItem]
    done_since: list[DoneItem]
    undeliverable: list[UndeliverableItem]


@dataclass(frozen=True)
class WeeklySummary:
    day: date
    by_group: list[StatusCounts]
    total: StatusCounts
    failed_nudges: int  # nudges that failed for good in the week's window


class DigestSink(Protocol):
    """The chat side: renders a digest and sends it to the coordinators."""

    async def deliver_digest(self, digest: DailyDigest | WeeklySummary, now: datetime) -> None:
        """Deliver or raise; a raise is recorded and retried on a later call."""
        ...


async def daily_digest(
    session: Session, calendar: WorkCalendar, day: date, since: datetime, now: datetime
) -> DailyDigest:
    """The daily digest of local ``day``, covering the instants [since, now)."""
    closing = Closing.of(calendar, day)
    return DailyDigest(
        day=day,
        since=since,
        # Overdue since the last digest: deadlines that closed in [since, day), so one
        # on a day off shows once, the day after the working day that closed it.
        new_overdue=await overdue_list(
            session,
            day,
            deadline_from=closing.overdue_from(calendar.local_date(since)),
            closing=closing,
        ),
        new_escalations=await store.escalations_sent(session, day, since, now),
        done_since=await store.done_between(session, calendar.timezone, day, since, now),
        undeliverable=await store.undeliverable(session, since, now),
    )


async def weekly_summary(
    session: Session,
    calendar: WorkCalendar,
    day: date,
    now: datetime,
    *,
    since: datetime | None = None,
) -> WeeklySummary:
    """Status counts as of local ``day`` and nudges failed for good in [since, now).

    ``since`` defaults to seven days before ``now``.
    """
    since = since or now - FIRST_WINDOW["weekly"]
    tz, closing = calendar.timezone, Closing.of(calendar, day)
    return WeeklySummary(
        day=day,
        by_group=await status_counts(session, day, by="group", tz=tz, closing=closing),
        total=(await status_counts(session, day, tz=tz, closing=closing))[0],
        failed_nudges=await store.final_failure_count(session, since, now),
    )


async def run_due_digests(
    db: Database, calendar: WorkCalendar, sink: DigestSink, now: datetime
) -> list[str]:
    """Make and deliver each digest due at ``now`` not made yet; return the kinds delivered.

    A failure (computing or delivering) is logged and kept in ``error``; the
    next call on the same day retries it. A run left undelivered by a process
    that died mid-delivery is not retried (it may have gone out); the next
    day's digest covers its window.
    """
    delivered = []
    for kind in KINDS:
        day = digest_day(kind, calendar, now)
        if day is None:
            continue
        async with db.unit_of_work() as session:
            run = await store.claim_run(session, kind, day, now, FIRST_WINDOW[kind])
        if run is None:
            continue
        try:
            # The window ends at the claim, so a retry covers what the first try would have.
            digest: DailyDigest | WeeklySummary
            async with db.unit_of_work() as session:
                if kind == "daily":
                    digest = await daily_digest(session, calendar, day, run.since, run.created_at)
                else:
                    digest = await weekly_summary(
                        session, calendar, day, run.created_at, since=run.since
                    )
            await sink.deliver_digest(digest, now)
        except Exception as exc:  # recorded for the retry, never dropped silently
            # Recorded on the run and retried; a stack trace only at debug level, since
            # the usual cause is operational (no coordinator linked yet).
            log.warning("action=digest_failed kind=%s day=%s error=%s", kind, day, exc)
            log.debug("digest failure", exc_info=True)
            async with db.unit_of_work() as session:
                await store.mark_run_failed(session, run.id, f"{type(exc).__name__}: {exc}")
            continue
        async with db.unit_of_work() as session:
            await store.mark_run_delivered(session, run.id, now)
        log.info("action=digest_delivered kind=%s day=%s", kind, day)
        delivered.append(kind)
    return delivered
