from __future__ import annotations

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from storage.migrate import alembic_config, current_revision, head_revision, upgrade
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


async def _downgrade(engine, revision: str) -> None:
    config = alembic_config()

    def run(connection) -> None:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


async def test_open_rejection_questions_get_the_request_they_are_about(empty_db):
    await upgrade(empty_db.engine, "0006")
    now = "'2024-03-20 02:00:00'"
    async with empty_db.engine.begin() as conn:
        for sql in (
            "INSERT INTO agencies (id, name, short_code, kind)"
            " VALUES (1, 'Sở Tư pháp', 'stp', 'provincial_agency')",
            "INSERT INTO people (id, full_name, title, agency_id, role, active, created_at) VALUES"
            f" (1, 'Hoàng Thu Hà', '', 1, 'official', true, {now}),"
            f" (2, 'Vũ Thanh Loan', '', 1, 'coordinator', true, {now}),"
            f" (3, 'Trần Văn Bình', '', 1, 'coordinator', true, {now})",
            "INSERT INTO chat_links (id, person_id, channel, chat_id, linked_at) VALUES"
            f" (1, 2, 'console', 'c2', {now}), (2, 3, 'console', 'c3', {now}),"
            f" (3, 1, 'console', 'c1', {now})",
            "INSERT INTO plans (id, year, title, source_name, imported_at)"
            f" VALUES (1, 2024, 'Kế hoạch', '', {now})",
            "INSERT INTO task_groups (id, plan_id, number, name) VALUES (5, 1, 2, 'Nhóm 2')",
            "INSERT INTO tasks (id, plan_id, group_id, code, title, lead_label, deliverable,"
            " deadline) VALUES (9, 1, 5, '2.1', 'Việc', 'Sở Tư pháp', '', '2024-03-29'),"
            " (10, 1, 5, '2.2', 'Việc khác', 'Sở Tư pháp', '', '2024-03-29')",
            "INSERT INTO assignments (id, plan_id, task_id, agency_id, period, code, status,"
            " percent, status_note, group_number) VALUES"
            " (1, 1, 9, 1, '', '2.1', 'extension_requested', 0, '', 2),"
            " (2, 1, 10, 1, '', '2.2', 'in_progress', 0, '', 2)",
            "INSERT INTO extension_requests (id, assignment_id, requested_by_id,"
            " requested_deadline, reason, state, created_at, decision_note) VALUES"
            f" (7, 1, 1, '2024-04-30', '', 'pending', {now}, ''),"
            f" (8, 2, 1, '2024-04-30', '', 'approved', {now}, '')",
            # One coordinator was asked why 2.1 is rejected, the other about 2.2, which
            # was approved since; the official was asked for a percent.
            "INSERT INTO pending_questions (chat_link_id, assignment_id, awaiting, created_at)"
            f" VALUES (1, 1, 'reject_reason', {now}), (2, 2, 'reject_reason', {now}),"
            f" (3, 2, 'percent', {now})",
        ):
            await conn.execute(text(sql))
    await upgrade(empty_db.engine)
    assert await _rows(
        empty_db.engine,
        "SELECT chat_link_id, awaiting, extension_request_id FROM pending_questions"
        " ORDER BY chat_link_id",
    ) == [(1, "reject_reason", 7), (3, "percent", None)]
    for bad in (
        f"(2, 1, 'reject_reason', NULL, {now})",  # a rejection about no request
        f"(2, 1, 'percent', 7, {now})",  # a percent about a request
        f"(2, 1, 'later', NULL, {now})",  # a state the bot never asks
    ):
        with pytest.raises(IntegrityError, match=r"(?i)check"):
            async with empty_db.engine.begin() as conn:
                await conn.execute(
                    text(
                        "INSERT INTO pending_questions (chat_link_id, assignment_id, awaiting,"
                        f" extension_request_id, created_at) VALUES {bad}"
                    )
                )


async def test_the_question_states_migration_goes_down_and_up_again(empty_db):
    await upgrade(empty_db.engine)
    await _downgrade(empty_db.engine, "0006")
    async with empty_db.engine.connect() as conn:
        columns = await conn.run_sync(
            lambda c: {col["name"] for col in inspect(c).get_columns("pending_questions")}
        )
    assert "extension_request_id" not in columns
    await upgrade(empty_db.engine)
    assert await current_revision(empty_db.engine) == head_revision()
