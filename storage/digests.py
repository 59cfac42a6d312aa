"""What the coordinators' digests read, and the ``digest_runs`` claims that make each once.

A (kind, day) run is claimed by its unique key before anything is computed;
a failed delivery is retried only by the one caller whose conditional UPDATE
takes it (``error`` is ``RETRYING`` meanwhile). Windows are the instants
[since, now), aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.orm import aliased

from storage.db import Session, upsert_insert
from storage.enums import NudgeState, Status
from storage.models import Agency, Assignment, ChatLink, DigestRun, Nudge, Person, Task
from storage.summary import done_on_time, live_assignments

RETRYING = "retrying"  # ``error`` while one caller retries a failed delivery


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


async def escalations_sent(
    session: Session, day: date, since: datetime, now: datetime
) -> list[EscalationItem]:
    """Escalations sent in [since, now), oldest first; overdue days counted to local ``day``."""
    query = (
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
    return [
        EscalationItem(r.code, r.name, r.full_name, r.kind, (day - r.for_deadline).days, r.sent_at)
        for r in (await session.execute(query)).all()
    ]


async def done_between(
    session: Session, tz: ZoneInfo, day: date, since: datetime, now: datetime
) -> list[DoneItem]:
    """Live assignments done in [since, now), in the order they were done."""
    query = (
        select(Assignment.code, Task.title, Agency.name, Assignment.done_at)
        .add_columns(done_on_time(session, tz, day).label("on_time"))
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
    return [
        DoneItem(r.code, r.title, r.name, r.done_at, bool(r.on_time))
        for r in (await session.execute(query)).all()
    ]


def _final_failures(since: datetime, now: datetime):
    return (
        Nudge.state == NudgeState.FAILED,
        Nudge.available_at.is_(None),
        Nudge.updated_at >= since,
        Nudge.updated_at < now,
    )


async def undeliverable(
    session: Session, since: datetime, now: datetime
) -> list[UndeliverableItem]:
    """People with nudges failed for good in [since, now), or left with no reachable chat."""
    by_person = Nudge.person_id
    ranked = (
        select(
            Nudge.person_id,
            Nudge.last_error,
            func.count().over(partition_by=by_person).label("n"),
            func.row_number()
            .over(partition_by=by_person, order_by=(Nudge.updated_at.desc(), Nudge.id.desc()))
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


async def final_failure_count(session: Session, since: datetime, now: datetime) -> int:
    """Nudges that failed for good in [since, now)."""
    query = select(func.count()).select_from(Nudge).where(*_final_failures(since, now))
    return int(await session.scalar(query) or 0)


class Run(NamedTuple):
    id: int
    since: datetime
    created_at: datetime


async def claim_run(
    session: Session, kind: str, day: date, now: datetime, first_window: timedelta
) -> Run | None:
    """Claim (kind, day): a new run, or the retry of a failed one; None when not ours.

    A new run covers from the creation of the last delivered run of ``kind``
    before ``day`` (``first_window`` before ``now`` when there is none).
    """
    last = await session.scalar(
        select(func.max(DigestRun.created_at)).where(
            DigestRun.kind == kind, DigestRun.day < day, DigestRun.delivered_at.is_not(None)
        )
    )
    since = last or now - first_window
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
    return Run(*row) if row else None


async def mark_run_delivered(session: Session, run_id: int, now: datetime) -> None:
    await session.execute(
        update(DigestRun).where(DigestRun.id == run_id).values(delivered_at=now, error=None)
    )


async def mark_run_failed(session: Session, run_id: int, error: str) -> None:
    """Kept for the retry: the next call on the same day takes the run again."""
    await session.execute(update(DigestRun).where(DigestRun.id == run_id).values(error=error))
