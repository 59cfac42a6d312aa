"""Evidence files (tài liệu kiểm chứng) sent in chat: recorded, listed, counted.

The bytes live in ``NHACVIEC_EVIDENCE_DIR`` (written by the channel that
received them); a row says which assignment, who, when, what type and size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from storage.db import Session
from storage.models import Agency, Assignment, EvidenceFile, Task


@dataclass(frozen=True)
class NewEvidence:
    person_id: int
    channel: str
    message_ref: str | None
    kind: str  # photo | document | voice
    filename: str
    path: str
    content_type: str
    size: int
    received_at: datetime


async def add_evidence(
    session: Session, assignment_id: int | None, new: NewEvidence
) -> EvidenceFile:
    """Record one file; ``assignment_id`` None: kept, matching no assignment yet."""
    row = EvidenceFile(
        assignment_id=assignment_id,
        person_id=new.person_id,
        channel=new.channel,
        message_ref=new.message_ref,
        kind=new.kind,
        filename=new.filename,
        path=new.path,
        content_type=new.content_type,
        size=new.size,
        received_at=new.received_at,
    )
    session.add(row)
    await session.flush()
    return row


async def for_assignment(session: Session, assignment_id: int) -> list[EvidenceFile]:
    """The assignment's files with their senders, oldest first."""
    query = (
        select(EvidenceFile)
        .options(selectinload(EvidenceFile.person))
        .where(EvidenceFile.assignment_id == assignment_id)
        .order_by(EvidenceFile.received_at, EvidenceFile.id)
    )
    return list((await session.scalars(query)).all())


async def names_by_assignment(
    session: Session, assignment_ids: Collection[int] | None = None
) -> dict[int, list[str]]:
    """assignment id → the names of its files, oldest first (every assignment: None)."""
    query = select(EvidenceFile.assignment_id, EvidenceFile.filename).where(
        EvidenceFile.assignment_id.is_not(None)
    )
    if assignment_ids is not None:
        query = query.where(EvidenceFile.assignment_id.in_(list(assignment_ids)))
    query = query.order_by(EvidenceFile.received_at, EvidenceFile.id)
    names: dict[int, list[str]] = defaultdict(list)
    for assignment_id, filename in (await session.execute(query)).all():
        if assignment_id is not None:
            names[assignment_id].append(filename)
    return dict(names)


async def by_id(session: Session, evidence_id: int) -> EvidenceFile | None:
    return await session.get(EvidenceFile, evidence_id)


async def attach(session: Session, evidence: EvidenceFile, assignment_id: int) -> None:
    """A file kept without an assignment is now that assignment's (the sender chose)."""
    evidence.assignment_id = assignment_id
    await session.flush()


async def latest_of_person(
    session: Session, person_id: int, since: datetime
) -> EvidenceFile | None:
    """The person's latest file matched to an assignment, received at ``since`` or later
    (the next file of a series goes with it)."""
    query = (
        select(EvidenceFile)
        .where(
            EvidenceFile.person_id == person_id,
            EvidenceFile.assignment_id.is_not(None),
            EvidenceFile.received_at >= since,
        )
        .order_by(EvidenceFile.received_at.desc(), EvidenceFile.id.desc())
        .limit(1)
    )
    return await session.scalar(query)


async def for_code(
    session: Session,
    task_code: str,
    *,
    agency_id: int | None = None,
    agency_short_code: str | None = None,
    period: str | None = None,
) -> list[tuple[EvidenceFile, Assignment]]:
    """The files of the live assignments of task ``task_code`` (one agency's, one
    period's, where given), with their assignment and sender, oldest first."""
    query = (
        select(EvidenceFile, Assignment)
        .join(Assignment, Assignment.id == EvidenceFile.assignment_id)
        .join(Task, Task.id == Assignment.task_id)
        .options(selectinload(EvidenceFile.person), joinedload(Assignment.agency))
        .where(
            Task.code == task_code,
            Task.withdrawn_at.is_(None),
            Assignment.withdrawn_at.is_(None),
        )
        .order_by(EvidenceFile.received_at, EvidenceFile.id)
    )
    if agency_id is not None:
        query = query.where(Assignment.agency_id == agency_id)
    if agency_short_code is not None:
        query = query.join(Agency, Agency.id == Assignment.agency_id).where(
            func.lower(Agency.short_code) == agency_short_code.lower()
        )
    if period is not None:
        query = query.where(func.lower(Assignment.period) == period.lower())
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]


async def count_by_assignment(session: Session) -> dict[int, int]:
    """assignment id → how many files it has (assignments with none are absent)."""
    query = (
        select(EvidenceFile.assignment_id, func.count())
        .where(EvidenceFile.assignment_id.is_not(None))
        .group_by(EvidenceFile.assignment_id)
    )
    return {aid: n for aid, n in (await session.execute(query)).all() if aid is not None}
