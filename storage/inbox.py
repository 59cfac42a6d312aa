"""The durable inbox: every incoming update kept before the platform is told it arrived.

Rows are written and marked in batches (one statement for many updates) so a
busy morning costs a few statements per getUpdates batch rather than per reply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import upsert_insert
from storage.models import InboundMessage


@dataclass(frozen=True)
class NewUpdate:
    channel: str
    update_key: str
    chat_id: str
    payload: str  # the update as the dispatcher serialises it


@dataclass(frozen=True)
class Stored:
    id: int
    new: bool  # False: stored earlier (a platform resend)
    processed: bool


async def store(
    session: AsyncSession, updates: Sequence[NewUpdate], now: datetime
) -> list[Stored | None]:
    """Insert ``updates``; per update what is stored under its key, in order.

    An update whose key repeats an earlier one in ``updates`` gets None.
    """
    rows: list[dict[str, object]] = []
    keys: dict[tuple[str, str], Stored | None] = {}  # what is stored; None until found
    for u in updates:
        if (u.channel, u.update_key) not in keys:
            keys[(u.channel, u.update_key)] = None
            rows.append(
                {
                    "channel": u.channel,
                    "update_key": u.update_key,
                    "chat_id": u.chat_id,
                    "payload": u.payload,
                    "received_at": now,
                }
            )
    statement = (
        upsert_insert(session, InboundMessage)
        .on_conflict_do_nothing(index_elements=["channel", "update_key"])
        .returning(InboundMessage.id, InboundMessage.channel, InboundMessage.update_key)
    )
    for row_id, channel, key in (await session.execute(statement, rows)).all():
        keys[(channel, key)] = Stored(row_id, new=True, processed=False)
    earlier = [key for key, stored in keys.items() if stored is None]
    if earlier:
        query = select(
            InboundMessage.id,
            InboundMessage.channel,
            InboundMessage.update_key,
            InboundMessage.processed_at,
        ).where(tuple_(InboundMessage.channel, InboundMessage.update_key).in_(earlier))
        for row_id, channel, key, processed_at in (await session.execute(query)).all():
            keys[(channel, key)] = Stored(row_id, new=False, processed=processed_at is not None)
    out: list[Stored | None] = []
    for u in updates:
        out.append(keys.pop((u.channel, u.update_key), None))
    return out


class AlreadyStored(Exception):
    """An update taken for new was stored before (a platform resend)."""


async def store_processed(session: AsyncSession, rows: Sequence[dict]) -> list[int]:
    """Insert updates processed in this transaction (all the columns in each row); their
    ids in order. Raises ``AlreadyStored`` if one was stored before or repeats one in
    ``rows``: the caller rolls back and stores them the careful way (``store``)."""
    statement = (
        upsert_insert(session, InboundMessage)
        .on_conflict_do_nothing(index_elements=["channel", "update_key"])
        .returning(InboundMessage.id, InboundMessage.channel, InboundMessage.update_key)
    )
    ids = {(c, k): i for i, c, k in (await session.execute(statement, list(rows))).all()}
    if len(ids) < len(rows):
        raise AlreadyStored(f"{len(rows) - len(ids)} of {len(rows)} updates were stored before")
    return [ids[(row["channel"], row["update_key"])] for row in rows]


async def claim(session: AsyncSession, ids: Iterable[int]) -> set[int]:
    """Of ``ids``, those not processed yet, locked until the end of the transaction."""
    query = (
        select(InboundMessage.id)
        .where(InboundMessage.id.in_(set(ids)), InboundMessage.processed_at.is_(None))
        .with_for_update()
    )
    return set((await session.scalars(query)).all())


async def mark_processed(session: AsyncSession, marks: Sequence[dict]) -> None:
    """``marks``: dicts of ``id`` and the columns to set (processed_at, replies, …)."""
    if marks:
        await session.execute(update(InboundMessage), list(marks))


async def mark_sent(session: AsyncSession, ids: Sequence[int], now: datetime) -> None:
    if ids:
        await session.execute(
            update(InboundMessage)
            .where(InboundMessage.id.in_(ids))
            .values(replies_sent_at=now)
            .execution_options(synchronize_session=False)
        )


async def keep_unsent(session: AsyncSession, rows: Sequence[tuple[int, str]]) -> None:
    """(id, replies) of updates whose first answers went out: only the rest is kept, so a
    resend never repeats what was sent."""
    if rows:
        await session.execute(
            update(InboundMessage), [{"id": row_id, "replies": left} for row_id, left in rows]
        )


async def unprocessed(session: AsyncSession) -> list[tuple[int, str]]:
    """(id, payload) of what was stored but not processed, oldest first."""
    query = (
        select(InboundMessage.id, InboundMessage.payload)
        .where(InboundMessage.processed_at.is_(None))
        .order_by(InboundMessage.id)
    )
    return [(row_id, payload) for row_id, payload in (await session.execute(query)).all()]


async def unsent(session: AsyncSession) -> list[tuple[int, str, str | None]]:
    """(id, payload, replies) of what was processed but whose answers were not all sent."""
    query = (
        select(InboundMessage.id, InboundMessage.payload, InboundMessage.replies)
        .where(InboundMessage.processed_at.is_not(None), InboundMessage.replies_sent_at.is_(None))
        .order_by(InboundMessage.id)
    )
    rows = (await session.execute(query)).all()
    return [(row_id, payload, replies) for row_id, payload, replies in rows]


async def still_unsent(session: AsyncSession, row_id: int) -> tuple[str, str | None] | None:
    """(payload, replies) of ``row_id`` read now, if its answers are still not all sent.

    ``unsent`` lists rows at one moment; a sender reads each row again just before
    sending it, after claiming it, since the batch sender may have sent it meanwhile.
    """
    query = select(InboundMessage.payload, InboundMessage.replies).where(
        InboundMessage.id == row_id,
        InboundMessage.processed_at.is_not(None),
        InboundMessage.replies_sent_at.is_(None),
    )
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])
