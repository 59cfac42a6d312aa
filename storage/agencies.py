"""An agency's lifecycle: ended from a day, renamed, merged into a successor.

Nothing is deleted. An ended agency keeps its history, is nudged about nothing
due from its end day (``scheduler.planner`` reads ``ended_on``; the nudges
already in the ledger from that day are skipped here), and frees its short
code. A rename keeps the former name with the day it stopped (``AgencyName``):
the reports of a plan of an earlier year show the name of that year
(``names_of_time``). A merger moves the open assignments of the open plans to
the successor, or closes them, and ends the agency; done work and closed plans
stay where they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, update

from storage.db import Session
from storage.enums import NudgeState, Status
from storage.extensions import ClosedRequest, close_for_withdrawn
from storage.models import (
    Agency,
    AgencyName,
    Assignment,
    Nudge,
    Person,
    Plan,
    Task,
)
from storage.plans import closed_plans
from storage.textfold import fold

AGENCY_ENDED = "agency_ended"  # the skip reason of a nudge whose agency ended


async def matching(session: Session, arg: str) -> list[Agency]:
    """Agencies ``arg`` names: by short code (of one in being first) or full name, else
    by a word prefix of the name; in being before ended, by id."""
    key = fold(arg.strip())
    every = list((await session.scalars(select(Agency).order_by(Agency.id))).all())
    every.sort(key=lambda a: a.ended_on is not None)
    exact = [a for a in every if key in (fold(a.short_code), fold(a.name))]
    if exact:
        return exact[:1] if exact[0].ended_on is None else exact
    return [a for a in every if f" {key}" in f" {fold(a.name)}"]


def _open_live(agency_id: int):
    return (
        Assignment.agency_id == agency_id,
        Assignment.status != Status.DONE,
        Assignment.withdrawn_at.is_(None),
        Assignment.task_id.not_in(select(Task.id).where(Task.withdrawn_at.is_not(None))),
        Assignment.plan_id.not_in(closed_plans()),
    )


def _planned_from(agency_id: int, start: datetime):
    return (
        Nudge.assignment_id.in_(
            select(Assignment.id).where(Assignment.agency_id == agency_id).scalar_subquery()
        ),
        Nudge.state.in_([NudgeState.PLANNED, NudgeState.FAILED]),
        Nudge.available_at.is_not(None),
        Nudge.due_at >= start,
    )


@dataclass(frozen=True)
class Ending:
    agency: str
    day: date
    open_assignments: int
    planned_nudges: int  # skipped (or, in a dry run, to be)


async def end_agency(
    session: Session,
    agency: Agency,
    day: date,
    day_start: datetime,
    now: datetime,
    *,
    successor: Agency | None = None,
    note: str = "",
    dry_run: bool = False,
) -> Ending:
    """End ``agency`` from ``day`` (``day_start``: its first instant, UTC)."""
    count = select(func.count()).select_from(Assignment).where(*_open_live(agency.id))
    nudges = select(func.count()).select_from(Nudge).where(*_planned_from(agency.id, day_start))
    ending = Ending(
        agency.name,
        day,
        await session.scalar(count) or 0,
        await session.scalar(nudges) or 0,
    )
    if dry_run:
        return ending
    agency.ended_on, agency.end_note = day, note
    agency.successor_id = successor.id if successor is not None else None
    await session.execute(
        update(Nudge)
        .where(*_planned_from(agency.id, day_start))
        .values(
            state=NudgeState.SKIPPED, available_at=None, skip_reason=AGENCY_ENDED, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    await session.flush()
    return ending


async def active_people(session: Session, agency_id: int) -> list[Person]:
    query = select(Person).where(Person.agency_id == agency_id, Person.active.is_(True))
    return list((await session.scalars(query.order_by(Person.id))).all())


async def rename(
    session: Session, agency: Agency, new_name: str, day: date, *, new_code: str | None = None
) -> str:
    """``agency`` is called ``new_name`` from ``day``; the old name is kept. Returns it."""
    old = agency.name
    session.add(AgencyName(agency_id=agency.id, name=old, until=day))
    agency.name = new_name
    if new_code:
        agency.short_code = new_code
    await session.flush()
    return old


async def name_taken(session: Session, name: str) -> bool:
    return (await session.scalar(select(func.count()).where(Agency.name == name)) or 0) > 0


async def code_holder(session: Session, code: str) -> str | None:
    """The agency in being that has the short code ``code``, if any."""
    return await session.scalar(
        select(Agency.name).where(Agency.short_code == code, Agency.ended_on.is_(None))
    )


async def names_of_time(session: Session, plan_ids) -> dict[int, str]:
    """Agency id -> the name it had at the end of the latest year of ``plan_ids``, for
    the agencies renamed since (none for the current year's plans)."""
    year = await session.scalar(select(func.max(Plan.year)).where(Plan.id.in_(list(plan_ids))))
    if year is None:
        return {}
    cut = date(year, 12, 31)
    query = (
        select(AgencyName.agency_id, AgencyName.name)
        .where(AgencyName.until > cut)
        .order_by(AgencyName.agency_id, AgencyName.until.desc())
    )
    # by agency, latest first: the earliest "until" after the cut, written last, wins
    return dict((await session.execute(query)).all())


@dataclass(frozen=True)
class Move:
    assignment_id: int
    code: str
    new_code: str  # "" when closed instead


@dataclass
class Merger:
    old: str
    new: str
    moved: list[Move] = field(default_factory=list)
    closed: list[Move] = field(default_factory=list)  # --close-open
    duplicates: list[Move] = field(default_factory=list)  # the successor already had them
    done_kept: int = 0
    closed_plans_kept: int = 0


async def plan_merger(session: Session, old: Agency, new: Agency, *, close_open: bool) -> Merger:
    """What merging ``old`` into ``new`` does to assignments (nothing written)."""
    merger = Merger(old.name, new.name)
    columns = (
        Assignment.id,
        Assignment.code,
        Assignment.task_id,
        Assignment.period,
        Assignment.plan_id,
    )
    rows = (
        await session.execute(
            select(*columns).where(*_open_live(old.id)).order_by(Assignment.plan_id, Assignment.id)
        )
    ).all()
    theirs = (
        await session.execute(
            select(
                Assignment.task_id, Assignment.period, Assignment.plan_id, Assignment.code
            ).where(Assignment.agency_id == new.id)
        )
    ).all()
    keys = {(r.task_id, r.period) for r in theirs}
    codes = {(r.plan_id, r.code) for r in theirs}
    for row in rows:
        new_code = row.code.replace(f"@{old.short_code}", f"@{new.short_code}")
        if close_open:
            merger.closed.append(Move(row.id, row.code, ""))
        elif (row.task_id, row.period) in keys or (row.plan_id, new_code) in codes:
            merger.duplicates.append(Move(row.id, row.code, ""))
        else:
            merger.moved.append(Move(row.id, row.code, new_code))
            codes.add((row.plan_id, new_code))
    merger.done_kept = (
        await session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(Assignment.agency_id == old.id, Assignment.status == Status.DONE)
        )
        or 0
    )
    merger.closed_plans_kept = (
        await session.scalar(
            select(func.count())
            .select_from(Assignment)
            .where(
                Assignment.agency_id == old.id,
                Assignment.status != Status.DONE,
                Assignment.plan_id.in_(closed_plans()),
            )
        )
        or 0
    )
    return merger


