"""The numbered options a chat without buttons was shown last (Zalo, the console).

One row per chat: a message with options replaces the chat's menu (the older one is
superseded), a typed number presses one of the options and takes the menu away (an
answered menu cannot be pressed again). Kept in the store, so a restart forgets none.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import delete

from storage.db import Session
from storage.models import NumberedMenu


async def remember(
    session: Session,
    channel: str,
    chat_id: str,
    message_id: str,
    options: list[tuple[str, str]],
    now: datetime,
) -> None:
    """``options`` ((label, data), in reading order) went to ``chat_id`` as ``message_id``."""
    row = await session.get(NumberedMenu, (channel, chat_id))
    data = json.dumps([list(option) for option in options], ensure_ascii=False)
    if row is None:
        session.add(NumberedMenu(channel=channel, chat_id=chat_id, message_id=message_id,
                                 options=data, shown_at=now))  # fmt: skip
    else:
        row.message_id, row.options, row.shown_at = message_id, data, now
    await session.flush()


async def recall(
    session: Session, channel: str, chat_id: str
) -> tuple[str, list[tuple[str, str]]] | None:
    """The chat's open menu: (message id, options), or None."""
    row = await session.get(NumberedMenu, (channel, chat_id))
    if row is None:
        return None
    return row.message_id, [(label, data) for label, data in json.loads(row.options)]


async def forget(session: Session, channel: str, chat_id: str) -> None:
    """The chat's menu was answered: a number no longer presses it."""
    await session.execute(
        delete(NumberedMenu).where(NumberedMenu.channel == channel, NumberedMenu.chat_id == chat_id)
    )
