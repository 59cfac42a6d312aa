"""roll-up indexes on assignments

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27

Two covering indexes for the status roll-ups (storage/summary.py): every column
the counts read, so SQLite walks an index in agency or task order instead of
visiting 100,000 table rows at random and sorting them.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLLUP = ["status", "deadline", "done_at", "withdrawn_at"]


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index("ix_assignments_rollup_agency", ["agency_id", "task_id", *ROLLUP])
        batch_op.create_index("ix_assignments_rollup_task", ["task_id", "agency_id", *ROLLUP])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_rollup_task")
        batch_op.drop_index("ix_assignments_rollup_agency")
