"""People and agencies: who is active in which role, looked up by id, name or agency."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from storage.db import Session
from storage.enums import Role
from storage.models import Agency, Person


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
