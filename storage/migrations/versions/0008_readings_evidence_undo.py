"""readings asked about, completion dates, document references and undo

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

Issue 12. A progress update keeps
the completion day a done reply gave and the document reference (số/ký hiệu) it named,
which the assignment keeps too; and what undoing it restores (``previous``, JSON) and
when it was undone. A button token keeps the reading of the reply it asks about, and a
chat may wait for a reply to be written again (``awaiting = 'reading'``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATES = "'percent', 'reason', 'date', 'reject_reason'"
NEW_STATES = OLD_STATES + ", 'reading'"


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("document_ref", sa.String(length=300), nullable=True))
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("completed_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("document_ref", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("previous", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("choice_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reading", sa.Text(), nullable=True))
    with op.batch_alter_table("pending_questions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_pending_questions_awaiting"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_pending_questions_awaiting"), f"awaiting IN ({NEW_STATES})"
        )


def downgrade() -> None:
    """Downgrade schema."""
    op.execute("DELETE FROM pending_questions WHERE awaiting = 'reading'")
    with op.batch_alter_table("pending_questions", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_pending_questions_awaiting"), type_="check")
        batch_op.create_check_constraint(
            op.f("ck_pending_questions_awaiting"), f"awaiting IN ({OLD_STATES})"
        )
    with op.batch_alter_table("choice_tokens", schema=None) as batch_op:
        batch_op.drop_column("reading")
    with op.batch_alter_table("progress_updates", schema=None) as batch_op:
        batch_op.drop_column("undone_at")
        batch_op.drop_column("previous")
        batch_op.drop_column("document_ref")
        batch_op.drop_column("completed_on")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_column("document_ref")
