"""One sweep round: claim the due nudges, deliver them, record every outcome.

The loop reads the clock once per round and passes that instant down. Each
claim ends as sent, failed (with a retry time, or for good after
``MAX_ATTEMPTS``), or skipped with a reason; a claim left by a dead process
is taken again once its lease has run out.

Coming back: a nudge the platform refused through all its tries (an outage) fails
for good as ``GAVE_UP``, which coordinators see. Each round then tries one of them
again (the probe, longest waiting first); once a round delivers anything, the
platform is back and every such nudge, the latest of its series only, is due again
at once with ``RETURN_TRIES`` more tries, after which it fails for good and stays.
A nudge refused because the chat blocked the bot is unreachable: it goes out again
when the person writes (``storage.ledger.reopen_unreachable``).

Grouping (issue 11): a claim takes every due nudge of the people it reaches, and the
nudges of one person go out as one check-in (and a leader's escalations as one more
message); each row records the message that carried it. Before claiming, the due
nudges of people with no reachable chat are marked unreachable in one statement
(``storage.ledger.fail_unreachable``): a plan with nobody linked costs one UPDATE, not
a claim and a delivery per person. With ``SweepConfig.rules`` a
claimed nudge the policy no longer plans (an update reset the ladder, a snooze) is
skipped as ``not_planned``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from scheduler.calendar import WorkCalendar
from scheduler.delivery import CheckIn, Delivery, DeliveryResult, NudgeToSend, Outcome
from scheduler.planner import facts_for, load_recipients
from scheduler.policy import ReminderRules, plan_nudges
from storage import audit
from storage.db import Database
from storage.enums import Role, Status
from storage.ledger import (
    GAVE_UP,
    UNREACHABLE,
    claim_due,
    fail_unreachable,
    mark_failed,
    mark_sent_together,
    mark_skipped_together,
    reopen_gave_up,
    superseded,
)
from storage.models import Nudge
from storage.planning import sweep_facts

log = logging.getLogger("nhacviec.sweep")

MAX_ATTEMPTS = 5
RETURN_TRIES = 3  # of a nudge sent again once the platform is back
PROBE, RETURNED = MAX_ATTEMPTS, MAX_ATTEMPTS + 1  # the tries a reopened nudge counts on from
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """Wait before try ``attempts + 1``: 1, 2, 4, 8… minutes, at most an hour."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


@dataclass
class SweepConfig:
    worker: str
    lease: timedelta = timedelta(minutes=5)
    batch: int = 200  # people whose due nudges one claim takes
    rules: ReminderRules | None = None  # when given, nudges the policy dropped are skipped
    stopping: Callable[[], bool] = lambda: False  # true: deliver no more (claims are released)
    # People whose check-ins are delivered at once: a long check-in's pages wait a second
    # each for their chat, and the others need not wait behind it (the channel's limiter
    # keeps the platform's limits). A person's own messages go in order.
    parallel: int = 1


