"""Button tokens: the opaque id behind a button names who may press it, for which assignment."""

from __future__ import annotations

import secrets
from datetime import datetime

from storage.db import Session
from storage.models import ChoiceToken


async def new_token(
    session: Session,
    person_id: int,
    assignment_id: int,
    now: datetime,
    nudge_id: int | None = None,
    reading: str | None = None,
) -> str:
    """A fresh token for ``person_id`` and ``assignment_id`` (of a nudge, when sent with one;
    ``reading``: what an unsure reply said, JSON, when the buttons ask about it)."""
    token = secrets.token_urlsafe(9)
    session.add(
        ChoiceToken(
            token=token,
            person_id=person_id,
            assignment_id=assignment_id,
            nudge_id=nudge_id,
            created_at=now,
            reading=reading,
        )
    )
    await session.flush()
    return token


async def find_token(session: Session, token: str) -> ChoiceToken | None:
    return await session.get(ChoiceToken, token)
