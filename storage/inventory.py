"""What the store holds, counted (``nhacviec status``)."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.db import Session
from storage.models import Agency, Assignment, Person, Plan, Task


async def store_counts(session: Session) -> dict[str, int]:
    """Agencies, people, plans, live tasks and live assignments."""

    async def count(model, *where) -> int:
        return await session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    return {
        "agencies": await count(Agency),
        "people": await count(Person),
        "plans": await count(Plan),
        "tasks": await count(Task, Task.withdrawn_at.is_(None)),
        "assignments": await count(Assignment, Assignment.withdrawn_at.is_(None)),
    }
