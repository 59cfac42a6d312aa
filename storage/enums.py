"""Vocabulary of the product contract (SPEC.md "Words"), as string enums."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OFFICIAL = "official"
    LEADER = "leader"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class AgencyKind(StrEnum):
    PROVINCE = "province"
    PROVINCIAL_AGENCY = "provincial_agency"
    DISTRICT = "district"
    COMMUNE = "commune"
    OTHER = "other"


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"
    EXTENSION_REQUESTED = "extension_requested"


OPEN_STATUSES = frozenset(s for s in Status if s is not Status.DONE)


class NudgeState(StrEnum):
    PLANNED = "planned"
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


class ExtensionState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"  # the official asked again before a decision
    CLOSED = "closed"  # decided after the assignment was done or withdrawn: nothing changed


class Channel(StrEnum):
    TELEGRAM = "telegram"
    ZALO = "zalo"
    CONSOLE = "console"


class Awaiting(StrEnum):
    """What a chat's open question waits for (``bot.inbound.questions`` draws the states)."""

    PERCENT = "percent"
    REASON = "reason"
    DATE = "date"
    REJECT_REASON = "reject_reason"
    READING = "reading"  # an unsure reply was asked about: the next text is read again
