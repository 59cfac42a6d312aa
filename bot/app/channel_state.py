"""What the channels say about themselves, wired by the builder.

``ChannelAlerts`` is told when a channel stops for a reason only the operator
can fix (a rejected token): it says so to the coordinators on every other
channel (the log has it already).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from bot.channels.base import Channel, ChannelError, Outgoing
from bot.texts import t
from storage.chats import reachable_chats_by_person
from storage.db import Database
from storage.enums import Role

log = logging.getLogger("nhacviec.channels")


class ChannelAlerts:
    """``on_health`` of the channels: a stopped channel is told to coordinators elsewhere."""

    def __init__(self, db: Database, channels: Mapping[str, Channel], lang: str) -> None:
        self.db, self.channels, self.lang = db, channels, lang

    async def __call__(self, channel_name: str, health: str) -> None:
        if health != "token_rejected":
            return
        others = [name for name in self.channels if name != channel_name]
        if not others:
            log.error("action=channel_alert_nowhere channel=%s health=%s", channel_name, health)
            return
        async with self.db.unit_of_work(dry_run=True) as session:
            chats = await reachable_chats_by_person(session, Role.COORDINATOR, others)
        text = t(self.lang, "channel_token_rejected_alert", channel=channel_name.capitalize())
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
