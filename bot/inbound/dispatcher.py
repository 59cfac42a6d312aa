"""From channels to the conversation and back, losing nothing.

``accept`` is every channel's handler: it stores the update in the inbox and
returns, so the channel may confirm it to the platform; the turn and its
answers follow in the background. Processing runs the conversation in a unit of
work that also marks the inbox row processed and keeps the answers; the answers
are sent after the commit and marked sent. ``recover`` processes what was stored
but not processed and sends what was processed but not sent: at start-up and
then now and again, so a failure in between only delays an answer.
(``receive`` does all of it before returning, for callers that wait for the answer.)

Throughput comes from batching, not from cutting corners: updates that arrive
together (a getUpdates batch handed over concurrently, webhook calls, whatever
piled up while the last batch ran) are stored in one transaction and their turns
run one after another in one more, with what the batch reads first read in one
go (``bot.inbound.turn.prefetch``). If any turn fails the batch is rolled back and each
turn runs alone, so a bug in one never records or loses another's. A batch's
answers go out while the next batch runs, in order within each chat.

A burst must not wait for the turns to be taken in: updates that came while a batch
ran are stored on their own once it commits (the channel then confirms them and
fetches more), their turns following as for recovered rows; and a batch with updates
waiting for that ends after ``STORE_WITHIN``. Telegram hands updates over in order,
so a coordinator's question behind 600 replies is in within seconds, not after all
their turns.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.channels.base import Channel, ChannelError, Incoming, Outgoing
from bot.channels.pacing import answering
from bot.documents.render import Render, in_thread
from bot.inbound import fairness
from bot.inbound.answer import Answer
from bot.inbound.inbox_json import (
    answers_from_json,
    answers_to_json,
    incoming_from_json,
    incoming_to_json,
)
from bot.inbound.router import handle
from bot.inbound.turn import Turn, prefetch
from bot.texts import say
from scheduler.calendar import WorkCalendar
from scheduler.policy import ReminderRules
from storage import extensions, inbox
from storage.db import Database

log = logging.getLogger("nhacviec.dispatcher")

# How long one batch's transaction runs turns: on SQLite it holds the one write lock.
BATCH_SECONDS = 0.5
# How long it runs them while updates wait to be stored (the platform to be told).
STORE_WITHIN = 0.1
# Chats answered at once. Each send waits its chat's second (Telegram's 1/s per chat),
# so the senders bound a burst's answers to this many a second: 8 left 600 replies
# a minute and more to go out, a question queued behind them; 24 stay under the
# token's 29/s (the limiter's), the rest for the nudges and digests.
CHATS_AT_ONCE = 24


@dataclass(frozen=True)
class Deps:
    """What the dispatcher works with: the store, the channels by name, and what each
    turn is given (the calendar, the reminder rules, the clock, the language)."""

    db: Database
    channels: dict[str, Channel]
    calendar: WorkCalendar
    rules: ReminderRules
    now: Callable[[], datetime]  # the service clock's ``now``: aware UTC
    lang: str = "vi"
    render: Render = in_thread  # where charts and reports are drawn (the service: a process)


def _chat_of(job: _Job) -> tuple[str, str]:
    return (job.incoming.channel, job.incoming.chat_id)


@dataclass(eq=False)
class _Job:
    """An update on its way: stored (``row_id``), through a turn, and answered."""

    incoming: Incoming
    row_id: int | None = None
    skip: bool = False  # nothing to do: a resend of what was processed, or is being processed
    stored: asyncio.Event = field(default_factory=asyncio.Event)  # set once stored or failed
    done: asyncio.Event = field(default_factory=asyncio.Event)
    error: Exception | None = None
    answers: list[Answer] | None = None


class Dispatcher:
    def __init__(
        self,
        deps: Deps,
        *,
        batch: int = 100,
        chats_at_once: int = CHATS_AT_ONCE,
        backlog: int = 1000,
        per_chat: int = fairness.PER_CHAT,
    ) -> None:
        self.db, self.channels = deps.db, deps.channels
        self.calendar, self.rules = deps.calendar, deps.rules
        self.now, self.lang = deps.now, deps.lang
        self.batch, self.backlog, self.per_chat = batch, backlog, per_chat
        self._queue: list[_Job] = []
        self._unfinished = 0
        self._worker: asyncio.Task | None = None  # the one task writing turns to the store
        # Answers go out chat by chat, each chat in order, the chats taking turns.
        self._lanes: fairness.Lanes[tuple[str, str], list[_Job]] = fairness.Lanes(
            self._send_jobs, senders=chats_at_once
        )
        self._builds = fairness.Builds(deps.db, deps.calendar, deps.now, deps.render)
        self._in_flight: set[int] = set()  # rows this dispatcher is processing or sending
        self._room = asyncio.Event()  # set while fewer than ``backlog`` jobs are unfinished
        self._room.set()
        # One write at a time from here: on SQLite a second writer would sleep in the
        # busy handler (milliseconds each time) instead of queueing behind the first.
        self._write_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def _writing(self):
        async with self._write_lock, self.db.unit_of_work() as session:
            yield session

    # -- entry points ---------------------------------------------------------------------

    async def accept(self, incoming: Incoming) -> None:
        """The channels' handler: returns once the update is stored (so the platform may
        be told); its answers follow in the background, in order per chat. Raises when
        the update could not be stored."""
        while not self._room.is_set():  # the turns fall behind: take no more for now
            await self._room.wait()
        job = self._submit(_Job(incoming))
        await job.stored.wait()
        if job.row_id is None and job.error is not None:
            raise job.error

    async def receive(self, incoming: Incoming) -> None:
        """Store, process and answer; returns when the answers are out."""
        job = self._submit(_Job(incoming))
        await job.done.wait()
        if job.error is not None:
            raise job.error

    async def store(self, incoming: Incoming) -> int | None:
        """Only keep the update (its own transaction); its row id to process, or None
        when there is nothing to do (a resend of what was processed or is in flight)."""
        job = _Job(incoming)
        async with self._writing() as session:
            await self._store(session, [job])
        return None if job.skip else job.row_id

    async def process(self, row_id: int, incoming: Incoming) -> None:
        """Run the stored update's turn and send its answers; returns when that is over."""
        self._in_flight.add(row_id)
        job = self._submit(_Job(incoming, row_id))
        await job.done.wait()
        if job.error is not None:
            raise job.error

    async def drain(self) -> None:
        """Wait until everything taken so far is processed and answered."""
        while self._worker is not None or self._lanes.busy():
            if self._worker is not None:
                await asyncio.wait([self._worker])
            await self._lanes.wait_idle()

    def busy(self) -> bool:
        """Whether an update is being stored, run or answered."""
        return self._worker is not None or self._unfinished > 0 or self._lanes.busy()

    async def close(self) -> None:
        """Stop the background work; what it had not finished is recovered at start-up."""
        task = self._worker
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        closed = RuntimeError("the dispatcher was closed")
        for jobs in await self._lanes.close():
            self._finish(jobs, closed)
        self._finish(self._queue, closed)
        self._queue = []

    # -- the worker -----------------------------------------------------------------------

    def _submit(self, job: _Job) -> _Job:
        self._queue.append(job)
        self._unfinished += 1
        if self._unfinished >= self.backlog:
            self._room.clear()
        if self._worker is None:
            self._worker = asyncio.create_task(self._work(), name="dispatcher")
        return job

    async def _work(self) -> None:
        batch: list[_Job] = []
        try:
            while self._queue:
                batch, self._queue = fairness.take_fair(
                    self._queue, self.batch, self.per_chat, _chat_of
                )
                left = await self._run_batch(batch, self.now())
                if left:  # the time ran out: they lead the next batch, each chat in order
                    waiting = set(left)
                    batch = [job for job in batch if job not in waiting]
                    self._queue = left + self._queue
                for job in batch:
                    job.stored.set()
                self._to_lanes(batch)
                batch = []
                await self._store_waiting()
        except BaseException as exc:  # cancelled mid-batch: the inbox keeps what was stored
            self._finish(batch, RuntimeError(f"the dispatcher stopped: {exc!r}"))
            raise
        finally:
            self._worker = None

    def _over(self, until: float) -> bool:
        """Whether the batch ending at ``until`` is over: its time is up, or it ran for
        ``STORE_WITHIN`` and an update queued meanwhile waits to be stored."""
        now = time.monotonic()
        if now > until:
            return True
        waited = now > until - BATCH_SECONDS + STORE_WITHIN
        return waited and any(job.row_id is None for job in self._queue)

    async def _store_waiting(self) -> None:
        """Store the queued updates not stored yet, on their own: their channel may
        confirm them and hand over the next ones while the turns catch up. A resend
        (stored or processed before) is done with here."""
        waiting = [job for job in self._queue if job.row_id is None and not job.skip]
        if not waiting:
            return
        try:
            async with self._writing() as session:
                await self._store(session, waiting)
        except Exception as exc:  # they stay queued as new: their batch stores them
            log.warning("action=store_waiting_failed updates=%s error=%r", len(waiting), exc)
            for job in waiting:
                if job.row_id is not None and not job.skip:
                    self._in_flight.discard(job.row_id)
                job.row_id, job.skip = None, False
            return
        done = [job for job in waiting if job.skip]
        if done:
            gone = set(done)
            self._queue = [job for job in self._queue if job not in gone]
            self._finish(done)
        for job in waiting:
            job.stored.set()

    async def _run_batch(self, batch: list[_Job], now: datetime) -> list[_Job]:
        """Run the turns in one transaction that also stores the new updates, processed,
        for ``BATCH_SECONDS`` at most: the turns not run in time are returned, untouched,
        for the next batch (the transaction holds SQLite's one write lock; the sweep
        must not wait on it for seconds). If anything fails (a turn, or a new update
        that was stored before: a resend), it is rolled back; the new updates are then
        stored on their own and each turn runs alone."""
        new = [job for job in batch if job.row_id is None]
        until = time.monotonic() + BATCH_SECONDS
        try:
            async with self._writing() as session:
                # Rows stored earlier (being recovered) are older than the new ones.
                stored = [job for job in batch if job.row_id is not None]
                left = await self._turns(session, stored, now, until=until)
                if left:
                    return left + new
                return await self._turns(session, new, now, new=True, until=until)
        except Exception as exc:
            log.warning("action=batch_failed size=%s error=%r", len(batch), exc)
        for job in batch:  # rolled back: nothing of it happened
            job.answers = None
        for job in new:
            if job.row_id is not None:
                self._in_flight.discard(job.row_id)
            job.row_id = None
        if new:
            try:
                async with self._writing() as session:
                    await self._store(session, new)
            except Exception as exc:  # the platform keeps these and sends them again
                log.error("action=store_failed updates=%s error=%r", len(new), exc)
                for job in new:
                    job.error, job.skip = exc, True
        for job in batch:
            if not job.skip:
                await self._run_alone(job, now)
        return []

    async def _store(self, session, jobs: list[_Job]) -> None:
        updates = [
            inbox.NewUpdate(j.incoming.channel, j.incoming.update_key, j.incoming.chat_id,
                            incoming_to_json(j.incoming))
            for j in jobs
        ]  # fmt: skip
        for job, row in zip(jobs, await inbox.store(session, updates, self.now()), strict=True):
            # A resend of what was stored but not processed (its turn failed to commit)
            # is processed now rather than at the next recovery.
            if row is None:
                job.row_id, job.skip = None, True
                continue
            job.row_id = row.id
            job.skip = row.processed or row.id in self._in_flight
            if not job.skip:
                self._in_flight.add(row.id)

    async def _turns(
        self,
        session,
        jobs: list[_Job],
        now: datetime,
        *,
        new: bool = False,
        until: float | None = None,
    ) -> list[_Job]:
        """Run the jobs' turns; ``new`` ones are not stored yet: they are inserted after
        their turns, processed (raising ``inbox.AlreadyStored`` for a resend). Past
        ``until`` (``time.monotonic``) no further turn starts: the jobs left are returned."""
        if not jobs:
            return []
        todo, left = jobs, []
        if not new:
            open_ids = await inbox.claim(session, [job.row_id for job in jobs if job.row_id])
            todo = []
            for job in jobs:
                if job.row_id in open_ids:  # not processed already, by another worker
                    open_ids.discard(job.row_id)  # or earlier in this batch
                    todo.append(job)
        read = await prefetch(session, [job.incoming for job in todo]) if todo else None
        marks = []
        for k, job in enumerate(todo):
            if k and until is not None and self._over(until):
                todo, left = todo[:k], todo[k:]
                break
            turn = Turn(session, job.incoming, now, self.lang, self.calendar, self.rules)
            turn.prefetch = read
            await handle(turn)
            job.answers = turn.answers
            i = job.incoming
            if turn.person is None:  # nothing an unlinked chat sends is kept, only the answer
                i = Incoming(i.channel, i.chat_id, i.update_key, i.received_at)
            mark = {"processed_at": now, "replies": answers_to_json(turn.answers)}
            mark["payload"] = incoming_to_json(i)  # the same keys for all: one executemany
            marks.append(mark)
        if not new:
            for job, mark in zip(todo, marks, strict=True):
                mark["id"] = job.row_id
            await inbox.mark_processed(session, marks)
            return left
        for job, mark in zip(todo, marks, strict=True):
            i = job.incoming
            mark |= {"channel": i.channel, "update_key": i.update_key, "chat_id": i.chat_id}
            mark["received_at"] = now
        for job, row_id in zip(todo, await inbox.store_processed(session, marks), strict=True):
            job.row_id = row_id
            self._in_flight.add(row_id)  # before the commit: ``recover`` must not take it
        return left

    async def _run_alone(self, job: _Job, now: datetime) -> None:
        try:
            async with self._writing() as session:
                await self._turns(session, [job], now)
            return
        except Exception as exc:
            log.exception("action=turn_failed inbound=%s", job.row_id)
            job.answers, error = None, exc
        # A bug must not lose the update nor record half of it: say so, keep the error.
        answers = [Answer(Outgoing(say(self.lang, "internal_error")))]
        assert job.row_id is not None  # a turn runs alone only once its update is stored
        mark = {"id": job.row_id, "processed_at": now, "replies": answers_to_json(answers)}
        mark["error"] = f"{type(error).__name__}: {error}"
        try:
            async with self._writing() as session:
                if await inbox.claim(session, [job.row_id]):
                    await inbox.mark_processed(session, [mark])
                    job.answers = answers
        except Exception as exc:  # stays unprocessed: the next recovery runs it again
            log.error("action=turn_unrecorded inbound=%s error=%r", job.row_id, exc)
            job.error = exc

    def _to_lanes(self, batch: list[_Job]) -> None:
        """Each chat's answers of the batch into its lane (behind its earlier ones)."""
        by_chat: dict[tuple[str, str], list[_Job]] = {}
        nothing = []
        for job in batch:
            if job.answers is None:
                nothing.append(job)
            else:
                by_chat.setdefault(_chat_of(job), []).append(job)
        self._finish(nothing)
        for chat, jobs in by_chat.items():
            self._lanes.put(chat, jobs)

    async def _send_jobs(self, jobs: list[_Job]) -> None:
        """Send one chat's answers in order, then mark them sent in one write."""
        try:
            sent: list[int] = []
            partly: list[tuple[int, str]] = []
            for job in jobs:
                row_id, answers = job.row_id, job.answers
                assert row_id is not None and answers is not None  # as ``_to_lanes`` holds
                left = await self._send(row_id, job.incoming, answers)
                if not left:
                    sent.append(row_id)
                elif len(left) < len(answers):
                    partly.append((row_id, answers_to_json(left)))
            if sent or partly:

                async def mark(session) -> None:
                    await inbox.mark_sent(session, sent, self.now())
                    await inbox.keep_unsent(session, partly)

                async with self._write_lock:  # they went out: recorded, not sent again
                    await self.db.again_when_busy(mark)
        except Exception:  # unsent answers stay unmarked: ``resend`` tries again
            log.exception("action=send_batch_failed updates=%s", len(jobs))
        finally:
            self._finish(jobs)

    def _finish(self, batch: list[_Job], error: Exception | None = None) -> None:
        for job in batch:
            if job.row_id is not None and not job.skip:
                self._in_flight.discard(job.row_id)
            job.error = job.error or error
            job.stored.set()
            job.done.set()
        self._unfinished -= len(batch)
        if self._unfinished < self.backlog:
            self._room.set()

    async def _send(
        self, row_id: int, incoming: Incoming, answers: list[Answer], *, first: bool = True
    ) -> list[Answer]:
        """Send the answers in order; those still to send later (none: all done).

        A pressed choice is acknowledged on the ``first`` attempt only: a resend of
        the answers never answers the press again."""
        channel = self.channels.get(incoming.channel)
        if channel is not None and incoming.choice_ref and first:
            try:
                await channel.answer_choice(incoming)
            except ChannelError as exc:  # only stops a spinner; the answers below matter
                log.info("action=choice_unanswered inbound=%s error=%s", row_id, exc)
        for index, answer in enumerate(answers):
            try:
                message_id = await self._deliver(incoming, answer)
                if answer.notice and message_id:
                    await self._keep_notice(answer.notice, message_id)
            except ChannelError as exc:
                log.warning("action=answer_unsent inbound=%s error=%s", row_id, exc)
                if exc.kind == "retry":
                    return answers[index:]  # sent again by ``resend`` later
                # blocked or refused: retrying cannot help; the next answers still go
            except Exception:
                log.exception("action=answer_failed inbound=%s", row_id)
                return answers[index:]
        return []

    async def _keep_notice(self, token: str, message_id: str) -> None:
        try:
            async with self._writing() as session:
                await extensions.notice_sent(session, token, message_id)
        except Exception:  # the request's copy is then not edited, only that
            log.exception("action=notice_unrecorded")

    async def _deliver(self, incoming: Incoming, answer: Answer) -> str | None:
        """Send (or edit) one answer; the message id of a new message."""
        channel_name, chat_id = answer.to or (incoming.channel, incoming.chat_id)
        channel = self.channels.get(channel_name)
        if channel is None:
            log.warning("action=answer_no_channel channel=%s", channel_name)
            return None
        try:
            message = await self._builds.message(answer)  # a chart or report made now
            # An edit may go to another chat (every coordinator's copy of a decided request);
            # a text too long to edit goes as a new message rather than failing again and again.
            with answering():  # someone waits for it: ahead of the nudges at the rate limit
                if answer.replace and len(message.text) <= channel.max_text:
                    await channel.edit(chat_id, answer.replace, message)
                    return None
                return await channel.send(chat_id, message)
        finally:
            await self._builds.finished(incoming, answer)

    async def recover(self) -> int:
        """Process stored-but-unprocessed updates, then send unsent answers; returns the count."""
        async with self.db.unit_of_work() as session:
            pending = await inbox.unprocessed(session)
        pending = [
            (row_id, payload) for row_id, payload in pending if row_id not in self._in_flight
        ]
        await asyncio.gather(
            *(self.process(row_id, incoming_from_json(payload)) for row_id, payload in pending)
        )
        return len(pending) + await self.resend()

    async def resend(self) -> int:
        """Send again the answers a platform refused for a while (429, 5xx).

        One sender per row: a row is claimed in ``_in_flight`` (no await between the
        check and the claim), then read again, so an answer its batch sent after the
        list was read, or that another round is sending, is not sent twice."""
        async with self.db.unit_of_work() as session:
            unsent = await inbox.unsent(session)
        count = 0
        for row_id, _payload, _replies in unsent:
            if row_id in self._in_flight:
                continue  # being sent right now
            self._in_flight.add(row_id)
            try:
                async with self.db.unit_of_work() as session:
                    row = await inbox.still_unsent(session, row_id)
                if row is None:
                    continue  # sent meanwhile
                payload, replies = row
                count += 1
                answers = answers_from_json(replies or "[]")
                incoming = incoming_from_json(payload)
                left = await self._send(row_id, incoming, answers, first=False)
                if len(left) < len(answers):
                    async with self._writing() as session:
                        if left:
                            await inbox.keep_unsent(session, [(row_id, answers_to_json(left))])
                        else:
                            await inbox.mark_sent(session, [row_id], self.now())
            finally:
                self._in_flight.discard(row_id)
        return count
