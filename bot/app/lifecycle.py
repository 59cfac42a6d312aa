"""Operator actions over years and reorganisations: plans closed and reopened,
agencies ended, renamed and merged. Each is one unit of work; a dry run rolls
it back after saying what it would do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.app.admin import UserError, tell_request_closed
from bot.texts import dmy, t
from scheduler.calendar import WorkCalendar
from storage import agencies, extensions, people, plans
from storage.db import Database
from storage.imports.names import NameIndex
from storage.models import Agency, Person, Plan
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
    db: Database,
    year: int,
    lang: str,
    now: datetime,
    *,
    reopen: bool,
    dry_run: bool,
    calendar: WorkCalendar | None = None,
) -> Closure:
    """Close (or reopen) the plan of ``year``; the requesters of the pending extension
    requests it closes are told (within ``calendar``'s work hours when given)."""
    async with db.unit_of_work(dry_run=dry_run) as session:
        plan = await _plan(session, year, lang)
        if reopen:
            return await plans.reopen_plan(session, plan, dry_run=dry_run)
        pending = [] if plan.closed_at else await extensions.pending_of_plan(session, plan.id)
        closure = await plans.close_plan(session, plan, now, dry_run=dry_run)
        for request in pending:
            await tell_request_closed(session, request, lang, now, calendar, plan_year=year)
        return closure


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


async def _agency(session, arg: str, lang: str) -> Agency:
    found = await agencies.matching(session, arg)
    if len(found) == 1:
        return found[0]
    if found:
        names = "; ".join(a.name for a in found[:10])
        raise UserError(t(lang, "agency_ambiguous", arg=arg, names=names))
    every = [a.name for a in await people.agencies(session)]
    close = NameIndex(every).suggest(arg)
    hint = t(lang, "agency_suggest", names="; ".join(close)) if close else ""
    raise UserError(t(lang, "agency_unknown", arg=arg, hint=hint))


def _day_start(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tz).astimezone(UTC)


@dataclass
class EndOutcome:
    ending: agencies.Ending
    successor: str = ""
    deactivated: list[tuple[str, str]] = field(default_factory=list)  # (name, role)
    transferred: list[tuple[str, str]] = field(default_factory=list)
    kept: list[tuple[str, str]] = field(default_factory=list)  # active until a future day
    merger: agencies.Merger | None = None


def _role(lang: str, person: Person) -> str:
    return t(lang, f"person_role_{person.role.value}")


async def end_agency(
    db: Database,
    arg: str,
    lang: str,
    now: datetime,
    tz: ZoneInfo,
    *,
    day: date | None,
    dry_run: bool,
) -> EndOutcome:
    """End the agency ``arg`` from ``day`` (today by default); its people are deactivated
    when the day has come, else kept until then (and said so)."""
    today = now.astimezone(tz).date()
    day = day_or_today(day, today)
    async with db.unit_of_work(dry_run=dry_run) as session:
        agency = await _agency(session, arg, lang)
        if agency.ended_on is not None:
            raise UserError(
                t(lang, "agency_already_ended", agency=agency.name, day=dmy(agency.ended_on))
            )
        ending = await agencies.end_agency(
            session, agency, day, _day_start(day, tz), now, dry_run=dry_run
        )
        outcome = EndOutcome(ending)
        for person in await agencies.active_people(session, agency.id):
            line = (person.full_name, _role(lang, person))
            if day > today:
                outcome.kept.append(line)
                continue
            outcome.deactivated.append(line)
            if not dry_run:
                await people.deactivate(session, person, now)
        return outcome


async def rename_agency(
    db: Database,
    arg: str,
    new_name: str,
    lang: str,
    now: datetime,
    tz: ZoneInfo,
    *,
    day: date | None,
    new_code: str | None,
    dry_run: bool,
) -> tuple[str, str, date]:
    day = day_or_today(day, now.astimezone(tz).date())
    async with db.unit_of_work(dry_run=dry_run) as session:
        agency = await _agency(session, arg, lang)
        new_name = new_name.strip()
        if await agencies.name_taken(session, new_name):
            raise UserError(t(lang, "agency_name_taken", name=new_name))
        if new_code and (holder := await agencies.code_holder(session, new_code)):
            if holder != agency.name:
                raise UserError(t(lang, "agency_code_taken", code=new_code, agency=holder))
        old = await agencies.rename(session, agency, new_name, day, new_code=new_code)
        return old, new_name, day


PEOPLE_ACTIONS = ("transfer", "deactivate")


async def merge_agency(
    db: Database,
    old_arg: str,
    new_arg: str,
    lang: str,
    now: datetime,
    tz: ZoneInfo,
    *,
    day: date | None,
    close_open: bool,
    people_action: str,
    dry_run: bool,
    calendar: WorkCalendar | None = None,
) -> EndOutcome:
    """Merge ``old_arg`` into ``new_arg`` from ``day`` (today by default, not later): the
    open assignments of open plans move (or close), people move (or are deactivated),
    the old agency ends with the new one as its successor. A pending extension request of
    an assignment closed is closed too, its requester told (within ``calendar``'s work
    hours when given)."""
    today = now.astimezone(tz).date()
    day = day_or_today(day, today)
    if day > today:
        raise UserError(t(lang, "merge_not_ahead", day=dmy(day)))
    async with db.unit_of_work(dry_run=dry_run) as session:
        old = await _agency(session, old_arg, lang)
        new = await _agency(session, new_arg, lang)
        if old.id == new.id:
            raise UserError(t(lang, "agency_same"))
        for agency in (old, new):
            if agency.ended_on is not None:
                raise UserError(
                    t(lang, "agency_already_ended", agency=agency.name, day=dmy(agency.ended_on))
                )
        merger = await agencies.plan_merger(session, old, new, close_open=close_open)
        if not dry_run:
            when = dmy(day)
            closed = await agencies.apply_merger(
                session,
                merger,
                new,
                now,
                closed_reason=t("vi", "withdrawn_merged", successor=new.name, day=when),
                duplicate_reason=t("vi", "withdrawn_duplicate", successor=new.name, day=when),
            )
            for request in closed:
                await tell_request_closed(session, request, lang, now, calendar)
        outcome = EndOutcome(
            await agencies.end_agency(
                session, old, day, _day_start(day, tz), now, successor=new, dry_run=dry_run
            ),
            successor=new.name,
            merger=merger,
        )
        for person in await agencies.active_people(session, old.id):
            line = (person.full_name, _role(lang, person))
            namesake = await people.namesake(session, new.id, person.full_name)
            if people_action == "transfer" and namesake is None:
                outcome.transferred.append(line)
                if not dry_run:
                    await people.transfer(session, person, new)
            else:
                outcome.deactivated.append(line)
                if not dry_run:
                    await people.deactivate(session, person, now)
        return outcome


def describe_end(outcome: EndOutcome, lang: str) -> list[str]:
    e = outcome.ending
    lines = []
    m = outcome.merger
    if m is not None:
        if m.moved:
            lines.append(t(lang, "merge_moves", count=len(m.moved), successor=outcome.successor))
            lines += [t(lang, "merge_line", code=x.code, new_code=x.new_code) for x in m.moved]
        if m.closed:
            lines.append(t(lang, "merge_closes", count=len(m.closed)))
            lines += [t(lang, "merge_closed_line", code=x.code) for x in m.closed]
        if m.duplicates:
            lines.append(
                t(lang, "merge_duplicates", count=len(m.duplicates), successor=outcome.successor)
            )
            lines += [t(lang, "merge_closed_line", code=x.code) for x in m.duplicates]
        lines.append(
            t(lang, "merge_kept", done=m.done_kept, closed=m.closed_plans_kept, agency=m.old)
        )
    successor = t(lang, "agency_successor", agency=outcome.successor) if outcome.successor else ""
    open_left = e.open_assignments
    lines.append(
        t(
            lang,
            "agency_ending",
            agency=e.agency,
            day=dmy(e.day),
            successor=successor,
            open=open_left,
            nudges=e.planned_nudges,
        )
    )
    for key, who, extra in (
        ("agency_people_transferred", outcome.transferred, {"successor": outcome.successor}),
        ("agency_people_deactivated", outcome.deactivated, {}),
    ):
        if who:
            lines.append(t(lang, key, count=len(who), agency=e.agency, **extra))
            lines += [t(lang, "agency_person_line", name=n, role=r) for n, r in who]
    if outcome.kept:
        lines.append(
            t(lang, "agency_people_kept", count=len(outcome.kept), agency=e.agency, day=dmy(e.day))
        )
        lines += [t(lang, "agency_person_line", name=n, role=r) for n, r in outcome.kept]
    return lines
