"""Views in chat: /viec for everyone; /tonghop, /quahan, /saphan for leaders and coordinators.

The lists are paged by ``bot.handlers.pages`` (within each platform's text limit;
«◀ Trước» / «Sau ▶» edit the message).

/tonghop, /quahan and /saphan take an optional scope: a group number or an agency
(accent-insensitive prefix of a word of its name, or its short code). Coordinators see
everything; leaders their own agency and its groups, and asking for another agency is
refused with the reason (``resolve_scope``), never silently narrowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from bot.channels.base import Outgoing
from bot.documents.attachments import AttachmentRequest
from bot.handlers.evidence import short_name
from bot.handlers.pages import Item, Page, limit_for, navigation, page
from bot.inbound.answer import Answer
from bot.inbound.turn import LinkedTurn
from bot.outbound.digests import counts_line
from bot.texts import dmy, group_label, percent, status_name
from bot.texts import when as days_phrase
from storage import assignments, evidence, people, plans
from storage.enums import Role, Status
from storage.models import Agency, Assignment
from storage.report import withdrawn_count
from storage.summary import (
    Closing,
    NudgedAssignment,
    OverdueItem,
    nudged_assignments,
    open_list,
    overdue_list,
    status_overview,
)
from storage.textfold import fold

DUE_SOON_WORKDAYS = 7
LIST_DATA = re.compile(r"^l:([qsv]):(\d{1,5})(?::(?:a(\d{1,9}))?(?:g(\d))?(?:y(\d{4}))?)?$")
YEAR = re.compile(r"(?:^|\s)((?:19|20)\d\d)(?=\s|$)")


def _scope_agency(turn: LinkedTurn) -> int | None:
    return turn.person.agency_id if turn.role is Role.LEADER else None


@dataclass(frozen=True)
class Scope:
    """What a summary or list shows: one agency and/or one group, or everything, of one
    plan year or (``year`` None) of the current plans."""

    agency_id: int | None = None
    group: int | None = None
    label: str = ""  # "" for everything
    year: int | None = None

    def data(self) -> str:
        """The scope in a button's data: "", ":a12", ":g3", ":a12g3", ":a12y2024"…"""
        agency = f"a{self.agency_id}" if self.agency_id is not None else ""
        group = f"g{self.group}" if self.group is not None else ""
        year = f"y{self.year}" if self.year is not None else ""
        return f":{agency}{group}{year}" if agency or group or year else ""

    async def plan_ids(self, turn: LinkedTurn) -> tuple[int, ...]:
        return await plans.resolve(turn.session, self.year) or ()


async def plan_year(turn: LinkedTurn, arg: str) -> tuple[int | None, str] | None:
    """A four-digit plan year in ``arg`` and the rest of it; None (with the reason
    replied) when there is no plan of that year."""
    match = YEAR.search(arg)
    if match is None:
        return None, arg
    year = int(match[1])
    if await plans.plan_of_year(turn.session, year) is None:
        known = ", ".join(str(p.year) for p in await plans.plans(turn.session))
        turn.reply(turn.t("plan_unknown", year=year, years=known or turn.t("plan_none")))
        return None
    return year, (arg[: match.start()] + " " + arg[match.end() :]).strip()


async def _year_label(turn: LinkedTurn, scope: Scope) -> Scope:
    if scope.year is None:
        return scope
    plan = await plans.plan_of_year(turn.session, scope.year)
    key = "scope_year_closed" if plan is not None and plan.closed_at else "scope_year"
    year = turn.t(key, year=scope.year)
    label = f"{scope.label}, {year}" if scope.label else year
    return Scope(scope.agency_id, scope.group, label, scope.year)


async def _agency_matches(turn: LinkedTurn, arg: str) -> list[Agency]:
    key = fold(arg)
    agencies = await people.agencies(turn.session)
    exact = [a for a in agencies if a.short_code == key or fold(a.name) == key]
    return exact or [a for a in agencies if f" {key}" in f" {fold(a.name)}"]


async def resolve_scope(turn: LinkedTurn, arg: str) -> Scope | None:
    """The scope ``arg`` asks for (a group number, an agency, a plan year beside either),
    within the person's own: a leader sees their agency, and any group of it. None when
    refused or not found, with the reason replied: never silently narrowed."""
    found = await plan_year(turn, arg)
    if found is None:
        return None
    year, arg = found
    scope = await _resolve_scope(turn, arg)
    if scope is None:
        return None
    return await _year_label(turn, Scope(scope.agency_id, scope.group, scope.label, year))


