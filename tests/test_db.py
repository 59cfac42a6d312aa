"""Engine settings and the UTC column type, on each backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from storage.enums import AgencyKind, Role
from storage.models import Agency, Person


async def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(db):
    if db.dialect != "sqlite":
        pytest.skip("SQLite pragmas")
    async with db.engine.connect() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1
        assert (await conn.execute(text("PRAGMA busy_timeout"))).scalar() == 5000


async def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError):
        async with db.unit_of_work() as session:
            session.add(
                Person(
                    full_name="X", agency_id=999, role=Role.OFFICIAL, created_at=datetime.now(UTC)
                )
            )


async def test_instants_come_back_aware_utc_whatever_zone_went_in(db):
    hanoi = timezone(timedelta(hours=7))
    written = datetime(2024, 3, 15, 7, 30, tzinfo=hanoi)
    async with db.unit_of_work() as session:
        session.add(Agency(name="Sở A", short_code="a", kind=AgencyKind.OTHER))
        await session.flush()
        agency = await session.scalar(select(Agency))
        session.add(
            Person(full_name="X", agency_id=agency.id, role=Role.OFFICIAL, created_at=written)
        )
    async with db.unit_of_work() as session:
        read = await session.scalar(select(Person.created_at))
    assert read == written and read.utcoffset() == timedelta(0)
    assert read.hour == 0 and read.minute == 30


async def test_a_failed_unit_of_work_leaves_nothing(db):
    with pytest.raises(RuntimeError):
        async with db.unit_of_work() as session:
            session.add(Agency(name="Sở A", short_code="a", kind=AgencyKind.OTHER))
            await session.flush()
            raise RuntimeError("boom")
    async with db.unit_of_work() as session:
        assert (await session.scalars(select(Agency))).all() == []


async def test_naive_instants_are_refused(db):
    with pytest.raises(Exception, match="naive datetime"):
        async with db.unit_of_work() as session:
            session.add(Agency(name="Sở A", short_code="a", kind=AgencyKind.OTHER))
            await session.flush()
            session.add(
                Person(
                    full_name="X", agency_id=1, role=Role.OFFICIAL, created_at=datetime(2024, 1, 1)
                )
            )
            await session.flush()
