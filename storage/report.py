"""One row per live assignment, for the coordinators' report (SPEC.md ``nhacviec report``).

The rows are fetched in one joined query and classified in SQL with the same
rules as ``storage.summary``: a done assignment is ``on_time`` or ``late``
(local date of ``done_at`` against the deadline), an open one past its
deadline is ``overdue``, every other one has an empty timeliness. So the
detail rows always add up to the counts of ``status_counts``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import dialect_of
from storage.enums import Status
from storage.models import Agency, Assignment, Person, Task, TaskGroup
from storage.progress import UNDER_WAY
from storage.summary import VIETNAM, done_on_time, in_scope, live_assignments

TIMELINESS = ("on_time", "late", "overdue", "")


@dataclass(frozen=True)
class ReportRow:
    """One live assignment as the report shows it.

    ``deadline`` is the deadline in force (a local date; None for a continuous
    duty); ``updated_at`` is an aware UTC instant (None when never updated);
    ``timeliness`` is one of ``TIMELINESS``.
    """

    assignment_id: int
    assignment: str  # assignment code, e.g. "3.12@dakha" or "1.4#2024-Q2"
    task: str  # task code, e.g. "3.12"
    title: str
    group: int  # 1-7
    agency_id: int
    agency: str  # lead agency name
    deadline: date | None
    status: Status
    timeliness: str
    percent: int | None  # None: under way with no percent said (stored as 0, see the model)
    updated_at: datetime | None
    updated_by: str  # full name of the person who recorded the last update, or ""
    document_ref: str = ""  # số/ký hiệu of the result, when named


def _timeliness(session: AsyncSession, tz: ZoneInfo, today: date):
    is_done = Assignment.status == Status.DONE
    return case(
        (and_(is_done, done_on_time(session, tz, today)), literal("on_time")),
        (is_done, literal("late")),
        (Assignment.deadline < today, literal("overdue")),
        else_=literal(""),
    )


def _bytewise(session: AsyncSession, column):
    # SQLite compares text bytewise; PostgreSQL follows the database's
    # collation, which may ignore punctuation such as "@", "#" and "-".
    if dialect_of(session) == "postgresql":
        return column.collate("C")
    return column


async def report_rows(
    session: AsyncSession,
    today: date,
    *,
    agency_id: int | None = None,
    plan_id: int | None = None,
    tz: ZoneInfo = VIETNAM,
) -> list[ReportRow]:
    """Every live assignment as of the local day ``today``, in plan order.

    Plan order: group number, task code in natural order ("1.2" before
    "1.10": codes are ``G.N``, so shorter sorts first), then assignment code.
    ``agency_id`` keeps one lead agency, ``plan_id`` one plan.
    """
    updater = aliased(Person)
    query = (
        select(
            Assignment.id,
            Assignment.code,
            Task.code.label("task_code"),
            Task.title,
            TaskGroup.number,
            Agency.id.label("agency_id"),
            Agency.name.label("agency_name"),
            Assignment.deadline,
            Assignment.status,
            _timeliness(session, tz, today).label("timeliness"),
            Assignment.percent,
            Assignment.updated_at,
            updater.full_name.label("updated_by"),
            Assignment.document_ref,
        )
        .select_from(Assignment)
        .join(Task, Task.id == Assignment.task_id)
        .join(TaskGroup, TaskGroup.id == Task.group_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .outerjoin(updater, updater.id == Assignment.updated_by_id)
        .where(*live_assignments())
        .order_by(
            TaskGroup.number,
            func.length(Task.code),
            _bytewise(session, Task.code),
            _bytewise(session, Assignment.code),
        )
    )
    query = in_scope(query, agency_id=agency_id, plan_id=plan_id)
    return [
        ReportRow(
            assignment_id=row.id,
            assignment=row.code,
            task=row.task_code,
            title=row.title,
            group=row.number,
            agency_id=row.agency_id,
            agency=row.agency_name,
            deadline=row.deadline,
            status=Status(row.status),
            timeliness=row.timeliness or "",
            percent=_percent_said(Status(row.status), row.percent),
            updated_at=row.updated_at,
            updated_by=row.updated_by or "",
            document_ref=row.document_ref or "",
        )
        for row in (await session.execute(query)).all()
    ]


def _percent_said(status: Status, percent: int) -> int | None:
    """Under way at 0 is under way with no percent said (a 0 % in progress is never recorded,
    issue 12): the report shows none rather than a 0 that reads as "not begun"."""
    return None if percent == 0 and status in UNDER_WAY else percent
