"""Coordinators' digests: when they are due, what they hold, and the runner.

A daily digest is due on every working day from the start of work hours; a
weekly summary on the first working day of each ISO week (Mon-Sun). Days are
local calendar days of ``calendar.timezone``; instants are aware UTC.

Each (kind, day) is made at most once across processes: a ``digest_runs`` row
is claimed by its unique key, and in the same transaction the digest is computed
and split into its parts, one per recipient (``DigestSink.plan_parts``: the whole
digest for each coordinator, their agency's part for each leader), each a
``digest_parts`` row delivered like a nudge: claimed with a lease, sent, or
retried with backoff (1, 2, 4 … 60 minutes, within work hours), failed for good
only after ``PART_MAX_ATTEMPTS`` tries or when the chat blocked the bot, with an
error logged. A part claimed by a process that died is taken again once its
lease ran out. A run covers the instants [since, created_at), ``since`` being
when the previous run of its kind was made, so no instant is in two runs.

Late digests: a part still unsent when its day has passed (the service was down,
the platform refused it) goes out late, once, its title marked as late
("Bản tổng hợp ngày dd/mm/yyyy, gửi muộn"). A day on which no run was made at all
(the service was down the whole day) gets none: the next day's digest covers its
instants. Texts are the chat side's business (``DigestSink``).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from scheduler.calendar import WorkCalendar
from scheduler.sweep import backoff
from storage import digests as store
from storage.db import Database, Session
from storage.digests import DoneItem, EscalationItem, UndeliverableItem
from storage.summary import Closing, OverdueItem, StatusCounts, overdue_list, status_counts

log = logging.getLogger("nhacviec.digest")

KINDS = ("daily", "weekly")
PART_LEASE = timedelta(minutes=5)  # a part claimed by a process that died is taken after
PART_MAX_ATTEMPTS = 10  # 1, 2, 4 … 60 min apart (about 5 hours), then failed for good
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


class PartFailed(Exception):
    """A part the sink could not send: ``final`` when trying again cannot help (the chat
    blocked the bot); ``retry_after`` when the platform named a wait."""

    def __init__(
        self, error: str, *, final: bool = False, retry_after: timedelta | None = None
    ) -> None:
        super().__init__(error)
        self.final, self.retry_after = final, retry_after


@dataclass(frozen=True)
class PartToSend:
    """One recipient's part, as planned with its run; ``late``: sent after its day."""

    id: int
    recipient: str
    kind: str
    day: date
    text: str
    late: bool


class DigestSink(Protocol):
    """The chat side: who gets which part of a digest, rendered, and sending one part."""

    async def plan_parts(
        self, session: Session, digest: DailyDigest | WeeklySummary
    ) -> list[tuple[str, str]]:
        """(recipient, text) of each part; raise to have the run made again later
        (nobody to send it to yet)."""
        ...

    async def send_part(self, part: PartToSend, now: datetime) -> None:
        """Send or raise (``PartFailed``, or anything: tried again)."""
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


async def make_due_runs(
    db: Database, calendar: WorkCalendar, sink: DigestSink, now: datetime
) -> list[str]:
    """Make each digest due at ``now`` not made yet, with its parts, in one transaction
    (a crash makes nothing); the kinds made."""
    made = []
    for kind in KINDS:
        day = digest_day(kind, calendar, now)
        if day is None:
            continue
        try:
            async with db.unit_of_work() as session:
                run = await store.claim_new_run(session, kind, day, now, FIRST_WINDOW[kind])
                if run is None:
                    continue
                # The window ends at the run's creation, whatever happens to its parts.
                digest: DailyDigest | WeeklySummary
                if kind == "daily":
                    digest = await daily_digest(session, calendar, day, run.since, now)
                else:
                    digest = await weekly_summary(session, calendar, day, now, since=run.since)
                parts = await sink.plan_parts(session, digest)
                await store.plan_parts(session, run.id, parts, now)
        except Exception as exc:  # nothing made: the next call tries again
            # At warning level without a stack trace: the usual cause is operational
            # (no coordinator linked yet).
            log.warning("action=digest_not_made kind=%s day=%s error=%s", kind, day, exc)
            log.debug("digest failure", exc_info=True)
            continue
        log.info("action=digest_made kind=%s day=%s parts=%s", kind, day, len(parts))
        made.append(kind)
    return made


async def deliver_due_parts(
    db: Database,
    calendar: WorkCalendar,
    sink: DigestSink,
    now: datetime,
    *,
    worker: str = "digests",
    lease: timedelta = PART_LEASE,
    limit: int = 500,
) -> list[str]:
    """Send the parts due at ``now``, one claim at a time (a process killed mid-way leaves
    at most the one part it was sending to be taken again when its lease runs out);
    the kinds of the runs whose last part went out here."""
    delivered = []
    for _ in range(limit):
        async with db.unit_of_work() as session:
            claimed = await store.claim_part(session, now, worker=worker, lease=lease)
        if claimed is None:
            break
        late = calendar.local_date(now) > claimed.day
        part = PartToSend(
            claimed.id, claimed.recipient, claimed.kind, claimed.day, claimed.text, late
        )
        try:
            await sink.send_part(part, now)
        except Exception as exc:  # recorded on the part and retried, never dropped silently
            await _failed(db, calendar, part, claimed.attempts, exc, worker, now)
            continue
        kind = await db.again_when_busy(  # it went out: recorded, not sent again
            functools.partial(
                store.mark_part_sent, part_id=part.id, worker=worker, now=now, late=late
            )
        )
        if kind is not None:
            log.info("action=digest_delivered kind=%s day=%s late=%s", kind, part.day, late)
            delivered.append(kind)
    return delivered


async def _failed(db, calendar, part: PartToSend, attempts: int, exc: Exception, worker, now):
    final = isinstance(exc, PartFailed) and exc.final
    error = f"{type(exc).__name__}: {exc}"
    retry_at = None
    if not final and attempts < PART_MAX_ATTEMPTS:
        wait = backoff(attempts)
        if isinstance(exc, PartFailed) and exc.retry_after:
            wait = max(wait, exc.retry_after)
        retry_at = calendar.next_work_start(now + wait)
    async with db.unit_of_work() as session:
        await store.mark_part_failed(session, part.id, worker, now, error=error, retry_at=retry_at)
    if retry_at is None:  # loud: coordinators' digest could not reach this recipient
        log.error(
            "action=digest_part_failed kind=%s day=%s recipient=%s attempts=%s error=%s",
            part.kind, part.day, part.recipient, attempts, error,
        )  # fmt: skip
    else:
        log.warning(
            "action=digest_part_retry kind=%s day=%s recipient=%s retry_at=%s error=%s",
            part.kind, part.day, part.recipient, retry_at.isoformat(), error,
        )  # fmt: skip


async def run_due_digests(
    db: Database, calendar: WorkCalendar, sink: DigestSink, now: datetime, *, worker="digests"
) -> list[str]:
    """Make the digests due at ``now`` and send every part due; the kinds whose last part
    went out in this call (each (kind, day) to one caller only)."""
    await make_due_runs(db, calendar, sink, now)
    return await deliver_due_parts(db, calendar, sink, now, worker=worker)
