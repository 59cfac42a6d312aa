"""One row per live assignment, for the coordinators' report (SPEC.md ``nhacviec report``).

Beside them, ``withdrawn_rows``: the work withdrawn from its agency (it left a collective,
merged, or the lead passed on) while the task stays in the plan, when it has a history
(done, updated, or an extension asked), shown apart with the reason and never counted.

The rows are fetched in one joined query and classified in SQL with the same
rules as ``storage.summary`` (``closing`` too): a done assignment is ``on_time`` or ``late``
(local date of ``done_at`` against the deadline), an open one past its
deadline is ``overdue``, every other one has an empty timeliness. So the
detail rows always add up to the counts of ``status_counts``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, exists, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.db import dialect_of
from storage.enums import Status
from storage.evidence import names_by_assignment
from storage.models import (
    Agency,
    Assignment,
    ExtensionRequest,
    Person,
    Plan,
    Task,
    TaskGroup,
    task_cooperators,
)
from storage.progress import UNDER_WAY
from storage.summary import (
    AS_WRITTEN,
    VIETNAM,
    Closing,
    PlanScope,
    done_on_time,
    in_scope,
    live_assignments,
    names_for,
    plan_condition,
)

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
    plan_deadline: date | None = None  # the plan's own deadline (differs once extended)
    deliverable: str = ""  # the product the plan names ("Báo cáo", "Quyết định"...)
    cooperators: str = ""  # cooperating agencies, "; "-separated, in declaration order
    note: str = ""  # the last status note: the obstacle or the extension's reason
    evidence: str = ""  # the document that proves it done (số/ký hiệu), when recorded
    evidence_files: tuple[str, ...] = ()  # names of the evidence files sent in chat
    withdrawn_at: datetime | None = None  # a withdrawn row's withdrawal (aware UTC)
    withdrawn_reason: str = ""  # why, as stored (the office's words)


def _timeliness(session: AsyncSession, tz: ZoneInfo, today: date, closing: Closing):
    is_done = Assignment.status == Status.DONE
    return case(
        (and_(is_done, done_on_time(session, tz, today, closing)), literal("on_time")),
        (is_done, literal("late")),
        (Assignment.deadline < closing.overdue_from(today), literal("overdue")),
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
    plan_id: PlanScope = None,
    tz: ZoneInfo = VIETNAM,
    closing: Closing = AS_WRITTEN,
) -> list[ReportRow]:
    """Every live assignment as of the local day ``today``, in plan order.

    Plan order: group number, task code in natural order ("1.2" before
    "1.10": codes are ``G.N``, so shorter sorts first), then assignment code.
    ``agency_id`` keeps one lead agency, ``plan_id`` one plan.
    """
    query = _rows_query(session, today, tz, closing).where(*live_assignments())
    return await _rows(session, in_scope(query, agency_id=agency_id, plan_id=plan_id), plan_id)


def _has_history():
    """Done, updated at least once, or an extension asked: work the agency did."""
    asked = exists().where(ExtensionRequest.assignment_id == Assignment.id)
    return or_(Assignment.status == Status.DONE, Assignment.updated_at.is_not(None), asked)


async def withdrawn_rows(
    session: AsyncSession,
    today: date,
    *,
    agency_id: int | None = None,
    plan_id: PlanScope = None,
    tz: ZoneInfo = VIETNAM,
    closing: Closing = AS_WRITTEN,
) -> list[ReportRow]:
    """The assignments withdrawn from their agency while the task stays in the plan, with a
    history (``_has_history``), in plan order; their status as it was, never overdue."""
    query = _rows_query(session, today, tz, closing).where(
        Assignment.withdrawn_at.is_not(None), Task.withdrawn_at.is_(None), _has_history()
    )
    query = in_scope(query, agency_id=agency_id, plan_id=plan_id)
    rows = await _rows(session, query, plan_id)
    return [_not_overdue(r) for r in rows]


async def withdrawn_count(
    session: AsyncSession,
    *,
    agency_id: int | None = None,
    group: int | None = None,
    plan_id: PlanScope = None,
) -> int:
    """How many rows ``withdrawn_rows`` would list (of one group too, when given)."""
    query = (
        select(func.count())
        .select_from(Assignment)
        .join(Task, Task.id == Assignment.task_id)
        .where(Assignment.withdrawn_at.is_not(None), Task.withdrawn_at.is_(None), _has_history())
    )
    if group is not None:
        query = query.where(Assignment.group_number == group)
    query = in_scope(query, agency_id=agency_id, plan_id=plan_id)
    return int(await session.scalar(query) or 0)


def _not_overdue(row: ReportRow) -> ReportRow:
    if row.timeliness != "overdue":
        return row
    return replace(row, timeliness="")


def _rows_query(session: AsyncSession, today: date, tz: ZoneInfo, closing: Closing):
    updater = aliased(Person)
    return (
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
            _timeliness(session, tz, today, closing).label("timeliness"),
            Assignment.percent,
            Assignment.updated_at,
            updater.full_name.label("updated_by"),
            Assignment.document_ref,
            Assignment.plan_deadline,
            Task.id.label("task_id"),
            Task.deliverable,
            Assignment.status_note,
            Assignment.withdrawn_at,
            Assignment.withdrawn_reason,
        )
        .select_from(Assignment)
        .join(Task, Task.id == Assignment.task_id)
        .join(TaskGroup, TaskGroup.id == Task.group_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .outerjoin(updater, updater.id == Assignment.updated_by_id)
        .order_by(
            TaskGroup.number,
            func.length(Task.code),
            _bytewise(session, Task.code),
            _bytewise(session, Assignment.code),
        )
    )


async def _rows(session: AsyncSession, query, plan_id: PlanScope) -> list[ReportRow]:
    result = (await session.execute(query)).all()
    helpers = await _cooperators(session, plan_id)
    # One query: a scoped report asks for its own rows' files, a whole plan for all.
    ids = [row.id for row in result]
    files = await names_by_assignment(session, ids if len(ids) <= 1000 else None)
    renamed = await names_for(session, plan_id)
    # Thousands of rows at a province's size: made in a thread, the loop keeps answering.
    return await asyncio.to_thread(_report_rows, result, helpers, files, renamed)


def _report_rows(result, helpers, files, renamed) -> list[ReportRow]:
    return [
        ReportRow(
            assignment_id=row.id,
            assignment=row.code,
            task=row.task_code,
            title=row.title,
            group=row.number,
            agency_id=row.agency_id,
            agency=renamed.get(row.agency_id, row.agency_name),
            deadline=row.deadline,
            status=Status(row.status),
            timeliness=row.timeliness or "",
            percent=_percent_said(Status(row.status), row.percent),
            updated_at=row.updated_at,
            updated_by=row.updated_by or "",
            evidence=row.document_ref or "",
            evidence_files=tuple(files.get(row.id, ())),
            plan_deadline=row.plan_deadline,
            deliverable=row.deliverable or "",
            cooperators="; ".join(helpers.get(row.task_id, ())),
            note=row.status_note or "",
            withdrawn_at=row.withdrawn_at,
            withdrawn_reason=row.withdrawn_reason or "",
        )
        for row in result
    ]


async def _cooperators(session: AsyncSession, plan_id: PlanScope) -> dict[int, list[str]]:
    """Task id -> its cooperating agencies' names, in declaration order (one query)."""
    query = (
        select(task_cooperators.c.task_id, Agency.name)
        .join(Agency, Agency.id == task_cooperators.c.agency_id)
        .order_by(task_cooperators.c.task_id, Agency.id)
    )
    query = query.join(Task, Task.id == task_cooperators.c.task_id).where(
        plan_condition(Task.plan_id, plan_id)
    )
    names: dict[int, list[str]] = {}
    for task_id, name in (await session.execute(query)).all():
        names.setdefault(task_id, []).append(name)
    return names


