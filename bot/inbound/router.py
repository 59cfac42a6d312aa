"""The conversation, written once for every channel: routing, roles, onboarding, help.

One command table maps Vietnamese names and English aliases to handlers that
take a ``LinkedTurn`` (the chat is linked to an active person: checked here
first) and the text after the command. Roles are checked here on every
message, not when a menu is drawn.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from bot.channels.media import Received
from bot.handlers import checkin, decisions, evidence, onboarding, overview, progress
from bot.inbound.fairness import heavy, refuse_stranger
from bot.inbound.turn import LinkedTurn, Turn, load_link, reopen_missed, touch_link
from bot.texts import t
from storage import chats, people
from storage.enums import Role
from storage.invites import (
    InviteRefused,
    forget_wrong_codes,
    invite_wait,
    note_wrong_code,
    redeem_invite,
)

log = logging.getLogger("nhacviec.invites")
Handler = Callable[[LinkedTurn, str], Awaitable[None]]
EVERYONE = frozenset(Role)
LEADERS = frozenset({Role.LEADER, Role.COORDINATOR, Role.ADMIN})
COORDINATORS = frozenset({Role.COORDINATOR, Role.ADMIN})


@dataclass(frozen=True)
class Command:
    """One command; its words are texts ``menu_{name}`` (the menu) and ``help_{name}``."""

    name: str  # Vietnamese, ASCII
    alias: str  # English
    roles: frozenset[Role]
    handler: Handler


tasks_command = overview.tasks_command  # /viec lives with the other lists (paged)


async def channel_command(turn: LinkedTurn, args: str) -> None:
    """Choose the chat that gets reminders when a person linked several (never both)."""
    linked = await chats.linked_channels(turn.session, turn.person.id)
    wanted = args.strip().lower()
    person = turn.person
    if not wanted:
        current = person.preferred_channel or turn.t("channel_auto")
        turn.reply_key("channel_now", current=current, linked=", ".join(linked))
    elif wanted in ("tudong", "auto", "tự động"):
        person.preferred_channel = None
        turn.reply_key("channel_set", channel=turn.t("channel_auto"))
    elif wanted in linked:
        person.preferred_channel = wanted
        turn.reply_key("channel_set", channel=wanted)
    else:
        turn.reply_key("channel_unlinked", channel=wanted, linked=", ".join(linked))


async def help_command(turn: LinkedTurn, _args: str) -> None:
    """The commands this person's role may use, each with its usage, then how to answer."""
    lines = [turn.t("help_intro")]
    days = overview.DUE_SOON_WORKDAYS
    lines += [turn.t(f"help_{c.name}", days=days) for c in COMMANDS if turn.role in c.roles]
    lines.append(turn.t("help_free_text"))
    turn.reply("\n".join(lines))


COMMANDS = (
    Command("viec", "tasks", EVERYONE, tasks_command),
    Command("capnhat", "update", EVERYONE, progress.update_command),
    Command("giahan", "extend", EVERYONE, progress.extend_command),
    Command("tonghop", "summary", LEADERS, overview.summary_command),
    Command("quahan", "overdue", LEADERS, overview.overdue_command),
    Command("saphan", "due", LEADERS, overview.due_command),
    Command("giao", "assign", frozenset({Role.LEADER}), decisions.assign_command),
    Command("choduyet", "pending", COORDINATORS, decisions.pending_command),
    Command("bieudo", "chart", LEADERS, heavy(overview.chart_command)),
    Command("baocao", "report", COORDINATORS, heavy(overview.report_command)),
    Command("chualienket", "unlinked", LEADERS, onboarding.unlinked_command),
    Command("tailieu", "evidence", EVERYONE, evidence.evidence_command),
    Command("nhaclai", "snooze", EVERYONE, checkin.snooze_command),
    Command("kenh", "channel", EVERYONE, channel_command),
    Command("trogiup", "help", EVERYONE, help_command),
)
BY_NAME = {name: c for c in COMMANDS for name in (c.name, c.alias)}


def menu(lang: str) -> list[tuple[str, str]]:
    """(command, description) pairs for the platform's menu, in ``lang``."""
    return [(c.name if lang == "vi" else c.alias, t(lang, f"menu_{c.name}")) for c in COMMANDS]


