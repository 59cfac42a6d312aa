"""plans as scopes, agency lifecycle

Revision ID: s5_plans
Revises: s4_checkin
Create Date: 2026-12-02

A plan has its decision, issuing body and a closed date (``storage.plans``). An
agency is ended from a date, with its successor when merged; its former names are
kept (``agency_names``) for the reports of their time. A short code is unique
among the agencies in being only (a partial index, on both databases), so an
abolished body's code can be reused. A collective's member that joined it mid-way
has its day. An assignment withdrawn by a merger says why. ``plan_id`` joins the
covering roll-up indexes: a plan scope is read there.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s5_plans"
down_revision: str | Sequence[str] | None = "s4_checkin"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLLUP = ["status", "deadline", "done_at", "withdrawn_at"]
ACTIVE = sa.text("ended_on IS NULL")


def _rollup_indexes(batch_op, extra: list[str]) -> None:
    batch_op.create_index("ix_assignments_rollup_agency", ["agency_id", "task_id", *ROLLUP, *extra])
    batch_op.create_index(
        "ix_assignments_rollup_group", ["group_number", "agency_id", *ROLLUP, *extra, "task_id"]
    )


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def _foreign_keys(on: bool) -> None:
    """SQLite cannot drop a unique constraint: batch mode rebuilds ``agencies``, which
    other tables point at, so foreign keys are off meanwhile (the SQLite way).

    The pragma is a no-op inside a transaction, and the one open is the caller's
    (``storage.migrate``), not Alembic's: the work so far is committed on the
    driver's connection first, as Alembic's own ``autocommit_block`` would.
    """
    raw = op.get_bind().connection.dbapi_connection
    assert raw is not None
    raw.commit()
    cursor = raw.cursor()
    cursor.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    cursor.close()
    if on:
        cursor = raw.cursor()
        cursor.execute("PRAGMA foreign_key_check")
        broken = cursor.fetchall()
        cursor.close()
        assert not broken, f"agencies rebuilt with broken references: {broken[:5]}"


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("plans") as batch_op:
        batch_op.add_column(
            sa.Column("decision", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("issuer", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    if _sqlite():
        _foreign_keys(False)
    with op.batch_alter_table("agencies") as batch_op:
        batch_op.drop_constraint("uq_agencies_short_code", type_="unique")
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("successor_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("end_note", sa.Text(), nullable=False, server_default=""))
        batch_op.create_foreign_key(
            op.f("fk_agencies_successor_id_agencies"), "agencies", ["successor_id"], ["id"]
        )
    if _sqlite():
        _foreign_keys(True)
    op.create_index(
        "uq_agencies_short_code_active",
        "agencies",
        ["short_code"],
        unique=True,
        sqlite_where=ACTIVE,
        postgresql_where=ACTIVE,
    )
    op.create_table(
        "agency_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_agency_names_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_names")),
    )
    op.create_index(op.f("ix_agency_names_agency_id"), "agency_names", ["agency_id"])
    with op.batch_alter_table("collective_members") as batch_op:
        batch_op.add_column(sa.Column("joined_on", sa.Date(), nullable=True))
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.add_column(
            sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default="")
        )
        batch_op.drop_index("ix_assignments_rollup_agency")
        batch_op.drop_index("ix_assignments_rollup_group")
        _rollup_indexes(batch_op, ["plan_id"])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("assignments") as batch_op:
        batch_op.drop_index("ix_assignments_rollup_group")
        batch_op.drop_index("ix_assignments_rollup_agency")
        _rollup_indexes(batch_op, [])
        batch_op.drop_column("withdrawn_reason")
    with op.batch_alter_table("collective_members") as batch_op:
        batch_op.drop_column("joined_on")
    op.drop_index(op.f("ix_agency_names_agency_id"), table_name="agency_names")
    op.drop_table("agency_names")
    op.drop_index("uq_agencies_short_code_active", table_name="agencies")
    if _sqlite():
        _foreign_keys(False)
    with op.batch_alter_table("agencies") as batch_op:
        batch_op.drop_constraint(op.f("fk_agencies_successor_id_agencies"), type_="foreignkey")
        batch_op.drop_column("end_note")
        batch_op.drop_column("successor_id")
        batch_op.drop_column("ended_on")
        batch_op.create_unique_constraint("uq_agencies_short_code", ["short_code"])
    if _sqlite():
        _foreign_keys(True)
    with op.batch_alter_table("plans") as batch_op:
        batch_op.drop_column("closed_at")
        batch_op.drop_column("issuer")
        batch_op.drop_column("decision")
