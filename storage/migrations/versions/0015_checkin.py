"""check-in: which message carried each nudge, snoozes

Revision ID: s4_checkin
Revises: s5_zalo
Create Date: 2026-12-02

Issue 11: one check-in message carries several nudges, so each ledger row keeps the
chat and its place in the message (with the channel and message id it already had);
an assignment may be snoozed ("Nhắc lại sau") until a local day.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s4_checkin"
down_revision: str | Sequence[str] | None = "s5_zalo"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("nudges") as batch:
        batch.add_column(sa.Column("chat_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("position", sa.SmallInteger(), nullable=True))
        batch.create_index("ix_nudges_message", ["channel", "chat_id", "message_id"])
    with op.batch_alter_table("assignments") as batch:
        batch.add_column(sa.Column("snoozed_until", sa.Date(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("assignments") as batch:
        batch.drop_column("snoozed_until")
    with op.batch_alter_table("nudges") as batch:
        batch.drop_index("ix_nudges_message")
        batch.drop_column("position")
        batch.drop_column("chat_id")
