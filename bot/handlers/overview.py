"""Leaders' and coordinators' views in chat: /tonghop, /quahan, /saphan (paged).

Leaders see their own agency; coordinators see everything and may narrow
/tonghop to a group number or an agency (accent-insensitive prefix of a word
of its name, or its short code).
"""

from __future__ import annotations

import math
import re
from datetime import timedelta

from bot.channels.base import Choice, Outgoing
from bot.documents.attachments import AttachmentRequest
from bot.inbound.answer import Answer
from bot.inbound.turn import LinkedTurn
from bot.outbound.digests import counts_line
from bot.texts import dmy, group_label, status_name
from storage import people
from storage.enums import Role, Status
from storage.models import Agency
from storage.summary import (
    Closing,
    OverdueItem,
    open_list,
    overdue_list,
    status_counts,
    status_overview,
)
from storage.textfold import fold

PAGE = 8
DUE_SOON_WORKDAYS = 7
LIST_DATA = re.compile(r"^l:([qs]):(\d{1,5})$")


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


async def _page(turn: LinkedTurn, kind: str, page: int) -> tuple[str, tuple]:
    agency_id = _scope_agency(turn)
    scope = f" — {turn.person.agency.name}" if agency_id else ""
    today = turn.today
    closing = Closing.of(turn.calendar, today)
    if kind == "q":
        (counts,) = await status_counts(
            turn.session, today, agency_id=agency_id, tz=turn.calendar.timezone, closing=closing
        )
        total = counts.overdue
        items = await overdue_list(
            turn.session,
            today,
            agency_id=agency_id,
            limit=PAGE,
            offset=(page - 1) * PAGE,
            closing=closing,
        )
        empty = turn.t("none_overdue", scope=scope)
    else:
        until = turn.calendar.add_workdays(today, DUE_SOON_WORKDAYS)
        every = await open_list(
            turn.session,
            today,
            deadline_from=closing.overdue_from(today),  # a day-off deadline not yet closed
            deadline_before=until + timedelta(days=1),
            agency_id=agency_id,
        )
        total, items = len(every), every[(page - 1) * PAGE : page * PAGE]
        empty = turn.t("none_due", days=DUE_SOON_WORKDAYS, scope=scope)
    if total == 0:
        return empty, ()
    pages = max(1, math.ceil(total / PAGE))
    title_key = "overdue_title" if kind == "q" else "due_title"
    lines = [
        turn.t(title_key, scope=scope, n=total, page=page, pages=pages, days=DUE_SOON_WORKDAYS)
    ]
    lines += [_item(turn, item) for item in items]
    buttons = []
    if page > 1:
        buttons.append(Choice(turn.t("prev"), f"l:{kind}:{page - 1}"))
    if page < pages:
        buttons.append(Choice(turn.t("next"), f"l:{kind}:{page + 1}"))
    return "\n".join(lines), ((tuple(buttons),) if buttons else ())


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
