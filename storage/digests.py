"""What the coordinators' digests read, the ``digest_runs`` claims that make each once,
and their ``digest_parts``: one delivery per recipient, claimed and retried like nudges.

A (kind, day) run is made by its unique key, its parts in the same transaction.
A part is claimed with a lease and ``FOR UPDATE SKIP LOCKED``; an outcome is kept
only by the worker holding the claim. Windows are the instants [since, now), aware UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, select, update
from sqlalchemy.orm import aliased

from storage.db import Session, upsert_insert
from storage.enums import NudgeState, Status
from storage.models import (
    Agency,
    Assignment,
    ChatLink,
    DigestPart,
    DigestRun,
    Nudge,
    Person,
    Task,
)
from storage.summary import done_on_time, live_assignments


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


# -- the parts of a run: one delivery per recipient, like a nudge -------------------------


class Part(NamedTuple):
    id: int
    recipient: str
    text: str
    kind: str  # the run's kind
    day: date  # the run's local day
    attempts: int  # tries so far, this one included


async def claim_new_run(
    session: Session, kind: str, day: date, now: datetime, first_window: timedelta
) -> Run | None:
    """Make the (kind, day) run, or None when it exists (made by anyone, at any time).

    Its window starts where the last run of ``kind`` before ``day`` ended (its
    creation), delivered or not: that run's parts are delivered by themselves, late if
    need be, so no two runs cover the same instants. ``first_window`` before ``now``
    when there was none.
    """
    last = await session.scalar(
        select(func.max(DigestRun.created_at)).where(DigestRun.kind == kind, DigestRun.day < day)
    )
    new = await session.execute(
        upsert_insert(session, DigestRun)
        .values(kind=kind, day=day, since=last or now - first_window, created_at=now)
        .on_conflict_do_nothing(index_elements=["kind", "day"])
        .returning(DigestRun.id, DigestRun.since, DigestRun.created_at)
    )
    row = new.first()
    return Run(*row) if row else None


async def plan_parts(
    session: Session, run_id: int, parts: list[tuple[str, str]], now: datetime
) -> None:
    """The run's parts, (recipient, text) each, due at ``now``."""
    if not parts:
        return
    rows = [
        {
            "run_id": run_id,
            "recipient": recipient,
            "text": text,
            "state": NudgeState.PLANNED,
            "attempts": 0,
            "available_at": now,
            "late": False,
            "created_at": now,
            "updated_at": now,
        }
        for recipient, text in parts
    ]
    statement = upsert_insert(session, DigestPart).on_conflict_do_nothing(
        index_elements=["run_id", "recipient"]
    )
    await session.execute(statement, rows)


async def claim_part(
    session: Session, now: datetime, *, worker: str, lease: timedelta
) -> Part | None:
    """Take the next due part (planned, a retry whose time came, or a claim whose lease ran
    out) for ``worker`` until ``now + lease``; None when none is due."""
    due = (
        select(DigestPart.id)
        .where(
            DigestPart.state.in_((NudgeState.PLANNED, NudgeState.FAILED, NudgeState.CLAIMED)),
            DigestPart.available_at <= now,
        )
        .order_by(DigestPart.available_at, DigestPart.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    taken = await session.execute(
        update(DigestPart)
        .where(DigestPart.id.in_(due.scalar_subquery()))
        .values(
            state=NudgeState.CLAIMED,
            claimed_by=worker,
            available_at=now + lease,
            attempts=DigestPart.attempts + 1,
            updated_at=now,
        )
        .returning(DigestPart.id, DigestPart.run_id)
        .execution_options(synchronize_session=False)
    )
    row = taken.first()
    if row is None:
        return None
    query = (
        select(DigestPart.recipient, DigestPart.text, DigestRun.kind, DigestRun.day)
        .add_columns(DigestPart.attempts)
        .join(DigestRun, DigestRun.id == DigestPart.run_id)
        .where(DigestPart.id == row.id)
    )
    found = (await session.execute(query)).one()
    return Part(row.id, found.recipient, found.text, found.kind, found.day, found.attempts)


async def _finish_part(session: Session, part_id: int, worker: str, **values) -> int | None:
    """Record an outcome if ``worker`` still holds the claim; the part's run id, or None."""
    result = await session.execute(
        update(DigestPart)
        .where(
            DigestPart.id == part_id,
            DigestPart.state == NudgeState.CLAIMED,
            DigestPart.claimed_by == worker,
        )
        .values(**values)
        .returning(DigestPart.run_id)
    )
    return result.scalar()


async def mark_part_sent(
    session: Session, part_id: int, worker: str, now: datetime, *, late: bool
) -> str | None:
    """Sent; when it was the run's last unsent part, the run is marked delivered and its
    kind returned (to exactly one caller)."""
    run_id = await _finish_part(
        session,
        part_id,
        worker,
        state=NudgeState.SENT,
        available_at=None,
        sent_at=now,
        late=late,
        last_error=None,
        updated_at=now,
    )
    if run_id is None:
        return None
    unsent = exists().where(DigestPart.run_id == run_id, DigestPart.state != NudgeState.SENT)
    done = await session.execute(
        update(DigestRun)
        .where(DigestRun.id == run_id, DigestRun.delivered_at.is_(None), ~unsent)
        .values(delivered_at=now, error=None)
        .returning(DigestRun.kind)
    )
    return done.scalar()


async def mark_part_failed(
    session: Session, part_id: int, worker: str, now: datetime, *, error: str, retry_at
) -> bool:
    """Failed: tried again at ``retry_at``, or for good when None (the run keeps the
    error, so it shows undelivered)."""
    run_id = await _finish_part(
        session,
        part_id,
        worker,
        state=NudgeState.FAILED,
        available_at=retry_at,
        last_error=error,
        updated_at=now,
    )
    if run_id is not None:
        await session.execute(update(DigestRun).where(DigestRun.id == run_id).values(error=error))
    return run_id is not None


async def parts_of(session: Session, kind: str, day: date) -> list[DigestPart]:
    """The parts of the (kind, day) run, by id."""
    query = (
        select(DigestPart)
        .join(DigestRun, DigestRun.id == DigestPart.run_id)
        .where(DigestRun.kind == kind, DigestRun.day == day)
        .order_by(DigestPart.id)
    )
    return list((await session.scalars(query)).all())
