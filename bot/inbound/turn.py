"""One incoming message being handled: who sent it, in which unit of work, and the answers.

Handlers take a ``Turn`` and add answers (``bot.inbound.answer.Answer``) with
``reply``, ``edit`` and ``notify``; the dispatcher commits the turn's unit of
work once and then sends the answers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from bot.channels.base import Choice, Incoming, Outgoing
from bot.inbound.answer import Answer
from bot.texts import say
from scheduler.calendar import WorkCalendar
from scheduler.policy import ReminderRules
from storage import assignments, chats
from storage.db import Session
from storage.enums import Role, Status
from storage.ledger import (
    assignments_of_message,
    assignments_of_messages,
    last_nudged_of,
    reopen_unreachable,
)
from storage.models import Assignment, ChatLink, PendingQuestion, Person


@dataclass
class Turn:
    session: Session
    incoming: Incoming
    now: datetime
    lang: str
    calendar: WorkCalendar
    rules: ReminderRules
    link: ChatLink | None = None
    person: Person | None = None
    question: PendingQuestion | None = None  # what the chat was asked last, if unanswered
    answers: list[Answer] = field(default_factory=list)
    prefetch: Prefetch | None = None  # read for the whole batch this turn belongs to

    @property
    def today(self) -> date:
        return self.calendar.local_date(self.now)

    def t(self, key: str, /, **values: object) -> str:
        return say(self.lang, key, **values)

    def reply(self, text: str, choices: tuple[tuple[Choice, ...], ...] = ()) -> None:
        self.answers.append(Answer(Outgoing(text=text, choices=choices)))

    def reply_key(self, key: str, /, **values: object) -> None:
        self.reply(self.t(key, **values))

    def edit(
        self, message_id: str | None, text: str, choices: tuple[tuple[Choice, ...], ...] = ()
    ) -> None:
        """Replace the message a choice was pressed under (a new message where impossible)."""
        self.answers.append(Answer(Outgoing(text=text, choices=choices), replace=message_id))

    async def notify(
        self, person_id: int, text: str, choices: tuple[tuple[Choice, ...], ...] = ()
    ) -> bool:
        """Send to another person's most recently active reachable chat; False if none."""
        link = await chats.reachable_chat(self.session, person_id)
        if link is None:
            return False
        self.answers.append(
            Answer(Outgoing(text=text, choices=choices), to=(link.channel.value, link.chat_id))
        )
        return True

    @property
    def role(self) -> Role | None:
        return self.person.role if self.person else None


class LinkedTurn(Turn):
    """The same turn, once the router found the chat linked to an active person.

    A view, not a copy: it shares the turn's attributes (one ``__dict__``), so
    an answer added or a question asked through either shows in both. Only the
    types say more: ``link`` and ``person`` are there, and so is ``role``.
    """

    link: ChatLink
    person: Person

    def __init__(self, turn: Turn) -> None:
        if turn.link is None or turn.person is None:
            raise ValueError("the chat is not linked to an active person")
        self.__dict__ = turn.__dict__

    @classmethod
    def of(cls, turn: Turn) -> LinkedTurn | None:
        """The linked view of ``turn``; None when its chat is not linked (see ``load_link``)."""
        return cls(turn) if turn.link is not None and turn.person is not None else None

    @property
    def role(self) -> Role:
        return self.person.role


@dataclass
class Prefetch:
    """What a batch of turns reads first, in two queries for the batch instead of per turn.

    ``links`` (chat → its link and open question, None: not linked) holds for each
    chat's first turn in the batch only, and is used up by it: a chat's link and
    question change only through that chat's own turns, so a later turn of the same
    chat reads them afresh. ``replied`` ((channel, chat, message replied to) → the ids
    of the assignments that message carried, empty: a message not recorded) never
    goes stale: a sent nudge's message id does not change.
    """

    links: dict[tuple[str, str], tuple[ChatLink, PendingQuestion | None] | None]
    replied: dict[tuple[str, str, str], list[int]]


async def prefetch(session: Session, incomings: list[Incoming]) -> Prefetch:
    keys = list(dict.fromkeys((i.channel, i.chat_id) for i in incomings))
    links: dict = dict.fromkeys(keys)
    links |= await chats.links_of(session, keys)
    replies = set()
    for i in incomings:
        found = links.get((i.channel, i.chat_id))
        if i.reply_to_message_id and found and found[0].person.active:
            replies.add((i.channel, i.chat_id, i.reply_to_message_id))
    replied: dict = {key: [] for key in replies}
    if replies:
        replied |= await assignments_of_messages(session, replies)
    return Prefetch(links, replied)


