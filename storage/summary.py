"""Roll-ups of assignments for coordinators and leaders, aggregated in SQL.

Only live work counts: an assignment is left out when it or its task is
withdrawn. ``today`` is a local calendar day of the province, compared with
``Assignment.deadline`` (the deadline in force, a local date; NULL for a
continuous duty, which is never overdue nor late).

Timeliness of a done assignment compares the local date of ``done_at`` (an
aware UTC instant) with its deadline. PostgreSQL converts with the zone's
rules (``timezone(name, done_at)``). SQLite has no zone database, so there
the zone's UTC offset on ``today`` is applied as a fixed offset: exact for
Asia/Ho_Chi_Minh, which has kept +07:00 with no daylight saving since 1975.

A deadline on a day off closes on the next working day (``Closing``, built from
the calendar's ``deadline_closes``; the rule is the calendar's, so Python and
SQL agree). It reaches SQL as plain values, no table and no stored column: a
single cutoff day for "overdue" (an open assignment is overdue on ``today``
when its deadline is before ``Closing.overdue_from(today)``: the deadlines on
the days off just before ``today`` are not, the index on deadline still
serves), and, for done ones, the days-off deadlines grouped by how many days
later they close (``deadline IN (...)``, then the done date against
``deadline + k``), tested only on rows done after their written deadline. The
days off are those from 1 January five years before ``today`` to the end of
its year (``CLOSING_YEARS``): an older deadline on a day off is judged as written.
``Closing()`` (empty) judges every deadline as written.

Speed (bench/summary.py, 100,000 assignments): each roll-up is one aggregate
query over the assignments, read through a covering index on SQLite
(``ix_assignments_rollup_agency``/``_group``: the group number is kept on each
assignment for this); ``status_overview`` gives the total, by group and by agency
of /tonghop and the report in one such query.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import Date, Integer, String, and_, cast, func, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from storage.agencies import names_of_time
from storage.db import dialect_of
from storage.enums import Status
from storage.models import Agency, Assignment, Nudge, ProgressUpdate, Task
from storage.plans import current_plans

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
CLOSING_YEARS = 6  # this year and the five before it
_ONE_DAY = timedelta(days=1)


class _Closes(Protocol):
    def deadline_closes(self, deadline: date) -> date: ...


@dataclass(frozen=True)
class Closing:
    """When deadlines close for timeliness: ``moved`` maps a deadline on a day off
    to the later working day that closes it (the module's docstring says how SQL
    uses it). Built by ``Closing.of`` from a calendar; empty: as written."""

    moved: Mapping[date, date] = field(default_factory=dict)

    @classmethod
    def of(cls, calendar: _Closes, today: date) -> Closing:
        return _closing(calendar.deadline_closes, today.year)

    def closes(self, deadline: date) -> date:
        return self.moved.get(deadline, deadline)

    def overdue_from(self, today: date) -> date:
        """Open work due before this day is overdue on ``today``."""
        cutoff = today
        while self.moved.get(cutoff - _ONE_DAY, date.min) >= today:
            cutoff -= _ONE_DAY
        return cutoff

    def by_delay(self) -> dict[int, list[date]]:
        """The moved deadlines by how many days later they close."""
        delays: dict[int, list[date]] = {}
        for day, closes in sorted(self.moved.items()):
            delays.setdefault((closes - day).days, []).append(day)
        return delays


@functools.lru_cache(maxsize=32)
def _closing(closes: Callable[[date], date], year: int) -> Closing:
    day, end, moved = date(year - CLOSING_YEARS + 1, 1, 1), date(year, 12, 31), {}
    while day <= end:
        if (later := closes(day)) != day:
            moved[day] = later
        day += _ONE_DAY
    return Closing(moved)


AS_WRITTEN = Closing()

# The open statuses, in the order reports split "chưa hoàn thành" by them (in time, and
# again inside overdue: ``overdue_{status}``).
OPEN_SPLIT = ("in_progress", "not_started", "blocked", "extension_requested")
_OPEN_COLUMNS = {
    "in_progress": Status.IN_PROGRESS,
    "not_started": Status.NOT_STARTED,
    "blocked": Status.BLOCKED,
    "extension_requested": Status.EXTENSION_REQUESTED,
}
# The words of a provincial report, one source for every presenter (their names are the
# texts ``bucket_{name}``): hoàn thành (đúng hạn / trễ hạn); chưa hoàn thành trong hạn
# (split by ``OPEN_SPLIT``); quá hạn (split the same way, ``OVERDUE_SPLIT``); chưa đến hạn.
DONE_BUCKETS = ("done_on_time", "done_late")
IN_TIME_BUCKETS = OPEN_SPLIT
OVERDUE_SPLIT = tuple(f"overdue_{name}" for name in OPEN_SPLIT)
# The buckets of ``StatusCounts`` that partition ``total``, in the order reports show them.
BUCKETS = (*DONE_BUCKETS, *IN_TIME_BUCKETS, "overdue", "not_due")
_NUMBERS = ("total", *BUCKETS, *OVERDUE_SPLIT)
# The columns of a table of counts (workbook, DOCX): the buckets with the split of
# overdue right after it.
TABLE_COLUMNS = (*DONE_BUCKETS, *IN_TIME_BUCKETS, "overdue", *OVERDUE_SPLIT, "not_due")


@dataclass(frozen=True)
class StatusCounts:
    """Assignment counts of one group, one agency, or everything (``key`` None).

    The buckets (``BUCKETS``) partition ``total``: a done assignment is
    ``done_on_time`` or ``done_late``; an open one past its deadline is ``overdue``
    whatever its status, and counted again under ``overdue_{status}`` (those four
    add up to ``overdue``); an open one not past its deadline is ``not_due`` (chưa
    đến hạn) when its deadline is still ahead and nobody ever reported on it
    (``updated_at`` NULL, status not started), else counted under its status.
    """

    key: int | None  # group number (1-7), agency id, or None for the whole selection
    label: str  # agency name; "" for a group (its name is a text) or the whole selection
    total: int
    done_on_time: int
    done_late: int
    in_progress: int
    not_started: int
    blocked: int
    extension_requested: int
    overdue: int
    # Added after the first eight: default 0 so older positional calls still build.
    not_due: int = 0
    overdue_in_progress: int = 0
    overdue_not_started: int = 0
    overdue_blocked: int = 0
    overdue_extension_requested: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    @property
    def open_in_time(self) -> int:
        """Chưa hoàn thành, trong hạn: the four open statuses not past the deadline."""
        return sum(getattr(self, name) for name in IN_TIME_BUCKETS)

    @property
    def on_time_share(self) -> float:
        """Hoàn thành đúng hạn as a share of all the assignments, in %, one decimal."""
        return round(100 * self.done_on_time / self.total, 1) if self.total else 0.0

    @property
    def overdue_share(self) -> float:
        """Quá hạn as a share of all the assignments, in %, one decimal (ranks agencies)."""
        return round(100 * self.overdue / self.total, 1) if self.total else 0.0


@dataclass(frozen=True)
class OverdueItem:
    """An open assignment past its deadline; ``days_overdue`` in calendar days."""

    assignment_id: int
    code: str
    title: str
    agency_id: int
    agency: str
    deadline: date
    days_overdue: int
    status: Status
    percent: int
    updated_at: datetime | None  # UTC; the last recorded progress, None when never updated


def _noon_offset(tz: ZoneInfo, day: date) -> timedelta:
    """``tz``'s offset from UTC at noon on ``day``."""
    offset = tz.utcoffset(datetime.combine(day, time(12)))
    assert offset is not None  # only a tzinfo that does not know answers None; a zone knows
    return offset


