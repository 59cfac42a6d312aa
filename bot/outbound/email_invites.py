"""How an e-mail to a person with no chat that works tells them to link one.

Every e-mail to such a person (a nudge, a check-in, a digest) ends with their live
invite: the Telegram deep link ``https://t.me/<bot>?start=<code>`` when Telegram is
on and its bot name known, the code to send on Zalo (or anywhere, without either),
and its expiry. The invite is the one ``storage.invites.mail_invite`` keeps for
e-mails: made once, the same code in every e-mail while it lives (7 days), a new one
after; an invite an operator handed out stays the one to use.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.channels.email import ChatInvite
from storage.chats import delivery_chats
from storage.db import Session
from storage.invites import mail_invite
from storage.models import Person


class MailInvites:
    """``channels``: the chat channels of the service (by name), read when an e-mail is
    made (the Telegram channel knows its bot name once started)."""

    def __init__(self, channels: Mapping[str, object], tz: ZoneInfo) -> None:
        self.channels, self.tz = channels, tz

    def _username(self) -> str | None:
        telegram = self.channels.get("telegram")
        return getattr(telegram, "username", None) if telegram is not None else None

    async def for_person(
        self, session: Session, person: Person, now: datetime
    ) -> ChatInvite | None:
        """The block for ``person``, or None when they have a chat that works (or the
        service has no chat to link)."""
        if not self.channels:
            return None
        links = await delivery_chats(session, person.id, list(self.channels))
        if any(link.unreachable_since is None for link in links):
            return None
        code, invite = await mail_invite(session, person, now)
        expires = invite.expires_at.astimezone(self.tz).strftime("%d/%m/%Y %H:%M")
        username = self._username()
        link = f"https://t.me/{username}?start={code}" if username and code else None
        return ChatInvite(code, expires, telegram_link=link, zalo="zalo" in self.channels)