async def replied_to(turn: Turn) -> list[int] | None:
    """The assignments of the message this one replies to: None when it replies to
    none, empty when that message is not one the ledger recorded."""
    ref = turn.incoming.reply_to_message_id
    if not ref:
        return None
    key = (turn.incoming.channel, turn.incoming.chat_id, ref)
    if turn.prefetch is not None and key in turn.prefetch.replied:
        return turn.prefetch.replied[key]
    return await assignments_of_message(turn.session, *key)


async def load_link(turn: Turn) -> None:
    """Find the chat's link, person (active people only) and open question, in one query."""
    key = (turn.incoming.channel, turn.incoming.chat_id)
    if turn.prefetch is not None and key in turn.prefetch.links:
        row = turn.prefetch.links.pop(key)
    else:
        row = await chats.link_of(turn.session, *key)
    if row is None:
        return
    turn.link = row[0]  # kept for an inactive person too: /start may link the chat anew
    if turn.link.person.active:
        turn.person, turn.question = turn.link.person, row[1]


async def touch_link(turn: Turn) -> None:
    """The chat was used now; at the end of the turn so it is written with the rest."""
    link = turn.link
    if turn.person is None or link is None:
        return
    link.last_active_at = turn.now
    if link.unreachable_since is not None:  # they wrote to us: reachable again
        link.unreachable_since, link.unreachable_reason = None, None
        await reopen_missed(turn, turn.person.id)


async def reopen_missed(turn: Turn, person_id: int) -> None:
    """Nudges that found no chat of this person go out again, now that one is there."""
    at = turn.calendar.next_work_start(turn.now)
    await reopen_unreachable(turn.session, person_id, turn.now, at=at)


async def find_for_person(
    turn: Turn, task_code: str, fits: Callable[[str], bool] | None = None
) -> tuple[Assignment | None, str | None]:
    """The person's agency's open assignment for ``task_code``; a full code
    ("1.1@snv#2024-Q2") may name the agency and the period.

    Of a recurring task's periods: the one the full code names; else those
    ``fits`` accepts (period words, "quý II"), when any does; then, of the open
    ones, the period the person was last nudged about; else the nearest open one.
    Returns (assignment, None), or (None, the lead agency's name) when the task
    or the agency named belongs to another agency, or (None, None) when nothing
    matches.
    """
    assert turn.person is not None  # asked only after the link check
    # A full code ("1.1@stp", "1.4#2024-Q2") names one assignment: another agency's is
    # refused, never taken as the person's own assignment of the same task.
    code, _, period = task_code.strip().partition("#")
    code, _, short_code = code.partition("@")
    if short_code and short_code.lower() != turn.person.agency.short_code.lower():
        return None, await assignments.agency_name(turn.session, short_code)
    # The order is taken from the objects, which hold the turn's pending values.
    mine = await assignments.for_code(turn.session, code, turn.person.agency_id)
    if period:
        mine = [a for a in mine if a.period.lower() == period.lower()]
    elif fits is not None and len(mine) > 1:
        mine = [a for a in mine if fits(a.period)] or mine
    mine = sorted(mine, key=lambda a: (a.deadline is None, a.deadline or turn.today, a.id))
    if not mine:
        if short_code or period:
            return None, None
        return None, await assignments.owner_agency(turn.session, code)
    open_ones = [a for a in mine if a.status is not Status.DONE]
    if len(open_ones) > 1:
        nudged = await last_nudged_of(turn.session, turn.person.id, [a.id for a in open_ones])
        open_ones = [a for a in open_ones if a.id in nudged] or open_ones
    overdue = [a for a in open_ones if a.deadline and a.deadline < turn.today]
    upcoming = [a for a in open_ones if a not in overdue]
    # An overdue period is the most urgent; otherwise the next one to come due.
    chosen = (overdue or upcoming or mine[-1:])[0]
    return chosen, None


def may_update(person: Person, assignment: Assignment) -> bool:
    """Everyone updates only their own agency's assignments (checked on every update)."""
    return person.active and person.agency_id == assignment.agency_id
