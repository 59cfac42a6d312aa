"""Evidence files (tài liệu kiểm chứng) sent in chat: recorded, listed, counted.

The bytes live in ``NHACVIEC_EVIDENCE_DIR`` (written by the channel that
received them); a row says which assignment, who, when, what type and size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from storage.db import Session
from storage.models import EvidenceFile


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
