"""Digests rendered as chat text and sent to the coordinators (the digest sink)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.channels.base import Channel, ChannelError, Outgoing, split_text
from bot.channels.email import EmailChannel
from bot.outbound.email_invites import MailInvites
from bot.outbound.nudges import NO_LINKED_CHAT
from bot.texts import dmy, group_label, percent, say
from scheduler.calendar import WorkCalendar
from scheduler.digest import DailyDigest, PartFailed, PartToSend, WeeklySummary
from storage.chats import (
    delivery_chats,
    email_only_by_person,
    mark_unreachable,
    reachable_chats_by_person,
)
from storage.db import Database, Session
from storage.digests import UndeliverableItem
from storage.enums import Role
from storage.notices import NOTICE_KIND, person_of
from storage.people import person_by_id
from storage.summary import AS_WRITTEN, BUCKETS, Closing, StatusCounts, status_counts

# The statuses inside overdue in the order a report names them ("quá hạn 271, trong đó:
# vướng mắc 4, đề nghị gia hạn 2, đang thực hiện 9, chưa thực hiện 256").
SPLIT_ORDER = (
    "overdue_blocked",
    "overdue_extension_requested",
    "overdue_in_progress",
    "overdue_not_started",
)

BLOCKED_WORDS = ("block", "forbidden", "deactivated", "kicked", "chat not found")
QUIET = ("silent", "notice")  # NHACVIEC_DIGEST_QUIET

log = logging.getLogger("nhacviec.digest")


def _section(lang: str, key: str, lines: list[str]) -> list[str]:
    return [say(lang, key, n=len(lines)), *lines] if lines else []


def _timeliness(lang: str, on_time: bool) -> str:
    return say(lang, "timeliness_on_time" if on_time else "timeliness_late")


def overdue_split(lang: str, counts: StatusCounts) -> str:
    """ ", trong đó: vướng mắc 4, đề nghị gia hạn 2, đang thực hiện 9": the statuses
    inside overdue that are not 0, in ``SPLIT_ORDER``; "" when there is nothing overdue."""
    parts = [
        say(lang, f"split_{name}", n=getattr(counts, name))
        for name in SPLIT_ORDER
        if getattr(counts, name)
    ]
    return say(lang, "overdue_split", parts=", ".join(parts)) if parts else ""


def counts_line(lang: str, label: str, counts: StatusCounts) -> str:
    """One line of figures in a report's words: the same in /tonghop, the digests and
    the text report (``storage.summary.BUCKETS``)."""
    fields = {k: getattr(counts, k) for k in ("total", *BUCKETS)}
    return say(
        lang,
        "counts",
        label=label,
        done=counts.done,
        open_in_time=counts.open_in_time,
        overdue_split=overdue_split(lang, counts),
        share=percent(lang, counts.on_time_share),
        **fields,
    )


def _once(items, key) -> list:
    """``items`` without repeats of ``key``, first seen first."""
    seen: dict = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def unreachable_reason(lang: str, item: UndeliverableItem) -> str:
    """Why a person could not be reached and what to do, in the reader's language.

    The stored reason is the platform's or the delivery's own words ("no linked
    chat", "blocked: Forbidden: bot was blocked by the user", "timeout: …"), never shown.
    """
    raw = item.reason.lower()
    if not raw or raw == NO_LINKED_CHAT:
        kind = "no_chat"
    elif item.count == 0 or any(word in raw for word in BLOCKED_WORDS):
        kind = "blocked"  # only the chat link went bad, or the platform said why
    else:
        kind = "failed"
    return say(lang, f"unreachable_{kind}")


def is_quiet(digest: DailyDigest) -> bool:
    """Nothing new in a daily digest: no section has an item."""
    return not (
        digest.new_overdue or digest.new_escalations or digest.done_since or digest.undeliverable
    )


def render(lang: str, digest: DailyDigest | WeeklySummary, *, own: bool = False) -> str:
    """The digest as chat text; ``own``: a leader's part about their own agency, where the
    escalations name the tasks only (the leader is the one who was told)."""
    if isinstance(digest, WeeklySummary):
        lines = [
            say(lang, "weekly_title", day=dmy(digest.day)),
            counts_line(lang, say(lang, "all"), digest.total),
        ]
        lines += [counts_line(lang, group_label(lang, c.key), c) for c in digest.by_group]
        lines.append(say(lang, "failed", n=digest.failed_nudges))
        return "\n".join(lines)
    lines = [say(lang, "daily_title", day=dmy(digest.day))]
    if is_quiet(digest):
        return "\n".join([*lines, say(lang, "digest_quiet")])
    overdue = _once(digest.new_overdue, lambda o: o.assignment_id)
    lines += _section(
        lang,
        "new_overdue",
        [
            say(
                lang,
                "digest_overdue_item",
                code=o.code,
                title=o.title,
                agency=o.agency,
                deadline=dmy(o.deadline, lang),
            )
            for o in overdue
        ],
    )
    leaders: dict[tuple[str, str], list[str]] = {}
    for e in digest.new_escalations:
        told = leaders.setdefault((e.code, e.agency), [])
        if e.leader not in told:
            told.append(e.leader)
    key = "digest_escalation_own" if own else "digest_escalation_item"
    lines += _section(
        lang,
        "escalations",
        [
            say(lang, key, code=code, agency=agency, leaders=", ".join(told))
            for (code, agency), told in leaders.items()
        ],
    )
    done = _once(digest.done_since, lambda d: d.code)
    lines += _section(
        lang,
        "done",
        [
            say(
                lang,
                "digest_done_item",
                code=d.code,
                agency=d.agency,
                timeliness=_timeliness(lang, d.on_time),
            )
            for d in done
        ],
    )
    people = _once(digest.undeliverable, lambda u: u.person_id)
    lines += _section(
        lang,
        "undeliverable",
        [
            say(
                lang,
                "digest_unreachable_item",
                name=u.name,
                agency=u.agency,
                reason=unreachable_reason(lang, u),
            )
            for u in people
        ],
    )
    return "\n".join(lines)


def for_agency(digest: DailyDigest, agency: str) -> DailyDigest | None:
    """The part of a daily digest about one agency; None when nothing concerns it."""
    part = replace(
        digest,
        new_overdue=[o for o in digest.new_overdue if o.agency == agency],
        new_escalations=[e for e in digest.new_escalations if e.agency == agency],
        done_since=[d for d in digest.done_since if d.agency == agency],
        undeliverable=[u for u in digest.undeliverable if u.agency == agency],
    )
    return None if is_quiet(part) else part


class ChatDigestSink:
    """Implements ``scheduler.digest.DigestSink``.

    Every reachable coordinator gets the whole digest; every reachable leader
    gets the part about their own agency (the weekly counts of their agency,
    the daily items that name it, nothing on a day with none). A daily digest
    with nothing new goes to nobody (``quiet`` "silent", the default) or to the
    coordinators as "Không có thay đổi mới." (``quiet`` "notice"). ``tz`` is the
    calendar's time zone, in which a leader's weekly counts are made as the
    whole plan's are; ``calendar``, when given, decides when a deadline on a day
    off closes (``storage.summary.Closing``), else deadlines close as written.
    """

    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        lang: str = "vi",
        *,
        tz: ZoneInfo,
        calendar: WorkCalendar | None = None,
        quiet: str = "silent",
        email: EmailChannel | None = None,
        invites: MailInvites | None = None,
    ) -> None:
        self.email = email  # for coordinators and leaders with no chat that works
        self.invites = invites  # and how they link one, in the e-mail
        if quiet not in QUIET:
            raise ValueError(f"quiet: one of {QUIET}, not {quiet!r}")
        self.quiet = quiet
        self.db = db
        self.channels = channels
        self.lang = lang
        self.tz = tz
        self.calendar = calendar

    async def _chats(self, role: Role) -> dict[int, tuple[str, str, int, str]]:
        """person id -> (channel, chat id, agency id, agency name), most recent chat each."""
        async with self.db.unit_of_work() as session:
            return await reachable_chats_by_person(session, role, self.channels)

    async def _send(self, channel_name: str, chat_id: str, text: str) -> bool:
        channel = self.channels[channel_name]
        try:
            for part in split_text(text, channel.max_text):
                await channel.send(chat_id, Outgoing(part))
        except ChannelError as exc:
            log.warning("action=digest_unsent chat=%s error=%s", chat_id, exc)
            return False
        return True

    async def plan_parts(
        self, session: Session, digest: DailyDigest | WeeklySummary
    ) -> list[tuple[str, str]]:
        """(person id, text): the whole digest for each reachable coordinator, their
        agency's part for each reachable leader it concerns; with ``email``, those with
        no chat that works and an address count as reachable."""
        coordinators = await reachable_chats_by_person(session, Role.COORDINATOR, self.channels)
        by_email = await self._email_only(session, Role.COORDINATOR)
        if not coordinators and not by_email:
            raise RuntimeError("no coordinator has a reachable chat")
        if isinstance(digest, DailyDigest) and is_quiet(digest) and self.quiet == "silent":
            log.info("action=digest_quiet day=%s", digest.day)
            return []  # nothing new: nobody is sent a title alone
        text = render(self.lang, digest)
        parts = [(str(person_id), text) for person_id in [*coordinators, *by_email]]
        chats = await reachable_chats_by_person(session, Role.LEADER, self.channels)
        leaders = {pid: (agency_id, agency) for pid, (_, _, agency_id, agency) in chats.items()}
        leaders |= await self._email_only(session, Role.LEADER)
        for person_id, (agency_id, agency) in sorted(leaders.items()):
            part = await self._agency_part(digest, agency_id, agency, session)
            if part is not None:
                own = render(self.lang, part, own=True)
                parts.append((str(person_id), f"{agency}\n{own}"))
        return parts

    async def send_part(self, part: PartToSend, now: datetime) -> None:
        """To the person's most recently active reachable chat; the title marked late
        when the part goes out after its day. A notice (``storage.notices``) goes the same
        way."""
        text = part.text
        if part.late and part.kind != NOTICE_KIND:  # a notice has no title of its day
            day = dmy(part.day)
            if part.kind == "daily":
                title, late = say(self.lang, "daily_title", day=day), "daily_title_late"
            else:
                title, late = say(self.lang, "weekly_title", day=day), "weekly_title_late"
            text = text.replace(title, say(self.lang, late, day=day), 1)
        async with self.db.unit_of_work() as session:
            links = await delivery_chats(session, person_of(part.recipient), self.channels)
        reachable = [link for link in links if link.unreachable_since is None]
        if not reachable:
            await self._email_part(person_of(part.recipient), text, now)
            return
        link = reachable[0]
        channel = self.channels[link.channel.value]
        try:
            for piece in split_text(text, channel.max_text):
                await channel.send(link.chat_id, Outgoing(piece))
        except ChannelError as exc:
            log.warning("action=digest_unsent chat=%s error=%s", link.chat_id, exc)
            if exc.kind == "retry":
                raise PartFailed(exc.detail, retry_after=exc.retry_after) from exc
            if exc.kind == "blocked":
                async with self.db.unit_of_work() as session:
                    await mark_unreachable(session, link.id, now, exc.detail)
            raise PartFailed(f"{exc.kind}: {exc.detail}", final=exc.kind != "blocked") from exc

    async def _email_only(self, session: Session, role: Role) -> dict[int, tuple[int, str]]:
        if self.email is None:
            return {}
        return await email_only_by_person(session, role, self.channels)

    async def _email_part(self, person_id: int, text: str, now: datetime) -> None:
        """The part by e-mail, one message; a person with neither chat nor address fails."""
        address, invite = None, None
        if self.email is not None:
            async with self.db.unit_of_work() as session:
                person = await person_by_id(session, person_id)
                address = person.email
                if address and self.invites is not None:
                    invite = await self.invites.for_person(session, person, now)
        if self.email is None or not address:
            raise PartFailed("no reachable chat")
        try:
            await self.email.send(address, Outgoing(text), invite=invite)
        except ChannelError as exc:
            log.warning("action=digest_email_unsent person=%s error=%s", person_id, exc)
            if exc.kind == "retry":
                raise PartFailed(f"email: {exc.detail}", retry_after=exc.retry_after) from exc
            raise PartFailed(f"email {exc.kind}: {exc.detail}", final=True) from exc
        log.info("action=digest_emailed person=%s", person_id)

    async def deliver_digest(self, digest: DailyDigest | WeeklySummary, now: datetime) -> None:
        """The whole digest at once, unrecorded (kept for callers that predate the parts)."""
        if isinstance(digest, DailyDigest) and is_quiet(digest) and self.quiet == "silent":
            log.info("action=digest_quiet day=%s", digest.day)
            return  # nothing new: nobody is sent a title alone
        coordinators = await self._chats(Role.COORDINATOR)
        if not coordinators:
            raise RuntimeError("no coordinator has a reachable chat")
        text = render(self.lang, digest)
        sent = [await self._send(ch, chat, text) for ch, chat, _, _ in coordinators.values()]
        if not any(sent):
            raise RuntimeError("the digest reached no coordinator")
        for channel_name, chat_id, agency_id, agency in (await self._chats(Role.LEADER)).values():
            part = await self._agency_part(digest, agency_id, agency)
            if part is not None:
                text = render(self.lang, part, own=True)
                await self._send(channel_name, chat_id, f"{agency}\n{text}")

    async def _agency_part(self, digest, agency_id: int, agency: str, session=None):
        if isinstance(digest, DailyDigest):
            return for_agency(digest, agency)
        if session is None:
            async with self.db.unit_of_work() as session:
                return await self._agency_part(digest, agency_id, agency, session)
        day, tz = digest.day, self.tz
        closing = Closing.of(self.calendar, day) if self.calendar else AS_WRITTEN
        (total,) = await status_counts(session, day, agency_id=agency_id, tz=tz, closing=closing)
        by_group = await status_counts(
            session, day, by="group", agency_id=agency_id, tz=tz, closing=closing
        )
        if not total.total:
            return None
        return replace(digest, total=total, by_group=by_group, failed_nudges=0)
