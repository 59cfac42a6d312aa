"""group number on assignments

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27

The task's group number kept on each assignment (filled here for the rows there
are, by the import from now on), and the roll-up index in group order that
replaces the one in task order: /tonghop counts by group and agency in one walk
of one index, with no join per row and no sort. The inbox gets an index for each
of the two questions the dispatcher's periodic recovery asks (not processed,
answers not sent) instead of one led by the channel, which neither asks about.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLLUP = ["status", "deadline", "done_at", "withdrawn_at"]


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_number", sa.SmallInteger(), nullable=True))
    op.execute(
        "UPDATE assignments SET group_number = ("
        " SELECT task_groups.number FROM tasks"
        " JOIN task_groups ON task_groups.id = tasks.group_id"
        " WHERE tasks.id = assignments.task_id)"
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_rollup_task")
        batch_op.create_index(
            "ix_assignments_rollup_group", ["group_number", "agency_id", *ROLLUP, "task_id"]
        )
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_messages_pending")
        batch_op.create_index("ix_inbound_messages_unprocessed", ["processed_at"])
        batch_op.create_index("ix_inbound_messages_unsent", ["replies_sent_at"])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("inbound_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_inbound_messages_unsent")
        batch_op.drop_index("ix_inbound_messages_unprocessed")
        batch_op.create_index("ix_inbound_messages_pending", ["channel", "processed_at"])
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_assignments_rollup_group")
        batch_op.create_index("ix_assignments_rollup_task", ["task_id", "agency_id", *ROLLUP])
        batch_op.drop_column("group_number")
