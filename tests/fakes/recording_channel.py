"""A Channel that records what it sends and can be told to fail."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import replace
from datetime import UTC, datetime

from bot.channels.base import ChannelError, Incoming, IncomingHandler, Menus, Outgoing, split_text


class RecordingChannel:
    name = "console"
    max_text = 4096
    has_buttons = True
    interactive = False

    def __init__(self, name: str = "console") -> None:
        self.name = name
        self.sent: list[tuple[str, Outgoing]] = []  # sent and edited, in order
        self.edits: list[tuple[str, str, Outgoing]] = []  # (chat id, message id, new content)
        self.menus: Menus | None = None
        self.failures: deque[ChannelError] = deque()  # raised by the next sends
        self.handler: IncomingHandler | None = None
        self._n = 0

    async def start(self, handler: IncomingHandler) -> None:
        self.handler = handler

    async def stop(self) -> None:
        self.handler = None

    async def wait_closed(self) -> None:
        await asyncio.Event().wait()  # never: it runs until stopped

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Record ``message``; a text over ``max_text`` as the platforms send it: in
        parts, the choices on the last."""
        if self.failures:
            raise self.failures.popleft()
        *parts, last = split_text(message.text, self.max_text)
        for index, part in enumerate(parts):  # the first part quotes, as on Telegram
            self._n += 1
            self.sent.append(
                (chat_id, Outgoing(part, reply_to=None if index else message.reply_to))
            )
        self._n += 1
        self.sent.append(
            (chat_id, replace(message, text=last, reply_to=None) if parts else message)
        )
        return str(self._n)

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        self.sent.append((chat_id, message))
        self.edits.append((chat_id, message_id, message))

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        return None

    async def set_commands(self, menus: Menus) -> None:
        self.menus = menus

    def texts(self, chat_id: str | None = None) -> list[str]:
        return [m.text for c, m in self.sent if chat_id is None or c == chat_id]

    def incoming(self, chat_id: str, text: str, key: str, **kw) -> Incoming:
        return Incoming(
            self.name, chat_id, key, datetime(2024, 3, 6, 1, tzinfo=UTC), text=text, **kw
        )
