from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage.migrate import current_revision, head_revision, upgrade
from storage.models import Base


async def test_upgrade_from_empty_creates_every_table(empty_db):
    assert await current_revision(empty_db.engine) is None
    await upgrade(empty_db.engine)
    assert await current_revision(empty_db.engine) == head_revision()
    async with empty_db.engine.connect() as conn:
        tables = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
    assert set(Base.metadata.tables) <= tables


async def test_upgrade_twice_is_a_no_op(empty_db):
    await upgrade(empty_db.engine)
    await upgrade(empty_db.engine)
    assert await current_revision(empty_db.engine) == head_revision()


async def test_migrations_match_the_models(db):
    """A model change without its migration shows up here as a diff."""
    async with db.engine.connect() as conn:
        diff = await conn.run_sync(
            lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
        )
    assert diff == []
