"""Buttons: each carries an opaque token checked on the server, and an action.

Data is ``c:<token>:<action>`` (ASCII, about 20 bytes, far below Telegram's 64).
The token names a (person, assignment) pair in the store; a forged token, or
someone else's, finds nothing for the presser and is refused.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime

from bot.channels.base import Choice
from bot.channels.numbered import Menu, NumberedOptions
from bot.texts import say, status_name
from storage import choices_menus, tokens
from storage.db import Database
from storage.enums import Status

PERCENTS = (20, 40, 60, 80, 100)
# "s_<status>": record the reading asked about as that status; "other": write it again.
READINGS = tuple(f"s_{s.value}" for s in Status)
# "pick": this assignment is the one a reply meant (the bot asked which).
ACTIONS = (
    "done",
    "prog",
    "blk",
    "ext",
    "undo",
    "other",
    "pick",
    *READINGS,
    *(f"p{n}" for n in PERCENTS),
)
DATA = re.compile(r"^c:([A-Za-z0-9_-]{8,24}):(" + "|".join(ACTIONS) + r")$")


new_token = tokens.new_token  # the store makes and keeps the opaque token
new_tokens = tokens.new_tokens


def reading_choices(
    lang: str, token: str, statuses: tuple[Status, ...]
) -> tuple[tuple[Choice, ...], ...]:
    """ "[Đang thực hiện] [Đã hoàn thành] [Khác]": the likeliest readings, then «Khác»."""
    row = [Choice(status_name(lang, s).capitalize(), f"c:{token}:s_{s.value}") for s in statuses]
    return ((*row, Choice(say(lang, "button_other"), f"c:{token}:other")),)


def pick_choice(code: str, title: str, token: str) -> tuple[Choice, ...]:
    """One row: "1.7 — Kiểm tra công tác CCHC…", that assignment is the one meant."""
    short = title if len(title) <= 40 else title[:39].rstrip() + "…"
    return (Choice(f"{code} — {short}", f"c:{token}:pick"),)


def undo_choices(lang: str, token: str) -> tuple[tuple[Choice, ...], ...]:
    return ((Choice(say(lang, "button_undo"), f"c:{token}:undo"),),)


def status_choices(lang: str, token: str) -> tuple[tuple[Choice, ...], ...]:
    return (
        (
            Choice(say(lang, "button_done"), f"c:{token}:done"),
            Choice(say(lang, "button_progress"), f"c:{token}:prog"),
        ),
        (
            Choice(say(lang, "button_blocked"), f"c:{token}:blk"),
            Choice(say(lang, "button_extend"), f"c:{token}:ext"),
        ),
    )


def percent_choices(token: str) -> tuple[tuple[Choice, ...], ...]:
    return (tuple(Choice(f"{n}%", f"c:{token}:p{n}") for n in PERCENTS),)


def parse_data(data: str | None) -> tuple[str, str] | None:
    match = DATA.match(data or "")
    return (match[1], match[2]) if match else None


class StoredMenus:
    """``bot.channels.numbered.MenuMemory`` in the store: one channel's chats' last menus,
    each call its own unit of work (a channel sends and receives outside any turn)."""

    def __init__(self, db: Database, channel: str, now: Callable[[], datetime]) -> None:
        self.db, self.channel, self.now = db, channel, now

    async def remember(self, chat_id: str, menu: Menu) -> None:
        entries = [None if e is None else (e[1].label, e[1].data, e[0]) for e in menu]
        last = next(e[0] for e in reversed(menu) if e is not None)
        async with self.db.unit_of_work() as session:
            await choices_menus.remember(session, self.channel, chat_id, last, entries, self.now())

    async def recall(self, chat_id: str) -> Menu | None:
        async with self.db.unit_of_work() as session:
            found = await choices_menus.recall(session, self.channel, chat_id)
        if found is None:
            return None
        return [
            None if e is None else (e[2], Choice(e[0], e[1])) for e in found[1]
        ]  # fmt: skip

    async def forget(self, chat_id: str) -> None:
        async with self.db.unit_of_work() as session:
            await choices_menus.forget(session, self.channel, chat_id)


def keep_menus(channels: Mapping[str, object], db: Database, now: Callable[[], datetime]) -> None:
    """Give every channel with numbered options a memory in the store (restarts keep them)."""
    for name, channel in channels.items():
        numbered = getattr(channel, "numbered", None)
        if isinstance(numbered, NumberedOptions) and numbered.memory is None:
            numbered.memory = StoredMenus(db, name, now)