async def _resolve_scope(turn: LinkedTurn, arg: str) -> Scope | None:
    arg = arg.strip()
    own = turn.person.agency if turn.role is Role.LEADER else None
    base = Scope(own.id, None, own.name) if own is not None else Scope()
    if not arg:
        return base
    if arg.isdigit() and 1 <= int(arg) <= 7:
        group = int(arg)
        label = group_label(turn.lang, group)
        if own is not None:
            label = turn.t("scope_in", agency=own.name, group=label)
        return Scope(base.agency_id, group, label)
    matches = await _agency_matches(turn, arg)
    if own is not None and own.id in {a.id for a in matches}:
        return base
    if own is not None:
        turn.reply(turn.t("out_of_scope", agency=own.name, arg=arg))
        return None
    if not matches:
        turn.reply(turn.t("no_match", arg=arg))
        return None
    if len(matches) > 1:
        names = "; ".join(a.name for a in matches[:10])
        turn.reply(turn.t("ambiguous", arg=arg, names=names))
        return None
    return Scope(matches[0].id, None, matches[0].name)


def _response_line(turn: LinkedTurn, nudged: list[NudgedAssignment]) -> str:
    """The share of nudged assignments updated within ``rules.first_grace`` working
    days of their first nudge (before the next overdue nudge would come)."""
    days = turn.rules.first_grace
    if not nudged:
        return turn.t("summary_response_none")
    answered = 0
    for item in nudged:
        if item.first_update_at is None:
            continue
        sent_day = turn.calendar.local_date(item.first_sent_at)
        limit = turn.calendar.add_workdays(sent_day, days)
        answered += turn.calendar.local_date(item.first_update_at) <= limit
    share = percent(turn.lang, 100 * answered / len(nudged))
    return turn.t("summary_response", days=days, answered=answered, nudged=len(nudged), share=share)


AGENCIES_SHOWN = 10


async def summary_command(turn: LinkedTurn, arg: str) -> None:
    scope = await resolve_scope(turn, arg)
    if scope is None:
        return
    today = turn.today
    tz = turn.calendar.timezone
    closing = Closing.of(turn.calendar, today)
    plan_ids = await scope.plan_ids(turn)
    figures = await status_overview(
        turn.session,
        today,
        agency_id=scope.agency_id,
        group=scope.group,
        plan_id=plan_ids,
        tz=tz,
        closing=closing,
    )
    lines = [
        turn.t("summary_title", scope=scope.label or turn.t("scope_all"), day=dmy(today)),
        counts_line(turn.lang, turn.t("total"), figures.total),
    ]
    if scope.group is None and figures.by_group:
        lines.append(turn.t("report_by_group"))
        for counts in figures.by_group:
            lines.append(counts_line(turn.lang, group_label(turn.lang, counts.key), counts))
    if scope.agency_id is None:
        late = [c for c in figures.by_agency if c.overdue]
        if not late:
            lines.append(turn.t("summary_no_agency_overdue"))
        else:
            worst = sorted(late, key=lambda c: (-c.overdue_share, -c.overdue, c.label))
            worst = worst[:AGENCIES_SHOWN]
            lines.append(turn.t("summary_by_agency", shown=len(worst), n=len(late)))
            nudged: dict[int, list[NudgedAssignment]] = {}
            if turn.role is Role.COORDINATOR:
                for item in await nudged_assignments(turn.session, plan_id=plan_ids):
                    nudged.setdefault(item.agency_id, []).append(item)
            for c in worst:
                line = counts_line(turn.lang, c.label, c)
                if turn.role is Role.COORDINATOR:
                    line += _response_line(turn, nudged.get(c.key or 0, []))
                lines.append(line)
    withdrawn = await withdrawn_count(
        turn.session, agency_id=scope.agency_id, group=scope.group, plan_id=plan_ids
    )
    if withdrawn:  # counted in none of the figures above; the report lists them
        lines.append(turn.t("summary_withdrawn", n=withdrawn))
    turn.reply("\n".join(lines))


