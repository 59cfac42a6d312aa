"""The chat side of the reminder engine's delivery interface: nudges as chat messages.

A check-in (``deliver_checkin``) is one message per person listing each due
assignment (code, short title, deadline, days left or overdue in working days,
counted when sent) with its own actions: on Telegram a row of buttons per
assignment, or, past ``ROWS_MAX`` of them, one button per assignment that opens it
(the "choose a task" step); on Zalo and the console numbered options, one per
assignment. A leader's escalations are one message listing what is overdue with
its focal person and leader actions. A check-in of one assignment is that
assignment's nudge as before. A long list is paged (each page within the channel's
``max_text``, each carrying its own assignments' actions), never cut.

A nudge goes to the person's most recently active reachable chat. A person
with none is reported unreachable; a chat that blocked the bot is marked
unreachable (coordinators see it in the digest) and so is the nudge: it goes out
again when the person writes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import date, datetime

from bot.channels.base import Channel, ChannelError, Choice, Outgoing
from bot.channels.watch import ChannelWatch
from bot.inbound import choices
from bot.texts import dmy, say, status_name, when
from scheduler.calendar import WorkCalendar
from scheduler.delivery import CheckIn, DeliveryResult, NudgeToSend, Outcome
from storage import assignments, chats, ledger
from storage.db import Database
from storage.enums import Status
from storage.models import Assignment
from storage.people import person_by_id

log = logging.getLogger("nhacviec.delivery")
NO_LINKED_CHAT = ledger.NO_LINKED_CHAT  # the error of a person with no chat (the digest names it)


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
    in ``calendar.days_unit``; without them (older callers) the kind's working days."""
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
    text = f"{header}\n{body}"  # ``footer``: how to answer in a chat (not in an e-mail)
    return f"{text}\n{say(lang, 'nudge_footer')}" if footer else text


ROWS_MAX = 5  # assignments shown with their own row of buttons; more: choose one first
TITLE_MAX = 90  # characters of a title in a list (the full title is one press away)
PAGE_ROOM = 300  # kept free on a page for a numbered channel's options footer


