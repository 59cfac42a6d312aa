"""What the channels say about themselves, wired by the builder.

``ChannelAlerts`` is told when a channel stops for a reason only the operator
can fix (a rejected token), goes dark (``bot.channels.watch``) or comes back:
it says so to the coordinators on every other channel (the log has it already) and
on the health board, which ``/healthz`` and ``nhacviec status`` read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.channels.base import Channel, ChannelError, Outgoing
from bot.channels.health import Board, board
from bot.texts import t
from storage.chats import reachable_chats_by_person
from storage.db import Database
from storage.enums import Role

log = logging.getLogger("nhacviec.channels")
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
ALERTS = {  # a channel's health -> what coordinators are told elsewhere
    "token_rejected": "channel_token_rejected_alert",
    "dark": "channel_dark_alert",
    "ok": "channel_back_alert",
}


class ChannelAlerts:
    """``on_health`` of the channels: a stopped channel is told to coordinators elsewhere."""

    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        lang: str,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        tz: ZoneInfo = VIETNAM,
        health: Board = board,
    ) -> None:
        self.db, self.channels, self.lang = db, channels, lang
        self.now, self.tz, self.health = now, tz, health

    async def __call__(self, channel_name: str, health: str) -> None:
        self.health.condition(channel_name, health)  # for /healthz and ``nhacviec status``
        key = ALERTS.get(health)
        if key is None:
            return
        others = [name for name in self.channels if name != channel_name]
        if not others:
            log.error("action=channel_alert_nowhere channel=%s health=%s", channel_name, health)
            return
        async with self.db.unit_of_work(dry_run=True) as session:
            chats = await reachable_chats_by_person(session, Role.COORDINATOR, others)
        since = self.now().astimezone(self.tz).strftime("%H:%M %d/%m/%Y")
        text = t(self.lang, key, channel=channel_name.capitalize(), since=since)
        told = 0
        for name, chat_id, _agency_id, _agency in chats.values():
            try:
                await self.channels[name].send(chat_id, Outgoing(text))
                told += 1
            except ChannelError as error:
                log.warning("action=channel_alert_unsent chat_id=%s error=%s", chat_id, error)
        log.warning(
            "action=channel_alert channel=%s health=%s coordinators=%s",
            channel_name,
            health,
            told,
        )
