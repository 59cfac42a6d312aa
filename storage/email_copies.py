"""E-mail copies of escalations (``NHACVIEC_EMAIL_ESCALATIONS``): a small ledger.

An escalation nudge sent (on a chat, or by e-mail to a leader with no chat) is
copied to whoever should also read it by e-mail: the leader it went to, unless it
went to them by e-mail already, and every active coordinator, each with an
address. One ``EmailCopy`` row per (nudge, recipient), made once (its unique key)
whatever the number of runs or processes; a recipient's due rows go out as one
e-mail, claimed with a lease, then sent or failed (retried at ``available_at``, or
for good when that is None), like the nudges and digest parts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select, update

from storage import assignments
from storage.db import Session, upsert_insert
from storage.enums import NudgeState, Role
from storage.models import EmailCopy, Nudge, Person

_ADDRESSED = (Person.active.is_(True), Person.email.is_not(None), Person.email != "")


async def plan_copies(session: Session, since: datetime, now: datetime) -> int:
    """Rows for the escalations sent in [since, now] (those of this very round too) and
    their recipients with an address, those not made yet; how many were made."""
    sent = (
        Nudge.state == NudgeState.SENT,
        Nudge.kind.like("escalation:%"),
        Nudge.sent_at >= since,
        Nudge.sent_at <= now,
    )
    leaders = (
        select(Nudge.id, Nudge.person_id)
        .join(Person, Person.id == Nudge.person_id)
        .where(*sent, *_ADDRESSED, or_(Nudge.channel.is_(None), Nudge.channel != "email"))
    )
    coordinators = (
        select(Nudge.id, Person.id)
        .join(Person, Person.role == Role.COORDINATOR)
        .where(*sent, *_ADDRESSED)
    )
    pairs = {(n, p) for query in (leaders, coordinators) for n, p in await session.execute(query)}
    if not pairs:
        return 0
    rows = [
        {
            "nudge_id": nudge_id,
            "person_id": person_id,
            "state": NudgeState.PLANNED,
            "attempts": 0,
            "available_at": now,
            "created_at": now,
            "updated_at": now,
        }
        for nudge_id, person_id in sorted(pairs)
    ]
    statement = upsert_insert(session, EmailCopy).on_conflict_do_nothing(
        index_elements=["nudge_id", "person_id"]
    )
    result = await session.execute(statement.returning(EmailCopy.id), rows)
    return len(result.all())


@dataclass(frozen=True)
class Claimed:
    person_id: int
    ids: tuple[int, ...]  # the copies, in the order their escalations were sent
    nudge_ids: tuple[int, ...]
    attempts: int  # tries so far, this one included (the most of the rows)


def _due(now: datetime):
    return (
        EmailCopy.state.in_((NudgeState.PLANNED, NudgeState.FAILED, NudgeState.CLAIMED)),
        EmailCopy.available_at <= now,
    )


async def claim_next(
    session: Session, now: datetime, *, worker: str, lease: timedelta
) -> Claimed | None:
    """The due copies of the next recipient (planned, a retry whose time came, a claim
    whose lease ran out), taken for ``worker`` until ``now + lease``; None when none."""
    first = await session.scalar(
        select(EmailCopy.person_id)
        .where(*_due(now))
        .order_by(EmailCopy.available_at, EmailCopy.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if first is None:
        return None
    taken = await session.execute(
        update(EmailCopy)
        .where(EmailCopy.person_id == first, *_due(now))
        .values(
            state=NudgeState.CLAIMED,
            claimed_by=worker,
            available_at=now + lease,
            attempts=EmailCopy.attempts + 1,
            updated_at=now,
        )
        .returning(EmailCopy.id, EmailCopy.nudge_id, EmailCopy.attempts)
        .execution_options(synchronize_session=False)
    )
    rows = sorted(taken.all(), key=lambda row: row.nudge_id)
    if not rows:
        return None
    return Claimed(
        first,
        tuple(r.id for r in rows),
        tuple(r.nudge_id for r in rows),
        max(r.attempts for r in rows),
    )


async def _finish(session: Session, ids: tuple[int, ...], worker: str, **values) -> int:
    """Record an outcome on the copies ``worker`` still holds; how many."""
    result = await session.execute(
        update(EmailCopy)
        .where(
            EmailCopy.id.in_(ids),
            EmailCopy.state == NudgeState.CLAIMED,
            EmailCopy.claimed_by == worker,
        )
        .values(**values)
        .returning(EmailCopy.id)
    )
    return len(result.all())


async def mark_sent(
    session: Session, ids: tuple[int, ...], worker: str, now: datetime, message_id: str
) -> int:
    return await _finish(
        session,
        ids,
        worker,
        state=NudgeState.SENT,
        available_at=None,
        sent_at=now,
        message_id=message_id,
        last_error=None,
        updated_at=now,
    )


async def mark_failed(
    session: Session,
    ids: tuple[int, ...],
    worker: str,
    now: datetime,
    *,
    error: str,
    retry_at: datetime | None,
) -> int:
    """Failed: tried again at ``retry_at``, or for good when None."""
    return await _finish(
        session,
        ids,
        worker,
        state=NudgeState.FAILED,
        available_at=retry_at,
        last_error=error,
        updated_at=now,
    )


@dataclass(frozen=True)
class Escalated:
    """One escalation as its copy shows it."""

    code: str
    title: str
    agency: str
    deadline: date | None
    leader: str  # the person it was sent to
    focal: str | None  # the assignment's focal person
    channel: str | None  # where it was sent


async def escalations(session: Session, nudge_ids: tuple[int, ...]) -> list[Escalated]:
    """The escalations of ``nudge_ids``, in that order."""
    found = {}
    for nudge_id in nudge_ids:
        nudge = await session.get_one(Nudge, nudge_id)
        a = await assignments.by_id(session, nudge.assignment_id)
        leader = await session.get_one(Person, nudge.person_id)
        focal = a.focal_person.full_name if a.focal_person is not None else None
        found[nudge_id] = Escalated(
            a.code, a.task.title, a.agency.name, a.deadline, leader.full_name, focal,
            nudge.channel,
        )  # fmt: skip
    return [found[n] for n in nudge_ids]