async def apply_merger(
    session: Session,
    merger: Merger,
    new: Agency,
    now: datetime,
    *,
    closed_reason: str,
    duplicate_reason: str,
) -> list[ClosedRequest]:
    """Move and close the assignments ``plan_merger`` listed; their planned nudges go,
    their pending extension requests are closed (the new agency plans afresh): returned,
    for their requesters to be told."""
    for move in merger.moved:
        await session.execute(
            update(Assignment)
            .where(Assignment.id == move.assignment_id)
            .values(agency_id=new.id, code=move.new_code, focal_person_id=None)
            .execution_options(synchronize_session=False)
        )
    for moves, reason in ((merger.closed, closed_reason), (merger.duplicates, duplicate_reason)):
        ids = [m.assignment_id for m in moves]
        if ids:
            await session.execute(
                update(Assignment)
                .where(Assignment.id.in_(ids))
                .values(withdrawn_at=now, withdrawn_reason=reason)
                .execution_options(synchronize_session=False)
            )
    touched = [m.assignment_id for m in (*merger.moved, *merger.closed, *merger.duplicates)]
    if touched:
        await session.execute(
            update(Nudge)
            .where(
                Nudge.assignment_id.in_(touched),
                Nudge.state.in_([NudgeState.PLANNED, NudgeState.FAILED]),
                Nudge.available_at.is_not(None),
            )
            .values(
                state=NudgeState.SKIPPED,
                available_at=None,
                skip_reason=AGENCY_ENDED,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
    # A moved one's request waits for its decision at the successor.
    withdrawn = {m.assignment_id: closed_reason for m in merger.closed}
    withdrawn |= {m.assignment_id: duplicate_reason for m in merger.duplicates}
    closed = await close_for_withdrawn(session, withdrawn, now, note=AGENCY_ENDED)
    await session.flush()
    return closed
