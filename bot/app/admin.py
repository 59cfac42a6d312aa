"""Operator actions behind the command line; each one is one unit of work.

They take the settings, a database and ``now``, return what happened, and
raise ``UserError`` (or ``ImportFailed``) for anything the operator must fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import httpx

from bot.app.builder import calendar_from, rules_from
from bot.texts import dmy, group_names, t
from scheduler.calendar import WorkCalendar
from scheduler.planner import planned_nudges
from storage import notices, people
from storage.db import CONNECTION_ERRORS, Database, display_url
from storage.extensions import ClosedRequest
from storage.imports import headers
from storage.imports.directory import DirectoryReport, ImportReport, import_directory, import_people
from storage.imports.names import NameIndex
from storage.imports.plan import PlanClosed, PlanReport, import_plan
from storage.imports.recurrence import Workday
from storage.imports.tabular import read_table, read_tables
from storage.inventory import store_counts
from storage.invites import create_invite
from storage.migrate import current_revision, head_revision, upgrade
from storage.textfold import fold

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "data"
SAMPLE_AGENCIES = (
    SAMPLE_DIR / "kontum-2024-agencies.csv",
    SAMPLE_DIR / "kontum-2024-agency-groups.csv",
)
SAMPLE_PLAN = SAMPLE_DIR / "kontum-2024-plan.csv"
SAMPLE_PEOPLE = SAMPLE_DIR / "kontum-2024-people.csv"
SAMPLE_TRY_PERSON = "Phan Ngọc Phương"  # an official of Sở Nội vụ in the sample


class UserError(Exception):
    """Something the operator can fix; the message is ready to print."""


def _display_url(db: Database) -> str:
    return display_url(db.url)


async def init_database(db: Database, lang: str) -> str:
    try:
        await upgrade(db.engine)
        revision = await current_revision(db.engine)
    except CONNECTION_ERRORS as exc:
        raise UserError(
            t(lang, "db_unreachable", url=_display_url(db), detail=_first_line(exc))
        ) from None
    return t(lang, "db_ready", url=_display_url(db), revision=revision)


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


async def require_ready(db: Database, lang: str) -> None:
    """Stop unless the schema is at the latest revision (the operator runs ``init``)."""
    try:
        revision = await current_revision(db.engine)
    except CONNECTION_ERRORS as exc:
        raise UserError(
            t(lang, "db_unreachable", url=_display_url(db), detail=_first_line(exc))
        ) from None
    if revision != head_revision():
        raise UserError(t(lang, "db_not_ready"))


def _existing(path: Path, lang: str) -> Path:
    if not path.is_file():
        raise UserError(t(lang, "file_missing", path=path))
    return path


async def run_import_agencies(
    db: Database, paths: list[Path], lang: str, *, dry_run: bool, today: date | None = None
) -> DirectoryReport:
    """``today``: the local day a member added to an existing collective joins it."""
    keys = ("name", "group_label")
    kinds = (headers.AGENCIES, headers.COLLECTIVES)
    tables = [
        table
        for p in paths
        for table in read_tables(_existing(p, lang), key_column=keys, aliases=kinds)
    ]
    async with db.unit_of_work(dry_run=dry_run) as session:
        return await import_directory(session, tables, today=today)


async def run_import_plan(
    db: Database,
    path: Path,
    lang: str,
    now: datetime,
    *,
    dry_run: bool,
    year: int | None = None,
    workday: Workday | None = None,
    title: str | None = None,
    decision: str | None = None,
    issuer: str | None = None,
    join_grace_days: int = 0,
    calendar: WorkCalendar | None = None,
) -> PlanReport:
    """``calendar``: the province's (its working days, and when a notice may go out: the
    requester of an extension closed by a withdrawal is told within work hours)."""
    table = read_table(_existing(path, lang), key_column="code", aliases=(headers.PLAN,))
    if workday is None and calendar is not None:
        workday = calendar.is_workday
    try:
        async with db.unit_of_work(dry_run=dry_run) as session:
            # The plan records its groups, and why work was withdrawn, in Vietnamese: the
            # office's record (as the merger's reasons, bot.app.lifecycle).
            report = await import_plan(
                session,
                table,
                now,
                year=year,
                title=title,
                decision=decision,
                issuer=issuer,
                group_names=group_names("vi"),
                workday=workday,
                join_grace_days=join_grace_days,
                withdrawal_reason=withdrawal_reason,
            )
            for closed in report.closed_requests:
                await tell_request_closed(session, closed, lang, now, calendar)
            return report
    except PlanClosed as exc:
        raise UserError(t(lang, "plan_import_closed", year=exc.year)) from None


def withdrawal_reason(key: str, fields: Mapping[str, object]) -> str:
    """The stored reason of a withdrawal (``storage.imports.plan.WITHDRAWAL_KEYS``)."""
    values = {k: dmy(v) if isinstance(v, date) else v for k, v in fields.items()}
    return t("vi", f"withdrawn_{key}", **values)


async def tell_request_closed(
    session,
    closed: ClosedRequest,
    lang: str,
    now: datetime,
    calendar: WorkCalendar | None,
    *,
    plan_year: int | None = None,
) -> None:
    """The requester is told, through the notices' delivery (sent once, recorded), that
    the request is closed undecided and why: its work withdrawn, or (``plan_year``) its
    plan ended."""
    because = t(lang, "withdrawn_because", reason=closed.reason) if closed.reason else ""
    fields = {
        "code": closed.code,
        "title": closed.title,
        "date": dmy(closed.requested_deadline),
    }
    if plan_year is not None:
        text = t(lang, "tell_request_plan_closed", year=plan_year, **fields)
    else:
        text = t(lang, "tell_request_withdrawn", agency=closed.agency, because=because, **fields)
    at = calendar.next_work_start(now) if calendar is not None else now
    day = calendar.local_date(at) if calendar is not None else at.date()
    key = f"extension:{closed.request_id}"
    await notices.plan_notice(session, closed.requested_by_id, key, text, day, at)


async def run_import_people(
    db: Database,
    path: Path,
    lang: str,
    now: datetime,
    *,
    dry_run: bool,
    deactivate_missing: bool = False,
) -> ImportReport:
    table = read_table(_existing(path, lang), key_column="full_name", aliases=(headers.PEOPLE,))
    async with db.unit_of_work(dry_run=dry_run) as session:
        return await import_people(session, table, now, deactivate_missing=deactivate_missing)


@dataclass(frozen=True)
class InviteResult:
    code: str
    person: str
    agency: str
    expires_at: datetime


async def find_person(session, name: str, lang: str, *, agency: str | None = None):
    """The one person ``name`` (or id) names, within ``agency`` when given; otherwise a
    ``UserError`` listing the namesakes, or suggesting close names (accents ignored)."""
    everyone = await people.everyone(session)
    matches = [p for p in everyone if fold(p.full_name) == fold(name) or str(p.id) == name]
    if agency:
        matches = [
            p for p in matches if fold(agency) in (fold(p.agency.name), fold(p.agency.short_code))
        ]
    if len(matches) > 1:
        active = [p for p in matches if p.active]
        matches = active if len(active) == 1 else matches
    if not matches:
        close = _close_people(everyone, name)
        if close:
            raise UserError(t(lang, "person_not_found_suggest", name=name, choices=close))
        raise UserError(t(lang, "person_not_found", name=name))
    if len(matches) > 1:
        choices = "; ".join(f"{p.full_name} ({p.agency.short_code})" for p in matches)
        raise UserError(t(lang, "person_ambiguous", count=len(matches), name=name, choices=choices))
    return matches[0]


def _close_people(everyone, name: str, limit: int = 5) -> str:
    """ "Nguyễn Thị Loan (sonv); Trần Thị Loan (dakha)": people whose name is close to
    ``name``, or who carry it as their given name or a part of their name."""
    wanted = fold(name)
    index = NameIndex(p.full_name for p in everyone)
    close = set(index.suggest(name, limit))
    words = set(wanted.split())
    found = [
        p
        for p in everyone
        if p.full_name in close or (words and words <= set(fold(p.full_name).split()))
    ]
    found.sort(key=lambda p: (not p.active, fold(p.full_name)))
    return "; ".join(f"{p.full_name} ({p.agency.short_code})" for p in found[:limit])


async def run_invite(
    db: Database, name: str, lang: str, now: datetime, *, agency: str | None = None
) -> InviteResult:
    async with db.unit_of_work() as session:
        person = await find_person(session, name, lang, agency=agency)
        if not person.active:
            raise UserError(t(lang, "person_inactive", name=person.full_name))
        code, invite = await create_invite(session, person, now)
        return InviteResult(code, person.full_name, person.agency.name, invite.expires_at)


@dataclass(frozen=True)
class Overview:
    agencies: int
    people: int
    plans: int
    tasks: int
    assignments: int


async def store_overview(db: Database) -> Overview:
    async with db.unit_of_work() as session:
        return Overview(**await store_counts(session))


async def load_sample(db: Database, lang: str, now: datetime) -> None:
    """Declare the sample agencies, then import the sample plan and people."""
    await run_import_agencies(db, list(SAMPLE_AGENCIES), lang, dry_run=False)
    await run_import_plan(db, SAMPLE_PLAN, lang, now, dry_run=False)
    await run_import_people(db, SAMPLE_PEOPLE, lang, now, dry_run=False)


TELEGRAM_DEFAULT_API = "https://api.telegram.org"


def telegram_username(settings) -> str | None:
    """The bot's @username from getMe, for deep links; None without a token or an answer."""
    if not settings.telegram_bot_token:
        return None
    base = settings.telegram_api_url or TELEGRAM_DEFAULT_API
    try:
        reply = httpx.get(f"{base}/bot{settings.telegram_bot_token}/getMe", timeout=5)
        return reply.json()["result"]["username"]
    except (httpx.HTTPError, KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class PreviewLine:
    local_time: datetime
    kind: str
    assignment: str
    person: str
    person_id: int = 0


@dataclass(frozen=True)
class PreviewMessage:
    """One message a person gets: their check-in, or a leader's escalation message."""

    local_time: datetime
    person: str
    leader: bool
    nudges: tuple[PreviewLine, ...]


async def preview_schedule(db: Database, settings, start, end) -> list[PreviewLine]:
    """The nudges the policy plans in [start, end], from the planner's own code (the
    overdue ladder and its cap, resets by updates, snoozes, focal persons)."""
    calendar = calendar_from(settings)
    async with db.unit_of_work() as session:
        planned = await planned_nudges(session, rules_from(settings), calendar, start, end)
        names = await people.names(session)
    return [
        PreviewLine(
            n.due_at.astimezone(settings.timezone), n.kind, code, names[n.person_id], n.person_id
        )
        for n, code in sorted(planned, key=lambda item: (item[0].due_at, item[1], item[0].kind))
    ]


def preview_messages(lines: list[PreviewLine]) -> list[PreviewMessage]:
    """The nudges as the sweep sends them (``scheduler.sweep.checkins``): per person and
    local day one check-in, and a leader's escalations as one more message."""
    groups: dict[tuple[date, int, bool], list[PreviewLine]] = {}
    for line in lines:
        leader = line.kind.startswith("escalation:")
        groups.setdefault((line.local_time.date(), line.person_id, leader), []).append(line)
    messages = [
        PreviewMessage(min(g.local_time for g in group), group[0].person, leader, tuple(group))
        for (_day, _person, leader), group in groups.items()
    ]
    return sorted(messages, key=lambda m: (m.local_time, m.person, m.leader))
