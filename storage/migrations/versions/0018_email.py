"""e-mail: invites shown in e-mails, copies of escalations

Revision ID: s6_mail
Revises: s5_obs
Create Date: 2026-12-02

An invite made for the e-mails of a person with no linked chat keeps its code
(``invites.mail_code``), so every e-mail shows the same one until it expires. An
escalation sent in chat is copied by e-mail to its leader and the coordinators
when configured: one ledger row per (nudge, recipient) (``email_copies``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "s6_mail"
down_revision: str | Sequence[str] | None = "s5_obs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATES = ("planned", "claimed", "sent", "failed", "skipped")


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "email_copies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nudge_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                *STATES,
                name="email_copy_state",
                native_enum=False,
                create_constraint=True,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("available_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["nudge_id"],
            ["nudges.id"],
            name=op.f("fk_email_copies_nudge_id_nudges"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"], ["people.id"], name=op.f("fk_email_copies_person_id_people")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_email_copies")),
        sa.UniqueConstraint(
            "nudge_id", "person_id", name=op.f("uq_email_copies_nudge_id_person_id")
        ),
    )
    op.create_index("ix_email_copies_due", "email_copies", ["state", "available_at"])
    op.create_index(op.f("ix_email_copies_person_id"), "email_copies", ["person_id"])
    with op.batch_alter_table("invites") as batch_op:
        batch_op.add_column(sa.Column("mail_code", sa.String(length=64), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("invites") as batch_op:
        batch_op.drop_column("mail_code")
    op.drop_index(op.f("ix_email_copies_person_id"), table_name="email_copies")
    op.drop_index("ix_email_copies_due", table_name="email_copies")
    op.drop_table("email_copies")
