"""The numbered options a chat without buttons was shown last (Zalo, the console).

One row per chat: a message with options replaces the chat's menu (the older one is
superseded), a typed number presses one of the options and takes the menu away (an
answered menu cannot be pressed again). Kept in the store, so a restart forgets none.
A list paged over several messages is one menu: each option may carry the id of the
message that showed it (``message_id`` is then the last page's), and a number whose
option was not shown has none (JSON null).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete

from storage.db import Session
from storage.models import NumberedMenu

Option = tuple[str, str] | tuple[str, str, str]  # (label, data[, message id])


async def remember(
    session: Session,
    channel: str,
    chat_id: str,
    message_id: str,
    options: Sequence[Option | None],
    now: datetime,
) -> None:
    """``options`` ((label, data) or (label, data, the message that showed it), in number
    order; None for a number without one) went to ``chat_id``, the last in ``message_id``."""
    row = await session.get(NumberedMenu, (channel, chat_id))
    data = json.dumps([None if o is None else list(o) for o in options], ensure_ascii=False)
    if row is None:
        session.add(NumberedMenu(channel=channel, chat_id=chat_id, message_id=message_id,
                                 options=data, shown_at=now))  # fmt: skip
    else:
        row.message_id, row.options, row.shown_at = message_id, data, now
    await session.flush()


async def recall(
    session: Session, channel: str, chat_id: str
) -> tuple[str, list[tuple[str, str, str] | None]] | None:
    """The chat's open menu: (message id, options as (label, data, the message that showed
    it) or None), or None."""
    row = await session.get(NumberedMenu, (channel, chat_id))
    if row is None:
        return None
    options: list[tuple[str, str, str] | None] = [
        None if o is None else (o[0], o[1], o[2] if len(o) > 2 else row.message_id)
        for o in json.loads(row.options)
    ]
    return row.message_id, options


async def forget(session: Session, channel: str, chat_id: str) -> None:
    """The chat's menu was answered: a number no longer presses it."""
    await session.execute(
        delete(NumberedMenu).where(NumberedMenu.channel == channel, NumberedMenu.chat_id == chat_id)
    )
