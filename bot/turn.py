"""One incoming message being handled: who sent it, in which unit of work, and the answers.

Handlers take a ``Turn`` and add ``Outgoing`` answers with ``say``; the
dispatcher commits the turn's unit of work once and then sends the answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.channels.base import Choice, Incoming, Outgoing
from bot.chat_texts import say
from scheduler.calendar import WorkCalendar
from scheduler.policy import ReminderRules
from storage.enums import Role, Status
from storage.models import Assignment, ChatLink, Person, Task


@dataclass
class Turn:
    session: AsyncSession
    incoming: Incoming
    now: datetime
    lang: str
    calendar: WorkCalendar
    rules: ReminderRules
    link: ChatLink | None = None
    person: Person | None = None
    answers: list[Outgoing] = field(default_factory=list)

    @property
    def today(self) -> date:
        return self.calendar.local_date(self.now)

    def t(self, key: str, /, **values: object) -> str:
        return say(self.lang, key, **values)

    def reply(self, text: str, choices: tuple[tuple[Choice, ...], ...] = ()) -> None:
        self.answers.append(Outgoing(text=text, choices=choices))

    def reply_key(self, key: str, /, **values: object) -> None:
        self.reply(self.t(key, **values))

    def edit(
        self, message_id: str | None, text: str, choices: tuple[tuple[Choice, ...], ...] = ()
    ) -> None:
        """Replace the message a choice was pressed under (a new message where impossible)."""
        self.answers.append(Outgoing(text=text, choices=choices, replace=message_id))

    async def notify(
        self, person_id: int, text: str, choices: tuple[tuple[Choice, ...], ...] = ()
    ) -> bool:
        """Send to another person's most recently active reachable chat; False if none."""
        link = await self.session.scalar(
            select(ChatLink)
            .where(ChatLink.person_id == person_id, ChatLink.unreachable_since.is_(None))
            .order_by(ChatLink.last_active_at.desc().nulls_last(), ChatLink.id.desc())
            .limit(1)
        )
        if link is None:
            return False
        self.answers.append(
            Outgoing(text=text, choices=choices, to=(link.channel.value, link.chat_id))
        )
        return True

    @property
    def role(self) -> Role | None:
        return self.person.role if self.person else None


async def load_link(turn: Turn) -> None:
    """Find the chat's link and person (active people only)."""
    query = (
        select(ChatLink)
        .where(ChatLink.channel == turn.incoming.channel, ChatLink.chat_id == turn.incoming.chat_id)
        .options(selectinload(ChatLink.person).selectinload(Person.agency))
    )
    link = await turn.session.scalar(query)
    if link is not None and link.person.active:
        turn.link, turn.person = link, link.person
        link.last_active_at = turn.now
        if link.unreachable_since is not None:  # they wrote to us: reachable again
            link.unreachable_since, link.unreachable_reason = None, None


def assignment_query():
    return select(Assignment).options(
        selectinload(Assignment.task), selectinload(Assignment.agency)
    )


async def find_for_person(turn: Turn, task_code: str) -> tuple[Assignment | None, str | None]:
    """The person's agency's open assignment for ``task_code`` (the nearest open period).

    Returns (assignment, None), or (None, the lead agency's name) when the task
    exists but belongs to another agency, or (None, None) when nothing matches.
    """
    person = turn.person
    code = task_code.strip()
    rows = (
        await turn.session.scalars(
            assignment_query()
            .join(Task, Task.id == Assignment.task_id)
            .where(
                Task.code == code,
                Task.withdrawn_at.is_(None),
                Assignment.withdrawn_at.is_(None),
            )
            .order_by(Assignment.deadline.is_(None), Assignment.deadline)
        )
    ).all()
    mine = [a for a in rows if a.agency_id == person.agency_id]
    if not mine:
        return None, (rows[0].agency.name if rows else None)
    open_ones = [a for a in mine if a.status is not Status.DONE]
    overdue = [a for a in open_ones if a.deadline and a.deadline < turn.today]
    upcoming = [a for a in open_ones if a not in overdue]
    # An overdue period is the most urgent; otherwise the next one to come due.
    chosen = (overdue or upcoming or mine[-1:])[0]
    return chosen, None


def may_update(person: Person, assignment: Assignment) -> bool:
    """Everyone updates only their own agency's assignments (checked on every update)."""
    return person.active and person.agency_id == assignment.agency_id
