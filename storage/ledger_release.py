"""Giving claims back: a stopping worker frees what it claimed and did not finish.

A claim holds its nudges for a lease (five minutes) so that a dead worker's claims
come back on their own. A worker that stops cleanly need not make anyone wait: it
gives its unfinished claims back at once, as if never claimed (the try not counted).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CursorResult, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import NudgeState
from storage.models import DigestPart, Nudge


async def release_claims(session: AsyncSession, worker: str, now: datetime) -> int:
    """Make ``worker``'s claimed nudges (and digest parts) due again at ``now``;
    returns how many nudges."""
    released = []
    for table in (Nudge, DigestPart):  # the same lease on both
        result = await session.execute(
            update(table)
            .where(table.state == NudgeState.CLAIMED, table.claimed_by == worker)
            .values(
                state=NudgeState.PLANNED,
                available_at=now,
                claimed_by=None,
                attempts=table.attempts - 1,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)  # what an UPDATE returns: it counts the rows
        released.append(result.rowcount)
    return released[0]
