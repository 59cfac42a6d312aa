"""One-time invite codes: only a SHA-256 of the code is stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invite, Person

INVITE_LIFETIME = timedelta(days=7)
# Telegram deep-link payloads allow A-Z a-z 0-9 _ - (at most 64); 16 bytes of
# entropy in base64url is 22 characters, short enough to type into Zalo.
CODE_BYTES = 16


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_invite(session: AsyncSession, person: Person, now: datetime) -> tuple[str, Invite]:
    """A fresh code for ``person``; any earlier invite of theirs stops working."""
    await session.execute(delete(Invite).where(Invite.person_id == person.id))
    code = secrets.token_urlsafe(CODE_BYTES)
    invite = Invite(
        person_id=person.id,
        code_hash=hash_code(code),
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    session.add(invite)
    await session.flush()
    return code, invite


class InviteRefused(Exception):
    """``reason`` is ``unknown``, ``used`` or ``expired``."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


async def redeem_invite(session: AsyncSession, code: str, now: datetime) -> Person:
    """Mark the invite used and return its person, or raise ``InviteRefused``."""
    invite = await session.scalar(
        select(Invite).where(Invite.code_hash == hash_code(code)).with_for_update()
    )
    if invite is None:
        raise InviteRefused("unknown")
    if invite.used_at is not None:
        raise InviteRefused("used")
    if invite.expires_at <= now:
        raise InviteRefused("expired")
    invite.used_at = now
    await session.flush()
    return await session.get_one(Person, invite.person_id)
