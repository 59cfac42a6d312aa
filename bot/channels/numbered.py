"""Choices as numbered options, for the channels without buttons (Zalo, the console).

A message's options are its choices in reading order, numbered from 1 and shown
after its text. A later text that is only one of those numbers ("2", " 2. ")
presses that choice: it becomes an ``Incoming`` with the choice's data and no
text, as a button press would. Each chat keeps the options of the last message
that had some (a message without choices leaves them as they were): a number
picks from the latest menu only, a number out of range stays a text, and a menu
once pressed is gone (an answered menu cannot be pressed again). With a
``memory`` (the store, wired by ``bot.app.builder``) the menus survive a restart.
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


def flatten(choices: tuple[tuple[Choice, ...], ...]) -> list[Choice]:
    """The rows of choices as one list, in reading order."""
    return [choice for row in choices for choice in row]


class MenuMemory(Protocol):
    """Where a channel keeps each chat's last menu beyond the process."""

    async def remember(self, chat_id: str, message_id: str, options: list[Choice]) -> None: ...

    async def recall(self, chat_id: str) -> tuple[str, list[Choice]] | None: ...

    async def forget(self, chat_id: str) -> None: ...


class NumberedOptions:
    """How options are shown (``indent`` before each, ``footer`` after them) and
    what each chat's last options are."""

    def __init__(
        self, *, indent: str = "", footer: str | None = None, memory: MenuMemory | None = None
    ) -> None:
        self.indent, self.footer = indent, footer
        self.memory = memory
        self._last: dict[str, tuple[str, list[Choice]]] = {}  # chat → (message id, options)

    def block(self, options: Sequence[Choice]) -> str:
        """The lines shown after the text: "1. label", one per option, then the footer."""
        lines = [f"{self.indent}{n}. {choice.label}" for n, choice in enumerate(options, start=1)]
        if self.footer:
            lines.append(self.footer)
        return "\n".join(lines)

    async def shown(self, chat_id: str, message_id: str, options: Sequence[Choice]) -> None:
        """``options`` went to ``chat_id`` in message ``message_id``: numbers pick from them."""
        if not options:
            return
        self._last[chat_id] = (message_id, list(options))
        if self.memory is not None:
            try:
                await self.memory.remember(chat_id, message_id, list(options))
            except Exception as exc:  # kept in this process at least
                log.warning("action=menu_unsaved chat=%s error=%r", chat_id, exc)

    async def press(self, incoming: Incoming) -> Incoming:
        """A text that is one of the chat's last option numbers, as that choice pressed."""
        match = _NUMBER.fullmatch(incoming.text)
        if match is None:
            return incoming
        chat_id = incoming.chat_id
        last = self._last.get(chat_id)
        if last is None and self.memory is not None:
            try:
                last = await self.memory.recall(chat_id)
            except Exception as exc:
                log.warning("action=menu_unread chat=%s error=%r", chat_id, exc)
        if last is None or not 1 <= int(match[1]) <= len(last[1]):
            return incoming
        message_id, options = last
        choice = options[int(match[1]) - 1]
        self._last.pop(chat_id, None)  # answered: a second number is a text again
        if self.memory is not None:
            try:
                await self.memory.forget(chat_id)
            except Exception as exc:
                log.warning("action=menu_unforgotten chat=%s error=%r", chat_id, exc)
        return dataclasses.replace(
            incoming, text="", choice_data=choice.data, choice_message_id=message_id
        )
