"""What the running service says about itself, and the counts ``nhacviec status`` shows.

``nhacviec run`` writes its last sweep and its channels' state here (one JSON row per
key); its ``/healthz`` and ``nhacviec status``, in another process, read them back.
Times in the rows are aware UTC; ``updated_at`` is wall-clock time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import exists, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import Database, upsert_insert
from storage.enums import ExtensionState, NudgeState
from storage.ledger import TAKEABLE
from storage.models import ChatLink, ExtensionRequest, Nudge, Person, ServiceState

SWEEP, CHANNELS = "sweep", "channels"


@dataclass(frozen=True)
class Entry:
    value: dict
    updated_at: datetime


@dataclass(frozen=True)
class Queue:
    """Nudges waiting: ``depth`` all that will still go out (planned, to be retried, or
    claimed), ``due`` those whose time has come at the instant asked, ``claimed`` those
    a sweep holds now."""

    depth: int
    due: int
    claimed: int


async def put(session: AsyncSession, key: str, value: dict, wall: datetime) -> None:
    row = {"key": key, "value": json.dumps(value, ensure_ascii=False), "updated_at": wall}
    statement = upsert_insert(session, ServiceState).values(row)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["key"], set_={"value": row["value"], "updated_at": wall}
        )
    )


async def note(db: Database, key: str, value: dict, wall: datetime) -> None:
    """``put`` in a transaction of its own."""
    async with db.unit_of_work() as session:
        await put(session, key, value, wall)


async def read(session: AsyncSession) -> dict[str, Entry]:
    rows = (await session.execute(select(ServiceState))).scalars().all()
    return {row.key: Entry(json.loads(row.value), row.updated_at) for row in rows}


async def ping(session: AsyncSession) -> None:
    """Raises when the database does not answer."""
    await session.execute(text("SELECT 1"))


async def queue(session: AsyncSession, now: datetime) -> Queue:
    waiting = Nudge.state.in_(TAKEABLE) & Nudge.available_at.is_not(None)
    depth, due, claimed = (
        await session.execute(
            select(
                func.count().filter(waiting),
                func.count().filter(waiting & (Nudge.available_at <= now)),
                func.count().filter(Nudge.state == NudgeState.CLAIMED),
            ).select_from(Nudge)
        )
    ).one()
    return Queue(depth, due, claimed)


async def unlinked_people(session: AsyncSession) -> int:
    linked = exists().where(ChatLink.person_id == Person.id)
    query = select(func.count()).select_from(Person).where(Person.active.is_(True), ~linked)
    return (await session.execute(query)).scalar_one()


async def pending_extensions(session: AsyncSession) -> int:
    query = select(func.count()).where(ExtensionRequest.state == ExtensionState.PENDING)
    return (await session.execute(query)).scalar_one()


async def note_sweep(
    db: Database, at: datetime, worker: str, report: object, wall: datetime | None = None
) -> None:
    """A sweep round ended at ``at`` (the service clock) with ``report``'s counts."""
    value: dict[str, object] = {"at": at.isoformat(), "worker": worker}
    value |= {k: v for k, v in vars(report).items() if isinstance(v, int)}
    await note(db, SWEEP, value, wall or datetime.now(UTC))
