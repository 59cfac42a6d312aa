"""From channels to the conversation and back, losing nothing.

``receive`` is every channel's handler: it stores the update in the inbox
(its own transaction) and only then returns, so the channel may confirm it to
the platform. Processing runs the conversation in one unit of work that also
marks the inbox row processed and keeps the answers; the answers are sent
after the commit and marked sent. ``recover`` at start-up processes what was
stored but not processed and sends what was processed but not sent.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.channels.base import Attachment, Channel, ChannelError, Choice, Incoming, Outgoing
from bot.chat_texts import say
from bot.conversation import handle
from bot.turn import Turn
from scheduler.calendar import WorkCalendar
from scheduler.policy import ReminderRules
from storage.db import Database
from storage.models import InboundMessage

log = logging.getLogger("nhacviec.dispatcher")


def incoming_to_json(incoming: Incoming) -> str:
    data = asdict(incoming)
    data["received_at"] = incoming.received_at.isoformat()
    return json.dumps(data, ensure_ascii=False)


def incoming_from_json(text: str) -> Incoming:
    data = json.loads(text)
    data["received_at"] = datetime.fromisoformat(data["received_at"])
    return Incoming(**data)


def outgoing_to_json(messages: list[Outgoing]) -> str:
    out = []
    for m in messages:
        item = {
            "text": m.text,
            "reply_to": m.reply_to,
            "choices": [[[c.label, c.data] for c in row] for row in m.choices],
        }
        if m.attachment:
            item["attachment"] = [
                m.attachment.kind,
                m.attachment.filename,
                base64.b64encode(m.attachment.content).decode(),
            ]
        out.append(item)
    return json.dumps(out, ensure_ascii=False)


def outgoing_from_json(text: str) -> list[Outgoing]:
    out = []
    for item in json.loads(text):
        attachment = None
        if item.get("attachment"):
            kind, filename, content = item["attachment"]
            attachment = Attachment(kind, base64.b64decode(content), filename)
        choices = tuple(
            tuple(Choice(label, data) for label, data in row) for row in item["choices"]
        )
        to = tuple(item["to"]) if item.get("to") else None
        out.append(
            Outgoing(
                item["text"], choices, attachment, item.get("reply_to"), to, item.get("replace")
            )
        )
    return out


class Dispatcher:
    def __init__(
        self,
        db: Database,
        channels: dict[str, Channel],
        calendar: WorkCalendar,
        rules: ReminderRules,
        now: Callable[[], datetime],
        lang: str = "vi",
    ) -> None:
        self.db = db
        self.channels = channels
        self.calendar = calendar
        self.rules = rules
        self.now = now
        self.lang = lang
        self._chat_locks: dict[tuple[str, str], asyncio.Lock] = defaultdict(asyncio.Lock)

    async def receive(self, incoming: Incoming) -> None:
        """Store, then process. Returns once the update is durably stored."""
        row_id = await self.store(incoming)
        if row_id is not None:
            await self.process(row_id, incoming)

    async def store(self, incoming: Incoming) -> int | None:
        """Keep the update; None when it was already stored (a platform resend)."""
        try:
            async with self.db.unit_of_work() as session:
                row = InboundMessage(
                    channel=incoming.channel,
                    update_key=incoming.update_key,
                    chat_id=incoming.chat_id,
                    payload=incoming_to_json(incoming),
                    received_at=self.now(),
                )
                session.add(row)
                await session.flush()
                return row.id
        except IntegrityError:
            return None

    async def process(self, row_id: int, incoming: Incoming) -> None:
        async with self._chat_locks[(incoming.channel, incoming.chat_id)]:
            answers = await self._run_turn(row_id, incoming)
            if answers is not None:
                await self._send(row_id, incoming, answers)

    async def _run_turn(self, row_id: int, incoming: Incoming) -> list[Outgoing] | None:
        now = self.now()
        try:
            async with self.db.unit_of_work() as session:
                row = await session.scalar(
                    select(InboundMessage).where(InboundMessage.id == row_id).with_for_update()
                )
                if row.processed_at is not None:
                    return None  # another worker got there first
                turn = Turn(session, incoming, now, self.lang, self.calendar, self.rules)
                await handle(turn)
                row.processed_at, row.replies = now, outgoing_to_json(turn.answers)
                if turn.person is None:
                    # Nothing an unlinked chat sends is kept, only that it was answered.
                    row.payload = incoming_to_json(
                        Incoming(
                            incoming.channel,
                            incoming.chat_id,
                            incoming.update_key,
                            incoming.received_at,
                        )
                    )
                return turn.answers
        except Exception as exc:  # a bug must not lose the update nor record half of it
            log.exception("action=turn_failed inbound=%s", row_id)
            answers = [Outgoing(say(self.lang, "internal_error"))]
            async with self.db.unit_of_work() as session:
                await session.execute(
                    update(InboundMessage)
                    .where(InboundMessage.id == row_id)
                    .values(
                        processed_at=now,
                        error=f"{type(exc).__name__}: {exc}",
                        replies=outgoing_to_json(answers),
                    )
                )
            return answers

    async def _send(self, row_id: int, incoming: Incoming, answers: list[Outgoing]) -> None:
        channel = self.channels.get(incoming.channel)
        if channel is not None and incoming.choice_ref:
            try:
                await channel.answer_choice(incoming)
            except ChannelError as exc:  # only stops a spinner; the answers below matter
                log.info("action=choice_unanswered inbound=%s error=%s", row_id, exc)
        for answer in answers:
            try:
                await self._deliver(incoming, answer)
            except ChannelError as exc:
                log.warning("action=answer_unsent inbound=%s error=%s", row_id, exc)
                if exc.kind == "retry":
                    return  # sent again by ``resend`` later
                # blocked or refused: retrying cannot help; the next answers still go
        async with self.db.unit_of_work() as session:
            await session.execute(
                update(InboundMessage)
                .where(InboundMessage.id == row_id)
                .values(replies_sent_at=self.now())
            )

    async def _deliver(self, incoming: Incoming, answer: Outgoing) -> None:
        channel_name, chat_id = answer.to or (incoming.channel, incoming.chat_id)
        channel = self.channels.get(channel_name)
        if channel is None:
            log.warning("action=answer_no_channel channel=%s", channel_name)
            return
        if answer.replace and answer.to is None:
            await channel.edit(chat_id, answer.replace, answer)
        else:
            await channel.send(chat_id, answer)

    async def recover(self) -> int:
        """Process stored-but-unprocessed updates, then send unsent answers; returns the count."""
        async with self.db.unit_of_work() as session:
            pending = (
                await session.execute(
                    select(InboundMessage.id, InboundMessage.payload)
                    .where(InboundMessage.processed_at.is_(None))
                    .order_by(InboundMessage.id)
                )
            ).all()
        for row_id, payload in pending:
            await self.process(row_id, incoming_from_json(payload))
        return len(pending) + await self.resend()

    async def resend(self) -> int:
        async with self.db.unit_of_work() as session:
            unsent = (
                await session.execute(
                    select(InboundMessage.id, InboundMessage.payload, InboundMessage.replies)
                    .where(
                        InboundMessage.processed_at.is_not(None),
                        InboundMessage.replies_sent_at.is_(None),
                    )
                    .order_by(InboundMessage.id)
                )
            ).all()
        for row_id, payload, replies in unsent:
            incoming = incoming_from_json(payload)
            await self._send(row_id, incoming, outgoing_from_json(replies or "[]"))
        return len(unsent)
