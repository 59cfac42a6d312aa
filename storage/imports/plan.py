"""Importing a plan: validated specs turned into tasks and assignments, idempotently.

Re-importing matches tasks by code within the plan year. Titles, deadlines
and agencies are updated in place; progress history is never touched; tasks
and assignments no longer in the file are withdrawn (kept, and reported),
and come back if a later file has them again. An approved extension survives
a re-import unless the plan itself moves that deadline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage.extensions import ClosedRequest, close_for_withdrawn
from storage.groups import GROUP_NUMBERS
from storage.imports.plan_rows import (
    Directory,
    TaskSpec,
    check_plan,
    infer_year,
    occurrences,
    recurrence_problems,
)
from storage.imports.plan_title import read_title_block
from storage.imports.problems import ImportFailed, Problem
from storage.imports.recurrence import Workday
from storage.imports.tabular import Table
from storage.models import (
    Agency,
    Assignment,
    Collective,
    Plan,
    Task,
    TaskGroup,
    collective_members,
    task_cooperators,
)

TASK_FIELDS = ("title", "lead_label", "deliverable", "deadline", "recurrence")

# Why a re-import withdrew an assignment, as a text of the caller's catalogue: called with
# a key of ``WITHDRAWAL_KEYS`` and its fields (names, dates); the text is stored with the
# assignment (``withdrawn_reason``) and shown by the reports.
WithdrawalReason = Callable[[str, Mapping[str, object]], str]
WITHDRAWAL_KEYS = ("left_collective", "joined_later", "lead_changed", "period_gone", "task_gone")


class PlanClosed(Exception):
    """The file's year is a closed plan: history, not imported again (reopen it first)."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


@dataclass
class PlanReport:
    year: int
    created_plan: bool = False
    title: str = ""
    decision: str = ""
    issuer: str = ""
    tasks_added: list[str] = field(default_factory=list)
    tasks_changed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    tasks_removed: list[str] = field(default_factory=list)
    tasks_restored: list[str] = field(default_factory=list)
    tasks_unchanged: int = 0
    assignments_added: int = 0
    assignments_changed: int = 0
    assignments_withdrawn: int = 0
    assignments_total: int = 0
    # Which: the codes added and withdrawn, and (old, new) for the work of one task and
    # period that went from one agency to another (a collective's membership changed).
    added_codes: list[str] = field(default_factory=list)
    withdrawn_codes: list[str] = field(default_factory=list)
    moved_codes: list[tuple[str, str]] = field(default_factory=list)
    # The pending extension requests closed because their assignment was withdrawn.
    closed_requests: list[ClosedRequest] = field(default_factory=list)


async def load_directory(session: AsyncSession) -> Directory:
    agencies = {a.name: a for a in (await session.scalars(select(Agency))).all()}
    query = select(Collective).options(selectinload(Collective.members))
    collectives = {
        c.label: sorted(c.members, key=lambda a: a.name) for c in await session.scalars(query)
    }
    joins = (
        select(Collective.label, collective_members.c.agency_id, collective_members.c.joined_on)
        .join(collective_members, collective_members.c.collective_id == Collective.id)
        .where(collective_members.c.joined_on.is_not(None))
    )
    joined = {(label, agency_id): day for label, agency_id, day in await session.execute(joins)}
    return Directory(agencies, collectives, joined)


def assignment_code(spec: TaskSpec, agency: Agency, period: str) -> str:
    code = spec.code
    if spec.fan_out:
        code += f"@{agency.short_code}"
    if period:
        code += f"#{period}"
    return code


