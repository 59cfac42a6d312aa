"""options bound to their message

Revision ID: s4_replies
Revises: s4_decisions
Create Date: 2026-12-02

Button tokens know their menu (the options of one message), the history row the
assignment had when they were shown, and when they were answered or replaced
(``storage.tokens``); the numbered options a chat without buttons was shown last
are kept, so a typed number presses them after a restart (``storage.choices_menus``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s4_replies"
down_revision: str | Sequence[str] | None = "s4_decisions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "numbered_menus",
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=False),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("shown_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "chat_id", name=op.f("pk_numbered_menus")),
    )
    with op.batch_alter_table("choice_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("menu", sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column("seen_update_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_choice_tokens_menu"), ["menu"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("choice_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_choice_tokens_menu"))
        batch_op.drop_column("closed_at")
        batch_op.drop_column("seen_update_id")
        batch_op.drop_column("menu")
    op.drop_table("numbered_menus")
