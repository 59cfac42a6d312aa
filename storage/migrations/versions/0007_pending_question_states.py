"""pending question states and the request a rejection is about

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01

A pending question's ``awaiting`` is checked against the closed set of states
(``storage.enums.Awaiting``), and a question for a rejection reason names the
extension request it is about: before, the reason typed was applied to the
assignment's latest pending request, whichever the coordinator had pressed
«Từ chối» on. Open rejection questions are given that request here; one whose
request was decided meanwhile (answering it said "no pending request") is
dropped, as is any question in a state the bot never asks.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = "'percent', 'reason', 'date', 'reject_reason'"
REQUEST_FK = "fk_pending_questions_extension_request_id_extension_requests"


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("pending_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extension_request_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f(REQUEST_FK),
            "extension_requests",
            ["extension_request_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.execute(
        "UPDATE pending_questions SET extension_request_id = ("
        " SELECT max(extension_requests.id) FROM extension_requests"
        " WHERE extension_requests.assignment_id = pending_questions.assignment_id"
        " AND extension_requests.state = 'pending')"
        " WHERE awaiting = 'reject_reason'"
    )
    op.execute(
        f"DELETE FROM pending_questions WHERE awaiting NOT IN ({STATES})"
        " OR (awaiting = 'reject_reason' AND extension_request_id IS NULL)"
    )
    with op.batch_alter_table("pending_questions", schema=None) as batch_op:
        batch_op.alter_column(
            "awaiting", existing_type=sa.String(length=20), type_=sa.String(length=24)
        )
        batch_op.create_check_constraint(
            op.f("ck_pending_questions_awaiting"),
            f"awaiting IN ({STATES})",
        )
        batch_op.create_check_constraint(
            op.f("ck_pending_questions_request_iff_reject_reason"),
            "(awaiting = 'reject_reason') = (extension_request_id IS NOT NULL)",
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("pending_questions", schema=None) as batch_op:
        batch_op.drop_constraint(
            op.f("ck_pending_questions_request_iff_reject_reason"), type_="check"
        )
        batch_op.drop_constraint(op.f("ck_pending_questions_awaiting"), type_="check")
        batch_op.alter_column(
            "awaiting", existing_type=sa.String(length=24), type_=sa.String(length=20)
        )
        batch_op.drop_constraint(op.f(REQUEST_FK), type_="foreignkey")
        batch_op.drop_column("extension_request_id")
