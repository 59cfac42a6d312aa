"""Operator actions over years and reorganisations: plans closed and reopened,
agencies ended, renamed and merged. Each is one unit of work; a dry run rolls
it back after saying what it would do.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.app.admin import UserError
from bot.texts import t
from storage import plans
from storage.db import Database
from storage.models import Plan
from storage.plans import Closure


async def _plan(session, year: int, lang: str) -> Plan:
    plan = await plans.plan_of_year(session, year)
    if plan is None:
        known = ", ".join(str(p.year) for p in await plans.plans(session))
        raise UserError(t(lang, "plan_unknown", year=year, years=known or t(lang, "plan_none")))
    return plan


async def report_scope(session, year: int | None, lang: str) -> tuple[int, ...] | None:
    """The plan scope of ``report --year``: that year's plan (refused when there is none),
    or None: the current plans."""
    if year is None:
        return None
    return ((await _plan(session, year, lang)).id,)


async def close_plan(
    db: Database, year: int, lang: str, now: datetime, *, reopen: bool, dry_run: bool
) -> Closure:
    async with db.unit_of_work(dry_run=dry_run) as session:
        plan = await _plan(session, year, lang)
        if reopen:
            return await plans.reopen_plan(session, plan, dry_run=dry_run)
        return await plans.close_plan(session, plan, now, dry_run=dry_run)


def describe_closure(closure: Closure, lang: str, *, reopen: bool) -> str:
    if closure.already:
        return t(lang, "plan_already_open" if reopen else "plan_already_closed", year=closure.year)
    if reopen:
        return t(
            lang,
            "plan_reopening",
            year=closure.year,
            title=closure.title,
            open=closure.open_assignments,
        )
    return t(
        lang,
        "plan_closing",
        year=closure.year,
        title=closure.title,
        open=closure.open_assignments,
        nudges=closure.planned_nudges,
        extensions=closure.pending_extensions,
    )


async def plan_lines(db: Database, lang: str) -> list[str]:
    async with db.unit_of_work(dry_run=True) as session:
        every = [
            (p.year, p.title, p.decision, p.issuer, p.closed_at) for p in await plans.plans(session)
        ]
    if not every:
        return [t(lang, "plan_none")]
    lines = []
    for year, title, decision, issuer, closed_at in every:
        state = t(lang, "plan_state_closed" if closed_at else "plan_state_open")
        lines.append(
            t(lang, "plan_line", year=year, state=state, title=title)
            + decision_text(decision, issuer, lang)
        )
    return lines


def decision_text(decision: str, issuer: str, lang: str) -> str:
    if not decision:
        return ""
    by = t(lang, "plan_issuer", issuer=issuer) if issuer else ""
    return t(lang, "plan_decision", decision=decision, issuer=by)


def day_or_today(day: date | None, today: date) -> date:
    return day if day is not None else today
