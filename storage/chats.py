"""Chat links: which chat belongs to whom, what it was asked last, and where a person is reached.

A chat is read with its person (and agency) and its open question in one
statement; the statement for one chat is built once with bound parameters,
since building a select with its loader options costs more than running it
on SQLite (the chat reply bench depends on it).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import bindparam, select, tuple_
from sqlalchemy.orm import joinedload

from storage.db import Session
from storage.enums import Channel, Role
from storage.models import Agency, ChatLink, PendingQuestion, Person

LinkRow = tuple[ChatLink, PendingQuestion | None]

_LINKS = (
    select(ChatLink, PendingQuestion)
    .outerjoin(PendingQuestion, PendingQuestion.chat_link_id == ChatLink.id)
    .options(joinedload(ChatLink.person, innerjoin=True).joinedload(Person.agency, innerjoin=True))
)
_LINK = _LINKS.where(
    ChatLink.channel == bindparam("channel"), ChatLink.chat_id == bindparam("chat_id")
).limit(1)
_MOST_RECENT_FIRST = (ChatLink.last_active_at.desc().nulls_last(), ChatLink.id.desc())


async def link_of(session: Session, channel: str, chat_id: str) -> LinkRow | None:
    """The chat's link with its person, agency and open question; None: not linked."""
    return (await session.execute(_LINK, {"channel": channel, "chat_id": chat_id})).first()


async def links_of(
    session: Session, chats: Collection[tuple[str, str]]
) -> dict[tuple[str, str], LinkRow]:
    """``link_of`` for many (channel, chat id) pairs in one query; unlinked chats are left out."""
    query = _LINKS.where(tuple_(ChatLink.channel, ChatLink.chat_id).in_(list(chats)))
    return {
        (link.channel.value, link.chat_id): (link, question)
        for link, question in (await session.execute(query)).all()
    }


async def reachable_chat(session: Session, person_id: int) -> ChatLink | None:
    """The person's most recently active chat that has not blocked the bot."""
    return await session.scalar(
        select(ChatLink)
        .where(ChatLink.person_id == person_id, ChatLink.unreachable_since.is_(None))
        .order_by(*_MOST_RECENT_FIRST)
        .limit(1)
    )


async def delivery_chats(
    session: Session, person_id: int, channels: Collection[str]
) -> list[ChatLink]:
    """The person's chats on ``channels``, reachable or not, most recently active first."""
    query = (
        select(ChatLink)
        .where(ChatLink.person_id == person_id, ChatLink.channel.in_(list(channels)))
        .order_by(*_MOST_RECENT_FIRST)
    )
    return list((await session.scalars(query)).all())


async def linked_channels(session: Session, person_id: int) -> list[str]:
    """The channels the person has a chat on, sorted, each once."""
    query = select(ChatLink.channel).where(ChatLink.person_id == person_id)
    return sorted({channel.value for channel in (await session.scalars(query)).all()})


async def link_chat(
    session: Session,
    link: ChatLink | None,
    person_id: int,
    channel: str,
    chat_id: str,
    now: datetime,
) -> None:
    """Link the chat to the person (/start): a new link, or ``link`` handed over and reachable."""
    if link is None:
        session.add(
            ChatLink(
                person_id=person_id,
                channel=Channel(channel),
                chat_id=chat_id,
                linked_at=now,
                last_active_at=now,
            )
        )
    else:
        link.person_id, link.linked_at = person_id, now
        link.unreachable_since, link.unreachable_reason = None, None
    await session.flush()


async def mark_unreachable(session: Session, link_id: int, now: datetime, reason: str) -> None:
    """The chat blocked the bot: nothing goes to it until its person writes from it again."""
    link = await session.get_one(ChatLink, link_id)
    link.unreachable_since, link.unreachable_reason = now, reason


async def reachable_chats_by_person(
    session: Session, role: Role, channels: Collection[str]
) -> dict[int, tuple[str, str, int, str]]:
    """Active people of ``role`` with a reachable chat on ``channels``.

    person id -> (channel, chat id, agency id, agency name), most recent chat each.
    """
    query = (
        select(ChatLink.person_id, ChatLink.channel, ChatLink.chat_id, Agency.id, Agency.name)
        .join(Person, Person.id == ChatLink.person_id)
        .join(Agency, Agency.id == Person.agency_id)
        .where(
            Person.role == role,
            Person.active.is_(True),
            ChatLink.unreachable_since.is_(None),
            ChatLink.channel.in_(list(channels)),
        )
        .order_by(ChatLink.person_id, ChatLink.last_active_at.desc().nulls_last())
    )
    chosen: dict[int, tuple[str, str, int, str]] = {}
    for person_id, channel, chat_id, agency_id, agency in (await session.execute(query)).all():
        chosen.setdefault(person_id, (channel.value, chat_id, agency_id, agency))
    return chosen


async def email_only_by_person(
    session: Session, role: Role, channels: Collection[str]
) -> dict[int, tuple[int, str]]:
    """Active people of ``role`` with an e-mail address and no reachable chat on
    ``channels``: person id -> (agency id, agency name). Who e-mail must reach."""
    reachable = (
        select(ChatLink.id)
        .where(
            ChatLink.person_id == Person.id,
            ChatLink.unreachable_since.is_(None),
            ChatLink.channel.in_(list(channels)),
        )
        .exists()
    )
    query = (
        select(Person.id, Agency.id, Agency.name)
        .join(Agency, Agency.id == Person.agency_id)
        .where(
            Person.role == role,
            Person.active.is_(True),
            Person.email.is_not(None),
            Person.email != "",
            ~reachable,
        )
        .order_by(Person.id)
    )
    return {pid: (agency_id, name) for pid, agency_id, name in (await session.execute(query)).all()}
