"""/chualienket: who has not linked a chat yet (coordinators: everyone or one agency;
leaders: their own agency), so that the office can ring them."""

from __future__ import annotations

from bot.inbound.turn import LinkedTurn
from storage import people
from storage.enums import Role
from storage.textfold import fold

MAX_LISTED = 30  # a phone screen or two; the CLI lists everyone


async def unlinked_command(turn: LinkedTurn, arg: str) -> None:
    agency_id, scope = None, ""
    if turn.role is Role.LEADER:
        agency_id, scope = turn.person.agency_id, turn.person.agency.name
    elif arg.strip():
        key = fold(arg.strip())
        found = [
            a
            for a in await people.agencies(turn.session)
            if key in (a.short_code, fold(a.name)) or f" {key}" in f" {fold(a.name)}"
        ]
        if len(found) != 1:
            turn.reply_key("chat_unlinked_agency_unknown", name=arg.strip())
            return
        agency_id, scope = found[0].id, found[0].name
    where = turn.t("chat_unlinked_scope", agency=scope) if scope else ""
    waiting = await people.unlinked(turn.session, agency_id=agency_id)
    if not waiting:
        turn.reply_key("chat_unlinked_none", scope=where)
        return
    lines = [turn.t("chat_unlinked_header", count=len(waiting), scope=where)]
    for person in waiting[:MAX_LISTED]:
        role = turn.t(f"person_role_{person.role.value}")
        lines.append(f"- {person.full_name} — {role}, {person.agency.name}")
    if len(waiting) > MAX_LISTED:
        lines.append(turn.t("unlinked_more", count=len(waiting) - MAX_LISTED))
    turn.reply("\n".join(lines))