def local_done_date(session: AsyncSession, tz: ZoneInfo, today: date):
    """SQL expression: the local calendar date of ``Assignment.done_at`` in ``tz``."""
    if dialect_of(session) == "postgresql":
        return cast(func.timezone(str(tz), Assignment.done_at), Date)
    minutes = int(_noon_offset(tz, today).total_seconds()) // 60
    return func.date(Assignment.done_at, f"{minutes:+d} minutes")


def done_on_time(session: AsyncSession, tz: ZoneInfo, today: date, closing: Closing = AS_WRITTEN):
    """SQL condition, for done assignments: finished on or before the day the deadline closes.

    A continuous duty, or a done row without ``done_at``, counts as on time.
    """
    return or_(
        Assignment.deadline.is_(None),
        Assignment.done_at.is_(None),
        local_done_date(session, tz, today) <= Assignment.deadline,
        *_closes_later(session, tz, today, closing, late=False),
    )


def _closes_later(session: AsyncSession, tz: ZoneInfo, today: date, closing: Closing, *, late):
    """Per delay k: the deadline is a day off closing k days later, and the done date
    is after (``late``) / on or before that day."""
    done_day = local_done_date(session, tz, today)
    conditions = []
    for k, days in closing.by_delay().items():
        if dialect_of(session) == "postgresql":
            closes = Assignment.deadline + k
        else:
            closes = func.date(Assignment.deadline, f"+{k} days")
        versus = done_day > closes if late else done_day <= closes
        conditions.append(and_(Assignment.deadline.in_(days), versus))
    return conditions


