"""One-time invite codes: only a SHA-256 of the code is stored (but for an invite made to be
shown in e-mails, whose code is kept until it is used or replaced: ``mail_invite``).

A code is 16 random bytes (``secrets.token_urlsafe``): 128 bits. Guessing is
also bounded per chat (``InviteAttempt``): the first ``FREE_TRIES`` wrong codes
are answered at once, the next must each wait ``SLOW_DOWN`` after the last,
and ``LOCK_AFTER`` wrong codes lock the chat for ``LOCK_FOR``; the count
starts again once a lock ends or ``FORGET_AFTER`` passes without a wrong code.
That is at most ``LOCK_AFTER`` guesses a day per chat against 2**128 codes:
a million chats guessing for a year (2**32 guesses) against ten thousand live
codes have odds below 2**-80 of hitting one.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invite, InviteAttempt, Person

INVITE_LIFETIME = timedelta(days=7)
# Telegram deep-link payloads allow A-Z a-z 0-9 _ - (at most 64); 16 bytes of
# entropy in base64url is 22 characters, short enough to type into Zalo.
CODE_BYTES = 16  # 128 bits
FREE_TRIES = 3
SLOW_DOWN = timedelta(minutes=1)
LOCK_AFTER = 10
LOCK_FOR = timedelta(hours=24)
FORGET_AFTER = timedelta(hours=24)


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_invite(
    session: AsyncSession, person: Person, now: datetime, lifetime: timedelta = INVITE_LIFETIME
) -> tuple[str, Invite]:
    """A fresh code for ``person``, good for ``lifetime``; any earlier invite of theirs
    stops working."""
    await session.execute(delete(Invite).where(Invite.person_id == person.id))
    code = secrets.token_urlsafe(CODE_BYTES)
    invite = Invite(
        person_id=person.id,
        code_hash=hash_code(code),
        created_at=now,
        expires_at=now + lifetime,
    )
    session.add(invite)
    await session.flush()
    return code, invite


async def mail_invite(
    session: AsyncSession, person: Person, now: datetime, lifetime: timedelta = INVITE_LIFETIME
) -> tuple[str | None, Invite]:
    """The invite the e-mails to ``person`` show: (its code, the invite).

    Their live invite made for e-mails while it lasts, so every e-mail shows the same
    code; a fresh one, made as ``create_invite`` makes it and its code kept for the
    next e-mails, when they have none live. A live invite an operator handed out
    (``nhacviec invite``, its code not kept) is left working: (None, that invite).
    """
    live = await session.scalar(
        select(Invite).where(Invite.person_id == person.id).with_for_update()
    )
    if live is not None and live.used_at is None and live.expires_at > now:
        return live.mail_code, live
    code, invite = await create_invite(session, person, now, lifetime)
    invite.mail_code = code
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
    invite.mail_code = None  # used: no e-mail shows it again
    await session.flush()
    return await session.get_one(Person, invite.person_id)


async def _attempts(session: AsyncSession, channel: str, chat_id: str) -> InviteAttempt | None:
    return await session.scalar(
        select(InviteAttempt)
        .where(InviteAttempt.channel == channel, InviteAttempt.chat_id == chat_id)
        .with_for_update()
    )


async def invite_wait(
    session: AsyncSession, channel: str, chat_id: str, now: datetime
) -> tuple[str, datetime] | None:
    """``("locked"|"slow", until)`` when this chat may not try a code yet, else None."""
    row = await _attempts(session, channel, chat_id)
    if row is None:
        return None
    if row.locked_until is not None:
        if now < row.locked_until:
            return "locked", row.locked_until
        return None
    if row.failures >= FREE_TRIES and now < row.last_failed_at + SLOW_DOWN:
        return "slow", row.last_failed_at + SLOW_DOWN
    return None


async def note_wrong_code(
    session: AsyncSession, channel: str, chat_id: str, now: datetime
) -> InviteAttempt:
    """Count one wrong code for the chat; the row says whether it is now locked."""
    row = await _attempts(session, channel, chat_id)
    if row is None:
        row = InviteAttempt(channel=channel, chat_id=chat_id, failures=0, last_failed_at=now)
        session.add(row)
    elif (row.locked_until is not None and row.locked_until <= now) or (
        row.locked_until is None and now - row.last_failed_at > FORGET_AFTER
    ):
        row.failures, row.locked_until = 0, None
    row.failures += 1
    row.last_failed_at = now
    if row.failures >= LOCK_AFTER:
        row.locked_until = now + LOCK_FOR
    await session.flush()
    return row


async def forget_wrong_codes(session: AsyncSession, channel: str, chat_id: str) -> None:
    """A chat that linked starts with a clean count."""
    await session.execute(
        delete(InviteAttempt).where(
            InviteAttempt.channel == channel, InviteAttempt.chat_id == chat_id
        )
    )
