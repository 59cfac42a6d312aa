"""Plans as scopes: which plans are current, closing and reopening one.

A closed plan is history. Planning never reads its assignments
(``storage.planning``), the nudges already in the ledger for them are skipped
when it closes, an update or extension request on them is refused (the chat
says why), and its pending extension requests are closed. It stays reportable:
the roll-ups take any plan when asked for its year; by default they take the
current plans (``current_plan_ids``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select, update

from storage.db import Session
from storage.enums import ExtensionState, NudgeState, Status
from storage.models import Assignment, ExtensionRequest, Nudge, Plan

PLAN_CLOSED = "plan_closed"  # the skip reason of a nudge whose plan closed


def current_plans():
    """Select of the current plans' ids: the open ones; when every plan is closed, the
    latest (a report the day after closing the year still shows that year)."""
    any_open = exists().where(Plan.closed_at.is_(None))
    latest = select(func.max(Plan.year)).scalar_subquery()
    return select(Plan.id).where(
        or_(Plan.closed_at.is_(None), and_(~any_open, Plan.year == latest))
    )


async def current_plan_ids(session: Session) -> tuple[int, ...]:
    """The current plans (``current_plans``), by year."""
    query = select(Plan.id).where(Plan.id.in_(current_plans())).order_by(Plan.year)
    return tuple((await session.scalars(query)).all())


async def plan_of_year(session: Session, year: int) -> Plan | None:
    return await session.scalar(select(Plan).where(Plan.year == year))


async def plans(session: Session) -> list[Plan]:
    """Every plan, by year."""
    return list((await session.scalars(select(Plan).order_by(Plan.year))).all())


async def resolve(session: Session, year: int | None) -> tuple[int, ...] | None:
    """The plan ids a scope means: the year's plan, or the current ones for None.
    None when no plan has that year."""
    if year is None:
        return await current_plan_ids(session)
    plan = await plan_of_year(session, year)
    return (plan.id,) if plan is not None else None


async def years(session: Session, plan_ids: Sequence[int]) -> list[int]:
    query = select(Plan.year).where(Plan.id.in_(list(plan_ids))).order_by(Plan.year)
    return list((await session.scalars(query)).all())


@dataclass(frozen=True)
class Closure:
    """What closing (or reopening) a plan does or did."""

    year: int
    title: str
    open_assignments: int  # not done, live: they stay as they are, read-only
    planned_nudges: int  # skipped now (closing); 0 when reopening
    pending_extensions: int  # closed now (closing)
    already: bool  # the plan was already in the state asked for


def _open_of(plan_id: int):
    return (
        Assignment.plan_id == plan_id,
        Assignment.status != Status.DONE,
        Assignment.withdrawn_at.is_(None),
    )


def _assignments_of(plan_id: int):
    return select(Assignment.id).where(Assignment.plan_id == plan_id).scalar_subquery()


async def close_plan(
    session: Session, plan: Plan, now: datetime, *, dry_run: bool = False
) -> Closure:
    """End ``plan``: no more nudges, no more updates; its pending extensions closed."""
    count_open = select(func.count()).select_from(Assignment).where(*_open_of(plan.id))
    planned = (
        Nudge.assignment_id.in_(_assignments_of(plan.id)),
        Nudge.state.in_([NudgeState.PLANNED, NudgeState.FAILED]),
        Nudge.available_at.is_not(None),
    )
    pending = (
        ExtensionRequest.assignment_id.in_(_assignments_of(plan.id)),
        ExtensionRequest.state == ExtensionState.PENDING,
    )
    closure = Closure(
        year=plan.year,
        title=plan.title,
        open_assignments=await session.scalar(count_open) or 0,
        planned_nudges=await session.scalar(select(func.count()).where(*planned)) or 0,
        pending_extensions=await session.scalar(
            select(func.count()).select_from(ExtensionRequest).where(*pending)
        )
        or 0,
        already=plan.closed_at is not None,
    )
    if dry_run or closure.already:
        return closure
    plan.closed_at = now
    await session.execute(
        update(Nudge)
        .where(*planned)
        .values(
            state=NudgeState.SKIPPED, available_at=None, skip_reason=PLAN_CLOSED, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(ExtensionRequest)
        .where(*pending)
        .values(state=ExtensionState.CLOSED, decided_at=now, decision_note=PLAN_CLOSED)
        .execution_options(synchronize_session=False)
    )
    await session.flush()
    return closure


async def reopen_plan(session: Session, plan: Plan, *, dry_run: bool = False) -> Closure:
    """Open ``plan`` again: the next planning plans its nudges (skipped ones stay skipped)."""
    count_open = select(func.count()).select_from(Assignment).where(*_open_of(plan.id))
    closure = Closure(
        year=plan.year,
        title=plan.title,
        open_assignments=await session.scalar(count_open) or 0,
        planned_nudges=0,
        pending_extensions=0,
        already=plan.closed_at is None,
    )
    if not dry_run and not closure.already:
        plan.closed_at = None
        await session.flush()
    return closure


async def closed_year(session: Session, plan_id: int) -> int | None:
    """The year of plan ``plan_id`` when it is closed; None while it is open."""
    return await session.scalar(
        select(Plan.year).where(Plan.id == plan_id, Plan.closed_at.is_not(None))
    )


def closed_plans():
    """Select of the closed plans' ids (few: one per past year)."""
    return select(Plan.id).where(Plan.closed_at.is_not(None))