def _done_late(session: AsyncSession, tz: ZoneInfo, today: date, closing: Closing = AS_WRITTEN):
    """SQL condition, for done assignments: finished after the deadline day (local).

    The complement, within done ones, of ``done_on_time``. On SQLite, for a
    zone ahead of UTC, it is a text comparison: the store writes ``done_at`` as
    ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC) and ``deadline`` as ``YYYY-MM-DD``, and
    the local day after the deadline starts at ``deadline`` plus (24 h − offset)
    UTC, so for +07:00 "late" is ``done_at >= deadline || ' 17:00'``: the same
    answer as ``date(done_at, '+420 minutes') > deadline``, without parsing a
    date on every row.
    """
    after = local_done_date(session, tz, today) > Assignment.deadline
    if dialect_of(session) != "postgresql":
        offset = _noon_offset(tz, today)
        if timedelta(0) < offset < timedelta(days=1) and not offset.seconds % 60:
            start = (datetime.min + timedelta(days=1) - offset).strftime(" %H:%M")
            after = Assignment.done_at >= type_coerce(Assignment.deadline, String) + start
    if closing.moved:
        # Late after the written day; for a day off, only after the day it closes.
        moved = [d for days in closing.by_delay().values() for d in days]
        later = _closes_later(session, tz, today, closing, late=True)
        after = and_(after, or_(Assignment.deadline.not_in(moved), *later))
    return and_(Assignment.deadline.is_not(None), Assignment.done_at.is_not(None), after)


def live_assignments():
    """Conditions for assignments that count: neither they nor their task withdrawn."""
    return (Assignment.withdrawn_at.is_(None), Task.withdrawn_at.is_(None))


# A plan scope: one plan's id, several, or None for the current plans (the open
# ones; storage.plans). The ids are few, and plan_id is in the covering indexes.
PlanScope = int | Sequence[int] | None


class unindexed(FunctionElement):
    """``column + 0`` on SQLite, ``column`` elsewhere (``plan_condition`` says why)."""

    name = "unindexed"
    inherit_cache = True
    type = Integer()


@compiles(unindexed)
def _unindexed(element, compiler, **kw) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element, compiler, **kw) -> str:
    return f"{compiler.process(element.clauses, **kw)} + 0"


def plan_condition(column, plan_id: PlanScope):
    """SQL condition: ``column`` (a plan id) is in the scope ``plan_id``.

    On SQLite written ``column + 0``: it would otherwise pick the (plan_id, code) unique
    index for it and visit every row of the plan, where the roll-ups walk their covering
    indexes (plan_id is in them, checked there). Not on PostgreSQL: there the expression
    hides the column's statistics, the planner expects a few hundred rows of 100,000,
    and sorts them on disk to group them instead of hashing (bench/summary.py: 96 ms
    against 69 ms for ``status_overview``).
    """
    column = unindexed(column)
    if plan_id is None:
        return column.in_(current_plans())
    if isinstance(plan_id, int):
        return column == plan_id
    return column.in_(list(plan_id))


