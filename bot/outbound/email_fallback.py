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
from collections.abc import Collection
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
        if result.outcome is Outcome.RETRY and await self._all_dark(nudge.person_id):
            pass  # the person's chats are all on channels gone dark: e-mail now
        elif result.outcome is not Outcome.UNREACHABLE:
            return result
        async with self.db.unit_of_work() as session:
            person = await person_by_id(session, nudge.person_id)
            if not person.email:
                return result
            address = person.email
            assignment = await assignments.by_id(session, nudge.assignment_id)
            today = self.calendar.local_date(now) if self.calendar else None
            text = nudge_text(self.lang, nudge.kind, assignment, today, self.calendar, footer=False)
            invite = await self._invite(session, person, now)
        try:
            message_id = await self.email.send(address, Outgoing(text), invite=invite)
        except ChannelError as exc:
            log.warning("action=nudge_email_unsent nudge=%s error=%s", nudge.nudge_id, exc)
            return self._failed(result, exc)
        log.info("action=nudge_emailed nudge=%s person=%s", nudge.nudge_id, nudge.person_id)
        return DeliveryResult.sent(self.email.name, message_id)

    async def deliver_checkin(self, checkin: CheckIn, now: datetime) -> DeliveryResult:
        deliver = getattr(self.chats, "deliver_checkin", None)
        if deliver is None:  # a chat delivery of single nudges: the first one stands for all
            result = await self.chats.deliver(checkin.items[0], now)
        else:
            result = await deliver(checkin, now)
        if result.stopped:  # the service is stopping between pages: nothing more now
            return result
        if result.outcome is Outcome.RETRY and await self._all_dark(checkin.person_id):
            pass  # every chat of the person is on a channel gone dark: e-mail now
        elif result.outcome is not Outcome.UNREACHABLE or result.carried:
            return result
        async with self.db.unit_of_work() as session:
            person = await person_by_id(session, checkin.person_id)
            if not person.email:
                return result
            address = person.email
            today = self.calendar.local_date(now) if self.calendar else None
            texts = []
            for item in checkin.items:
                assignment = await assignments.by_id(session, item.assignment_id)
                texts.append(
                    nudge_text(self.lang, item.kind, assignment, today, self.calendar, footer=False)
                )
            invite = await self._invite(session, person, now)
        text = texts[0]  # one task: the nudge as it is
        if len(texts) > 1:
            head = say(self.lang, "email_checkin_subject", n=len(texts))
            text = head + "\n\n" + "\n\n".join(texts)
        try:
            message_id = await self.email.send(address, Outgoing(text), invite=invite)
        except ChannelError as exc:
            log.warning("action=checkin_email_unsent person=%s error=%s", person.id, exc)
            return self._failed(result, exc)
        log.info("action=checkin_emailed person=%s nudges=%s", person.id, len(texts))
        carried = tuple((n.nudge_id, message_id, i) for i, n in enumerate(checkin.items, 1))
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
