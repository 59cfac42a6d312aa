"""SQLAlchemy models: the store's tables.

Every instant is an aware UTC datetime (``UTCDateTime``); calendar dates such
as deadlines are plain ``date`` values in the province's local calendar.
Model methods never commit: a unit of work (``storage.db.unit_of_work``) does.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from storage.enums import (
    AgencyKind,
    Awaiting,
    Channel,
    ExtensionState,
    NudgeState,
    Role,
    Status,
)
from storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _enum(cls, name: str) -> Enum:
    # Stored as checked VARCHAR, not a native PostgreSQL enum: adding a value
    # later is a plain migration on both backends.
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda e: [m.value for m in e],
        validate_strings=True,
    )


_ACTIVE_AGENCY = text("ended_on IS NULL")


class Agency(Base):
    """A body that can lead or cooperate on a task; ``parent`` builds the hierarchy.

    An agency is ended (``ended_on``, the first day it no longer exists), never
    deleted: its history stays reportable. A short code is unique among the
    agencies still in being only, so a code of an abolished body can be reused.
    """

    __tablename__ = "agencies"
    __table_args__ = (
        Index(
            "uq_agencies_short_code_active",
            "short_code",
            unique=True,
            sqlite_where=_ACTIVE_AGENCY,
            postgresql_where=_ACTIVE_AGENCY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[AgencyKind] = mapped_column(_enum(AgencyKind, "agency_kind"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    ended_on: Mapped[date | None] = mapped_column(Date)
    successor_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    end_note: Mapped[str] = mapped_column(Text, default="")

    parent: Mapped[Agency | None] = relationship(remote_side=[id], foreign_keys=[parent_id])


class AgencyName(Base):
    """A name an agency had before it was renamed: in force until ``until`` (exclusive).

    Reports of a plan show the name of the plan's time (``storage.agencies``).
    """

    __tablename__ = "agency_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    until: Mapped[date] = mapped_column(Date)


collective_members = Table(
    "collective_members",
    Base.metadata,
    Column("collective_id", ForeignKey("collectives.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True),
    # The day a member joined a collective that already existed (the import that added
    # it); NULL for a founding member. A plan assigns it no period due before it joined.
    Column("joined_on", Date, nullable=True),
)


class Collective(Base):
    """A label a plan may name instead of one agency ("UBND các huyện, thành phố")."""

    __tablename__ = "collectives"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), unique=True)

    members: Mapped[list[Agency]] = relationship(secondary=collective_members)


class Person(Base):
    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("agency_id", "full_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    phone: Mapped[str | None] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # The channel chosen with /kenh; None: the most recently used one.
    preferred_channel: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    agency: Mapped[Agency] = relationship()


class ChatLink(Base):
    """One chat on one channel linked to a person (a person may have several)."""

    __tablename__ = "chat_links"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel"))
    chat_id: Mapped[str] = mapped_column(String(64))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_active_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unreachable_since: Mapped[datetime | None] = mapped_column(UTCDateTime())
    unreachable_reason: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship()


class Invite(Base):
    """A one-time code, kept only as its SHA-256; one live invite per person.

    ``mail_code``: the code itself, only for an invite made to be shown in e-mails to a
    person with no linked chat (``storage.invites.mail_invite``), so that every e-mail
    until it expires shows the same code; cleared once used. An operator's invite
    (``nhacviec invite``) keeps no code.
    """

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    mail_code: Mapped[str | None] = mapped_column(String(64))

    person: Mapped[Person] = relationship()


class InviteAttempt(Base):
    """Wrong invite codes typed in one chat (``storage.invites``): slowed, then locked."""

    __tablename__ = "invite_attempts"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[Channel] = mapped_column(_enum(Channel, "channel"))
    chat_id: Mapped[str] = mapped_column(String(64))
    failures: Mapped[int] = mapped_column(default=0)
    last_failed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Plan(Base):
    """One annual plan; re-imports of the same year update it in place.

    ``title`` is the plan's name; ``decision`` the number of the decision that issued
    it ("617/QĐ-UBND") and ``issuer`` the issuing body. A closed plan (``closed_at``)
    is history: no nudges, no updates, still reportable (``storage.plans``).
    """

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    source_name: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decision: Mapped[str] = mapped_column(String(100), default="")
    issuer: Mapped[str] = mapped_column(String(200), default="")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TaskGroup(Base):
    __tablename__ = "task_groups"
    __table_args__ = (
        UniqueConstraint("plan_id", "number"),
        CheckConstraint("number BETWEEN 1 AND 7", name="number_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))


task_cooperators = Table(
    "task_cooperators",
    Base.metadata,
    Column("task_id", ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True),
)


class Task(Base):
    """A row of the plan. ``withdrawn_at`` is set when a re-import no longer has it."""

    __tablename__ = "tasks"
    __table_args__ = (
        UniqueConstraint("plan_id", "code"),
        CheckConstraint(
            "(deadline IS NULL) <> (recurrence IS NULL)", name="deadline_xor_recurrence"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    group_id: Mapped[int] = mapped_column(ForeignKey("task_groups.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    lead_label: Mapped[str] = mapped_column(String(200))
    deliverable: Mapped[str] = mapped_column(String(200), default="")
    deadline: Mapped[date | None] = mapped_column(Date)
    recurrence: Mapped[str | None] = mapped_column(String(100))
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    group: Mapped[TaskGroup] = relationship()
    cooperators: Mapped[list[Agency]] = relationship(secondary=task_cooperators)


# plan_id last: a plan scope is checked in the index too, which stays covering.
_ROLLUP = ("status", "deadline", "done_at", "withdrawn_at", "plan_id")


class Assignment(Base):
    """One agency's duty to deliver one task by one deadline (SPEC.md "assignment").

    ``period`` is empty for a one-off task and names the period of a recurring
    one (``2024-Q2``, ``2024-03``, ``2024-06-10``). ``deadline`` is the one in
    force (moved by approved extensions); ``plan_deadline`` is what the plan
    says. Both are NULL for a continuous duty.
    """

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("task_id", "agency_id", "period"),
        UniqueConstraint("plan_id", "code"),
        CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
        Index("ix_assignments_open_deadline", "status", "deadline"),
        # Covering indexes of the status roll-ups (storage/summary.py), in agency
        # and in group order: SQLite counts without visiting the table or sorting.
        Index("ix_assignments_rollup_agency", "agency_id", "task_id", *_ROLLUP),
        Index("ix_assignments_rollup_group", "group_number", "agency_id", *_ROLLUP, "task_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    # The task's group number (1-7), kept here by the import so that the roll-ups by
    # group read one index instead of joining tasks and groups for every row.
    group_number: Mapped[int | None] = mapped_column(SmallInteger)
    period: Mapped[str] = mapped_column(String(20), default="")
    code: Mapped[str] = mapped_column(String(80))
    plan_deadline: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[Status] = mapped_column(_enum(Status, "status"), default=Status.NOT_STARTED)
    # The progress percent; 0 while in progress or blocked means none was said (a new
    # status said without a percent never carries the last one's, issue 12).
    percent: Mapped[int] = mapped_column(Integer, default=0)
    status_note: Mapped[str] = mapped_column(Text, default="")
    document_ref: Mapped[str | None] = mapped_column(String(300))  # số/ký hiệu of the result
    focal_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Why it was withdrawn when not by the plan file: its agency merged or ended.
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")

    task: Mapped[Task] = relationship()
    agency: Mapped[Agency] = relationship()
    focal_person: Mapped[Person | None] = relationship(foreign_keys=[focal_person_id])
    updated_by: Mapped[Person | None] = relationship(foreign_keys=[updated_by_id])
    # "Nhắc lại sau": no nudge about it before this local day (issue 11); not an update.
    snoozed_until: Mapped[date | None] = mapped_column(Date)


class ProgressUpdate(Base):
    """Append-only history of what was recorded on an assignment, by whom, from where."""

    __tablename__ = "progress_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    status: Mapped[Status] = mapped_column(_enum(Status, "status"))
    percent: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(40), default="chat")
    channel: Mapped[str | None] = mapped_column(String(20))
    message_ref: Mapped[str | None] = mapped_column(String(100))
    completed_on: Mapped[date | None] = mapped_column(Date)  # a done reply's completion day
    document_ref: Mapped[str | None] = mapped_column(String(300))  # số/ký hiệu written
    # What undoing this update restores (JSON of the assignment's fields before it),
    # and when it was undone; an undo is itself a row with source "undo".
    previous: Mapped[str | None] = mapped_column(Text)
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Nudge(Base):
    """The ledger: one reminder to one person about one assignment, of one kind.

    Unique per (assignment, person, kind, for_deadline): ``for_deadline`` is the
    deadline the nudge was planned against, so an approved extension plans a
    fresh series while the history of the old one stays. ``available_at`` is
    when the sweep may take it next: the due time when planned, the retry time
    after a failure, the lease expiry while claimed; NULL when final.
    """

    __tablename__ = "nudges"
    __table_args__ = (
        UniqueConstraint("assignment_id", "person_id", "kind", "for_deadline"),
        Index("ix_nudges_state_available_at", "state", "available_at"),
        Index("ix_nudges_message", "channel", "chat_id", "message_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    for_deadline: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    state: Mapped[NudgeState] = mapped_column(
        _enum(NudgeState, "nudge_state"), default=NudgeState.PLANNED
    )
    available_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    channel: Mapped[str | None] = mapped_column(String(20))
    message_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    skip_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    assignment: Mapped[Assignment] = relationship()
    person: Mapped[Person] = relationship()
    # Which message carried it (issue 11): a check-in lists several nudges; each row
    # keeps the chat and its place in that message (1-based), with channel/message_id.
    chat_id: Mapped[str | None] = mapped_column(String(64))
    position: Mapped[int | None] = mapped_column(SmallInteger)


class ExtensionRequest(Base):
    __tablename__ = "extension_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignments.id", ondelete="CASCADE"), index=True
    )
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    previous_deadline: Mapped[date | None] = mapped_column(Date)
    requested_deadline: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ExtensionState] = mapped_column(
        _enum(ExtensionState, "extension_state"), default=ExtensionState.PENDING
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decision_note: Mapped[str] = mapped_column(Text, default="")

    assignment: Mapped[Assignment] = relationship()


class DigestRun(Base):
    """One coordinators' digest of one kind for one local day: made at most once.

    The unique key lets several service instances, or a restart, try the same
    digest without sending it twice.
    """

    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("kind", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # daily | weekly
    day: Mapped[date] = mapped_column(Date)
    since: Mapped[datetime] = mapped_column(UTCDateTime())  # the window the digest covers
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)


class InboundMessage(Base):
    """Every incoming update, stored before the platform is told it arrived.

    Processing marks ``processed_at`` in the same transaction as its effects
    and keeps the answers in ``replies`` (JSON), sent afterwards and marked with
    ``replies_sent_at``: after a crash at any point an update is processed
    once, and its answers are sent (again only if they were not yet).
    """

    __tablename__ = "inbound_messages"
    __table_args__ = (
        UniqueConstraint("channel", "update_key"),
        # What ``recover`` looks for now and again: not processed, answers not sent.
        Index("ix_inbound_messages_unprocessed", "processed_at"),
        Index("ix_inbound_messages_unsent", "replies_sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    update_key: Mapped[str] = mapped_column(String(64))
    chat_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)  # the Incoming, as JSON
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replies: Mapped[str | None] = mapped_column(Text)  # JSON list of outgoing messages
    replies_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error: Mapped[str | None] = mapped_column(Text)


class ChoiceToken(Base):
    """The opaque id behind a button: who may press it, for which assignment."""

    __tablename__ = "choice_tokens"

    token: Mapped[str] = mapped_column(String(24), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    nudge_id: Mapped[int | None] = mapped_column(ForeignKey("nudges.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reading: Mapped[str | None] = mapped_column(Text)  # JSON: what a reply said, when asked
    # The tokens of one message's options share a menu: answering one closes them all.
    menu: Mapped[str | None] = mapped_column(String(24), index=True)
    # The assignment's latest history row when the options were shown: a press after a
    # newer one is stale (the message no longer shows the state it acts on).
    seen_update_id: Mapped[int | None] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # answered or replaced


class PendingQuestion(Base):
    """What the bot asked a chat and waits for: at most one per chat (``storage.questions``).

    A rejection reason is asked about one extension request, and only it names one.
    """

    __tablename__ = "pending_questions"
    __table_args__ = (
        CheckConstraint(
            "(awaiting = 'reject_reason') = (extension_request_id IS NOT NULL)",
            name="request_iff_reject_reason",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_link_id: Mapped[int] = mapped_column(
        ForeignKey("chat_links.id", ondelete="CASCADE"), unique=True
    )
    assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id", ondelete="CASCADE"))
    awaiting: Mapped[Awaiting] = mapped_column(_enum(Awaiting, "awaiting"))
    extension_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("extension_requests.id", ondelete="CASCADE")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DigestPart(Base):
    """One recipient's part of a digest run: delivered like a nudge (``storage.digests``).

    Planned with the run (its text rendered then), claimed with a lease, then sent or
    failed (retried at ``available_at``, or for good when that is None). ``recipient``
    is the sink's key for whom it goes to (the chat sink: the person's id).
    """

    __tablename__ = "digest_parts"
    __table_args__ = (
        UniqueConstraint("run_id", "recipient"),
        Index("ix_digest_parts_due", "state", "available_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("digest_runs.id", ondelete="CASCADE"))
    recipient: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)  # the body, under a title made when sent
    state: Mapped[NudgeState] = mapped_column(_enum(NudgeState, "digest_part_state"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    available_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    late: Mapped[bool] = mapped_column(Boolean, default=False)  # sent after its day
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EmailCopy(Base):
    """An e-mail copy of an escalation that went out in chat (``NHACVIEC_EMAIL_ESCALATIONS``,
    ``storage.email_copies``): one row per (escalation nudge, recipient), the leader it
    went to or a coordinator, each with an address. Delivered like a nudge: claimed with a
    lease, sent (a recipient's due rows in one e-mail, its id in ``message_id``), or failed
    (retried at ``available_at``, or for good when that is None)."""

    __tablename__ = "email_copies"
    __table_args__ = (
        UniqueConstraint("nudge_id", "person_id"),
        Index("ix_email_copies_due", "state", "available_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    nudge_id: Mapped[int] = mapped_column(ForeignKey("nudges.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    state: Mapped[NudgeState] = mapped_column(_enum(NudgeState, "email_copy_state"))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    available_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class StrangerChat(Base):
    """A chat that wrote without being linked: refused once per interval, then ignored
    (``storage.strangers``); what it sent is kept in the inbox without its text."""

    __tablename__ = "stranger_chats"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime())  # the last refusal sent
    ignored: Mapped[int] = mapped_column(Integer, default=0)  # messages since, unanswered


class HeavyRequest(Base):
    """A chart or report a person asked for, until it was sent (``storage.heavy``): one
    in flight per person; one older than the lease counts as finished (a crash)."""

    __tablename__ = "heavy_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ExtensionNotice(Base):
    """One coordinator's copy of an extension request: the token its buttons carry and
    the message that showed it, so that a decision is shown on every copy.

    The token names the request, not the assignment: a button pressed on an older
    request never decides a newer one.
    """

    __tablename__ = "extension_notices"

    token: Mapped[str] = mapped_column(String(24), primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("extension_requests.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    channel: Mapped[str] = mapped_column(String(20))
    chat_id: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str | None] = mapped_column(String(64))  # once sent
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class NumberedMenu(Base):
    """The numbered options a chat without buttons was shown last (``storage.choices_menus``):
    a typed number presses one of them, after a restart too; answered, the menu is gone."""

    __tablename__ = "numbered_menus"

    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(64))
    options: Mapped[str] = mapped_column(Text)  # JSON: [[label, data, message id] or null, …]
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EvidenceFile(Base):
    """A file sent in chat as evidence (tài liệu kiểm chứng), downloaded at once.

    ``path`` is where the file was written (absolute, inside ``NHACVIEC_EVIDENCE_DIR``);
    ``filename`` the name shown to people. ``assignment_id`` is NULL while the file
    matches no assignment (kept, not lost: the sender is asked which).
    """

    __tablename__ = "evidence_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assignments.id", ondelete="SET NULL"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    message_ref: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))  # photo | document | voice
    filename: Mapped[str] = mapped_column(String(255))
    path: Mapped[str] = mapped_column(String(1000), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship()


class ServiceState(Base):
    """What the running service last said about itself, for ``/healthz`` and ``nhacviec
    status`` (another process): one row per key ("sweep", "channels"), a JSON value.

    ``updated_at`` is wall-clock time (not the service clock, which may be simulated):
    it says how fresh the row is.
    """

    __tablename__ = "service_state"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
