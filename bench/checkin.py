"""Messages an official reads: one check-in a day against one message per nudge (issue 11).

Part 1, the plan year. The sample plan, agencies and people (a fresh SQLite store, the real
import path); nobody answers, nothing is done. The policy's nudges from 1 Jan to 31 Dec 2024
(``scheduler.planner.planned_nudges``) under two designs, both measured here:

- per nudge (the design before issue 11): the legacy fixed overdue interval
  (``NHACVIEC_OVERDUE_EVERY=2``), each nudge its own message;
- check-in (now): the overdue ladder with its cap (default rules), a person's nudges of a
  day in one message per audience (their own tasks; a leader's escalations), each message
  counted with its pages (``bot.outbound.nudges.pages`` at Telegram's 4,096 characters, the
  real item texts).

Printed per design: messages per person per working day (max and median over the days a
person gets any, max and median over every working day), messages in the year for the
busiest person, the total, and the busiest morning's sender.

Part 2, a Monday morning for ``--people`` people (default 5,000). The real ``TelegramChannel``
(its pacing at Telegram's ~30 messages/s per bot) sends one check-in to each chat of the fake
Bot API (flood control on: 30/s for the bot, 1/s per chat), on a virtual clock: the channel's
and the fake's time move only when the channel sleeps, so the figure is the pacing's, not this
machine's. Printed: the virtual delivery time, its ratio to the limit (people / 30 s), 429s and
requests inside a ban; and what the per-nudge design would need at the same limit (the
sample's busiest Monday per person, times ``--people``), as a computed figure.

    .venv/bin/python -m bench.checkin [--people 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

from sqlalchemy import select

from bot.app.admin import load_sample
from bot.channels.base import Choice, Outgoing
from bot.channels.telegram import TelegramChannel
from bot.outbound.nudges import pages, short_title
from bot.texts import dmy, say
from scheduler.planner import planned_nudges
from scheduler.policy import ReminderRules
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Assignment, Task
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import CAL

YEAR_START, YEAR_END = date(2024, 1, 1), date(2024, 12, 31)
LIMIT_PER_SECOND = 30  # Telegram's flood limit per bot (chat-platforms.md)
MAX_TEXT = 4096


async def plan_year(rules: ReminderRules):
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as tmp:
        db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}")
        try:
            await upgrade(db.engine)
            await load_sample(db, "vi", datetime.combine(YEAR_START, clock_time(7), CAL.timezone))
            async with db.unit_of_work() as session:
                planned = await planned_nudges(session, rules, CAL, YEAR_START, YEAR_END)
                titles = dict(
                    (
                        await session.execute(
                            select(Assignment.id, Task.title).join(
                                Task, Task.id == Assignment.task_id
                            )
                        )
                    ).all()
                )
            return planned, titles
        finally:
            await db.dispose()


def per_nudge(planned) -> Counter:
    """(person, day) → messages: one per nudge."""
    return Counter((n.person_id, CAL.local_date(n.due_at)) for n, _code in planned)


def checkins(planned, titles) -> tuple[Counter, int]:
    """(person, day) → messages: per audience one check-in, with its pages; and the most
    tasks one check-in listed."""
    groups: dict[tuple[int, date, bool], list] = defaultdict(list)
    for n, code in planned:
        leader = n.kind.startswith("escalation:")
        groups[(n.person_id, CAL.local_date(n.due_at), leader)].append((n, code))
    out: Counter = Counter()
    most = 0
    for (person, day, _leader), items in groups.items():
        most = max(most, len(items))
        if len(items) == 1:
            out[(person, day)] += 1
            continue
        blocks = [
            say(
                "vi",
                "checkin_item",
                n=i,
                code=code,
                title=short_title(titles[n.assignment_id]),
                deadline=dmy(n.for_deadline),
                when="quá hạn 100 ngày làm việc",
            )
            for i, (n, code) in enumerate(items, start=1)
        ]
        head = say("vi", "checkin_header", count=len(items), date=dmy(day))
        tail = say("vi", "checkin_footer_pick", code=items[0][1])
        out[(person, day)] += len(pages(blocks, head, tail, MAX_TEXT))
    return out, most


def figures(name: str, messages: Counter, workdays: int, people: int) -> None:
    per_day = list(messages.values())
    by_person = Counter()
    for (person, _day), n in messages.items():
        by_person[person] += n
    busiest, year = by_person.most_common(1)[0]
    every_day = per_day + [0] * (workdays * people - len(per_day))
    print(
        f"{name:<12} per person-day with any: max {max(per_day):>3}, median "
        f"{statistics.median(per_day):>4}; over every working day: median "
        f"{statistics.median(every_day):>3}; busiest person's year {year:>5} "
        f"(person {busiest}); total {sum(per_day):>6}"
    )


class VirtualTime:
    """The channel's and the fake's clock: it moves only when the channel sleeps."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)
        await asyncio.sleep(0)


