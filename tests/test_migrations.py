from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

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


async def test_the_group_number_is_filled_in_for_assignments_made_before_it(empty_db):
    await upgrade(empty_db.engine, "0005")
    async with empty_db.engine.begin() as conn:
        for sql in (
            "INSERT INTO agencies (id, name, short_code, kind)"
            " VALUES (1, 'Sở Tư pháp', 'stp', 'provincial_agency')",
            "INSERT INTO plans (id, year, title, source_name, imported_at)"
            " VALUES (1, 2024, 'Kế hoạch', '', '2024-01-02 00:00:00')",
            "INSERT INTO task_groups (id, plan_id, number, name) VALUES (5, 1, 4, 'Nhóm 4')",
            "INSERT INTO tasks (id, plan_id, group_id, code, title, lead_label, deliverable,"
            " deadline) VALUES (9, 1, 5, '4.2', 'Việc', 'Sở Tư pháp', '', '2024-06-30')",
            "INSERT INTO assignments (plan_id, task_id, agency_id, period, code, status, percent,"
            " status_note) VALUES (1, 9, 1, '', '4.2', 'not_started', 0, '')",
        ):
            await conn.execute(text(sql))
    await upgrade(empty_db.engine)
    async with empty_db.engine.connect() as conn:
        assert (await conn.execute(text("SELECT group_number FROM assignments"))).all() == [(4,)]
