"""Fair shares of the dispatcher's work: per chat, bounded and interleaved.

One chat's backlog must never stand in front of another chat's answer:

- ``take_fair``: a batch of turns takes at most ``per_chat`` updates of one chat
  (its oldest, so each chat stays in order), the rest waiting for the next batch;
  a chat that sent 300 messages shares every batch with everyone else.
- ``Lanes``: answers go out per chat, in order, each chat in its own lane; the
  lanes take turns for a few senders, one batch's answers of a chat at a time,
  so a chat whose answers are paced (1/s by the platform) holds one sender for a
  few seconds at most before the others are served. A lane just opened (a chat
  with nothing waiting) is served before the lanes coming round again, so one
  question is not behind a burst of other chats' second and third answers.
- ``refuse_stranger``: an unlinked chat is told how to register once per
  ``REFUSE_EVERY``; what it sends meanwhile is kept (without its text), unanswered.
- ``heavy``: a chart or a report (``/bieudo``, ``/baocao``) is one in flight per
  person; asking again meanwhile is answered with a wait. It is made when it is
  sent, in the asker's lane, one at a time across chats (``Builds``), so it holds
  up neither the turns' transaction nor anyone else's answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Generic, TypeVar

from bot.channels.base import Incoming, Outgoing
from bot.documents.attachments import AttachmentRequest, evidence_file
from bot.documents.attachments import make as make_attachment
from bot.documents.render import Render, in_thread
from bot.inbound.answer import Answer
from bot.inbound.turn import LinkedTurn, Turn
from bot.texts import say
from scheduler.calendar import WorkCalendar
from storage import heavy as heavy_requests
from storage import strangers
from storage.db import Database
from storage.summary import Closing

log = logging.getLogger("nhacviec.fairness")

PER_CHAT = 4  # updates of one chat in one batch of turns, and so in one lane's turn
REFUSE_EVERY = timedelta(minutes=10)  # an unlinked chat is refused at most this often
HEAVY_LEASE = timedelta(minutes=10)  # an open chart or report older than this is over
EXEMPT_CHANNELS = frozenset({"console"})  # the operator's own terminal: always answered

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def take_fair(queue: Sequence[T], size: int, per_chat: int, key: Callable[[T], Hashable]):
    """(batch, rest): up to ``size`` items of ``queue``, at most ``per_chat`` of one key,
    each key's oldest first, and every key's first item before any key's second: a chat
    that writes once is not behind a burst of others' (a coordinator's question arriving
    after 200 officials' three replies each goes in the next batch or so, not the seventh).
    The batch is in the order its turns run: by rank, and within a rank the keys with the
    fewest items queued first (so that question is the batch's first turn, not its
    201st, when the batch runs out of time before its end). The rest keeps the queue's
    order; each key stays in order in both."""
    seen: dict[Hashable, int] = {}
    keys = [key(item) for item in queue]
    by_rank: list[list[int]] = [[] for _ in range(per_chat)]
    for i, k in enumerate(keys):
        rank = seen.get(k, 0)
        seen[k] = rank + 1
        if rank < per_chat:
            by_rank[rank].append(i)
    order: list[int] = []
    for level in by_rank:
        level.sort(key=lambda i: seen[keys[i]])  # stable: among equals, the queue's order
        order += level[: size - len(order)]
        if len(order) >= size:
            break
    chosen = set(order)
    batch = [queue[i] for i in order]
    rest = [item for i, item in enumerate(queue) if i not in chosen]
    return batch, rest


class Lanes(Generic[K, T]):
    """Per-key FIFO lanes served by at most ``senders`` tasks, round-robin: a sender
    takes the lane waiting longest, sends one of its items, and puts the lane back
    at the end of the line if it has more. ``send`` must not raise (it is logged)."""

    def __init__(self, send: Callable[[T], Awaitable[None]], senders: int = 8) -> None:
        self._send, self._senders = send, senders
        self._lanes: dict[K, deque[T]] = {}
        self._line: deque[K] = deque()  # lanes with items, not being served
        self._fresh: deque[K] = deque()  # of those, lanes opened since their last send
        self._tasks: set[asyncio.Task] = set()
        self._sending = 0  # of the tasks, those inside ``send`` (the rest pick a lane next)

    def put(self, key: K, item: T) -> None:
        lane = self._lanes.get(key)
        if lane is None:
            lane = self._lanes[key] = deque()
            self._fresh.append(key)
        lane.append(item)
        while len(self._tasks) < self._senders and len(self._tasks) - self._sending < len(
            self._line
        ) + len(self._fresh):
            task = asyncio.create_task(self._serve(), name="answers")
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _serve(self) -> None:
        while self._fresh or self._line:
            key = (self._fresh or self._line).popleft()
            lane = self._lanes[key]
            item = lane.popleft()
            self._sending += 1
            try:
                await self._send(item)
            except Exception:
                log.exception("action=lane_send_failed")
            finally:
                self._sending -= 1
            if lane:
                self._line.append(key)
            else:
                del self._lanes[key]

    def pending(self) -> list[T]:
        """Items not taken by a sender yet, lane by lane."""
        return [item for lane in self._lanes.values() for item in lane]

    def busy(self) -> bool:
        return bool(self._lanes or self._tasks)

    async def wait_idle(self) -> None:
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def close(self) -> list[T]:
        """Stop sending; the items never taken, for the caller to finish."""
        left = self.pending()
        self._lanes.clear()
        self._line.clear()
        self._fresh.clear()
        for task in list(self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        return left


# -- unlinked chats -----------------------------------------------------------------------


async def refuse_stranger(turn: Turn) -> None:
    """The not-linked refusal, at most once per ``REFUSE_EVERY`` per chat (the console
    always); the messages in between are not answered."""
    incoming = turn.incoming
    if incoming.channel not in EXEMPT_CHANNELS and not await strangers.should_refuse(
        turn.session, incoming.channel, incoming.chat_id, turn.now, REFUSE_EVERY
    ):
        log.debug("action=stranger_ignored channel=%s chat=%s", incoming.channel, incoming.chat_id)
        return
    turn.reply_key("not_linked")


# -- charts and reports -------------------------------------------------------------------

Handler = Callable[[LinkedTurn, str], Awaitable[None]]


def heavy(handler: Handler) -> Handler:
    """``handler`` (which answers with an attachment made later), one in flight per
    person: while the person's last one is not sent, asking again is told to wait."""

    async def limited(turn: LinkedTurn, args: str) -> None:
        since = turn.now - HEAVY_LEASE
        asked_at = await heavy_requests.open_since(turn.session, turn.person.id, since)
        if asked_at is not None:
            local = asked_at.astimezone(turn.calendar.timezone)
            turn.reply_key("heavy_busy", time=local.strftime("%H:%M"))
            return
        before = len(turn.answers)
        await handler(turn, args)
        incoming = turn.incoming
        for answer in turn.answers[before:]:
            if answer.made_later is not None:
                await heavy_requests.start(
                    turn.session,
                    turn.person.id,
                    incoming.channel,
                    incoming.chat_id,
                    answer.made_later.kind,
                    turn.now,
                )

    limited.__name__ = limited.__qualname__ = getattr(handler, "__name__", "heavy")
    limited.__doc__ = handler.__doc__
    return limited


