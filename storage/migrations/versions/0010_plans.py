"""people: e-mail and when deactivated

Revision ID: s4_plans
Revises: 0009
Create Date: 2026-12-02

The people file's e-mail column (Vietnamese "Email" / "Thư điện tử") is kept,
and a deactivated person records when (``nhacviec deactivate``, or
``import-people --deactivate-missing``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s4_plans"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("email", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("deactivated_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("people") as batch:
        batch.drop_column("deactivated_at")
        batch.drop_column("email")
