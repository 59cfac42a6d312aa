"""Choices as numbered options, for the channels without buttons (Zalo, the console).

A message's options are its choices in reading order, numbered from 1 and shown
after its text. A later text that is only one of those numbers ("2", " 2. ")
presses that choice: it becomes an ``Incoming`` with the choice's data and no
text, as a button press would. Each chat keeps the options of the last message
that had some (a message without choices leaves them as they were): a number
picks from the latest menu only, a number out of range stays a text, and a menu
once pressed is gone (an answered menu cannot be pressed again). A list paged over
several messages (``Outgoing.first_number`` > 1 on the later pages) is one menu:
its numbers go on from page to page and each option keeps the message that showed
it. With a ``memory`` (the store, wired by ``bot.app.builder``) the menus survive a
restart.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from typing import Protocol

from bot.channels.base import Choice, Incoming

log = logging.getLogger("nhacviec.numbered")
_NUMBER = re.compile(r"\s*(\d{1,2})\s*\.?\s*")

# A chat's menu: option n at index n - 1, each with the id of the message that showed
# it; None where a number has no option (a page whose earlier pages were answered).
Menu = list[tuple[str, Choice] | None]


def flatten(choices: tuple[tuple[Choice, ...], ...]) -> list[Choice]:
    """The rows of choices as one list, in reading order."""
    return [choice for row in choices for choice in row]


class MenuMemory(Protocol):
    """Where a channel keeps each chat's last menu beyond the process."""

    async def remember(self, chat_id: str, menu: Menu) -> None: ...

    async def recall(self, chat_id: str) -> Menu | None: ...

    async def forget(self, chat_id: str) -> None: ...


class NumberedOptions:
    """How options are shown (``indent`` before each, ``footer`` after them) and
    what each chat's last options are."""

    def __init__(
        self, *, indent: str = "", footer: str | None = None, memory: MenuMemory | None = None
    ) -> None:
        self.indent, self.footer = indent, footer
        self.memory = memory
        self._last: dict[str, Menu] = {}  # chat → its menu

    def block(self, options: Sequence[Choice], start: int = 1, *, listed: bool = False) -> str:
        """The lines shown after the text: "n. label", one per option numbered from
        ``start``, then the footer; only the footer when the text ``listed`` them."""
        lines = [] if listed else [
            f"{self.indent}{n}. {choice.label}" for n, choice in enumerate(options, start=start)
        ]  # fmt: skip
        if self.footer:
            lines.append(self.footer)
        return "\n".join(lines)

    async def shown(
        self, chat_id: str, message_id: str, options: Sequence[Choice], start: int = 1
    ) -> None:
        """``options`` went to ``chat_id`` in message ``message_id``, numbered from
        ``start``: numbers pick from them (and, when ``start`` > 1, from the pages before)."""
        if not options:
            return
        menu: Menu = []
        if start > 1:  # a later page: the earlier pages' options stay pressable
            menu = list(await self._menu(chat_id) or [])[: start - 1]
            menu += [None] * (start - 1 - len(menu))
        menu += [(message_id, choice) for choice in options]
        self._last[chat_id] = menu
        if self.memory is not None:
            try:
                await self.memory.remember(chat_id, menu)
            except Exception as exc:  # kept in this process at least
                log.warning("action=menu_unsaved chat=%s error=%r", chat_id, exc)

    async def _menu(self, chat_id: str) -> Menu | None:
        menu = self._last.get(chat_id)
        if menu is None and self.memory is not None:
            try:
                menu = await self.memory.recall(chat_id)
            except Exception as exc:
                log.warning("action=menu_unread chat=%s error=%r", chat_id, exc)
        return menu

    async def press(self, incoming: Incoming) -> Incoming:
        """A text that is one of the chat's last option numbers, as that choice pressed."""
        match = _NUMBER.fullmatch(incoming.text)
        if match is None:
            return incoming
        chat_id = incoming.chat_id
        menu = await self._menu(chat_id)
        number = int(match[1])
        entry = menu[number - 1] if menu and 1 <= number <= len(menu) else None
        if entry is None:
            return incoming
        message_id, choice = entry
        self._last.pop(chat_id, None)  # answered: a second number is a text again
        if self.memory is not None:
            try:
                await self.memory.forget(chat_id)
            except Exception as exc:
                log.warning("action=menu_unforgotten chat=%s error=%r", chat_id, exc)
        return dataclasses.replace(
            incoming, text="", choice_data=choice.data, choice_message_id=message_id
        )
