"""Escalations by e-mail too (``NHACVIEC_EMAIL_ESCALATIONS=on``).

After each round's sweep (``bot.app.builder`` runs it with the digests), every
escalation sent since ``WINDOW`` ago gets its copies planned in the ledger of
``storage.email_copies``: the leader's daily escalation message, copied to the
leader's address (unless it went there by e-mail already), and every coordinator
with an address told which tasks were escalated, to whom. A recipient's due copies
go out as one e-mail, once: claimed with a lease, recorded sent with the e-mail's
id, and on an SMTP failure retried with the sweep's backoff within work hours, up to
``MAX_ATTEMPTS`` tries, then failed for good with an error logged, never silent.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.channels.base import ChannelError, Outgoing
from bot.channels.email import EmailChannel
from bot.outbound.email_invites import MailInvites
from bot.outbound.nudges import short_title, when_text
from bot.texts import dmy, say
from scheduler.calendar import WorkCalendar
from scheduler.sweep import backoff
from storage import email_copies
from storage.db import Database
from storage.email_copies import Claimed, Escalated
from storage.enums import Role
from storage.people import person_by_id

log = logging.getLogger("nhacviec.delivery")

WINDOW = timedelta(days=1)  # escalations sent this long ago are still copied (after downtime)
LEASE = timedelta(minutes=5)  # a copy claimed by a process that died is taken after this
MAX_ATTEMPTS = 10  # 1, 2, 4 … 60 minutes apart, then failed for good
BATCH = 200  # recipients a run sends to at most


class EscalationCopies:
    def __init__(
        self,
        db: Database,
        email: EmailChannel,
        calendar: WorkCalendar,
        lang: str = "vi",
        *,
        invites: MailInvites | None = None,
        worker: str = "escalation-copies",
    ) -> None:
        self.db, self.email, self.calendar, self.lang = db, email, calendar, lang
        self.invites, self.worker = invites, worker

    async def run(self, now: datetime) -> int:
        """Plan the copies of the escalations sent lately and send those due; how many
        e-mails went out."""
        async with self.db.unit_of_work() as session:
            planned = await email_copies.plan_copies(session, now - WINDOW, now)
        if planned:
            log.info("action=escalation_copies_planned copies=%s", planned)
        sent = 0
        for _ in range(BATCH):
            async with self.db.unit_of_work() as session:
                claimed = await email_copies.claim_next(
                    session, now, worker=self.worker, lease=LEASE
                )
            if claimed is None:
                break
            sent += await self._send(claimed, now)
        return sent

    async def _send(self, claimed: Claimed, now: datetime) -> int:
        async with self.db.unit_of_work() as session:
            person = await person_by_id(session, claimed.person_id)
            items = await email_copies.escalations(session, claimed.nudge_ids)
            text = self._text(person.role, items, now)
            invite = None
            if self.invites is not None:
                invite = await self.invites.for_person(session, person, now)
            address = person.email if person.active else None
        if not address:  # the address was removed, or the person left, since it was planned
            await self._failed(claimed, ChannelError("blocked", "no address"), now)
            return 0
        try:
            message_id = await self.email.send(address, Outgoing(text), invite=invite)
        except ChannelError as exc:
            await self._failed(claimed, exc, now)
            return 0
        async with self.db.unit_of_work() as session:
            await email_copies.mark_sent(session, claimed.ids, self.worker, now, message_id)
        log.info(
            "action=escalation_emailed person=%s nudges=%s", claimed.person_id, len(claimed.ids)
        )
        return 1

    async def _failed(self, claimed: Claimed, exc: ChannelError, now: datetime) -> None:
        error = f"email {exc.kind}: {exc.detail}"
        retry_at = None
        if exc.kind == "retry" and claimed.attempts < MAX_ATTEMPTS:
            wait = max(backoff(claimed.attempts), exc.retry_after or timedelta(0))
            retry_at = self.calendar.next_work_start(now + wait)
        async with self.db.unit_of_work() as session:
            await email_copies.mark_failed(
                session, claimed.ids, self.worker, now, error=error, retry_at=retry_at
            )
        if retry_at is None:  # loud: this escalation copy will not arrive
            log.error(
                "action=escalation_email_failed person=%s attempts=%s error=%s",
                claimed.person_id, claimed.attempts, error,
            )  # fmt: skip
        else:
            log.warning(
                "action=escalation_email_retry person=%s retry_at=%s error=%s",
                claimed.person_id, retry_at.isoformat(), error,
            )  # fmt: skip

    def _text(self, role: Role, items: list[Escalated], now: datetime) -> str:
        """The leader's escalation message as they got it in chat, with a note; for a
        coordinator, the tasks escalated and to whom."""
        lang, today = self.lang, self.calendar.local_date(now)
        lines = []
        leader = role is not Role.COORDINATOR
        for n, item in enumerate(items, start=1):
            values = {
                "n": n,
                "code": item.code,
                "title": short_title(item.title),
                "deadline": dmy(item.deadline, lang),
                "when": when_text(lang, item.deadline, today, self.calendar),
                "focal": item.focal or say(lang, "escalation_no_focal"),
                "agency": item.agency,
                "leader": item.leader,
            }
            key = "escalation_item" if leader else "email_escalation_coordinator_item"
            lines.append(say(lang, key, **values))
        date = dmy(today, lang)
        if leader:
            agencies = sorted({item.agency for item in items})
            head = say(
                lang, "escalation_header", count=len(items), agency=", ".join(agencies), date=date
            )
            channel = items[0].channel or "telegram"
            label = say(lang, f"channel_label_{channel}")
            tail = say(lang, "email_escalation_leader_note", channel=label)
        else:
            head = say(lang, "email_escalation_coordinator_header", count=len(items), date=date)
            tail = say(lang, "email_escalation_coordinator_note")
        return f"{head}\n" + "\n".join(lines) + f"\n\n{tail}"
