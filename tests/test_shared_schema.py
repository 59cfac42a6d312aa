"""The PostgreSQL schema ``db`` shares between the tests of a process (``tests/kit/schemas.py``):
emptied between tests, ids from 1 again, and replaced when a test changed its shape or
left the leader's lock held."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, text

from storage.enums import AgencyKind
from storage.leader import Leadership
from storage.models import Agency, InboundMessage
from tests.conftest import POSTGRES_URL
from tests.kit.schemas import Shared

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="NHACVIEC_TEST_POSTGRES_URL is not set")


@pytest.fixture
async def shared():
    """A ``Shared`` of this test's own, not the one ``db`` uses."""
    assert POSTGRES_URL
    made = Shared(POSTGRES_URL, "selftest")
    try:
        yield made
    finally:
        assert await made.drop_all() == []


async def _add_agency(database, code: str = "a") -> int:
    async with database.unit_of_work() as session:
        agency = Agency(name=f"Sở {code}", short_code=code, kind=AgencyKind.OTHER)
        session.add(agency)
        await session.flush()
        return agency.id


async def test_rows_and_ids_do_not_outlive_a_test(shared):
    first = await shared.database()
    try:
        assert await _add_agency(first) == 1
        assert await _add_agency(first, "b") == 2
        async with first.unit_of_work() as session:
            message = InboundMessage(
                channel="console",
                update_key="1",
                chat_id="c1",
                payload="{}",
                received_at=datetime.now(UTC),
            )
            session.add(message)
    finally:
        await first.dispose()
    second = await shared.database()
    try:
        assert second.schema == first.schema  # the same schema, not migrated again
        async with second.unit_of_work() as session:
            assert await session.scalar(select(func.count()).select_from(Agency)) == 0
            assert await session.scalar(select(func.count()).select_from(InboundMessage)) == 0
        assert await _add_agency(second) == 1
    finally:
        await second.dispose()
    assert shared.made == [first.schema]


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE agencies ADD COLUMN extra integer",
        "ALTER TABLE agencies ALTER COLUMN name DROP NOT NULL",
        "ALTER TABLE agencies ALTER COLUMN id SET DEFAULT 0",
        "ALTER TABLE agencies DROP CONSTRAINT uq_agencies_name,"
        " ADD CONSTRAINT uq_agencies_name UNIQUE (name, kind)",
        "CREATE INDEX extra_index ON agencies (kind)",
        "DROP TABLE inbound_messages",
        "CREATE TABLE extra (id integer)",
        "UPDATE alembic_version SET version_num = '0001'",
    ],
)
async def test_a_changed_schema_is_replaced_by_a_migrated_one(shared, change):
    first = await shared.database()
    try:
        async with first.engine.begin() as conn:
            await conn.execute(text(change))
    finally:
        await first.dispose()
    second = await shared.database()
    try:
        assert second.schema != first.schema
        assert shared.made == [second.schema]  # the changed one dropped at once
        assert await _add_agency(second) == 1
    finally:
        await second.dispose()


async def test_a_lead_left_held_is_not_handed_to_the_next_test(shared):
    first = await shared.database()
    stop = asyncio.Event()
    leader = Leadership(first, "a:1", every=0.05)
    try:
        assert await leader.acquire(stop)
        second = await shared.database()  # the lock still held: a new schema
        await second.dispose()
        assert second.schema != first.schema
    finally:
        stop.set()
        await leader.release()
        await first.dispose()