def in_scope(query, *, agency_id: int | None = None, plan_id: PlanScope = None):
    """``query`` kept to one lead agency, where given, and to the plan scope."""
    if agency_id is not None:
        query = query.where(Assignment.agency_id == agency_id)
    return query.where(plan_condition(Assignment.plan_id, plan_id))


def _live_without_join():
    # The same rows as ``live_assignments`` with no join to tasks: the withdrawn
    # tasks are few (usually none), looked up once instead of once per row.
    withdrawn_tasks = select(Task.id).where(Task.withdrawn_at.is_not(None))
    return (Assignment.withdrawn_at.is_(None), Assignment.task_id.not_in(withdrawn_tasks))


def _count(condition):
    # FILTER (SQLite 3.30+, PostgreSQL) skips the aggregate step on rows that do
    # not match, where count(CASE ...) takes it on every row.
    return func.count().filter(condition)


def _counts(session: AsyncSession, today: date, tz: ZoneInfo, closing: Closing) -> list:
    """Aggregate columns: total, done, done_late, the open statuses in time, not due,
    and the open statuses overdue.

    ``done_on_time`` is ``done - done_late`` and ``not_started`` the in-time not
    started ones less ``not_due`` (see ``_counts_of``): one test per row fewer.
    """
    is_done = Assignment.status == Status.DONE
    overdue_from = closing.overdue_from(today)
    in_time = or_(Assignment.deadline.is_(None), Assignment.deadline >= overdue_from)
    late = Assignment.deadline < overdue_from
    not_due = and_(
        Assignment.status == Status.NOT_STARTED,
        Assignment.deadline > today,
        Assignment.updated_at.is_(None),
    )
    return [
        func.count().label("total"),
        _count(is_done).label("done"),
        _count(and_(is_done, _done_late(session, tz, today, closing))).label("done_late"),
        *(
            _count(and_(Assignment.status == status, in_time)).label(name)
            for name, status in _OPEN_COLUMNS.items()
        ),
        _count(not_due).label("not_due"),
        *(
            _count(and_(Assignment.status == status, late)).label(f"overdue_{name}")
            for name, status in _OPEN_COLUMNS.items()
        ),
    ]


async def status_counts(
    session: AsyncSession,
    today: date,
    *,
    by: Literal["group", "agency"] | None = None,
    group: int | None = None,
    agency_id: int | None = None,
    plan_id: PlanScope = None,
    tz: ZoneInfo = VIETNAM,
    closing: Closing = AS_WRITTEN,
) -> list[StatusCounts]:
    """Counts of live assignments by status as of the local day ``today``.

    ``by`` None gives one row (``key`` None) even when nothing matches; by
    group, one row per group number with assignments, in number order; by
    agency, one row per lead agency with assignments, in declaration (id)
    order. ``group``, ``agency_id`` and ``plan_id`` filter the selection.
    """
    if by not in (None, "group", "agency"):
        raise ValueError(f"by: None, 'group' or 'agency', not {by!r}")
    query = select(*_counts(session, today, tz, closing)).select_from(Assignment)
    query = query.where(*_live_without_join())
    if group is not None:
        query = query.where(Assignment.group_number == group)
    query = in_scope(query, agency_id=agency_id, plan_id=plan_id)
    if by == "group":
        query = query.add_columns(Assignment.group_number.label("key"))
        query = query.group_by(Assignment.group_number).order_by(Assignment.group_number)
    elif by == "agency":
        # Aggregate first, name afterwards: SQLite walks ix_assignments_rollup_agency
        # in agency order, with no sort and no join per row.
        per_agency = query.add_columns(Assignment.agency_id).group_by(Assignment.agency_id)
        per_agency = per_agency.subquery()
        query = (
            select(per_agency, Agency.name.label("label"))
            .join(Agency, Agency.id == per_agency.c.agency_id)
            .order_by(Agency.id)
        )
    rows = (await session.execute(query)).mappings().all()
    return [_counts_of(row, by) for row in rows]


