"""The chat side of the reminder engine's delivery interface: nudges as chat messages.

A nudge goes to the person's most recently active reachable chat. A person
with none is reported unreachable; a chat that blocked the bot is marked
unreachable (coordinators see it in the digest) and so is the nudge: it goes out
again when the person writes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime

from bot.channels.base import Channel, ChannelError, Outgoing
from bot.channels.watch import ChannelWatch
from bot.inbound import choices
from bot.texts import dmy, say, status_name
from scheduler.calendar import WorkCalendar
from scheduler.delivery import DeliveryResult, NudgeToSend, Outcome
from storage import assignments, chats
from storage.db import Database
from storage.enums import Status
from storage.models import Assignment
from storage.people import person_by_id

log = logging.getLogger("nhacviec.delivery")
NO_LINKED_CHAT = "no linked chat"  # the error of a person with no chat (the digest names it)


def nudge_text(
    lang: str,
    kind: str,
    assignment: Assignment,
    today: date | None = None,
    calendar: WorkCalendar | None = None,
    *,
    footer: bool = True,
) -> str:
    """The nudge's text. Its count of days is made on ``today``, the local day it is sent,
    in ``calendar.days_unit``; without them (older callers) the kind's working days.
    ``footer``: how to answer in a chat (not in an e-mail, which cannot be answered)."""
    series, _, planned = kind.partition(":")
    unit, days = "working", abs(int(planned or 0))
    if today is not None and calendar is not None and assignment.deadline is not None:
        past = calendar.days_past(assignment.deadline, today)
        unit, days = calendar.days_unit, abs(past)
        if series in ("before", "due"):  # a catch-up sent later says where things are now
            series = "before" if past < 0 else "due" if past == 0 else "overdue"
    unit_word = say(lang, f"unit_{unit}")
    header = {
        "before": lambda: say(lang, "nudge_before", n=days, unit=unit_word),
        "due": lambda: say(lang, "nudge_due"),
        "overdue": lambda: say(lang, "nudge_overdue", n=days, unit=unit_word),
        "escalation": lambda: say(
            lang,
            "nudge_escalation",
            code=assignment.code,
            title=assignment.task.title,
            agency=assignment.agency.name,
            n=days,
            unit=unit_word,
        ),
        "checkin": lambda: say(lang, "nudge_checkin"),
    }[series]()
    percent = (
        f" {assignment.percent}%"
        if assignment.status is Status.IN_PROGRESS and assignment.percent
        else ""
    )
    note = say(lang, "reason_label", note=assignment.status_note) if assignment.status_note else ""
    body = say(
        lang,
        "nudge_body",
        code=assignment.code,
        title=assignment.task.title,
        agency=assignment.agency.name,
        deadline=dmy(assignment.deadline, lang),
        status=status_name(lang, assignment.status),
        percent=percent,
        note=note,
    )
    text = f"{header}\n{body}"
    return f"{text}\n{say(lang, 'nudge_footer')}" if footer else text


class ChatDelivery:
    """Implements ``scheduler.delivery.Delivery`` over the configured channels."""

    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        lang: str = "vi",
        *,
        calendar: WorkCalendar | None = None,
        watch: ChannelWatch | None = None,
    ) -> None:
        self.db = db
        self.channels = channels
        self.watch = watch  # which channels reach their platform (a dark one is passed over)
        self.lang = lang
        self.calendar = calendar  # counts the days of a nudge when it is sent

    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult:
        async with self.db.unit_of_work() as session:
            links = await chats.delivery_chats(session, nudge.person_id, self.channels)
            reachable = [link for link in links if link.unreachable_since is None]
            if not reachable:
                reason = links[0].unreachable_reason if links else NO_LINKED_CHAT
                return DeliveryResult(Outcome.UNREACHABLE, error=reason)
            person = await person_by_id(session, nudge.person_id)
            working = [link for link in reachable if not self.dark(link.channel.value)]
            reachable = working or reachable  # a channel gone dark: the person's other chat
            chosen = [link for link in reachable if link.channel.value == person.preferred_channel]
            reachable = chosen or reachable  # one chat only, never both
            link = reachable[0]
            assignment = await assignments.by_id(session, nudge.assignment_id)
            token = await choices.new_token(
                session, nudge.person_id, nudge.assignment_id, now, nudge_id=nudge.nudge_id
            )
            message = Outgoing(
                nudge_text(self.lang, nudge.kind, assignment, *self._today(now)),
                choices.status_choices(self.lang, token),
            )
            channel_name, chat_id, link_id = link.channel.value, link.chat_id, link.id
        channel = self.channels[channel_name]
        try:
            message_id = await channel.send(chat_id, message)
        except ChannelError as exc:
            if self.watch is not None:
                await self.watch.failed(channel_name, exc)
            return await self._failed(exc, link_id, now)
        if self.watch is not None:
            await self.watch.ok(channel_name)
        return DeliveryResult.sent(channel_name, message_id)

    def dark(self, channel: str) -> bool:
        return self.watch is not None and self.watch.is_dark(channel)

    def _today(self, now: datetime) -> tuple[date | None, WorkCalendar | None]:
        if self.calendar is None:
            return None, None
        return self.calendar.local_date(now), self.calendar

    async def _failed(self, exc: ChannelError, link_id: int, now: datetime) -> DeliveryResult:
        if exc.kind == "retry":
            return DeliveryResult(Outcome.RETRY, error=exc.detail, retry_after=exc.retry_after)
        if exc.kind == "blocked":
            async with self.db.unit_of_work() as session:
                await chats.mark_unreachable(session, link_id, now, exc.detail)
            log.warning("action=chat_unreachable link=%s reason=%s", link_id, exc.detail)
            return DeliveryResult(Outcome.UNREACHABLE, error=f"blocked: {exc.detail}")
        return DeliveryResult(Outcome.FAILED, error=f"{exc.kind}: {exc.detail}")
