"""A stopping worker gives its unfinished claims back at once (``storage.ledger_release``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from storage.enums import NudgeState
from storage.ledger import claim_due, record_planned
from storage.ledger_release import release_claims
from storage.models import Assignment, Nudge, Person
from tests.kit import declare_agencies, load_people, load_plan

NOW = datetime(2024, 3, 1, 1, 0, tzinfo=UTC)


async def test_release_frees_only_the_workers_own_claims_as_if_never_taken(db):
    await declare_agencies(db)
    await load_plan(db)
    await load_people(db)
    async with db.unit_of_work() as session:
        first, second = (await session.scalars(select(Person).limit(2))).all()
        ids = (await session.scalars(select(Assignment.id).limit(4))).all()
        due = NOW - timedelta(minutes=1)
        # A claim takes whole people (one check-in each): three nudges of one, one of another.
        owners = [first.id, first.id, first.id, second.id]
        await record_planned(
            session,
            [(a, owner, "before:9", NOW.date(), due) for a, owner in zip(ids, owners, strict=True)],
            NOW,
        )
    lease = timedelta(minutes=5)
    async with db.unit_of_work() as session:
        mine = await claim_due(session, NOW, worker="a:1", lease=lease, limit=1)
        theirs = await claim_due(session, NOW, worker="b:2", lease=lease, limit=1)
    assert len(mine) == 3 and len(theirs) == 1
    later = NOW + timedelta(seconds=30)
    async with db.unit_of_work() as session:
        assert await release_claims(session, "a:1", later) == 3
    async with db.unit_of_work() as session:
        rows = {n.id: n for n in (await session.scalars(select(Nudge))).all()}
    for nudge in mine:
        row = rows[nudge.id]
        assert row.state is NudgeState.PLANNED and row.claimed_by is None
        assert row.attempts == 0 and row.available_at == later  # due again now, not in 5 min
    [other] = theirs
    assert rows[other.id].state is NudgeState.CLAIMED and rows[other.id].claimed_by == "b:2"
    async with db.unit_of_work() as session:
        again = await claim_due(session, later, worker="c:3", lease=lease, limit=10)
    assert {n.id for n in again} == {n.id for n in mine}