def _item(turn: LinkedTurn, item: OverdueItem) -> str:
    days = turn.calendar.days_past(item.deadline, turn.today)
    when = days_phrase(turn.lang, days, turn.calendar.days_unit)
    percent = f" {item.percent}%" if item.status is Status.IN_PROGRESS and item.percent else ""
    updated = (
        turn.t("updated", day=dmy(turn.calendar.local_date(item.updated_at)))
        if item.updated_at
        else turn.t("never")
    )
    title = item.title if len(item.title) <= 90 else item.title[:88] + "…"
    return turn.t(
        "item",
        code=item.code,
        agency=item.agency,
        title=title,
        deadline=dmy(item.deadline),
        when=when,
        status=status_name(turn.lang, item.status) + percent,
        updated=updated,
    )


async def _page(turn: LinkedTurn, kind: str, number: int, scope: Scope) -> tuple[str, tuple]:
    if kind == "v":
        return await _tasks_page(turn, number)
    label = f" — {scope.label}" if scope.label else ""
    today = turn.today
    closing = Closing.of(turn.calendar, today)
    plan_ids = await scope.plan_ids(turn)
    if kind == "q":
        items = await overdue_list(
            turn.session,
            today,
            agency_id=scope.agency_id,
            group=scope.group,
            plan_id=plan_ids,
            closing=closing,
        )
        empty = turn.t("none_overdue", scope=label)
    else:
        until = turn.calendar.add_workdays(today, DUE_SOON_WORKDAYS)
        items = await open_list(
            turn.session,
            today,
            deadline_from=closing.overdue_from(today),  # a day-off deadline not yet closed
            deadline_before=until + timedelta(days=1),
            agency_id=scope.agency_id,
            group=scope.group,
            plan_id=plan_ids,
        )
        empty = turn.t("none_due", days=DUE_SOON_WORKDAYS, scope=label)
    if not items:
        return empty, ()
    title_key = "overdue_title" if kind == "q" else "due_title"

    def title(number: int, pages: int) -> str:
        n, days = len(items), DUE_SOON_WORKDAYS
        return turn.t(title_key, scope=label, n=n, page=number, pages=pages, days=days)

    shown = page(title, [Item(_item(turn, i)) for i in items], number, _limit(turn))
    return shown.text, _navigation(turn, kind, shown, scope)


def _limit(turn: LinkedTurn) -> int:
    return limit_for(turn.incoming.channel)


def _navigation(turn: LinkedTurn, kind: str, shown: Page, scope: Scope | None = None) -> tuple:
    suffix = scope.data() if scope is not None else ""
    return navigation(turn.t("prev"), turn.t("next"), f"l:{kind}", shown, suffix)


def when(turn: LinkedTurn, assignment: Assignment) -> str:
    if assignment.deadline is None:
        return turn.t("no_deadline")
    days = turn.calendar.days_past(assignment.deadline, turn.today)
    return days_phrase(turn.lang, days, turn.calendar.days_unit)


def _task_text(turn: LinkedTurn, a: Assignment, files: list[str] | None = None) -> str:
    title = a.task.title if len(a.task.title) <= 120 else a.task.title[:118] + "…"
    text = turn.t(
        "task_line",
        code=a.code,
        title=title,
        deadline=dmy(a.deadline, turn.lang),
        when=when(turn, a),
        status=status_name(turn.lang, a.status),
        percent=f" {a.percent}%" if a.status is Status.IN_PROGRESS and a.percent else "",
    )
    if a.document_ref:
        text += "\n" + turn.t("task_document", document=a.document_ref)
    if files:  # the evidence sent in chat, by name (/tailieu sends the files back)
        names = ", ".join(short_name(name) for name in files[-3:])
        names = f"…, {names}" if len(files) > 3 else names
        text += "\n" + turn.t("task_evidence", count=len(files), names=names)
    return text


def _task_group(turn: LinkedTurn, a: Assignment, soon_until) -> str:
    if a.deadline is None:
        return "ongoing"
    if a.deadline < turn.today:
        return "overdue"
    return "soon" if a.deadline <= soon_until else "later"


GROUPS = {  # /viec's groups in order, each with the text of its heading
    "overdue": "tasks_group_overdue",
    "soon": "tasks_group_soon",
    "later": "tasks_group_later",
    "ongoing": "tasks_group_ongoing",
}


