"""The console channel: the same conversation in a terminal (development, demos, tests).

Choices are shown as numbered options; typing the number presses the choice.
One terminal is one chat (``chat_id`` "console"); ``/start CODE`` makes you a person.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TextIO

from bot.channels.base import Choice, Incoming, IncomingHandler, Outgoing
from bot.texts import t

Reader = Callable[[], Awaitable[str | None]]


async def stdin_reader() -> str | None:
    line = await asyncio.to_thread(sys.stdin.readline)
    return line if line else None


class ConsoleChannel:
    name = "console"
    max_text = 100_000
    has_buttons = False
    interactive = True  # one person at a terminal: answer a line before reading the next

    def __init__(
        self,
        reader: Reader = stdin_reader,
        out: TextIO = sys.stdout,
        chat_id: str = "console",
        *,
        lang: str = "vi",
    ) -> None:
        self._reader = reader
        self._lang = lang  # of the channel's own words (attachments)
        self._out = out
        self.chat_id = chat_id
        self._options: list[Choice] = []
        self._options_message: str | None = None
        self._next_id = 0
        self._task: asyncio.Task | None = None
        self.closed = asyncio.Event()  # set at end of input

    async def start(self, handler: IncomingHandler) -> None:
        self._task = asyncio.create_task(self._read_loop(handler))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _read_loop(self, handler: IncomingHandler) -> None:
        while (line := await self._reader()) is not None:
            text = line.strip()
            if text:
                await handler(self._incoming(text))
        self.closed.set()

    def _incoming(self, text: str) -> Incoming:
        common = {
            "channel": self.name,
            "chat_id": self.chat_id,
            "update_key": uuid.uuid4().hex,
            "received_at": datetime.now(UTC),
        }
        if text.isdigit() and self._options and 1 <= int(text) <= len(self._options):
            choice = self._options[int(text) - 1]
            return Incoming(
                **common, choice_data=choice.data, choice_message_id=self._options_message
            )
        return Incoming(**common, text=text)

    async def send(self, chat_id: str, message: Outgoing) -> str:
        self._next_id += 1
        lines = [message.text]
        file = message.attachment
        if file is not None:
            kind = t(self._lang, f"attachment_{file.kind}")
            size = len(file.content)
            lines.append(
                t(self._lang, "console_attachment", kind=kind, filename=file.filename, size=size)
            )
        flat = [c for row in message.choices for c in row]
        if flat:
            self._options, self._options_message = flat, str(self._next_id)
            lines += [f"  {i}. {c.label}" for i, c in enumerate(flat, start=1)]
        self._out.write("\n".join(lines) + "\n\n")
        self._out.flush()
        return str(self._next_id)

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        await self.send(chat_id, message)

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        return None
