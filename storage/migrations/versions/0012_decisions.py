"""extension notices; superseded and closed extension requests

Revision ID: s4_decisions
Revises: s4_fair
Create Date: 2026-12-02

Each coordinator's copy of an extension request is kept with the token its
buttons carry and the message that showed it: a decision button acts on the
request it was shown with, and a decision is shown on every copy. A request is
``superseded`` when the official asks again before a decision, ``closed`` when
it is decided after the assignment was done or withdrawn (nothing changes).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s4_decisions"
down_revision: str | Sequence[str] | None = "s4_fair"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATES = "'pending', 'approved', 'rejected'"
NEW_STATES = "'pending', 'approved', 'rejected', 'superseded', 'closed'"
CHECK = "ck_extension_requests_extension_state"


def _states(allowed: str) -> None:
    """Change the states a request may be in. SQLite rebuilds the table for that, and
    dropping the old one cascades to the pending questions that name a request: they
    are kept aside and put back."""
    bind = op.get_bind()
    kept: list = []
    if bind.dialect.name == "sqlite":
        kept = [dict(r._mapping) for r in bind.execute(sa.text("SELECT * FROM pending_questions"))]
    with op.batch_alter_table("extension_requests", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CHECK), type_="check")
        batch_op.create_check_constraint(op.f(CHECK), f"state IN ({allowed})")
    if kept:
        left = {r[0] for r in bind.execute(sa.text("SELECT id FROM pending_questions"))}
        table = sa.table("pending_questions", *(sa.column(k) for k in kept[0]))
        missing = [row for row in kept if row["id"] not in left]
        if missing:
            op.bulk_insert(table, missing)


def upgrade() -> None:
    """Upgrade schema."""
    _states(NEW_STATES)
    op.create_table(
        "extension_notices",
        sa.Column("token", sa.String(length=24), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_extension_notices_person_id_people")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["extension_requests.id"],
            name=op.f("fk_extension_notices_request_id_extension_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_extension_notices")),
    )
    with op.batch_alter_table("extension_notices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_extension_notices_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    """Downgrade schema."""
    op.execute(
        "UPDATE extension_requests SET state = 'rejected' WHERE state IN ('superseded', 'closed')"
    )
    with op.batch_alter_table("extension_notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_extension_notices_request_id"))
    op.drop_table("extension_notices")
    _states(OLD_STATES)
