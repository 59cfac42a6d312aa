"""Button tokens: the opaque id behind a button names who may press it, for which assignment.

The tokens of one message's options share a menu; answering one closes them all, so an
answered or replaced menu cannot be pressed again. A token also remembers the
assignment's latest history row when it was shown: a press after a newer one acts on a
state the message no longer shows, and is refused as stale.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import func, select, update

from storage.db import Session
from storage.models import Assignment, ChoiceToken, Nudge, ProgressUpdate


async def new_token(
    session: Session,
    person_id: int,
    assignment_id: int,
    now: datetime,
    nudge_id: int | None = None,
    reading: str | None = None,
    menu: str | None = None,
) -> str:
    """A fresh token for ``person_id`` and ``assignment_id`` (of a nudge, when sent with one;
    ``reading``: what an unsure reply said, JSON, when the buttons ask about it; ``menu``:
    the token of the first option of the same message, when there are several)."""
    seen = await latest_update_id(session, assignment_id)
    token = _add(session, person_id, assignment_id, nudge_id, now, seen, reading, menu)
    await session.flush()
    return token


def _add(
    session: Session,
    person_id: int,
    assignment_id: int,
    nudge_id: int | None,
    now: datetime,
    seen: int | None,
    reading: str | None = None,
    menu: str | None = None,
) -> str:
    token = secrets.token_urlsafe(9)
    session.add(
        ChoiceToken(
            token=token,
            person_id=person_id,
            assignment_id=assignment_id,
            nudge_id=nudge_id,
            created_at=now,
            reading=reading,
            menu=menu or token,
            seen_update_id=seen,
        )
    )
    return token


async def find_token(session: Session, token: str) -> ChoiceToken | None:
    return await session.get(ChoiceToken, token)


async def new_tokens(
    session: Session, person_id: int, items: list[tuple[int, int | None]], now: datetime
) -> list[str]:
    """``new_token`` for many (assignment id, nudge id) at once, each its own menu (a
    check-in's rows): one query for what each assignment's history holds."""
    ids = {assignment_id for assignment_id, _ in items}
    query = (
        select(ProgressUpdate.assignment_id, func.max(ProgressUpdate.id))
        .where(ProgressUpdate.assignment_id.in_(ids))
        .group_by(ProgressUpdate.assignment_id)
    )
    seen = {a: m for a, m in (await session.execute(query)).all()} if ids else {}
    return [
        _add(session, person_id, assignment_id, nudge_id, now, seen.get(assignment_id))
        for assignment_id, nudge_id in items
    ]


async def latest_update_id(session: Session, assignment_id: int) -> int | None:
    """The id of the assignment's latest history row (None: it has none)."""
    query = select(func.max(ProgressUpdate.id)).where(ProgressUpdate.assignment_id == assignment_id)
    return await session.scalar(query)


async def changed_since_shown(session: Session, token: ChoiceToken) -> bool:
    """Whether the assignment was updated after the token's options were shown."""
    return await latest_update_id(session, token.assignment_id) != token.seen_update_id


async def close_menu(session: Session, token: ChoiceToken, now: datetime) -> None:
    """The menu ``token`` belongs to was answered (or replaced): none of it can be pressed
    again."""
    menu = token.menu or token.token
    token.closed_at = now
    await session.execute(
        update(ChoiceToken)
        .where(ChoiceToken.menu == menu, ChoiceToken.closed_at.is_(None))
        .values(closed_at=now)
        .execution_options(synchronize_session=False)
    )


async def open_rows_of_message(
    session: Session, channel: str, chat_id: str, message_id: str
) -> list[tuple[ChoiceToken, str]]:
    """The tokens still pressable under a message that carried nudges (a check-in's rows),
    each with its assignment's code, in the message's order: not answered or closed,
    and the assignment unchanged since the message showed it."""
    query = (
        select(ChoiceToken, Assignment.code)
        .join(Nudge, Nudge.id == ChoiceToken.nudge_id)
        .join(Assignment, Assignment.id == ChoiceToken.assignment_id)
        .where(
            Nudge.channel == channel,
            Nudge.chat_id == str(chat_id),
            Nudge.message_id == str(message_id),
            ChoiceToken.closed_at.is_(None),
        )
        .order_by(Nudge.position, Nudge.id)
    )
    rows = [(token, code) for token, code in (await session.execute(query)).all()]
    return [(token, code) for token, code in rows if not await changed_since_shown(session, token)]