@dataclass(frozen=True)
class Overview:
    """The figures of /tonghop and of the report: everything, by group, by lead agency."""

    total: StatusCounts
    by_group: list[StatusCounts]
    by_agency: list[StatusCounts]


async def status_overview(
    session: AsyncSession,
    today: date,
    *,
    group: int | None = None,
    agency_id: int | None = None,
    plan_id: PlanScope = None,
    tz: ZoneInfo = VIETNAM,
    closing: Closing = AS_WRITTEN,
) -> Overview:
    """``status_counts`` total, by group and by agency, from one pass over the assignments.

    Equal to the three ``status_counts`` calls with the same filters. SQL counts
    per (group number, lead agency): at most 7 rows per agency, added up here.
    SQLite reads them walking ``ix_assignments_rollup_group`` in that order.
    """
    per_cell = (
        select(
            Assignment.group_number.label("key"),
            Assignment.agency_id,
            *_counts(session, today, tz, closing),
        )
        .where(*_live_without_join())
        .group_by(Assignment.group_number, Assignment.agency_id)
    )
    if group is not None:
        per_cell = per_cell.where(Assignment.group_number == group)
    per_cell = in_scope(per_cell, agency_id=agency_id, plan_id=plan_id)
    per_cell = per_cell.subquery()
    query = select(per_cell, Agency.name.label("label")).join(
        Agency, Agency.id == per_cell.c.agency_id
    )
    cells = (await session.execute(query)).mappings().all()
    groups: dict[int, list[StatusCounts]] = {}
    agencies: dict[int, list[StatusCounts]] = {}
    for cell in cells:
        counts = _counts_of(cell, "agency")
        groups.setdefault(cell["key"], []).append(counts)
        agencies.setdefault(cell["agency_id"], []).append(counts)
    renamed = await names_for(session, plan_id)
    return Overview(
        total=_sum(None, "", [c for cs in groups.values() for c in cs]),
        by_group=[_sum(n, "", groups[n]) for n in sorted(groups)],
        by_agency=[
            _sum(a, renamed.get(a, agencies[a][0].label), agencies[a]) for a in sorted(agencies)
        ],
    )


async def names_for(session: AsyncSession, plan_id: PlanScope) -> dict[int, str]:
    """The names of their time of the agencies renamed since the scope's year (a past
    plan asked for by year; the current plans show today's names)."""
    if plan_id is None:
        return {}
    return await names_of_time(session, (plan_id,) if isinstance(plan_id, int) else plan_id)


def _sum(key: int | None, label: str, parts: list[StatusCounts]) -> StatusCounts:
    numbers = {f: sum(getattr(p, f) for p in parts) for f in _NUMBERS}
    return StatusCounts(key=key, label=label, **numbers)


def _counts_of(row, by) -> StatusCounts:
    if by == "group":
        key, label = row["key"], ""
    elif by == "agency":
        key, label = row["agency_id"], row["label"]
    else:
        key, label = None, ""
    numbers = {name: int(row[name] or 0) for name in ("total", "done_late", "not_due")}
    numbers["done_on_time"] = int(row["done"] or 0) - numbers["done_late"]
    numbers.update({name: int(row[name] or 0) for name in (*_OPEN_COLUMNS, *OVERDUE_SPLIT)})
    numbers["not_started"] -= numbers["not_due"]
    numbers["overdue"] = sum(numbers[name] for name in OVERDUE_SPLIT)
    return StatusCounts(key=key, label=label, **numbers)


