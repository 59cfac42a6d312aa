"""invite attempts

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01

Wrong invite codes counted per chat (``storage.invites``): after a few the
chat must wait between tries, then it is locked for a while.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "invite_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "channel",
            sa.Enum(
                "telegram",
                "zalo",
                "console",
                name="channel",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invite_attempts")),
        sa.UniqueConstraint("channel", "chat_id", name=op.f("uq_invite_attempts_channel_chat_id")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("invite_attempts")