def checkin_message(tasks: int) -> Outgoing:
    """A check-in of ``tasks`` tasks with a row of buttons each (ids are placeholders)."""
    lines = [say("vi", "checkin_header", count=tasks, date="17/06/2024")]
    rows = []
    for i in range(1, tasks + 1):
        lines.append(
            say("vi", "checkin_item", n=i, code=f"1.{i}", title="Báo cáo kết quả CCHC định kỳ",
                deadline="15/06/2024", when="quá hạn 2 ngày")
        )  # fmt: skip
        token = f"tok{i:09d}x"
        rows.append(
            (
                Choice(f"1.{i} ✅", f"c:{token}:done"),
                Choice("⏳", f"c:{token}:prog"),
                Choice("⛔", f"c:{token}:blk"),
                Choice("📅", f"c:{token}:ext"),
                Choice("💤", f"k:{token}:snz"),
            )
        )
    return Outgoing("\n".join(lines), tuple(rows))


async def monday(people: int, tasks: int) -> dict:
    clock = VirtualTime()
    async with FakeTelegramAPI(clock=clock.monotonic) as api:
        channel = TelegramChannel(
            api.token, api_url=api.url, monotonic=clock.monotonic, sleep=clock.sleep
        )
        await channel.start(_ignore)
        try:
            message = checkin_message(tasks)
            wall = time.perf_counter()
            for chat in range(1, people + 1):
                await channel.send(str(10_000 + chat), message)
            wall = time.perf_counter() - wall
        finally:
            await channel.stop()
        return {
            "virtual": clock.now,
            "wall": wall,
            "sent": len(api.sent_messages()),
            "429": api.status_counts[429],
            "in_ban": len(api.ban_violations),
        }


async def _ignore(incoming) -> None:
    return None


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()

    workdays = sum(CAL.is_workday(date.fromordinal(d)) for d in
                   range(YEAR_START.toordinal(), YEAR_END.toordinal() + 1))  # fmt: skip
    print(f"Part 1: the sample plan, 1 Jan - 31 Dec 2024 ({workdays} working days), nobody answers")
    old, _ = await plan_year(ReminderRules(overdue_every=2))
    new, titles = await plan_year(ReminderRules())
    people = len({n.person_id for n, _ in old} | {n.person_id for n, _ in new})
    old_messages = per_nudge(old)
    new_messages, most = checkins(new, titles)
    print(f"  nudges planned: per-nudge design {len(old)}, ladder {len(new)}; {people} people")
    figures("per nudge", old_messages, workdays, people)
    figures("check-in", new_messages, workdays, people)
    print(f"  the longest check-in lists {most} tasks")
    mondays = [d for (_p, d) in old_messages if d.weekday() == 0]
    busiest_monday = Counter()
    for (person, day), n in old_messages.items():
        if day.weekday() == 0:
            busiest_monday[(person, day)] = n
    (_, day), per_person = busiest_monday.most_common(1)[0] if mondays else ((0, None), 1)
    on_that_day = [n for (p, d), n in old_messages.items() if d == day]
    mean_old = statistics.mean(on_that_day) if on_that_day else 1.0

    print(
        f"\nPart 2: a Monday check-in for {args.people} people through TelegramChannel "
        f"(fake Bot API, flood control on, virtual clock)"
    )
    result = await monday(args.people, tasks=3)
    ideal = args.people / LIMIT_PER_SECOND
    print(
        f"  check-in: {result['sent']} messages in {result['virtual']:.1f} s virtual "
        f"({result['wall']:.1f} s wall on this machine); the limit allows {ideal:.1f} s: "
        f"ratio {result['virtual'] / ideal:.2f}; 429s {result['429']}, requests in a ban "
        f"{result['in_ban']}"
    )
    old_total = mean_old * args.people
    print(
        f"  per nudge (computed): on the sample's busiest Monday ({day}) a person who got any "
        f"got {mean_old:.1f} messages on average (max {per_person}); for {args.people} people "
        f"{old_total:.0f} messages, at least {old_total / LIMIT_PER_SECOND:.0f} s at the limit "
        f"({old_total / args.people:.1f}x the check-in)"
    )


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