async def overdue_list(
    session: AsyncSession,
    today: date,
    *,
    agency_id: int | None = None,
    plan_id: PlanScope = None,
    deadline_from: date | None = None,
    limit: int | None = None,
    offset: int = 0,
    closing: Closing = AS_WRITTEN,
    group: int | None = None,
) -> list[OverdueItem]:
    """Open live assignments overdue on ``today`` (see ``Closing``), most overdue first.

    Ordered by deadline, then plan order (assignment id); paged by ``limit``
    and ``offset``. ``deadline_from`` keeps only deadlines on or after that
    day (the daily digest's "newly overdue").
    """
    return await open_list(
        session,
        today,
        deadline_from=deadline_from,
        deadline_before=closing.overdue_from(today),
        agency_id=agency_id,
        plan_id=plan_id,
        limit=limit,
        offset=offset,
        group=group,
    )


async def open_list(
    session: AsyncSession,
    today: date,
    *,
    deadline_from: date | None = None,
    deadline_before: date | None = None,
    agency_id: int | None = None,
    plan_id: PlanScope = None,
    limit: int | None = None,
    offset: int = 0,
    group: int | None = None,
) -> list[OverdueItem]:
    """Open live assignments with a deadline in [deadline_from, deadline_before), by deadline.

    ``days_overdue`` is negative for a deadline still ahead (days left); ``group``
    keeps one task group.
    """
    query = (
        select(
            Assignment.id,
            Assignment.code,
            Task.title,
            Agency.id.label("agency_id"),
            Agency.name,
            Assignment.deadline,
            Assignment.status,
            Assignment.percent,
            Assignment.updated_at,
        )
        .join(Task, Task.id == Assignment.task_id)
        .join(Agency, Agency.id == Assignment.agency_id)
        .where(
            *live_assignments(),
            Assignment.status != Status.DONE,
            Assignment.deadline.is_not(None),
        )
        .order_by(Assignment.deadline, Assignment.id)
    )
    if deadline_before is not None:
        query = query.where(Assignment.deadline < deadline_before)
    if deadline_from is not None:
        query = query.where(Assignment.deadline >= deadline_from)
    if group is not None:
        query = query.where(Assignment.group_number == group)
    query = in_scope(query, agency_id=agency_id, plan_id=plan_id)
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [
        OverdueItem(
            assignment_id=row.id,
            code=row.code,
            title=row.title,
            agency_id=row.agency_id,
            agency=row.name,
            deadline=row.deadline,
            days_overdue=(today - row.deadline).days,
            status=row.status,
            percent=row.percent,
            updated_at=row.updated_at,
        )
        for row in (await session.execute(query)).all()
    ]


@dataclass(frozen=True)
class NudgedAssignment:
    """A live assignment that was sent a nudge: when first, and the first update after it."""

    agency_id: int
    first_sent_at: datetime  # UTC
    first_update_at: datetime | None  # UTC; the first progress recorded on or after it


async def nudged_assignments(
    session: AsyncSession, *, agency_id: int | None = None, plan_id: PlanScope = None
) -> list[NudgedAssignment]:
    """Every live assignment with a sent nudge to an official (escalations to leaders
    left out), for the response rate per agency; the presenter counts working days."""
    first_sent = (
        select(Nudge.assignment_id, func.min(Nudge.sent_at).label("first_sent_at"))
        .where(Nudge.sent_at.is_not(None), ~Nudge.kind.startswith("escalation"))
        .group_by(Nudge.assignment_id)
        .subquery()
    )
    first_update = (
        select(func.min(ProgressUpdate.created_at))
        .where(
            ProgressUpdate.assignment_id == first_sent.c.assignment_id,
            ProgressUpdate.created_at >= first_sent.c.first_sent_at,
        )
        .scalar_subquery()
    )
    query = (
        select(Assignment.agency_id, first_sent.c.first_sent_at, first_update.label("first_update"))
        .join(first_sent, first_sent.c.assignment_id == Assignment.id)
        .join(Task, Task.id == Assignment.task_id)
        .where(*live_assignments())
    )
    query = in_scope(query, agency_id=agency_id, plan_id=plan_id)
    return [
        NudgedAssignment(row.agency_id, row.first_sent_at, row.first_update)
        for row in (await session.execute(query)).all()
    ]