def short_title(title: str, limit: int = TITLE_MAX) -> str:
    """The title, or its first words within ``limit`` characters and "…"."""
    title = " ".join(title.split())
    if len(title) <= limit:
        return title
    cut = title.rfind(" ", 0, limit)
    return title[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"


def when_text(lang: str, deadline: date | None, today: date, calendar: WorkCalendar) -> str:
    """Days left or overdue as of ``today``, in the calendar's one unit of days."""
    if deadline is None:
        return say(lang, "checkin_ongoing")
    return when(lang, calendar.days_past(deadline, today), calendar.days_unit)


def snooze_choice(lang: str, token: str) -> Choice:
    return Choice(say(lang, "button_snooze"), f"k:{token}:snz")


def item_row(lang: str, code: str, token: str, snooze: str) -> tuple[Choice, ...]:
    """One assignment's actions on one row: ✅ ⏳ ⛔ 📅 💤."""
    return (
        Choice(f"{code} ✅", f"c:{token}:done"),
        Choice("⏳", f"c:{token}:prog"),
        Choice("⛔", f"c:{token}:blk"),
        Choice("📅", f"c:{token}:ext"),
        Choice("💤", f"k:{snooze}:snz"),
    )


def pages(blocks: list[str], head: str, tail: str, limit: int) -> list[list[int]]:
    """Indexes of ``blocks`` per page: each page's head (the first one's ``head``, then a
    short "continued" line), its blocks and ``tail`` within ``limit`` characters."""
    out: list[list[int]] = [[]]
    size = len(head) + len(tail) + 4
    for i, block in enumerate(blocks):
        if out[-1] and size + len(block) + 1 > limit:
            out.append([])
            size = len(tail) + 60
        out[-1].append(i)
        size += len(block) + 1
    return out


class ChatDelivery:
    """Implements ``scheduler.delivery.CheckInDelivery`` over the configured channels."""

    grouped = True  # the sweep hands over a person's due nudges as one check-in

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
        self.calendar = calendar  # counts the days of a message when it is sent
        # The sweep delivers several check-ins at once; their messages are made one at a
        # time (a SQLite transaction that reads, then writes, must not overlap another).
        self._making = asyncio.Lock()

    @property
    def only_channels(self) -> list[str]:
        """The channels this delivery reaches people on, and no other way: a person with
        no reachable chat on them is unreachable (the sweep marks such nudges in bulk)."""
        return list(self.channels)

    async def _chat(self, session, person_id: int):
        """The one chat to send to, or the reason there is none."""
        links = await chats.delivery_chats(session, person_id, self.channels)
        reachable = [link for link in links if link.unreachable_since is None]
        if not reachable:
            return None, links[0].unreachable_reason if links else NO_LINKED_CHAT
        working = [link for link in reachable if not self.dark(link.channel.value)]
        reachable = working or reachable  # a channel gone dark: the person's other chat
        person = await person_by_id(session, person_id)
        chosen = [link for link in reachable if link.channel.value == person.preferred_channel]
        return (chosen or reachable)[0], None

    def dark(self, channel: str) -> bool:
        return self.watch is not None and self.watch.is_dark(channel)

    async def _seen(self, channel: str, error: ChannelError | None = None) -> None:
        """Tell the watch how a send to ``channel`` went."""
        if self.watch is None:
            return
        if error is None:
            await self.watch.ok(channel)
        else:
            await self.watch.failed(channel, error)

    async def deliver_checkin(self, checkin: CheckIn, now: datetime) -> DeliveryResult:
        """One message (paged when long) carrying every nudge of ``checkin``."""
        if len(checkin.items) == 1 and checkin.audience == "official":
            one = await self.deliver(checkin.items[0], now)
            only = ((checkin.items[0].nudge_id, one.message_id or "", 1),)
            return one if one.outcome is not Outcome.SENT else _with(one, only)
        async with self._making, self.db.unit_of_work() as session:
            link, reason = await self._chat(session, checkin.person_id)
            if link is None:
                return DeliveryResult(Outcome.UNREACHABLE, error=reason)
            channel = self.channels[link.channel.value]
            rows = await assignments.by_ids(session, [n.assignment_id for n in checkin.items])
            made = await choices.new_tokens(
                session,
                checkin.person_id,
                [(n.assignment_id, n.nudge_id) for n in checkin.items],
                now,
            )
            today = self._today(now)
            # Hundreds of rows for a leader's check-in: the text is made in a thread.
            messages = await asyncio.to_thread(self._compose, checkin, channel, rows, made, today)
            channel_name, chat_id, link_id = link.channel.value, link.chat_id, link.id
        carried: list[tuple[int, str, int]] = []
        stopped = False
        for indexes, message in messages:
            if carried and checkin.stopping():  # no further page: the rest is given back
                stopped = True
                break
            try:
                message_id = await channel.send(chat_id, message)
            except ChannelError as exc:
                await self._seen(channel_name, exc)
                return _with(await self._failed(exc, link_id, now), tuple(carried), chat_id)
            await self._seen(channel_name)
            carried += [(checkin.items[i].nudge_id, message_id, i + 1) for i in indexes]
        return DeliveryResult(
            Outcome.RETRY if stopped else Outcome.SENT,
            channel=channel_name,
            message_id=carried[-1][1],
            chat_id=chat_id,
            carried=tuple(carried),
            stopped=stopped,
        )

    def _compose(
        self, checkin: CheckIn, channel, rows, made: list[str], today: date
    ) -> list[tuple[list[int], Outgoing]]:
        """The check-in's pages: for each, the indexes of the items it carries and the
        message."""
        lang = self.lang
        blocks, actions = [], []
        leader = checkin.audience == "leader"
        many = len(rows) > ROWS_MAX or not channel.has_buttons
        for n, (item, row) in enumerate(zip(checkin.items, rows, strict=True), start=1):
            when = self._when(row.deadline, item, today)
            values = {
                "n": n,
                "code": row.code,
                "title": short_title(row.task.title),
                "deadline": dmy(row.deadline, lang),
                "when": when,
            }
            token = made[n - 1]
            if leader:
                focal = row.focal_person.full_name if row.focal_person else None
                values["focal"] = focal or say(lang, "escalation_no_focal")
                blocks.append(say(lang, "escalation_item", **values))
                actions.append(self._leader_row(lang, row.code, token, many))
            else:
                blocks.append(say(lang, "checkin_item", **values))
                if many:
                    label = say(
                        lang, "pick_label", code=row.code, title=short_title(row.task.title, 40)
                    )
                    actions.append(((Choice(label, f"k:{token}:pick"),),))
                else:
                    actions.append((item_row(lang, row.code, token, token),))
        first = rows[0]
        if leader:
            head = say(
                lang, "escalation_header", count=len(rows), agency=first.agency.name,
                date=dmy(today, lang),
            )  # fmt: skip
            tail = say(lang, "escalation_footer")
        else:
            key = "checkin_catch_up_header" if checkin.catch_up else "checkin_header"
            head = say(lang, key, count=len(rows), date=dmy(today, lang))
            footer = "checkin_footer_pick" if many else "checkin_footer_rows"
            tail = say(lang, footer, code=first.code)
        room = channel.max_text - (0 if channel.has_buttons else PAGE_ROOM)
        split = pages(blocks, head, tail, room)
        # Without buttons an official's items are the options, numbered in the text:
        # not listed twice; every page's numbers go on from the page before, so a
        # number from any page picks its task.
        listed = many and not leader and not channel.has_buttons
        messages, number = [], 1
        for k, indexes in enumerate(split, start=1):
            top = head if k == 1 else say(lang, "checkin_more", page=k, pages=len(split))
            body = "\n".join(blocks[i] for i in indexes)
            text = f"{top}\n{body}" + (f"\n{tail}" if k == len(split) else "")
            rows_here = tuple(row for i in indexes for row in actions[i])
            if leader and k == len(split):
                rows_here += ((Choice(say(lang, "button_overdue_list"), f"k:{token}:lst"),),)
            outgoing = Outgoing(text, rows_here, first_number=number, numbers_in_text=listed)
            messages.append((indexes, outgoing))
            number += sum(len(row) for row in rows_here)
        return messages

    def _leader_row(
        self, lang: str, code: str, token: str, many: bool
    ) -> tuple[tuple[Choice, ...], ...]:
        if many:
            return ((Choice(say(lang, "remind_label", code=code), f"k:{token}:rmd"),),)
        return (
            (
                Choice(f"{code}: {say(lang, 'button_remind')}", f"k:{token}:rmd"),
                Choice(say(lang, "button_assign"), f"k:{token}:asg"),
            ),
        )

    def _today(self, now: datetime) -> date:
        if self.calendar is not None:
            return self.calendar.local_date(now)
        return now.date()

    def _when(self, deadline: date | None, item: NudgeToSend, today: date) -> str:
        if self.calendar is not None:
            return when_text(self.lang, deadline, today, self.calendar)
        series, _, n = item.kind.partition(":")  # no calendar: the planned count
        if series == "before":
            return when(self.lang, -int(n), "working")
        if series in ("overdue", "escalation"):
            return when(self.lang, int(n), "working")
        return when(self.lang, 0) if series == "due" else say(self.lang, "checkin_ongoing")

    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult:
        async with self._making, self.db.unit_of_work() as session:
            link, reason = await self._chat(session, nudge.person_id)  # one chat, never both
            if link is None:
                return DeliveryResult(Outcome.UNREACHABLE, error=reason)
            assignment = await assignments.by_id(session, nudge.assignment_id)
            token = await choices.new_token(
                session, nudge.person_id, nudge.assignment_id, now, nudge_id=nudge.nudge_id
            )
            buttons = choices.status_choices(self.lang, token)
            if assignment.deadline is not None:
                buttons += ((snooze_choice(self.lang, token),),)
            text = nudge_text(self.lang, nudge.kind, assignment, *self._calendar_day(now))
            message = Outgoing(text, buttons)
            channel_name, chat_id, link_id = link.channel.value, link.chat_id, link.id
        channel = self.channels[channel_name]
        try:
            message_id = await channel.send(chat_id, message)
        except ChannelError as exc:
            await self._seen(channel_name, exc)
            return await self._failed(exc, link_id, now)
        await self._seen(channel_name)
        return DeliveryResult(
            Outcome.SENT, channel=channel_name, message_id=message_id, chat_id=chat_id
        )

    def _calendar_day(self, now: datetime) -> tuple[date | None, WorkCalendar | None]:
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


def _with(
    result: DeliveryResult, carried: tuple[tuple[int, str, int], ...], chat_id: str | None = None
) -> DeliveryResult:
    return DeliveryResult(
        result.outcome,
        channel=result.channel,
        message_id=result.message_id,
        error=result.error,
        retry_after=result.retry_after,
        chat_id=result.chat_id or chat_id,
        carried=carried,
    )
