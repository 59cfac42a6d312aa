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
from typing import NamedTuple, Protocol

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from scheduler.calendar import WorkCalendar
from storage.db import Database, upsert_insert
from storage.enums import NudgeState, Status
from storage.models import Agency, Assignment, ChatLink, DigestRun, Nudge, Person, Task
from storage.summary import (
    OverdueItem,
    StatusCounts,
    done_on_time,
    live_assignments,
    overdue_list,
    status_counts,
)

log = logging.getLogger("nhacviec.digest")

KINDS = ("daily", "weekly")
# The window of a kind's first run, when no earlier run was delivered.
FIRST_WINDOW = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
RETRYING = "retrying"  # ``error`` while one caller retries a failed delivery


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
class EscalationItem:
    code: str
    agency: str
    leader: str  # the person the escalation was sent to
    kind: str  # escalation:N
    days_overdue: int  # calendar days from the deadline to the digest's day
    sent_at: datetime  # UTC


@dataclass(frozen=True)
class DoneItem:
    code: str
    title: str
    agency: str
    done_at: datetime  # UTC
    on_time: bool


@dataclass(frozen=True)
class UndeliverableItem:
    person_id: int
    name: str
    agency: str
    reason: str  # the latest final error, else the chat link's unreachable reason
    count: int  # nudges that failed for good in the window (0: only the link went bad)


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
    session: AsyncSession, calendar: WorkCalendar, day: date, since: datetime, now: datetime
) -> DailyDigest:
    """The daily digest of local ``day``, covering the instants [since, now)."""
    new_overdue = await overdue_list(session, day, deadline_from=calendar.local_date(since))
    escalations = (
        select(Assignment.code, Agency.name, Person.full_name, Nudge.kind, Nudge.sent_at)
        .add_columns(Nudge.for_deadline)
        .join(Assignment, Assignment.id == Nudge.assignment_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .join(Person, Person.id == Nudge.person_id)
        .where(
            Nudge.state == NudgeState.SENT,
            Nudge.kind.like("escalation:%"),
            Nudge.sent_at >= since,
            Nudge.sent_at < now,
        )
        .order_by(Nudge.sent_at, Nudge.id)
    )
    done = (
        select(Assignment.code, Task.title, Agency.name, Assignment.done_at)
        .add_columns(done_on_time(session, calendar.timezone, day).label("on_time"))
        .join(Task, Task.id == Assignment.task_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(
            *live_assignments(),
            Assignment.status == Status.DONE,
            Assignment.done_at >= since,
            Assignment.done_at < now,
        )
        .order_by(Assignment.done_at, Assignment.id)
    )
    return DailyDigest(
        day=day,
        since=since,
        new_overdue=new_overdue,
        new_escalations=[
            EscalationItem(
                r.code, r.name, r.full_name, r.kind, (day - r.for_deadline).days, r.sent_at
            )
            for r in (await session.execute(escalations)).all()
        ],
        done_since=[
            DoneItem(r.code, r.title, r.name, r.done_at, bool(r.on_time))
            for r in (await session.execute(done)).all()
        ],
        undeliverable=await _undeliverable(session, since, now),
    )


def _final_failures(since: datetime, now: datetime):
    return (
        Nudge.state == NudgeState.FAILED,
        Nudge.available_at.is_(None),
        Nudge.updated_at >= since,
        Nudge.updated_at < now,
    )


async def _undeliverable(
    session: AsyncSession, since: datetime, now: datetime
) -> list[UndeliverableItem]:
    """People with nudges failed for good in [since, now), or left with no reachable chat."""
    window = {"partition_by": Nudge.person_id}
    ranked = (
        select(
            Nudge.person_id,
            Nudge.last_error,
            func.count().over(**window).label("n"),
            func.row_number()
            .over(**window, order_by=(Nudge.updated_at.desc(), Nudge.id.desc()))
            .label("pos"),
        )
        .where(*_final_failures(since, now))
        .subquery()
    )
    failed = (
        select(Person.id, Person.full_name, Agency.name, ranked.c.last_error, ranked.c.n)
        .join(ranked, ranked.c.person_id == Person.id)
        .join(Agency, Agency.id == Person.agency_id)
        .where(ranked.c.pos == 1)
    )
    other = aliased(ChatLink)
    lost = (
        select(Person.id, Person.full_name, Agency.name, ChatLink.unreachable_reason)
        .join(ChatLink, ChatLink.person_id == Person.id)
        .join(Agency, Agency.id == Person.agency_id)
        .where(
            ChatLink.unreachable_since >= since,
            ChatLink.unreachable_since < now,
            ~exists().where(other.person_id == Person.id, other.unreachable_since.is_(None)),
        )
        .order_by(ChatLink.unreachable_since, ChatLink.id)
    )
    lost_rows = (await session.execute(lost)).all()  # ascending: a person's latest reason wins
    people = {
        r.id: UndeliverableItem(r.id, r.full_name, r.name, r.unreachable_reason or "", 0)
        for r in lost_rows
    }
    for r in (await session.execute(failed)).all():
        reason = r.last_error or (people[r.id].reason if r.id in people else "")
        people[r.id] = UndeliverableItem(r.id, r.full_name, r.name, reason, r.n)
    return sorted(people.values(), key=lambda p: (-p.count, p.person_id))


async def weekly_summary(
    session: AsyncSession,
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
    tz = calendar.timezone
    failed = select(func.count()).select_from(Nudge).where(*_final_failures(since, now))
    return WeeklySummary(
        day=day,
        by_group=await status_counts(session, day, by="group", tz=tz),
        total=(await status_counts(session, day, tz=tz))[0],
        failed_nudges=int(await session.scalar(failed) or 0),
    )


class _Run(NamedTuple):
    id: int
    since: datetime
    created_at: datetime


async def _take(db: Database, kind: str, day: date, now: datetime) -> _Run | None:
    """Claim (kind, day): a new run, or the retry of a failed one; None when not ours."""
    async with db.unit_of_work() as session:
        last = await session.scalar(
            select(func.max(DigestRun.created_at)).where(
                DigestRun.kind == kind, DigestRun.day < day, DigestRun.delivered_at.is_not(None)
            )
        )
        since = last or now - FIRST_WINDOW[kind]
        new = await session.execute(
            upsert_insert(session, DigestRun)
            .values(kind=kind, day=day, since=since, created_at=now)
            .on_conflict_do_nothing(index_elements=["kind", "day"])
            .returning(DigestRun.id, DigestRun.since, DigestRun.created_at)
        )
        row = new.first()
        if row is None:  # made already: take it only if it failed and nobody is retrying
            retry = await session.execute(
                update(DigestRun)
                .where(
                    and_(DigestRun.kind == kind, DigestRun.day == day),
                    DigestRun.delivered_at.is_(None),
                    DigestRun.error.is_not(None),
                    DigestRun.error != RETRYING,
                )
                .values(error=RETRYING)
                .returning(DigestRun.id, DigestRun.since, DigestRun.created_at)
            )
            row = retry.first()
        return _Run(*row) if row else None


async def _finish(db: Database, run_id: int, **values) -> None:
    async with db.unit_of_work() as session:
        await session.execute(update(DigestRun).where(DigestRun.id == run_id).values(**values))


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
        run = await _take(db, kind, day, now)
        if run is None:
            continue
        try:
            # The window ends at the claim, so a retry covers what the first try would have.
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
            await _finish(db, run.id, error=f"{type(exc).__name__}: {exc}")
            continue
        await _finish(db, run.id, delivered_at=now, error=None)
        log.info("action=digest_delivered kind=%s day=%s", kind, day)
        delivered.append(kind)
    return delivered
