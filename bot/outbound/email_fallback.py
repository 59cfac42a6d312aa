"""E-mail as the way through: a nudge the chats cannot carry goes to the person's address.

Wraps the chat delivery (``scheduler.delivery.Delivery``): when it says the person
is unreachable (no linked chat, or every chat blocked), or could not send because
every chat of the person is on a channel gone dark (``bot.channels.watch``), and
the person has an e-mail address, the nudge goes by e-mail and the ledger records it sent on the
channel "email", once, like any other delivery. SMTP failures come back as the
ledger's retry or failure (``bot.channels.email``), never silent. A person who
has a chat that works never gets the e-mail. With ``invites`` each e-mail ends with
how to link a chat (``bot.outbound.email_invites``).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime

from bot.channels.base import ChannelError, Outgoing
from bot.channels.email import ChatInvite, EmailChannel
from bot.channels.watch import ChannelWatch
from bot.outbound.email_invites import MailInvites
from bot.outbound.nudges import nudge_text
from bot.texts import say
from scheduler.calendar import WorkCalendar
from scheduler.delivery import CheckIn, Delivery, DeliveryResult, NudgeToSend, Outcome
from storage import assignments
from storage.chats import delivery_chats
from storage.db import Database
from storage.people import person_by_id

log = logging.getLogger("nhacviec.delivery")


class EmailFallback:
    """``Delivery``: ``chats`` first, then e-mail for whom they cannot reach. A check-in
    stays one message: one e-mail listing its nudges."""

    grouped = True
    only_channels = None  # a person with no chat may still have an address: never in bulk

    def __init__(
        self,
        chats: Delivery,
        db: Database,
        email: EmailChannel,
        lang: str = "vi",
        *,
        calendar: WorkCalendar | None = None,
        watch: ChannelWatch | None = None,
        channels: Collection[str] = (),
        invites: MailInvites | None = None,
    ) -> None:
        self.chats, self.db, self.email = chats, db, email
        self.lang, self.calendar = lang, calendar
        self.watch, self.channels = watch, channels
        self.invites = invites  # how a person with no chat that works links one

    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult:
        result = await self.chats.deliver(nudge, now)
        if not await self._by_email(result, nudge.person_id):
            return result
        emailed = await self._email(nudge.person_id, (nudge,), result, now)
        return replace(emailed, carried=())  # a single nudge: its own message

    async def deliver_checkin(self, checkin: CheckIn, now: datetime) -> DeliveryResult:
        deliver = getattr(self.chats, "deliver_checkin", None)
        if deliver is None:  # a chat delivery of single nudges: the first one stands for all
            result = await self.chats.deliver(checkin.items[0], now)
        else:
            result = await deliver(checkin, now)
        # Stopping between pages, or some pages went out: the rest waits for the chat.
        if result.stopped or result.carried:
            return result
        if not await self._by_email(result, checkin.person_id):
            return result
        return await self._email(checkin.person_id, checkin.items, result, now)

    async def _by_email(self, result: DeliveryResult, person_id: int) -> bool:
        """The chats could not carry it: no chat that works, or all gone dark."""
        if result.outcome is Outcome.UNREACHABLE:
            return True
        return result.outcome is Outcome.RETRY and await self._all_dark(person_id)

    async def _email(
        self, person_id: int, items: Sequence[NudgeToSend], result: DeliveryResult, now: datetime
    ) -> DeliveryResult:
        """One e-mail carrying ``items`` (the nudge as it is when only one); ``result``, the
        chats' answer, stands when the person has no address."""
        async with self.db.unit_of_work() as session:
            person = await person_by_id(session, person_id)
            if not person.email:
                return result
            address = person.email
            today = self.calendar.local_date(now) if self.calendar else None
            rows = await assignments.by_ids(session, [n.assignment_id for n in items])
            texts = [
                nudge_text(self.lang, n.kind, row, today, self.calendar, footer=False)
                for n, row in zip(items, rows, strict=True)
            ]
            invite = await self._invite(session, person, now)
        text = texts[0]
        if len(texts) > 1:
            head = say(self.lang, "email_checkin_subject", n=len(texts))
            text = head + "\n\n" + "\n\n".join(texts)
        try:
            message_id = await self.email.send(address, Outgoing(text), invite=invite)
        except ChannelError as exc:
            log.warning(
                "action=email_unsent person=%s nudges=%s error=%s", person_id, len(items), exc
            )
            return self._failed(result, exc)
        log.info("action=emailed person=%s nudges=%s", person_id, len(items))
        carried = tuple((n.nudge_id, message_id, i) for i, n in enumerate(items, 1))
        return DeliveryResult(
            Outcome.SENT, channel=self.email.name, message_id=message_id, carried=carried
        )

    async def _invite(self, session, person, now: datetime) -> ChatInvite | None:
        if self.invites is None:
            return None
        return await self.invites.for_person(session, person, now)

    @staticmethod
    def _failed(result: DeliveryResult, exc: ChannelError) -> DeliveryResult:
        if exc.kind == "retry":
            error = f"email: {exc.detail}"
            return DeliveryResult(Outcome.RETRY, error=error, retry_after=exc.retry_after)
        outcome = Outcome.UNREACHABLE if exc.kind == "blocked" else Outcome.FAILED
        return DeliveryResult(outcome, error=f"{result.error}; email: {exc.detail}")

    async def _all_dark(self, person_id: int) -> bool:
        watch = self.watch
        if watch is None or not any(watch.is_dark(name) for name in self.channels):
            return False
        async with self.db.unit_of_work() as session:
            links = await delivery_chats(session, person_id, self.channels)
        working = [link for link in links if link.unreachable_since is None]
        return bool(working) and all(watch.is_dark(link.channel.value) for link in working)
