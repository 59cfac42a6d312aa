"""The nudge ledger: idempotent planning, claims with SKIP LOCKED, outcomes.

The database is the truth: a nudge row exists once per (assignment, person,
kind, for_deadline). The sweep claims due rows with ``FOR UPDATE SKIP LOCKED``
(PostgreSQL; SQLite serialises writers and ignores the clause), marks them
claimed with a lease, and records each outcome. A claim whose process died
becomes available again when its lease runs out.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import (
    CursorResult,
    and_,
    case,
    exists,
    func,
    literal,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import upsert_insert
from storage.enums import NudgeState, Status
from storage.models import Assignment, ChatLink, Nudge

# Rows the sweep may take: due plans, retries whose time came, expired leases.
TAKEABLE = (NudgeState.PLANNED, NudgeState.FAILED, NudgeState.CLAIMED)
INSERT_CHUNK = 5000
UNREACHABLE = "unreachable: "  # how a nudge that found no chat to go to is marked failed
NO_LINKED_CHAT = "no linked chat"  # the error of a person with no chat (the digest names it)
# A nudge the platform kept refusing (network, 5xx, 429) through all its tries: failed
# for good (coordinators see it), and sent again once the platform is back.
GAVE_UP = "gave up: "


async def record_planned(
    session: AsyncSession,
    planned: Iterable[tuple[int, int, str, date, datetime]],
    now: datetime,
) -> int:
    """Insert (assignment, person, kind, for_deadline, due_at) rows not yet in the ledger.

    Returns how many were new. Rows already present, whatever their state, are
    left alone: planning twice never sends twice.
    """
    rows = [
        {
            "assignment_id": a,
            "person_id": p,
            "kind": k,
            "for_deadline": d,
            "due_at": due,
            "available_at": due,
            "state": NudgeState.PLANNED,
            "attempts": 0,
            "created_at": now,
            "updated_at": now,
        }
        for a, p, k, d, due in planned
    ]
    added = 0
    for i in range(0, len(rows), INSERT_CHUNK):
        statement = upsert_insert(session, Nudge).on_conflict_do_nothing(
            index_elements=["assignment_id", "person_id", "kind", "for_deadline"]
        )
        result = await session.execute(statement.returning(Nudge.id), rows[i : i + INSERT_CHUNK])
        added += len(result.all())
    return added


async def fail_unreachable(session: AsyncSession, now: datetime, channels: Collection[str]) -> int:
    """Mark failed for good (``UNREACHABLE``), in one statement, the due nudges of open
    assignments whose person has no reachable chat on ``channels``; returns how many.

    Without it the sweep would claim and hand over such nudges one person at a time only
    to hear "unreachable" back: with a new plan and nobody linked yet, thousands of
    them. They are sent once the person links or writes (``reopen_unreachable``).
    """
    person = Nudge.person_id
    reachable = exists().where(
        ChatLink.person_id == person,
        ChatLink.channel.in_(list(channels)),
        ChatLink.unreachable_since.is_(None),
    )
    open_assignment = exists().where(
        Assignment.id == Nudge.assignment_id,
        Assignment.status != Status.DONE,
        Assignment.withdrawn_at.is_(None),
    )
    due = (
        select(Nudge.id)
        .where(Nudge.state.in_(TAKEABLE), Nudge.available_at <= now, ~reachable, open_assignment)
        .with_for_update(skip_locked=True)
    )
    reason = (
        select(ChatLink.unreachable_reason)
        .where(ChatLink.person_id == person, ChatLink.channel.in_(list(channels)))
        .order_by(ChatLink.last_active_at.desc().nulls_last(), ChatLink.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    result = await session.execute(
        update(Nudge)
        .where(Nudge.id.in_(due.scalar_subquery()))
        .values(
            state=NudgeState.FAILED,
            available_at=None,
            claimed_by=None,
            attempts=Nudge.attempts + 1,
            last_error=literal(UNREACHABLE) + func.coalesce(reason, NO_LINKED_CHAT),
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)  # what an UPDATE returns: it counts the rows
    return result.rowcount


async def claim_due(
    session: AsyncSession, now: datetime, *, worker: str, lease: timedelta, limit: int
) -> list[Nudge]:
    """Take every due nudge of up to ``limit`` people for ``worker`` until ``now + lease``.

    The people are those of the ``limit`` longest-waiting due rows; all their due rows
    are taken, so that one person's nudges go out together as one check-in.
    One UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) … RETURNING: on
    PostgreSQL concurrent claimers skip each other's rows; on SQLite the single
    statement holds the write lock, so no row is taken twice either.
    """
    ready = (Nudge.state.in_(TAKEABLE), Nudge.available_at <= now)
    people = select(Nudge.person_id).where(*ready).order_by(Nudge.available_at, Nudge.id)
    due = (
        select(Nudge.id)
        .where(*ready, Nudge.person_id.in_(people.limit(limit).scalar_subquery()))
        .with_for_update(skip_locked=True)
    )
    statement = (
        update(Nudge)
        .where(Nudge.id.in_(due.scalar_subquery()))
        .values(
            state=NudgeState.CLAIMED,
            claimed_by=worker,
            available_at=now + lease,
            attempts=Nudge.attempts + 1,
            updated_at=now,
        )
        .returning(Nudge)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    nudges = list((await session.scalars(statement)).all())
    return sorted(nudges, key=lambda n: (n.due_at, n.id))


async def superseded(session: AsyncSession, nudges: Sequence[Nudge], now: datetime) -> set[int]:
    """Ids among ``nudges`` that a later nudge of the same pair, due by ``now``, makes pointless.

    After downtime an (assignment, person) pair may have several due nudges,
    perhaps not all in this claim's batch; only the latest one is worth
    sending, the older ones are skipped.
    """
    pairs = {(n.assignment_id, n.person_id) for n in nudges}
    if not pairs:
        return set()
    # IN on one indexed column, pairs filtered here: a row-value IN makes SQLite scan the table.
    query = (
        select(Nudge.assignment_id, Nudge.person_id, func.max(Nudge.due_at))
        .where(
            Nudge.assignment_id.in_({a for a, _ in pairs}),
            Nudge.due_at <= now,
            Nudge.state != NudgeState.SKIPPED,
        )
        .group_by(Nudge.assignment_id, Nudge.person_id)
    )
    rows = (await session.execute(query)).all()
    latest = {(a, p): due for a, p, due in rows if (a, p) in pairs}
    return {n.id for n in nudges if n.due_at < latest.get((n.assignment_id, n.person_id), n.due_at)}


def _latest_failed(prefixes: tuple[str, ...], now: datetime, person_id: int | None = None):
    """Ids of nudges failed for good with one of ``prefixes`` that are the latest of their
    (assignment, person) pair due by ``now``, while the assignment is open."""
    mine = () if person_id is None else (Nudge.person_id == person_id,)
    latest = (
        select(Nudge.assignment_id, Nudge.person_id, func.max(Nudge.due_at).label("due_at"))
        .where(*mine, Nudge.due_at <= now)
        .group_by(Nudge.assignment_id, Nudge.person_id)
        .subquery()
    )
    return (
        select(Nudge.id)
        .join(
            latest,
            and_(
                Nudge.assignment_id == latest.c.assignment_id,
                Nudge.person_id == latest.c.person_id,
                Nudge.due_at == latest.c.due_at,
            ),
        )
        .join(Assignment, Assignment.id == Nudge.assignment_id)
        .where(
            *mine,
            Nudge.state == NudgeState.FAILED,
            Nudge.available_at.is_(None),
            or_(*(Nudge.last_error.startswith(prefix) for prefix in prefixes)),
            Assignment.status != Status.DONE,
            Assignment.withdrawn_at.is_(None),
        )
    )


async def reopen_unreachable(
    session: AsyncSession, person_id: int, now: datetime, *, at: datetime
) -> int:
    """Make due again, at ``at``, the person's nudges that failed for good because no
    chat of theirs could be reached (they just linked one, or wrote from one that had
    blocked the bot) or the platform kept refusing them. Only a pair's latest nudge due
    by ``now``, and only while its assignment is open: older ones stay as history.
    Returns how many."""
    reopen = _latest_failed((UNREACHABLE, GAVE_UP), now, person_id)
    result = await session.execute(
        update(Nudge)
        .where(Nudge.id.in_(reopen))
        .values(state=NudgeState.PLANNED, available_at=at, attempts=0, claimed_by=None)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)  # what an UPDATE returns: it counts the rows
    return result.rowcount


async def reopen_gave_up(
    session: AsyncSession, now: datetime, *, attempts: int, limit: int | None = None
) -> int:
    """Make due at ``now`` the nudges the platform kept refusing (``GAVE_UP``), the
    latest of each series only, the longest waiting first, at most ``limit``; their
    tries count on from ``attempts``. Returns how many."""
    ids = _latest_failed((GAVE_UP,), now).order_by(Nudge.updated_at, Nudge.id).limit(limit)
    chosen = list((await session.scalars(ids)).all())
    if not chosen:
        return 0
    result = await session.execute(
        update(Nudge)
        .where(Nudge.id.in_(chosen), Nudge.state == NudgeState.FAILED)
        .values(state=NudgeState.PLANNED, available_at=now, attempts=attempts, claimed_by=None)
        .returning(Nudge.id)
        .execution_options(synchronize_session=False)
    )
    return len(result.all())


async def _finish(session: AsyncSession, nudge_id: int, worker: str, **values) -> bool:
    """Record an outcome only if ``worker`` still holds the claim."""
    result = await session.execute(
        update(Nudge)
        .where(
            and_(
                Nudge.id == nudge_id, Nudge.state == NudgeState.CLAIMED, Nudge.claimed_by == worker
            )
        )
        .values(**values)
        # Not matched against the session's objects: a sweep's session holds the whole
        # claim (thousands of rows), and evaluating each UPDATE over them is quadratic.
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)  # what an UPDATE returns: it counts the rows
    return result.rowcount == 1


async def _finish_many(session: AsyncSession, ids: list[int], worker: str, **values) -> set[int]:
    """``_finish`` for many rows in one statement: the ids whose claim ``worker`` held."""
    if not ids:
        return set()
    result = await session.execute(
        update(Nudge)
        .where(Nudge.id.in_(ids), Nudge.state == NudgeState.CLAIMED, Nudge.claimed_by == worker)
        .values(**values)
        .returning(Nudge.id)
        .execution_options(synchronize_session=False)
    )
    return set(result.scalars().all())


async def mark_sent_together(
    session,
    positions: dict[int, int | None],
    worker,
    now,
    *,
    channel: str,
    message_id: str,
    chat_id: str | None = None,
) -> set[int]:
    """The nudges one message carried (id -> position in it), sent, in one statement;
    returns the ids still claimed by ``worker`` (the others' outcome is not theirs)."""
    places = {i: p for i, p in positions.items() if p is not None}
    return await _finish_many(
        session,
        list(positions),
        worker,
        state=NudgeState.SENT,
        available_at=None,
        sent_at=now,
        channel=channel,
        message_id=message_id,
        chat_id=chat_id,
        position=case(places, value=Nudge.id, else_=None) if places else None,
        last_error=None,
        updated_at=now,
    )


async def mark_skipped_together(session, ids: list[int], worker, now, *, reason: str) -> set[int]:
    """Skipped for ``reason`` (done, withdrawn, superseded …), in one statement."""
    return await _finish_many(
        session,
        ids,
        worker,
        state=NudgeState.SKIPPED,
        available_at=None,
        skip_reason=reason,
        updated_at=now,
    )


async def snooze(session: AsyncSession, assignment_id: int, until: date) -> None:
    """Snooze ("Nhắc lại sau"): no nudge about the assignment before the local day ``until``. Not an
    update (status and history stay); the policy restarts the overdue ladder there."""
    await session.execute(
        update(Assignment).where(Assignment.id == assignment_id).values(snoozed_until=until)
    )


async def mark_failed(
    session, nudge_id, worker, now, *, error: str, retry_at: datetime | None
) -> bool:
    """Failed: retried at ``retry_at``, or for good (visible to coordinators) when None."""
    return await _finish(
        session,
        nudge_id,
        worker,
        state=NudgeState.FAILED,
        available_at=retry_at,
        last_error=error,
        updated_at=now,
    )


# -- which assignments a message carried (replies are matched by these) ------------------


def _carried(keys: Collection[tuple[str, str, str]]):
    # The row's own chat when it recorded one; older rows (sent before chat_id was
    # kept) fall back to the person's link on that channel.
    chat = func.coalesce(Nudge.chat_id, ChatLink.chat_id)
    return (
        select(Nudge.assignment_id, Nudge.channel, chat, Nudge.message_id)
        .outerjoin(
            ChatLink,
            and_(ChatLink.person_id == Nudge.person_id, ChatLink.channel == Nudge.channel),
        )
        .where(tuple_(Nudge.channel, chat, Nudge.message_id).in_(list(keys)))
        .order_by(Nudge.position, Nudge.id)
    )


async def assignments_of_message(
    session: AsyncSession, channel: str, chat_id: str, message_id: str
) -> list[int]:
    """Ids of the assignments the platform message ``message_id`` in ``chat_id`` carried
    (its nudges'), in the order the message showed them (a check-in lists several, a
    single nudge one); empty for a message not recorded."""
    found = await assignments_of_messages(session, [(channel, chat_id, message_id)])
    return found.get((channel, chat_id, message_id), [])


async def assignments_of_messages(
    session: AsyncSession, keys: Collection[tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[int]]:
    """``assignments_of_message`` for many (channel, chat id, message id) keys in one
    query; keys that name no recorded message are left out."""
    found: dict[tuple[str, str, str], list[int]] = {}
    if not keys:
        return found
    for assignment_id, *key in (await session.execute(_carried(keys))).all():
        ids = found.setdefault((str(key[0]), key[1], key[2]), [])
        if assignment_id not in ids:
            ids.append(assignment_id)
    return found


async def latest_nudged(session: AsyncSession, person_id: int) -> list[int]:
    """The open assignments of the person's latest sending: every sent nudge of the
    latest ``sent_at`` (a sweep round sends a batch at one instant, so a tie means
    "all of them", never one picked arbitrarily), in the order they were planned."""
    latest = (
        select(func.max(Nudge.sent_at))
        .join(Assignment, Assignment.id == Nudge.assignment_id)
        .where(
            Nudge.person_id == person_id,
            Nudge.state == NudgeState.SENT,
            Assignment.status != Status.DONE,
            Assignment.withdrawn_at.is_(None),
        )
        .scalar_subquery()
    )
    query = (
        select(Nudge.assignment_id)
        .join(Assignment, Assignment.id == Nudge.assignment_id)
        .where(
            Nudge.person_id == person_id,
            Nudge.state == NudgeState.SENT,
            Nudge.sent_at == latest,
            Assignment.status != Status.DONE,
            Assignment.withdrawn_at.is_(None),
        )
        .order_by(Nudge.id)
    )
    return list(dict.fromkeys((await session.scalars(query)).all()))


async def last_nudged_of(
    session: AsyncSession, person_id: int, assignment_ids: Collection[int]
) -> list[int]:
    """Among ``assignment_ids`` (the periods of one task), those the person was last
    nudged about: all of the latest ``sent_at``, empty when none was nudged."""
    if not assignment_ids:
        return []
    rows = (
        await session.execute(
            select(Nudge.assignment_id, Nudge.sent_at).where(
                Nudge.person_id == person_id,
                Nudge.state == NudgeState.SENT,
                Nudge.assignment_id.in_(list(assignment_ids)),
                Nudge.sent_at.is_not(None),
            )
        )
    ).all()
    if not rows:
        return []
    last = max(sent for _, sent in rows if sent is not None)
    return list(dict.fromkeys(a for a, sent in rows if sent == last))