@dataclass
class RoundReport:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0
    lost_claims: int = 0  # outcomes not recorded because another worker took over
    unreachable: int = 0  # of ``failed``: people with no reachable chat, marked in bulk
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def add(self, other: RoundReport) -> None:
        for name in ("claimed", "sent", "retried", "failed", "skipped", "lost_claims"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.unreachable += other.unreachable
        for reason, n in other.skip_reasons.items():
            self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + n


async def _skip_reasons(
    session, nudges: list[Nudge], calendar: WorkCalendar, rules: ReminderRules | None
) -> dict[int, str]:
    """Why claimed nudges should no longer go out, by nudge id (a few queries per batch)."""
    assignments, people = await sweep_facts(
        session, {n.assignment_id for n in nudges}, {n.person_id for n in nudges}
    )
    recipients = await load_recipients(session) if rules is not None else None
    # Pure policy over loaded rows, thousands of nudges a round at a province's size:
    # in a thread, so that the loop keeps answering chats meanwhile.
    return await asyncio.to_thread(
        _reasons, nudges, assignments, people, recipients, rules, calendar
    )


def _reasons(nudges, assignments, people, recipients, rules, calendar) -> dict[int, str]:
    reasons = {}
    for nudge in nudges:
        assignment = assignments[nudge.assignment_id]
        reason = _skip_reason(nudge, assignment, people.get(nudge.person_id))
        if reason is None and rules is not None and recipients is not None:
            day = calendar.local_date(nudge.due_at)
            facts = facts_for(assignment, recipients, calendar)
            wanted = plan_nudges(facts, rules, calendar, day, day)
            if not any(w.person_id == nudge.person_id and w.kind == nudge.kind for w in wanted):
                reason = "not_planned"  # answered or snoozed since it was planned
        if reason:
            reasons[nudge.id] = reason
    return reasons


def _sort_out(
    claimed: list[Nudge], reasons: dict[int, str]
) -> tuple[list[NudgeToSend], dict[str, list[Nudge]]]:
    """The claim split into what goes out and what is skipped, by reason."""
    to_send: list[NudgeToSend] = []
    skipped: dict[str, list[Nudge]] = {}
    for nudge in claimed:
        reason = reasons.get(nudge.id)
        if reason:
            skipped.setdefault(reason, []).append(nudge)
            continue
        to_send.append(
            NudgeToSend(
                nudge.id,
                nudge.assignment_id,
                nudge.person_id,
                nudge.kind,
                nudge.for_deadline,
                nudge.due_at,
                nudge.attempts,
            )
        )
    return to_send, skipped


def _skip_reason(nudge: Nudge, assignment, person) -> str | None:
    if assignment.status is Status.DONE:
        return "done"
    if assignment.withdrawn_at or assignment.task_withdrawn_at:
        return "withdrawn"
    if not nudge.kind.startswith("checkin:") and assignment.deadline != nudge.for_deadline:
        return "deadline_moved"
    if person is None or not person.active or person.agency_id != assignment.agency_id:
        return "not_responsible"
    focal = assignment.focal_person_id
    is_escalation = nudge.kind.startswith("escalation:")
    if focal and not is_escalation and person.role is Role.OFFICIAL and focal != person.id:
        return "not_responsible"
    return None


async def sweep_once(
    db: Database,
    delivery: Delivery,
    calendar: WorkCalendar,
    config: SweepConfig,
    now: datetime,
) -> RoundReport:
    """Claim what is due at ``now`` and see every claim to an outcome."""
    report = RoundReport()
    # Only a delivery that says so reaches people by these chats and nothing else; one
    # with another way through (e-mail) must be handed its unreachable people.
    channels = getattr(delivery, "only_channels", None)
    # The claim commits on its own: what follows reads (the policy, in a thread) before
    # it writes, and SQLite's one write lock is not held meanwhile.
    async with db.unit_of_work() as session:
        await reopen_gave_up(session, now, attempts=PROBE, limit=1)
        if channels is not None:
            report.unreachable = await fail_unreachable(session, now, list(channels))
            report.failed += report.unreachable
        claimed = await claim_due(
            session, now, worker=config.worker, lease=config.lease, limit=config.batch
        )
        report.claimed = len(claimed)
    if not claimed:
        return report
    async with db.unit_of_work() as session:
        reasons = await _skip_reasons(session, claimed, calendar, config.rules)
        wanted = [n for n in claimed if n.id not in reasons]
        reasons |= dict.fromkeys(await superseded(session, wanted, now), "superseded")
        to_send, skipped = await asyncio.to_thread(_sort_out, claimed, reasons)
        for reason, nudges in skipped.items():  # one statement per reason
            ids = [n.id for n in nudges]
            await mark_skipped_together(session, ids, config.worker, now, reason=reason)
            for nudge in nudges:
                audit.nudge_skipped(session, nudge, reason, config.worker)
            report.skipped += len(nudges)
            report.skip_reasons[reason] = report.skip_reasons.get(reason, 0) + len(nudges)
    people: dict[int, list[CheckIn]] = {}
    made = await asyncio.to_thread(checkins, to_send, calendar, now, config.stopping)
    for checkin in made:
        people.setdefault(checkin.person_id, []).append(checkin)
    room = asyncio.Semaphore(max(1, config.parallel))

    async def one_person(theirs: list[CheckIn]) -> None:
        async with room:
            for checkin in theirs:
                if config.stopping():
                    return
                try:
                    await _deliver_checkin(db, delivery, calendar, config, checkin, now, report)
                except Exception:  # not recorded: left claimed, sent again after the lease
                    log.exception("action=outcome_unrecorded person=%s", checkin.person_id)
                    return  # their next check-ins too: the store is failing

    # The longest first: their pages, a second apart, overlap the short ones' instead of
    # holding the round's end (the next claim waits for it).
    longest_first = sorted(people.values(), key=lambda c: -sum(len(x.items) for x in c))
    async with asyncio.TaskGroup() as group:  # none fails: a person's trouble stays theirs
        for theirs in longest_first:
            group.create_task(one_person(theirs))
    if report.sent:  # the platform takes nudges: what it refused before goes out again
        async with db.unit_of_work() as session:
            returned = await reopen_gave_up(session, now, attempts=RETURNED)
        if returned:
            log.info("action=nudges_returned count=%s", returned)
    return report


MAX_CLAIMS = 100  # claims of ``batch`` people one round makes at most (20,000 people)


async def sweep_due(
    db: Database,
    delivery: Delivery,
    calendar: WorkCalendar,
    config: SweepConfig,
    now: datetime,
) -> RoundReport:
    """``sweep_once`` again and again until nothing is due at ``now``: a quarter-end
    morning (thousands of people) goes out at the platform's pace, not ``batch`` people
    a round."""
    total = RoundReport()
    for _ in range(MAX_CLAIMS):
        report = await sweep_once(db, delivery, calendar, config, now)
        total.add(report)
        if not report.claimed or config.stopping():
            break
    return total


def checkins(
    items: list[NudgeToSend],
    calendar: WorkCalendar,
    now: datetime,
    stopping: Callable[[], bool] = lambda: False,
) -> list[CheckIn]:
    """The claimed nudges as messages: per person, the official-level ones together and
    the escalations together, each by deadline then assignment; people by id."""
    groups: dict[tuple[int, str], list[NudgeToSend]] = {}
    for item in items:
        audience = "leader" if item.kind.startswith("escalation:") else "official"
        groups.setdefault((item.person_id, audience), []).append(item)
    today = calendar.local_date(now)
    out = []
    for (person_id, audience), group in sorted(groups.items()):
        group.sort(key=lambda n: (n.for_deadline, n.assignment_id))
        late = any(calendar.local_date(n.due_at) < today for n in group)
        out.append(CheckIn(person_id, audience, tuple(group), catch_up=late, stopping=stopping))
    return out


async def _deliver_checkin(db, delivery, calendar, config, checkin, now, report) -> None:
    """Deliver one check-in (or its nudges one by one) and record what became of each."""
    deliver_checkin = getattr(delivery, "deliver_checkin", None)
    if not getattr(delivery, "grouped", True):
        deliver_checkin = None
    if deliver_checkin is None:  # a delivery of single nudges
        for item in checkin.items:
            if config.stopping():
                break
            result = await _deliver_one(delivery, item, now)
            await _record(db, calendar, config, [(item, result, None)], now, report)
        return
    try:
        result = await deliver_checkin(checkin, now)
    except Exception as exc:  # a delivery bug must not lose the claim's outcome
        log.exception("action=deliver_crashed person=%s", checkin.person_id)
        result = DeliveryResult(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}")
    carried = {nudge_id: (message, place) for nudge_id, message, place in result.carried}
    outcomes: list[tuple[NudgeToSend, DeliveryResult, int | None]] = []
    for item in checkin.items:
        if item.nudge_id in carried:
            message, place = carried[item.nudge_id]
            one = DeliveryResult(
                Outcome.SENT, channel=result.channel, message_id=message, chat_id=result.chat_id
            )
            outcomes.append((item, one, place))
        elif not result.stopped:  # stopped: left claimed, for ``release_claims``
            outcomes.append((item, result, None))
    # The rows of one message in one transaction: a crash leaves all of them to be
    # sent again (the crash window) or none, never half a check-in.
    await _record(db, calendar, config, outcomes, now, report)


async def _deliver_one(delivery: Delivery, item: NudgeToSend, now: datetime) -> DeliveryResult:
    try:
        return await delivery.deliver(item, now)
    except Exception as exc:  # a delivery bug must not lose the claim's outcome
        log.exception("action=deliver_crashed nudge=%s", item.nudge_id)
        return DeliveryResult(Outcome.RETRY, error=f"{type(exc).__name__}: {exc}")


def _may_retry(attempt: int) -> bool:
    """A first series of ``MAX_ATTEMPTS`` tries; after coming back, ``RETURN_TRIES``."""
    return attempt < MAX_ATTEMPTS or RETURNED < attempt < RETURNED + RETURN_TRIES


async def _record(db, calendar, config, outcomes, now, report) -> None:
    """Each (nudge, result, position in its message) as the ledger's outcome, together:
    the nudges sent in one message in one statement, the rest row by row."""
    kept: dict[int, bool] = {}
    by_message: dict[tuple, dict[int, int | None]] = {}
    others = []
    for item, result, position in outcomes:
        if result.outcome is Outcome.SENT:
            key = (result.channel or "", result.message_id or "", result.chat_id)
            by_message.setdefault(key, {})[item.nudge_id] = position
        else:
            others.append((item, result, position))

    async def write(session) -> RoundReport:  # again from scratch when the database was busy
        counted = RoundReport()
        kept.clear()
        for (channel, message_id, chat_id), positions in by_message.items():
            taken = await mark_sent_together(
                session,
                positions,
                config.worker,
                now,
                channel=channel,
                message_id=message_id,
                chat_id=chat_id,
            )
            counted.sent += len(taken)
            for nudge_id in positions:
                kept[nudge_id] = nudge_id in taken
        for item, result, _position in others:
            one = await _record_one(session, calendar, config, item, result, now, counted)
            kept[item.nudge_id] = bool(one)
        return counted

    # What went out must be recorded: the database busy for a moment is no reason to
    # leave the claim to its lease and send it again.
    report.add(await db.again_when_busy(write))
    # After the commit: a line stands for what the ledger keeps.
    for item, result, _position in outcomes:
        held = kept[item.nudge_id]
        if not held and result.outcome is Outcome.SENT:
            report.lost_claims += 1
            log.warning("action=claim_lost nudge=%s worker=%s", item.nudge_id, config.worker)
        audit.nudge_outcome(item, result, config.worker, kept=held, retry=_may_retry(item.attempt))


async def _record_one(session, calendar, config, item, result, now, report) -> int:
    """A nudge's outcome other than sent (those go by message: ``_record``)."""
    if result.outcome is Outcome.RETRY and _may_retry(item.attempt):
        wait = max(backoff(item.attempt), result.retry_after or timedelta(0))
        retry_at = calendar.next_work_start(now + wait)
        kept = await mark_failed(
            session,
            item.nudge_id,
            config.worker,
            now,
            error=result.error or "retry",
            retry_at=retry_at,
        )
        report.retried += kept
    else:
        error = result.error or result.outcome.value
        if result.outcome is Outcome.UNREACHABLE:
            error = f"{UNREACHABLE}{error}"
        elif result.outcome is Outcome.RETRY and item.attempt <= PROBE + 1:
            error = f"{GAVE_UP}{error}"  # the first series, or a probe: tried again later
        kept = await mark_failed(
            session, item.nudge_id, config.worker, now, error=error, retry_at=None
        )
        report.failed += kept
    if not kept:
        report.lost_claims += 1
        log.warning("action=claim_lost nudge=%s worker=%s", item.nudge_id, config.worker)
    return kept