class Builds:
    """Makes the attachments of answers, one at a time across chats (a big workbook is
    seconds of CPU), and closes the asker's request once its answer went out or failed."""

    def __init__(
        self, db: Database, calendar: WorkCalendar, now: Callable, render: Render = in_thread
    ) -> None:
        self.db, self.calendar, self.now, self.render = db, calendar, now, render
        self._one = asyncio.Semaphore(1)

    async def message(self, answer: Answer) -> Outgoing:
        """The answer's message, its attachment made (when it has one)."""
        later = answer.made_later
        if later is None:
            return answer.message
        if later.kind == "evidence":  # a file read back from disk: no drawing to share
            return await _evidence_message(self.db, answer.message, later)
        closing = Closing.of(self.calendar, later.day)
        async with self._one:
            made = await make_attachment(
                self.db, later, tz=self.calendar.timezone, closing=closing, render=self.render
            )
        return replace(answer.message, attachment=made)

    async def finished(self, incoming: Incoming, answer: Answer) -> None:
        if answer.made_later is None or answer.made_later.kind == "evidence":
            return
        try:
            async with self.db.unit_of_work() as session:
                await heavy_requests.finish(
                    session, incoming.channel, incoming.chat_id, answer.made_later.kind, self.now()
                )
        except Exception as exc:  # the lease ends it anyway
            log.warning("action=heavy_unfinished chat=%s error=%r", incoming.chat_id, exc)


async def _evidence_message(db: Database, message: Outgoing, later: AttachmentRequest) -> Outgoing:
    """/tailieu's file, read now; gone from the folder, a text says so (never resent)."""
    assert later.evidence_id is not None
    attachment, filename, code = await evidence_file(db, later.evidence_id)
    if attachment is None:
        log.warning("action=evidence_missing evidence=%s", later.evidence_id)
        text = say(later.lang, "evidence_file_missing", code=code, filename=filename)
        return replace(message, text=text)
    return replace(message, attachment=attachment)
