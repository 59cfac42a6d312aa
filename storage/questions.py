"""A chat's open question: at most one per chat link, replaced by the next one asked.

``bot.inbound.questions`` says when a question is asked, answered or dropped;
here is only how it is kept. Nothing here flushes or commits: the turn's unit
of work writes the change with the rest of what the turn did.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import Awaiting
from storage.models import PendingQuestion


async def ask(
    session: AsyncSession,
    chat_link_id: int,
    awaiting: Awaiting,
    assignment_id: int,
    now: datetime,
    *,
    extension_request_id: int | None = None,
) -> PendingQuestion:
    """The chat's new open question, in place of any it had (one per chat, never two).

    ``extension_request_id`` names the request a ``reject_reason`` is about, and
    only then is given (the table checks both ways).
    """
    await clear(session, chat_link_id)
    question = PendingQuestion(
        chat_link_id=chat_link_id,
        assignment_id=assignment_id,
        awaiting=awaiting,
        extension_request_id=extension_request_id,
        created_at=now,
    )
    session.add(question)
    return question


async def clear(session: AsyncSession, chat_link_id: int) -> None:
    """The chat waits for nothing any more (nothing happens if it did not)."""
    # Executed now, not at the flush: an ``ask`` after it inserts into a free slot.
    await session.execute(
        delete(PendingQuestion).where(PendingQuestion.chat_link_id == chat_link_id)
    )


async def load(session: AsyncSession, chat_link_id: int) -> PendingQuestion | None:
    """The chat's open question, if any (a turn has it already, read with the link)."""
    return await session.scalar(
        select(PendingQuestion).where(PendingQuestion.chat_link_id == chat_link_id)
    )