async def import_plan(
    session: AsyncSession,
    table: Table,
    now: datetime,
    *,
    year: int | None = None,
    title: str | None = None,
    decision: str | None = None,
    issuer: str | None = None,
    group_names: Mapping[int, str] | None = None,
    workday: Workday | None = None,
    join_grace_days: int = 0,
    withdrawal_reason: WithdrawalReason | None = None,
) -> PlanReport:
    """Validate ``table`` and bring the plan of its year in line with it.

    ``title``, ``decision`` and ``issuer`` name the plan; each not given is read from
    the file's title block when it has one, else kept (a new plan: a default title).

    ``group_names`` (number → name) are recorded with the groups of a new plan;
    names are texts, so the caller passes them (``bot.texts.group_names``).
    ``workday`` (the province's calendar) places "last working day" deadlines.
    A collective's member that joined it mid-way is assigned the periods due at least
    ``join_grace_days`` after it joined (and its continuous duties), none before.
    ``withdrawal_reason`` words why each assignment withdrawn here was (kept with it).
    """
    directory = await load_directory(session)
    specs = check_plan(table, directory)
    year = year or infer_year(specs)
    if year is None:
        raise ImportFailed(table.source, [Problem("no_plan_year", column="deadline")])
    recurrence_problems(specs, year, table.source)

    plan = await session.scalar(select(Plan).where(Plan.year == year))
    if plan is not None and plan.closed_at is not None:
        raise PlanClosed(year)
    report = PlanReport(year=year, created_plan=plan is None)
    block = read_title_block(table.preamble)
    title = title or block.title
    decision, issuer = decision or block.decision, issuer or block.issuer
    if plan is None:
        plan = Plan(year=year, title=title or f"Kế hoạch CCHC năm {year}", imported_at=now)
        session.add(plan)
        await session.flush()
        names = group_names or {}
        session.add_all(
            TaskGroup(plan_id=plan.id, number=n, name=names.get(n, "")) for n in GROUP_NUMBERS
        )
        await session.flush()
    plan.source_name, plan.imported_at = table.source, now
    if title:
        plan.title = title
    if decision:
        plan.decision = decision
    if issuer:
        plan.issuer = issuer
    report.title, report.decision, report.issuer = plan.title, plan.decision, plan.issuer
    groups = dict(
        (
            await session.execute(
                select(TaskGroup.number, TaskGroup.id).where(TaskGroup.plan_id == plan.id)
            )
        ).all()
    )
    task_ids = await _sync_tasks(session, plan, specs, groups, now, report)
    joined = {key: day + timedelta(days=join_grace_days) for key, day in directory.joined.items()}
    await _sync_assignments(
        session, plan, specs, task_ids, year, now, report, workday, joined, withdrawal_reason
    )
    return report


async def _sync_tasks(session, plan, specs, groups, now, report) -> dict[str, int]:
    query = select(Task).where(Task.plan_id == plan.id).options(selectinload(Task.cooperators))
    existing = {t.code: t for t in await session.scalars(query)}
    new_rows, cooperators = [], {}
    for spec in specs:
        values = {f: getattr(spec, f) for f in TASK_FIELDS} | {"group_id": groups[spec.group]}
        task = existing.get(spec.code)
        if task is None:
            new_rows.append({"plan_id": plan.id, "code": spec.code, **values})
            report.tasks_added.append(spec.code)
            cooperators[spec.code] = spec.cooperator_ids
            continue
        changes = tuple(f for f, v in values.items() if getattr(task, f) != v)
        if {a.id for a in task.cooperators} != spec.cooperator_ids:
            changes += ("cooperating_agencies",)
            cooperators[spec.code] = spec.cooperator_ids
            await session.execute(
                delete(task_cooperators).where(task_cooperators.c.task_id == task.id)
            )
        for f, v in values.items():
            setattr(task, f, v)
        if task.withdrawn_at is not None:
            task.withdrawn_at = None
            report.tasks_restored.append(spec.code)
        elif changes:
            report.tasks_changed.append((spec.code, tuple(c.replace("_id", "") for c in changes)))
        else:
            report.tasks_unchanged += 1
    wanted = {s.code for s in specs}
    for code, task in existing.items():
        if code not in wanted and task.withdrawn_at is None:
            task.withdrawn_at = now
            report.tasks_removed.append(code)
    await session.flush()
    ids = {code: t.id for code, t in existing.items()}
    if new_rows:
        result = await session.execute(insert(Task).returning(Task.code, Task.id), new_rows)
        ids.update(dict(result.all()))
    links = [
        {"task_id": ids[code], "agency_id": agency_id}
        for code, agency_ids in cooperators.items()
        for agency_id in sorted(agency_ids)
    ]
    if links:
        await session.execute(insert(task_cooperators), links)
    return ids


