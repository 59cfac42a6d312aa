"""Chats that write without being linked: refused once per interval, then ignored.

A flood from an unlinked chat must cost one answer, not one per message: the
first message (and the first after ``every`` has passed) is refused, the rest are
counted here and kept in the inbox without their text, unanswered.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from storage.db import Session, upsert_insert
from storage.models import StrangerChat


async def should_refuse(
    session: Session, channel: str, chat_id: str, now: datetime, every: timedelta
) -> bool:
    """True when the chat is to be told it is not linked (noted as refused at ``now``);
    False when it was told less than ``every`` ago (the message is counted as ignored)."""
    refused_at = await session.scalar(
        select(StrangerChat.refused_at).where(
            StrangerChat.channel == channel, StrangerChat.chat_id == chat_id
        )
    )
    if refused_at is not None and now - refused_at < every and refused_at <= now:
        await session.execute(
            update(StrangerChat)
            .where(StrangerChat.channel == channel, StrangerChat.chat_id == chat_id)
            .values(ignored=StrangerChat.ignored + 1)
        )
        return False
    statement = upsert_insert(session, StrangerChat).values(
        channel=channel, chat_id=chat_id, refused_at=now, ignored=0
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["channel", "chat_id"], set_={"refused_at": now, "ignored": 0}
        )
    )
    return True


async def ignored_count(session: Session, channel: str, chat_id: str) -> int:
    """Messages of the chat left unanswered since its last refusal."""
    found = await session.scalar(
        select(StrangerChat.ignored).where(
            StrangerChat.channel == channel, StrangerChat.chat_id == chat_id
        )
    )
    return int(found or 0)