@dataclass(frozen=True)
class ReportPlan:
    """The plan a report is about: its year and title (the name it was imported under)."""

    year: int
    title: str
    decision: str = ""  # "617/QĐ-UBND"
    issuer: str = ""  # the body that issued the plan


async def report_plan(session: AsyncSession, plan_id: PlanScope = None) -> ReportPlan | None:
    """The plan of the scope ``plan_id`` (the latest year's of several); None when none."""
    query = (
        select(Plan.year, Plan.title, Plan.decision, Plan.issuer)
        .where(plan_condition(Plan.id, plan_id))
        .order_by(Plan.year.desc())
        .limit(1)
    )
    row = (await session.execute(query)).first()
    return ReportPlan(row.year, row.title, row.decision, row.issuer) if row else None


async def report_plans(session: AsyncSession, plan_id: PlanScope = None) -> list[ReportPlan]:
    """Every plan of the scope ``plan_id``, by year."""
    query = (
        select(Plan.year, Plan.title, Plan.decision, Plan.issuer)
        .where(plan_condition(Plan.id, plan_id))
        .order_by(Plan.year)
    )
    return [ReportPlan(*row) for row in (await session.execute(query)).all()]


async def agency_name(session: AsyncSession, agency_id: int) -> str:
    """The agency's name; "" when there is none with that id (the report's issuing body)."""
    return await session.scalar(select(Agency.name).where(Agency.id == agency_id)) or ""


def _percent_said(status: Status, percent: int) -> int | None:
    """Under way at 0 is under way with no percent said (a 0 % in progress is never recorded,
    issue 12): the report shows none rather than a 0 that reads as "not begun"."""
    return None if percent == 0 and status in UNDER_WAY else percent