async def _sync_assignments(
    session, plan, specs, task_ids, year, now, report, workday=None, joined=None, reason=None
) -> None:
    joined = joined or {}
    spec_of = {task_ids[spec.code]: spec for spec in specs}
    wanted: dict[tuple[int, int, str], tuple[str, date | None]] = {}
    # A task's group is the first digit of its code (plan_rows checks it), so it
    # never changes for a task and is written once, with the assignment.
    group_of = {task_ids[spec.code]: spec.group for spec in specs}
    for spec in specs:
        for occurrence in occurrences(spec, year, workday):
            for agency in spec.leads:
                since = joined.get((spec.lead_label, agency.id)) if spec.fan_out else None
                if since and occurrence.deadline is not None and occurrence.deadline < since:
                    continue  # due before it joined the collective: not its own
                key = (task_ids[spec.code], agency.id, occurrence.period)
                wanted[key] = (
                    assignment_code(spec, agency, occurrence.period),
                    occurrence.deadline,
                )
    columns = (
        Assignment.id,
        Assignment.task_id,
        Assignment.agency_id,
        Assignment.period,
        Assignment.code,
        Assignment.plan_deadline,
        Assignment.deadline,
        Assignment.withdrawn_at,
    )
    rows = (await session.execute(select(*columns).where(Assignment.plan_id == plan.id))).all()
    changes, seen = [], set()
    gone: list[tuple[int, str, str, str]] = []  # task, period, code, code kept as withdrawn
    taken = {code for code, _ in wanted.values()}
    short_codes: dict[int, str] = {}
    for row in rows:
        key = (row.task_id, row.agency_id, row.period)
        if key not in wanted:
            if row.withdrawn_at is None:
                why = _why_withdrawn(row, spec_of.get(row.task_id), joined, reason)
                leaving = {"id": row.id, "withdrawn_at": now, "withdrawn_reason": why}
                kept = row.code
                if row.code in taken:
                    # A task led by one agency passed to another: the new lead takes the
                    # code, the old one's work keeps its agency in its own (1.6@stp).
                    if not short_codes:
                        found = await session.execute(select(Agency.id, Agency.short_code))
                        short_codes = dict(found.all())
                    kept = leaving["code"] = _with_agency(row.code, short_codes[row.agency_id])
                changes.append(leaving)
                report.assignments_withdrawn += 1
                gone.append((row.task_id, row.period, row.code, kept))
            continue
        seen.add(key)
        code, plan_deadline = wanted[key]
        change: dict[str, date | str | None] = {}
        if row.plan_deadline != plan_deadline:
            change["plan_deadline"] = plan_deadline
            # Keep an approved extension unless the plan moves the deadline past it.
            if (
                row.deadline == row.plan_deadline
                or plan_deadline is None
                or (row.deadline is not None and plan_deadline > row.deadline)
            ):
                change["deadline"] = plan_deadline
        if row.code != code:
            change["code"] = code
        if row.withdrawn_at is not None:
            change["withdrawn_at"], change["withdrawn_reason"] = None, ""
        if change:
            changes.append({"id": row.id, **change})
            report.assignments_changed += 1
    withdrawn = {c["id"]: c["withdrawn_reason"] for c in changes if c.get("withdrawn_at")}
    if withdrawn:
        report.closed_requests = await close_for_withdrawn(session, withdrawn, now)
    if changes:
        # Codes can trade places (a renamed short code); park them first.
        parked = [{"id": c["id"], "code": f"~{c['id']}"} for c in changes if "code" in c]
        if parked:
            await session.execute(update(Assignment), parked)
        await session.execute(update(Assignment), changes)
    new_rows = [
        {
            "plan_id": plan.id,
            "task_id": task_id,
            "agency_id": agency_id,
            "group_number": group_of[task_id],
            "period": period,
            "code": code,
            "plan_deadline": deadline,
            "deadline": deadline,
        }
        for (task_id, agency_id, period), (code, deadline) in wanted.items()
        if (task_id, agency_id, period) not in seen
    ]
    if new_rows:
        await session.execute(insert(Assignment), new_rows)
    report.assignments_added = len(new_rows)
    _which(report, gone, new_rows)
    report.assignments_total = len(wanted)


def _with_agency(code: str, short_code: str) -> str:
    """ "2.2#2026-H1", "stp" -> "2.2@stp#2026-H1": the code as a fan-out would write it."""
    task_code, hash_, period = code.partition("#")
    return f"{task_code}@{short_code}{hash_}{period}"


def _why_withdrawn(row, spec: TaskSpec | None, joined, reason: WithdrawalReason | None) -> str:
    """The reason an assignment the file no longer gives its agency is withdrawn."""
    if reason is None:
        return ""
    if spec is None:
        return reason("task_gone", {})
    if row.agency_id not in {a.id for a in spec.leads}:
        if spec.fan_out:
            return reason("left_collective", {"label": spec.lead_label})
        return reason("lead_changed", {"agency": spec.lead_label})
    since = joined.get((spec.lead_label, row.agency_id)) if spec.fan_out else None
    if since is not None and row.plan_deadline is not None and row.plan_deadline < since:
        return reason("joined_later", {"label": spec.lead_label, "day": since})
    return reason("period_gone", {"period": row.period})


def _which(report: PlanReport, gone: list[tuple[int, str, str, str]], new_rows: list[dict]) -> None:
    """The codes added and withdrawn; a task led by one agency whose lead changed is a
    move (a collective's members coming and going are added and withdrawn)."""
    arrived: dict[tuple[int, str], list[str]] = {}
    for row in new_rows:
        arrived.setdefault((row["task_id"], row["period"]), []).append(row["code"])
    for task_id, period, code, kept in gone:
        others = arrived.get((task_id, period)) if "@" not in code else None
        others = [c for c in others or () if "@" not in c]
        if others:  # shown under the code it keeps: "1.6@stp -> 1.6"
            report.moved_codes.append((kept, others[0]))
            arrived[(task_id, period)].remove(others[0])
        else:
            report.withdrawn_codes.append(kept)
    report.added_codes = sorted(c for codes in arrived.values() for c in codes)
    report.withdrawn_codes.sort()
    report.moved_codes.sort()