def _split_command(text: str) -> tuple[str, str] | None:
    if not text.startswith("/"):
        return None
    head, _, rest = text[1:].partition(" ")
    return head.split("@", 1)[0].lower(), rest.strip()


async def start_command(turn: Turn, code: str) -> None:
    if not code:
        if turn.person:
            turn.reply_key(
                "already_linked", name=turn.person.full_name, agency=turn.person.agency.name
            )
        else:
            turn.reply_key("start_no_code")
        return
    incoming = turn.incoming
    where = (turn.session, incoming.channel, incoming.chat_id)
    wait = await invite_wait(*where, turn.now)
    if wait is not None:  # not even checked: guessing stays slow
        _reply_wait(turn, *wait)
        return
    try:
        person = await redeem_invite(turn.session, code, turn.now)
    except InviteRefused as refused:
        if refused.reason != "unknown":
            turn.reply_key(f"invite_{refused.reason}")
            return
        attempts = await note_wrong_code(*where, turn.now)
        if attempts.locked_until is not None:
            log.warning(
                "action=invite_locked channel=%s chat=%s failures=%s",
                incoming.channel,
                incoming.chat_id,
                attempts.failures,
            )
            _reply_wait(turn, "locked", attempts.locked_until)
        else:
            turn.reply_key("invite_unknown")
        return
    await forget_wrong_codes(*where)
    person = await people.with_agency(turn.session, person.id)
    await chats.link_chat(
        turn.session, turn.link, person.id, incoming.channel, incoming.chat_id, turn.now
    )
    turn.reply_key("welcome", name=person.full_name, agency=person.agency.name)
    await reopen_missed(turn, person.id)


def _reply_wait(turn: Turn, kind: str, until: datetime) -> None:
    seconds = max((until - turn.now).total_seconds(), 1)
    if kind == "locked":
        turn.reply_key("invite_locked", hours=math.ceil(seconds / 3600))
    else:
        turn.reply_key("invite_slow", minutes=math.ceil(seconds / 60))


async def _on_choice(turn: LinkedTurn, data: str) -> None:
    if data.startswith("l:v:"):  # /viec's pages: everyone's own list
        await overview.on_list_choice(turn)
    elif data.startswith("l:"):
        if turn.role in LEADERS:
            await overview.on_list_choice(turn)
        else:
            turn.reply_key("bad_choice")
    elif data.startswith("x:"):
        await decisions.on_decision(turn)
    elif checkin.is_checkin_data(data):
        await checkin.on_choice(turn)
    else:
        await progress.on_choice(turn)


async def handle(turn: Turn) -> None:
    """Answer one incoming message (the caller owns the unit of work)."""
    await load_link(turn)
    await _answer(turn)
    await touch_link(turn)


async def _answer(turn: Turn) -> None:
    incoming = turn.incoming
    command = _split_command(incoming.text.strip()) if incoming.text else None
    if command and command[0] == "start":
        await start_command(turn, command[1])
        return
    linked = LinkedTurn.of(turn)
    if linked is None:
        if incoming.media is not None:  # nothing a stranger sends is kept
            evidence.discard(Received.from_dict(incoming.media))
        await refuse_stranger(turn)  # once in a while, not once per message
        return
    if incoming.choice_data is not None:
        await _on_choice(linked, incoming.choice_data)
        return
    if incoming.media is not None:  # evidence; its caption is read there like any reply
        await evidence.on_media(linked)
        return
    if command is None:
        if not incoming.text.strip():  # a sticker, an unreadable message: answers nothing
            turn.reply_key("media_not_text")
            return
        await progress.on_text(linked, incoming.text)
        return
    name, args = command
    entry = BY_NAME.get(name)
    if entry is None:
        turn.reply_key("unknown_command", command=f"/{name}")
    elif linked.role not in entry.roles:
        roles = turn.t("role_coordinator") if entry.roles <= COORDINATORS else turn.t("role_leader")
        turn.reply_key("not_allowed", command=f"/{name}", roles=roles)
    else:
        await entry.handler(linked, args)
