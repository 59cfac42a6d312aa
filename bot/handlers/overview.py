"""Views in chat: /viec for everyone; /tonghop, /quahan, /saphan for leaders and coordinators.

The lists are paged by ``bot.handlers.pages`` (within each platform's text limit;
«◀ Trước» / «Sau ▶» edit the message).

Leaders see their own agency; coordinators see everything and may narrow
/tonghop to a group number or an agency (accent-insensitive prefix of a word
of its name, or its short code).
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.channels.base import Outgoing
from bot.documents.attachments import AttachmentRequest
from bot.handlers.pages import Item, Page, limit_for, navigation, page
from bot.inbound.answer import Answer
from bot.inbound.turn import LinkedTurn
from bot.outbound.digests import counts_line
from bot.texts import dmy, group_label, status_name
from storage import assignments, people
from storage.enums import Role, Status
from storage.models import Agency, Assignment
from storage.summary import (
    Closing,
    OverdueItem,
    open_list,
    overdue_list,
    status_overview,
)
from storage.textfold import fold

DUE_SOON_WORKDAYS = 7
LIST_DATA = re.compile(r"^l:([qsv]):(\d{1,5})$")


def _scope_agency(turn: LinkedTurn) -> int | None:
    return turn.person.agency_id if turn.role is Role.LEADER else None


async def _agency_matches(turn: LinkedTurn, arg: str) -> list[Agency]:
    key = fold(arg)
    agencies = await people.agencies(turn.session)
    exact = [a for a in agencies if a.short_code == key or fold(a.name) == key]
    return exact or [a for a in agencies if f" {key}" in f" {fold(a.name)}"]


async def summary_command(turn: LinkedTurn, arg: str) -> None:
    agency_id, group, scope = _scope_agency(turn), None, turn.t("scope_all")
    if turn.role is Role.LEADER:
        scope = turn.person.agency.name
    elif arg.strip():
        if arg.strip().isdigit() and 1 <= int(arg) <= 7:
            group = int(arg)
            scope = group_label(turn.lang, group)
        else:
            matches = await _agency_matches(turn, arg.strip())
            if not matches:
                turn.reply(turn.t("no_match", arg=arg.strip()))
                return
            if len(matches) > 1:
                names = "; ".join(a.name for a in matches[:10])
                turn.reply(turn.t("ambiguous", arg=arg.strip(), names=names))
                return
            agency_id, scope = matches[0].id, matches[0].name
    today = turn.today
    tz = turn.calendar.timezone
    closing = Closing.of(turn.calendar, today)
    figures = await status_overview(
        turn.session, today, agency_id=agency_id, group=group, tz=tz, closing=closing
    )
    lines = [
        turn.t("summary_title", scope=scope, day=dmy(today)),
        counts_line(turn.lang, turn.t("total"), figures.total),
    ]
    if group is None:
        for counts in figures.by_group:
            lines.append(counts_line(turn.lang, group_label(turn.lang, counts.key), counts))
    if agency_id is None:
        worst = sorted(figures.by_agency, key=lambda c: (-c.overdue, c.label))[:5]
        lines += [counts_line(turn.lang, c.label, c) for c in worst if c.overdue]
    turn.reply("\n".join(lines))


def _item(turn: LinkedTurn, item: OverdueItem) -> str:
    days = item.days_overdue
    if days > 0:
        when = turn.t("days_overdue", n=days)
    elif days == 0:
        when = turn.t("due_today")
    else:
        when = turn.t("days_left", n=-days)
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


async def _page(turn: LinkedTurn, kind: str, number: int) -> tuple[str, tuple]:
    if kind == "v":
        return await _tasks_page(turn, number)
    agency_id = _scope_agency(turn)
    scope = f" — {turn.person.agency.name}" if agency_id else ""
    today = turn.today
    closing = Closing.of(turn.calendar, today)
    if kind == "q":
        items = await overdue_list(turn.session, today, agency_id=agency_id, closing=closing)
        empty = turn.t("none_overdue", scope=scope)
    else:
        until = turn.calendar.add_workdays(today, DUE_SOON_WORKDAYS)
        items = await open_list(
            turn.session,
            today,
            deadline_from=closing.overdue_from(today),  # a day-off deadline not yet closed
            deadline_before=until + timedelta(days=1),
            agency_id=agency_id,
        )
        empty = turn.t("none_due", days=DUE_SOON_WORKDAYS, scope=scope)
    if not items:
        return empty, ()
    title_key = "overdue_title" if kind == "q" else "due_title"

    def title(number: int, pages: int) -> str:
        n, days = len(items), DUE_SOON_WORKDAYS
        return turn.t(title_key, scope=scope, n=n, page=number, pages=pages, days=days)

    shown = page(title, [Item(_item(turn, i)) for i in items], number, _limit(turn))
    return shown.text, _navigation(turn, kind, shown)


def _limit(turn: LinkedTurn) -> int:
    return limit_for(turn.incoming.channel)


def _navigation(turn: LinkedTurn, kind: str, shown: Page) -> tuple:
    return navigation(turn.t("prev"), turn.t("next"), f"l:{kind}", shown)


def when(turn: LinkedTurn, assignment: Assignment) -> str:
    if assignment.deadline is None:
        return turn.t("no_deadline")
    days = (assignment.deadline - turn.today).days
    if days > 0:
        return turn.t("days_left", n=days)
    return turn.t("due_today") if days == 0 else turn.t("days_overdue", n=-days)


def _task_text(turn: LinkedTurn, a: Assignment) -> str:
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
    items = [
        Item(_task_text(turn, a), turn.t(heading, days=days))
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


async def overdue_command(turn: LinkedTurn, _arg: str) -> None:
    turn.reply(*await _page(turn, "q", 1))


async def due_command(turn: LinkedTurn, _arg: str) -> None:
    turn.reply(*await _page(turn, "s", 1))


async def on_list_choice(turn: LinkedTurn) -> bool:
    """A previous/next press; the role is checked again by the caller. False if not ours."""
    match = LIST_DATA.match(turn.incoming.choice_data or "")
    if not match:
        return False
    text, choices = await _page(turn, match[1], max(1, int(match[2])))
    turn.edit(turn.incoming.choice_message_id, text, choices)
    return True


async def chart_command(turn: LinkedTurn, _arg: str) -> None:
    agency_id = _scope_agency(turn)
    caption = turn.t(
        "chart_caption",
        day=dmy(turn.today),
        scope=turn.person.agency.name if agency_id else turn.t("scope_all"),
    )
    request = AttachmentRequest("chart", turn.today, turn.lang, agency_id)
    turn.answers.append(Answer(Outgoing(caption), made_later=request))


async def report_command(turn: LinkedTurn, arg: str) -> None:
    """The XLSX workbook, or with "docx" (word, văn bản) the Decree-30 report draft."""
    if arg.strip().lower() in ("docx", "word", "văn bản", "van ban"):
        caption = turn.t("draft_caption", day=dmy(turn.today))
        agency = turn.person.agency_id
        request = AttachmentRequest("draft", turn.today, turn.lang, agency)
    else:
        caption = turn.t("report_caption", day=dmy(turn.today)) + turn.t("report_offer")
        request = AttachmentRequest("report", turn.today, turn.lang)
    turn.answers.append(Answer(Outgoing(caption), made_later=request))
