"""The world builder: a test's store filled with agencies, people, a plan, chats and invites.

``World(db, tmp_path)`` is the step-by-step way; the functions below it are the steps on their
own and the small worlds several test files share. Tests may use SQLAlchemy directly.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from scheduler.clock import ManualClock
from storage.db import Database
from storage.enums import Channel, Role
from storage.imports.directory import import_directory, import_people
from storage.imports.plan import import_plan
from storage.imports.tabular import read_table
from storage.invites import create_invite
from storage.models import Agency, Assignment, ChatLink, Person, ProgressUpdate
from tests.kit.files import AGENCY_FILES, PEOPLE_FILE, PLAN_FILE, write_plan
from tests.kit.times import NOW, local


async def declare_agencies(db: Database, files=AGENCY_FILES) -> None:
    tables = [read_table(f, key_column=("name", "group_label")) for f in files]
    async with db.unit_of_work() as session:
        await import_directory(session, tables)


async def load_plan(db: Database, path: Path = PLAN_FILE, now: datetime = NOW, **kwargs):
    async with db.unit_of_work() as session:
        return await import_plan(session, read_table(path, key_column="code"), now, **kwargs)


async def load_people(db: Database, path: Path = PEOPLE_FILE, now: datetime = NOW):
    async with db.unit_of_work() as session:
        return await import_people(session, read_table(path, key_column="full_name"), now)


async def sample_store(url: str, *extra_plans: Path) -> None:
    """A migrated store at ``url`` holding the sample agencies, plan (and ``extra_plans``)
    and people, for tests that run ``nhacviec`` as a subprocess on it."""
    from tests.kit.template import migrate

    db = Database(url)
    try:
        await migrate(db)
        await declare_agencies(db)
        await load_plan(db)
        for plan in extra_plans:
            await load_plan(db, plan)
        await load_people(db)
    finally:
        await db.dispose()


async def count(db: Database, model, *where) -> int:
    async with db.unit_of_work() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def counts(db: Database) -> tuple[int, dict]:
    """Progress updates recorded, and each assignment's status by code."""
    async with db.unit_of_work() as session:
        updates = await session.scalar(select(func.count()).select_from(ProgressUpdate))
        statuses = dict((await session.execute(select(Assignment.code, Assignment.status))).all())
        return updates, statuses


async def find_person(session, role=None, agency: str | None = None, *, name=None) -> Person:
    """The first person (by id) with that role, agency short code and full name, as given."""
    query = select(Person).order_by(Person.id).limit(1)
    if role is not None:
        query = query.where(Person.role == role)
    if agency is not None:
        query = query.where(Person.agency.has(short_code=agency))
    if name is not None:
        query = query.where(Person.full_name == name)
    person = await session.scalar(query)
    assert person is not None, f"no person with role={role} agency={agency} name={name}"
    return person


class World:
    """A test's store, filled step by step; ``folder`` is where plan files are written."""

    def __init__(self, db: Database, folder: Path | None = None) -> None:
        self.db, self.folder = db, folder

    async def agencies(self, files=AGENCY_FILES) -> None:
        await declare_agencies(self.db, files)

    async def people(self, path: Path = PEOPLE_FILE, now: datetime = NOW):
        return await load_people(self.db, path, now)

    async def sample_plan(self, path: Path = PLAN_FILE, now: datetime = NOW, **kwargs):
        return await load_plan(self.db, path, now, **kwargs)

    async def plan(self, *rows: str, now: datetime = NOW, **kwargs):
        """Write ``rows`` under the plan file's header and import them."""
        assert self.folder is not None, "World(db, folder) writes plan files in folder"
        return await load_plan(self.db, write_plan(self.folder, *rows), now, **kwargs)

    async def person(self, role=None, agency: str | None = None, *, name=None) -> Person:
        async with self.db.unit_of_work() as session:
            return await find_person(session, role, agency, name=name)

    async def add_person(
        self, full_name: str, agency: str, role=Role.OFFICIAL, title="", now: datetime = NOW
    ) -> Person:
        """Someone who is not in the people file, in the agency of that short code."""
        async with self.db.unit_of_work() as session:
            agency_id = await session.scalar(select(Agency.id).where(Agency.short_code == agency))
            person = Person(
                full_name=full_name, title=title, agency_id=agency_id, role=role, created_at=now
            )
            session.add(person)
        return person

    async def link(
        self, person: Person, chat_id, channel=Channel.CONSOLE, at: datetime = NOW, **fields
    ) -> ChatLink:
        """Link a chat of ``channel`` to ``person`` (what redeeming an invite would do)."""
        chat = ChatLink(
            person_id=person.id, channel=channel, chat_id=str(chat_id), linked_at=at, **fields
        )
        async with self.db.unit_of_work() as session:
            session.add(chat)
        return chat

    async def invite(self, person: Person, now: datetime) -> str:
        """A fresh invite code for ``person``."""
        async with self.db.unit_of_work() as session:
            code, _ = await create_invite(session, await session.get(Person, person.id), now)
        return code


async def two_tasks_and_an_invite(db: Database, tmp_path: Path) -> tuple[ManualClock, str]:
    """The sample agencies and people, two tasks of Sở Tư pháp due 15/03/2024, a clock on
    Wed 6 Mar 2024 08:00 and an invite for the agency's official: (clock, invite code)."""
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(
        "2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ",
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-15,,Báo cáo",
    )
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    code = await world.invite(await world.person("official", "stp"), clock.now())
    return clock, code


LINKED_AT = local(2024, 3, 6, 10, 0)


async def one_task_and_a_linked_official(
    db: Database, tmp_path: Path, at: datetime = LINKED_AT
) -> Database:
    """Sở Tư pháp's official, linked on console chat "42" at ``at``; one task 2.1 of Sở Tư
    pháp due 15/03/2024."""
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan("2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ")
    await world.link(await world.person("official", "stp"), "42", at=at)
    return db
