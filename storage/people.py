"""People and agencies: who is active in which role, looked up by id, name or agency."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import selectinload

from storage.db import Session
from storage.enums import OPEN_STATUSES, Role
from storage.models import Agency, Assignment, ChatLink, Invite, PendingQuestion, Person


async def person_by_id(session: Session, person_id: int) -> Person:
    """The person ``person_id`` names: there, as people are deactivated, never deleted."""
    return await session.get_one(Person, person_id)


async def with_agency(session: Session, person_id: int) -> Person:
    """The person with their agency loaded (there: see ``person_by_id``)."""
    query = select(Person).where(Person.id == person_id).options(selectinload(Person.agency))
    return (await session.execute(query)).scalar_one()


async def active_people(
    session: Session, role: Role, *, agency_id: int | None = None
) -> list[Person]:
    """Active people of ``role`` (of one agency when ``agency_id`` is given)."""
    query = select(Person).where(Person.role == role, Person.active.is_(True))
    if agency_id is not None:
        query = query.where(Person.agency_id == agency_id)
    return list((await session.scalars(query)).all())


async def everyone(session: Session) -> list[Person]:
    """Every person, active or not, with their agency loaded."""
    return list((await session.scalars(select(Person).options(selectinload(Person.agency)))).all())


async def names(session: Session) -> dict[int, str]:
    """person id -> full name, for everyone."""
    return dict((await session.execute(select(Person.id, Person.full_name))).all())


async def first_with_role(session: Session, role: Role | str, agency_code: str) -> Person | None:
    """The first person (by id) of ``role`` in the agency with short code ``agency_code``."""
    return await session.scalar(
        select(Person)
        .options(selectinload(Person.agency))
        .where(Person.role == role, Person.agency.has(short_code=agency_code))
        .order_by(Person.id)
        .limit(1)
    )


async def keep_only_active(session: Session, person_ids: Collection[int]) -> None:
    """Everyone not in ``person_ids`` becomes inactive (they keep their history)."""
    await session.execute(
        update(Person).where(Person.id.not_in(list(person_ids))).values(active=False)
    )


async def agencies(session: Session) -> list[Agency]:
    """Every agency, by id."""
    return list((await session.scalars(select(Agency).order_by(Agency.id))).all())


async def deactivate(session: Session, person: Person, now: datetime) -> int:
    """``person`` gets nothing any more: inactive (planner and sweep skip them), no
    longer the focal person of an open assignment, their invite void and their chat
    links closed (a chat of theirs is answered as not linked). History stays.

    Returns how many chat links were closed.
    """
    person.active, person.deactivated_at = False, now
    await _release(session, person.id)
    links = select(ChatLink.id).where(ChatLink.person_id == person.id).scalar_subquery()
    await session.execute(delete(PendingQuestion).where(PendingQuestion.chat_link_id.in_(links)))
    closed = await session.execute(delete(ChatLink).where(ChatLink.person_id == person.id))
    await session.flush()
    return getattr(closed, "rowcount", 0) or 0


async def transfer(session: Session, person: Person, agency: Agency) -> None:
    """``person`` now works for ``agency``: their open focal duties at the old one are
    released (the old agency's officials are nudged again); chats and history stay."""
    if person.agency_id != agency.id:
        await _release(session, person.id)
    person.agency_id = agency.id
    await session.flush()


async def _release(session: Session, person_id: int) -> None:
    await session.execute(delete(Invite).where(Invite.person_id == person_id))
    await session.execute(
        update(Assignment)
        .where(
            Assignment.focal_person_id == person_id,
            Assignment.status.in_(list(OPEN_STATUSES)),
        )
        .values(focal_person_id=None)
    )


async def namesake(session: Session, agency_id: int, full_name: str) -> Person | None:
    """The person called ``full_name`` in the agency, if any (names are unique per agency)."""
    return await session.scalar(
        select(Person).where(Person.agency_id == agency_id, Person.full_name == full_name)
    )


async def unlinked(session: Session, *, agency_id: int | None = None) -> list[Person]:
    """Active people with no chat link yet, with their agency, by agency then name."""
    query = (
        select(Person)
        .join(Agency, Agency.id == Person.agency_id)
        .options(selectinload(Person.agency))
        .where(
            Person.active.is_(True),
            ~exists().where(ChatLink.person_id == Person.id),
        )
        .order_by(Agency.name, Person.full_name)
    )
    if agency_id is not None:
        query = query.where(Person.agency_id == agency_id)
    return list((await session.scalars(query)).all())


async def active_with_agency(session: Session, *, agency_id: int | None = None) -> list[Person]:
    """Active people with their agency loaded, by agency then name (invites for everyone)."""
    query = (
        select(Person)
        .join(Agency, Agency.id == Person.agency_id)
        .options(selectinload(Person.agency))
        .where(Person.active.is_(True))
        .order_by(Agency.name, Person.full_name)
    )
    if agency_id is not None:
        query = query.where(Person.agency_id == agency_id)
    return list((await session.scalars(query)).all())


async def agency_by_id(session: Session, agency_id: int) -> Agency:
    return await session.get_one(Agency, agency_id)


async def invite_expiries(session: Session) -> dict[int, datetime]:
    """person id -> when their unused invite expires (past or not), for who has one."""
    query = select(Invite.person_id, Invite.expires_at).where(Invite.used_at.is_(None))
    return dict((await session.execute(query)).all())