async def _tasks_page(turn: LinkedTurn, number: int) -> tuple[str, tuple]:
    """/viec: the person's open assignments grouped (overdue, due within 7 working days,
    later, ongoing), nearest deadline first within each, with a count line; paged."""
    person = turn.person
    rows = await assignments.open_for_person(turn.session, person)
    if not rows:
        return turn.t("no_tasks"), ()
    soon_until = turn.calendar.add_workdays(turn.today, DUE_SOON_WORKDAYS)
    grouped: dict[str, list[Assignment]] = {g: [] for g in GROUPS}
    for a in rows:
        grouped[_task_group(turn, a, soon_until)].append(a)
    days = DUE_SOON_WORKDAYS
    counts = turn.t("tasks_counts", days=days, **{g: len(grouped[g]) for g in GROUPS})
    files = await evidence.names_by_assignment(turn.session, [a.id for a in rows])
    items = [
        Item(_task_text(turn, a, files.get(a.id)), turn.t(heading, days=days))
        for g, heading in GROUPS.items()
        for a in grouped[g]
    ]

    def title(number: int, pages: int) -> str:
        head = turn.t(
            "tasks_title", agency=person.agency.name, n=len(rows), page=number, pages=pages
        )
        return f"{head}\n{counts}"

    shown = page(title, items, number, _limit(turn))
    return shown.text, _navigation(turn, "v", shown)


async def tasks_command(turn: LinkedTurn, _args: str) -> None:
    turn.reply(*await _tasks_page(turn, 1))


async def overdue_command(turn: LinkedTurn, arg: str) -> None:
    scope = await resolve_scope(turn, arg)
    if scope is not None:
        turn.reply(*await _page(turn, "q", 1, scope))


async def due_command(turn: LinkedTurn, arg: str) -> None:
    scope = await resolve_scope(turn, arg)
    if scope is not None:
        turn.reply(*await _page(turn, "s", 1, scope))


async def _scope_of_data(
    turn: LinkedTurn, agency: str | None, group: str | None, year: str | None = None
) -> Scope:
    """The scope a button carried, kept within the presser's own (a leader: their agency)."""
    own = _scope_agency(turn)
    agency_id = own if own is not None else (int(agency) if agency else None)
    group_number = int(group) if group and 1 <= int(group) <= 7 else None
    names = []
    if agency_id is not None:
        name = next((a.name for a in await people.agencies(turn.session) if a.id == agency_id), "")
        names.append(name)
    if group_number is not None:
        names.append(group_label(turn.lang, group_number))
    scope = Scope(agency_id, group_number, ", ".join(n for n in names if n))
    if year and await plans.plan_of_year(turn.session, int(year)) is not None:
        scope = await _year_label(turn, Scope(agency_id, group_number, scope.label, int(year)))
    return scope


async def on_list_choice(turn: LinkedTurn) -> bool:
    """A previous/next press; the role is checked again by the caller. False if not ours."""
    match = LIST_DATA.match(turn.incoming.choice_data or "")
    if not match:
        return False
    scope = await _scope_of_data(turn, match[3], match[4], match[5])
    text, choices = await _page(turn, match[1], max(1, int(match[2])), scope)
    turn.edit(turn.incoming.choice_message_id, text, choices)
    return True


async def chart_command(turn: LinkedTurn, arg: str) -> None:
    found = await plan_year(turn, arg)
    if found is None:
        return
    year = found[0]
    agency_id = _scope_agency(turn)
    scope = turn.person.agency.name if agency_id else turn.t("scope_all")
    if year is not None:
        scope = (await _year_label(turn, Scope(label=scope, year=year))).label
    caption = turn.t("chart_caption", day=dmy(turn.today), scope=scope)  # the chart's own
    # title names the same scope
    request = AttachmentRequest("chart", turn.today, turn.lang, agency_id, year)
    turn.answers.append(Answer(Outgoing(caption), made_later=request))


async def report_command(turn: LinkedTurn, arg: str) -> None:
    """The XLSX workbook, or with "docx" (word, văn bản) the Decree-30 report draft; a
    four-digit year reports that plan instead of the current ones."""
    found = await plan_year(turn, arg)
    if found is None:
        return
    year, arg = found
    if arg.strip().lower() in ("docx", "word", "văn bản", "van ban"):
        caption = turn.t("draft_caption", day=dmy(turn.today))
        agency = turn.person.agency_id
        request = AttachmentRequest("draft", turn.today, turn.lang, agency, year)
    else:
        caption = turn.t("report_caption", day=dmy(turn.today)) + turn.t("report_offer")
        request = AttachmentRequest("report", turn.today, turn.lang, None, year)
    turn.answers.append(Answer(Outgoing(caption), made_later=request))
