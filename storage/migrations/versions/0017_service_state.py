"""service_state: what the running service last said about itself

Revision ID: s5_obs
Revises: s5_plans
Create Date: 2026-12-02

The last sweep and the channels' state, written by ``nhacviec run`` and read by
its ``/healthz`` and by ``nhacviec status`` in another process.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s5_obs"
down_revision: str | Sequence[str] | None = "s5_plans"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "service_state",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("service_state")
