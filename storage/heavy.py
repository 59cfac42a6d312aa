"""Charts and reports in flight: one per person at a time (``bot.inbound.fairness``).

A request is open from the turn that asked for it until its answer was made and
sent (``finish``); one older than the lease counts as finished, so a process that
died while making it never locks its person out.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update

from storage.db import Session
from storage.models import HeavyRequest


async def open_since(session: Session, person_id: int, since: datetime) -> datetime | None:
    """When the person's open request made after ``since`` was made; None: none is."""
    return await session.scalar(
        select(HeavyRequest.requested_at)
        .where(
            HeavyRequest.person_id == person_id,
            HeavyRequest.finished_at.is_(None),
            HeavyRequest.requested_at > since,
        )
        .order_by(HeavyRequest.requested_at.desc())
        .limit(1)
    )


async def start(
    session: Session, person_id: int, channel: str, chat_id: str, kind: str, now: datetime
) -> None:
    session.add(
        HeavyRequest(
            person_id=person_id, channel=channel, chat_id=chat_id, kind=kind, requested_at=now
        )
    )
    await session.flush()


async def finish(session: Session, channel: str, chat_id: str, kind: str, now: datetime) -> None:
    """The oldest open request of ``kind`` from that chat is done (made and sent, or
    given up)."""
    oldest = (
        select(HeavyRequest.id)
        .where(
            HeavyRequest.channel == channel,
            HeavyRequest.chat_id == chat_id,
            HeavyRequest.kind == kind,
            HeavyRequest.finished_at.is_(None),
        )
        .order_by(HeavyRequest.id)
        .limit(1)
        .scalar_subquery()
    )
    await session.execute(
        update(HeavyRequest)
        .where(HeavyRequest.id == oldest)
        .values(finished_at=now)
        .execution_options(synchronize_session=False)
    )
