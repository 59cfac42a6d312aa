"""Which channels reach their platform: a channel that goes dark, and comes back.

Every delivery (``bot.outbound``) reports its sends to one ``ChannelWatch``: a success
clears the channel, a ``retry`` failure (network down, DNS, TLS, a block, 5xx,
timeouts) starts or continues its failing spell. A spell longer than ``dark_after``
with no success makes the channel dark: the listener is told once (the builder
tells coordinators on another channel), and the delivery prefers a person's other
chats, or e-mail, while it lasts. The first success after it says the channel is
back. A 429 is not darkness (the platform answered), nor is a chat that blocked the
bot. Time comes from the injected ``now``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.channels.base import ChannelError

DARK_AFTER = timedelta(minutes=5)
Listener = Callable[[str, str], Awaitable[None]]  # (channel name, "dark" | "ok")


@dataclass
class _Spell:
    since: datetime
    dark: bool = False


class ChannelWatch:
    def __init__(
        self,
        now: Callable[[], datetime],
        *,
        dark_after: timedelta = DARK_AFTER,
        listener: Listener | None = None,
    ) -> None:
        self.now, self.dark_after, self.listener = now, dark_after, listener
        self._spells: dict[str, _Spell] = {}

    def is_dark(self, channel: str) -> bool:
        spell = self._spells.get(channel)
        return spell is not None and spell.dark

    def health(self) -> dict[str, str]:
        """channel -> "dark" or "failing since <ISO instant>", for the channels not ok."""
        return {
            name: "dark" if spell.dark else f"failing since {spell.since.isoformat()}"
            for name, spell in self._spells.items()
        }

    async def ok(self, channel: str) -> None:
        spell = self._spells.pop(channel, None)
        if spell is not None and spell.dark:
            await self._tell(channel, "ok")

    async def failed(self, channel: str, error: ChannelError) -> None:
        if error.kind != "retry" or error.retry_after is not None:
            return  # the platform answered: a refusal or a 429 is not darkness
        now = self.now()
        spell = self._spells.setdefault(channel, _Spell(now))
        if not spell.dark and now - spell.since >= self.dark_after:
            spell.dark = True
            await self._tell(channel, "dark")

    async def _tell(self, channel: str, health: str) -> None:
        if self.listener is not None:
            await self.listener(channel, health)
