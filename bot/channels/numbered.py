"""Choices as numbered options, for the channels without buttons (Zalo, the console).

A message's options are its choices in reading order, numbered from 1 and shown
after its text. A later text that is only one of those numbers ("2", " 2. ")
presses that choice: it becomes an ``Incoming`` with the choice's data and no
text, as a button press would. Each chat keeps the options of the last message
that had some (a message without choices leaves them as they were), so a number
picks from the latest question, and a number out of range stays a text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from bot.channels.base import Choice, Incoming

_NUMBER = re.compile(r"\s*(\d{1,2})\s*\.?\s*")


def flatten(choices: tuple[tuple[Choice, ...], ...]) -> list[Choice]:
    """The rows of choices as one list, in reading order."""
    return [choice for row in choices for choice in row]


class NumberedOptions:
    """How options are shown (``indent`` before each, ``footer`` after them) and
    what each chat's last options are."""

    def __init__(self, *, indent: str = "", footer: str | None = None) -> None:
        self.indent, self.footer = indent, footer
        self._last: dict[str, tuple[str, list[Choice]]] = {}  # chat → (message id, options)

    def block(self, options: Sequence[Choice]) -> str:
        """The lines shown after the text: "1. label", one per option, then the footer."""
        lines = [f"{self.indent}{n}. {choice.label}" for n, choice in enumerate(options, start=1)]
        if self.footer:
            lines.append(self.footer)
        return "\n".join(lines)

    def shown(self, chat_id: str, message_id: str, options: Sequence[Choice]) -> None:
        """``options`` went to ``chat_id`` in message ``message_id``: numbers pick from them."""
        if options:
            self._last[chat_id] = (message_id, list(options))

    def press(self, incoming: Incoming) -> Incoming:
        """A text that is one of the chat's last option numbers, as that choice pressed."""
        last = self._last.get(incoming.chat_id)
        match = _NUMBER.fullmatch(incoming.text)
        if last is None or match is None or not 1 <= int(match[1]) <= len(last[1]):
            return incoming
        message_id, options = last
        choice = options[int(match[1]) - 1]
        return dataclasses.replace(
            incoming, text="", choice_data=choice.data, choice_message_id=message_id
        )
