"""Drive the console channel through its input and output streams, like a person would."""

from __future__ import annotations

import asyncio
import io

from bot.channels.console import ConsoleChannel


class ConsoleHarness:
    """``await say("...")`` types a line and returns what the bot printed in answer."""

    def __init__(self, chat_id: str = "console") -> None:
        self.lines: asyncio.Queue[str | None] = asyncio.Queue()
        self.out = io.StringIO()
        self.channel = ConsoleChannel(self.lines.get, self.out, chat_id)
        self._handled: asyncio.Queue[None] = asyncio.Queue()

    async def start(self, receive) -> None:
        async def handler(incoming) -> None:
            try:
                await receive(incoming)
            finally:
                self._handled.put_nowait(None)

        await self.channel.start(handler)

    async def say(self, text: str) -> str:
        mark = len(self.out.getvalue())
        await self.lines.put(text + "\n")
        await asyncio.wait_for(self._handled.get(), timeout=10)
        return self.out.getvalue()[mark:]

    def printed_since(self, mark: int) -> str:
        return self.out.getvalue()[mark:]

    async def close(self) -> None:
        await self.lines.put(None)
        await asyncio.wait_for(self.channel.closed.wait(), timeout=5)
        await self.channel.stop()
