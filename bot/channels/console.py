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

from bot.channels.base import Incoming, IncomingHandler, Menus, Outgoing, split_text
from bot.channels.numbered import NumberedOptions, flatten
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
        self.numbered = NumberedOptions(indent="  ")
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

    async def wait_closed(self) -> None:
        await self.closed.wait()

    async def _read_loop(self, handler: IncomingHandler) -> None:
        while (line := await self._reader()) is not None:
            text = line.strip()
            if text:
                await handler(await self._incoming(text))
        self.closed.set()

    async def _incoming(self, text: str) -> Incoming:
        incoming = Incoming(self.name, self.chat_id, uuid.uuid4().hex, datetime.now(UTC), text=text)
        return await self.numbered.press(incoming)

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Print ``message`` (in parts of at most ``max_text`` characters, the options
        after the last); the last part's id."""
        *parts, last = split_text(message.text, self.max_text)
        for part in parts:
            self._next_id += 1
            self._out.write(part + "\n\n")
        self._next_id += 1
        lines = [last]
        file = message.attachment
        if file is not None:
            kind = t(self._lang, f"attachment_{file.kind}")
            size = len(file.content)
            lines.append(
                t(self._lang, "console_attachment", kind=kind, filename=file.filename, size=size)
            )
        options = flatten(message.choices)
        if options:
            start = message.first_number
            await self.numbered.shown(chat_id, str(self._next_id), options, start)
            block = self.numbered.block(options, start, listed=message.numbers_in_text)
            if block:
                lines.append(block)
        self._out.write("\n".join(lines) + "\n\n")
        self._out.flush()
        return str(self._next_id)

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        await self.send(chat_id, message)

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        return None  # a typed number: nothing to acknowledge

    async def set_commands(self, menus: Menus) -> None:
        return None  # a terminal has no menu: /help lists the commands
