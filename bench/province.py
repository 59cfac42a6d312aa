"""A merged province (issue 16, point 6): planning, the sweep and a quarter-end morning.

Setup (printed, timed but not the point): ``--agencies`` agencies (default 300) in one
collective, a plan of ``--tasks`` one-off tasks (default 1,000) led by it through the real
import path: 300,000 assignments; ``--people`` people per agency (default 40: one leader,
the rest officials; 12,000 in all), each assignment with a focal official (round robin in
its agency, as ``focal_for`` would set). Deadlines are spread over 2024; ``--done`` in 20
(default 17) of the assignments past their deadline are done, the rest overdue.

Measured on a quarter-end morning, Fri 28 Jun 2024 at work start, on each backend:

1. **planning**: the first ``plan_window`` of the day on an empty ledger (its two-week
   look-back included), commit included; baseline: the driver's own bulk insert of the same
   rows (``executemany`` / asyncpg ``executemany``) into an empty copy of the table.
2. **sweep**: ``sweep_once`` rounds until nothing is due, with a delivery that sends nothing
   (every check-in "sent" at once), so the figure is the ledger's
   claims and records; baseline: one driver ``UPDATE`` setting the same rows sent.
3. **the morning's check-ins** for ``--checkins`` people (default 5,000) with a linked
   Telegram chat: the real ``ChatDelivery`` and ``TelegramChannel`` (pacing at ~30
   messages/s per bot) against the fake Bot API with flood control on, in real time (the
   ledger's work and the platform's waits overlap, as in service), driven by the real sweep
   with its parallel check-ins. Printed: the time against the limit (messages / 30 s) as a
   ratio, and 429s. On one process, then on two: a second candidate on the same database
   (PostgreSQL) stands by on the leader lock (``storage.leader``) while the first sends; the
   platform's limit is per bot token, so the second adds no rate, and the figure shows it
   takes none either (nothing sent twice, no 429).

    PYTHONPATH=. .venv/bin/python -m bench.province [--backend postgresql|sqlite|both]
        [--agencies 300] [--tasks 1000] [--people 40] [--checkins 5000] [--done 17]
        [--pg-url URL]

Half an hour or more at the default size on a 2-core machine; ``--agencies 30`` for a try.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
from sqlalchemy import select, text, update
from sqlalchemy.engine import make_url

from bench.import_plan import PG_URL, Backend, declare, timed_import, write_files
from bot.channels.telegram import TelegramChannel
from bot.outbound.nudges import ChatDelivery
from scheduler.delivery import CheckIn, DeliveryResult, NudgeToSend, Outcome
from scheduler.planner import plan_window
from scheduler.service import PARALLEL
from scheduler.sweep import SweepConfig, sweep_due, sweep_once
from storage.db import Database, apply_sqlite_pragmas
from storage.enums import Channel, NudgeState, Role, Status
from storage.imports.directory import import_people
from storage.imports.tabular import read_table
from storage.leader import Leadership
from storage.models import Assignment, ChatLink, Nudge, Person
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import CAL, NOW, RULES

MORNING = datetime(2024, 6, 28, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam, a quarter's last day
LIMIT_PER_SECOND = 30  # Telegram's flood limit per bot (chat-platforms.md)
NUDGE_COLUMNS = ("assignment_id", "person_id", "kind", "for_deadline", "due_at", "state",
                 "available_at", "attempts", "created_at", "updated_at")  # fmt: skip


def write_people(folder: Path, agency_file: Path, per_agency: int) -> Path:
    with open(agency_file, encoding="utf-8") as agencies:
        names = [row["name"] for row in csv.DictReader(agencies)]
    rows = [("full_name", "title", "agency", "role")]
    for a, name in enumerate(names):
        rows.append((f"LĐ {a:03d}", "Phó Giám đốc", name, "leader"))
        rows += [(f"CV {a:03d}-{i:02d}", "Chuyên viên", name, "official")
                 for i in range(1, per_agency)]  # fmt: skip
    path = folder / "people.csv"
    with open(path, "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(rows)
    return path


async def build(backend: Backend, folder: Path, args) -> tuple[Database, dict]:
    files = write_files(folder, args.tasks, args.agencies)
    db = await backend.fresh()
    await declare(db, files[0])
    started = time.perf_counter()
    import_s, assignments = await timed_import(db, files[1])
    people_table = read_table(
        write_people(folder, files[0][0], args.people), key_column="full_name"
    )
    async with db.unit_of_work() as session:
        await import_people(session, people_table, NOW)
    async with db.unit_of_work() as session:  # a focal official per assignment, round robin
        officials: dict[int, list[int]] = {}
        query = select(Person.agency_id, Person.id).where(Person.role == Role.OFFICIAL)
        for agency_id, person_id in (await session.execute(query)).all():
            officials.setdefault(agency_id, []).append(person_id)
        query = select(Assignment.id, Assignment.agency_id, Assignment.deadline)
        rows = (await session.execute(query)).all()
        changes = []
        for i, (a_id, agency, deadline) in enumerate(rows):
            change = {"id": a_id, "focal_person_id": officials[agency][i % len(officials[agency])]}
            if deadline < MORNING.date() and i % 20 < args.done:  # most past work is done
                done_at = datetime.combine(deadline, datetime.min.time(), UTC)
                change |= {"status": Status.DONE, "percent": 100, "done_at": done_at}
            changes.append(change)
        await session.execute(update(Assignment), changes)  # ORM bulk update by primary key
    people = args.agencies * args.people
    setup = time.perf_counter() - started
    return db, {"assignments": assignments, "people": people, "import": import_s, "setup": setup}


async def planning(backend: Backend, db: Database) -> dict:
    start = time.perf_counter()
    async with db.unit_of_work() as session:
        added = await plan_window(session, RULES, CAL, MORNING)
    took = time.perf_counter() - start
    async with db.engine.connect() as conn:
        cols = ", ".join(NUDGE_COLUMNS)
        rows = [tuple(r) for r in (await conn.execute(text(f"select {cols} from nudges"))).all()]
    raw = await raw_copy(backend, db, rows)
    return {"rows": added, "seconds": took, "raw": raw}


async def raw_copy(backend: Backend, db: Database, rows: list[tuple]) -> float:
    """Seconds for the driver's own bulk insert of ``rows`` into an empty copy of nudges."""
    cols = ", ".join(NUDGE_COLUMNS)
    if backend.name == "sqlite":
        conn = sqlite3.connect(db.path, isolation_level=None)
        apply_sqlite_pragmas(conn, None)
        conn.execute("create table raw_nudges as select * from nudges where 0")
        sql = f"insert into raw_nudges ({cols}) values ({', '.join('?' * len(NUDGE_COLUMNS))})"
        rows = [tuple(str(v) if isinstance(v, datetime) else v for v in r) for r in rows]
        start = time.perf_counter()
        conn.execute("BEGIN")
        conn.executemany(sql, rows)
        conn.execute("COMMIT")
        took = time.perf_counter() - start
        conn.close()
        return took
    pg = await _pg(backend, db)
    await pg.execute("create table raw_nudges (like nudges including defaults)")
    marks = ", ".join(f"${i}" for i in range(1, len(NUDGE_COLUMNS) + 1))
    start = time.perf_counter()
    async with pg.transaction():
        await pg.executemany(f"insert into raw_nudges ({cols}) values ({marks})", rows)
    took = time.perf_counter() - start
    await pg.close()
    return took


async def _pg(backend: Backend, db: Database) -> asyncpg.Connection:
    dsn = make_url(backend.pg_url).set(drivername="postgresql").render_as_string(False)
    return await asyncpg.connect(dsn, server_settings={"search_path": db.schema})


class Instant:
    """A delivery that sends nothing: every check-in "sent" at once, each nudge carried."""

    grouped = True

    def __init__(self) -> None:
        self.people: set[int] = set()
        self.count = 0

    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult:
        self.people.add(nudge.person_id)
        self.count += 1
        return DeliveryResult.sent("instant", str(self.count))

    async def deliver_checkin(self, checkin: CheckIn, now: datetime) -> DeliveryResult:
        self.people.add(checkin.person_id)
        self.count += 1
        carried = tuple((n.nudge_id, str(self.count), i) for i, n in enumerate(checkin.items, 1))
        return DeliveryResult(Outcome.SENT, channel="instant", message_id=str(self.count),
                              chat_id=str(checkin.person_id), carried=carried)  # fmt: skip


async def sweeping(backend: Backend, db: Database) -> dict:
    config = SweepConfig(worker="bench:1", rules=RULES)
    delivery = Instant()
    start = time.perf_counter()
    rounds = claimed = sent = skipped = 0
    while True:
        report = await sweep_once(db, delivery, CAL, config, MORNING)
        if not report.claimed:
            break
        rounds, claimed = rounds + 1, claimed + report.claimed
        sent, skipped = sent + report.sent, skipped + report.skipped
    took = time.perf_counter() - start
    raw_sql = "update raw_nudges set state = 'sent', claimed_by = 'raw' where id in (select id from raw_nudges order by id limit {n})"  # noqa: E501
    n = claimed
    if backend.name == "sqlite":
        conn = sqlite3.connect(db.path, isolation_level=None)
        t0 = time.perf_counter()
        conn.execute(raw_sql.format(n=n))
        raw = time.perf_counter() - t0
        conn.close()
    else:
        pg = await _pg(backend, db)
        t0 = time.perf_counter()
        await pg.execute(raw_sql.format(n=n))
        raw = time.perf_counter() - t0
        await pg.close()
    people = len(delivery.people)
    return {"rounds": rounds, "claimed": claimed, "sent": sent, "skipped": skipped,
            "seconds": took, "raw": raw, "people": people}  # fmt: skip


async def morning(db: Database, checkins: int, *, standby: bool) -> dict:
    """The morning's check-ins of ``checkins`` people, sent for real (fake Bot API)."""
    async with db.unit_of_work() as session:  # the ledger back to planned, as at 08:00
        await session.execute(
            update(Nudge)
            .where(Nudge.state.in_((NudgeState.SENT, NudgeState.SKIPPED)))
            .values(state=NudgeState.PLANNED, available_at=Nudge.due_at, attempts=0,
                    claimed_by=None, sent_at=None, message_id=None, chat_id=None)
        )  # fmt: skip
        await session.execute(ChatLink.__table__.delete())
        due = select(Nudge.person_id).where(Nudge.due_at <= MORNING).distinct()
        people = (await session.scalars(due.order_by(Nudge.person_id).limit(checkins))).all()
        await session.execute(
            ChatLink.__table__.insert(),
            [{"person_id": p, "channel": Channel.TELEGRAM, "chat_id": str(100_000 + p),
              "linked_at": NOW} for p in people],
        )  # fmt: skip
    contender = None
    async with FakeTelegramAPI() as api:  # real time: the DB's work and the waits overlap
        channel = TelegramChannel(api.token, api_url=api.url)
        await channel.start(_ignore)
        leader = Leadership(db, "bench:leader")
        stop = asyncio.Event()
        await leader.acquire(stop)
        if standby:  # a second process's candidate, polling the lock while the first sends
            second = Leadership(db, "bench:standby", every=1.0)
            contender = asyncio.create_task(second.acquire(stop))
        delivery = ChatDelivery(db, {"telegram": channel}, "vi", calendar=CAL)
        # As the service sweeps: several people's check-ins at once.
        config = SweepConfig(worker="bench:leader", rules=RULES, parallel=PARALLEL)
        wall = time.perf_counter()
        try:
            await sweep_due(db, delivery, CAL, config, MORNING)  # the service's round
        finally:
            wall = time.perf_counter() - wall
            stop.set()
            took_over = False
            if contender is not None:
                took_over = await contender
                await second.release()
            await leader.release()
            await channel.stop()
        messages = len(api.sent_messages())
        chats = len({m.chat_id for m in api.sent_messages()})
        return {"wall": wall, "messages": messages, "chats": chats,
                "people": len(people), "429": api.status_counts[429],
                "in_ban": len(api.ban_violations), "took_over": took_over}  # fmt: skip


async def _ignore(incoming) -> None:
    return None


async def run_backend(backend: Backend, folder: Path, args) -> None:
    db, built = await build(backend, folder, args)
    print(f"\n[{backend.name}] {built['assignments']:,} assignments, {built['people']:,} people; "
          f"import {built['import']:.1f} s, setup {built['setup']:.1f} s")  # fmt: skip
    try:
        plan = await planning(backend, db)
        rows, took, raw = plan["rows"], plan["seconds"], plan["raw"]
        print(f"  planning (08:00, empty ledger): {rows:,} nudges in {took:.1f} s"
              f" ({rows / took:,.0f}/s); driver bulk insert of the same rows "
              f"{raw:.1f} s: ratio {raw / took:.2f} of raw speed")  # fmt: skip
        swept = await sweeping(backend, db)
        print(f"  sweep (nothing sent out): {swept['claimed']:,} claimed ({swept['sent']:,} sent, "
              f"{swept['skipped']:,} skipped) for {swept['people']:,} people in {swept['rounds']} "
              f"rounds, {swept['seconds']:.1f} s ({swept['claimed'] / swept['seconds']:,.0f}/s); "
              f"driver UPDATE of as many rows {swept['raw']:.2f} s")  # fmt: skip
        shapes = [False, True] if backend.name == "postgresql" else [False]
        for standby in shapes:
            m = await morning(db, args.checkins, standby=standby)
            ideal = m["messages"] / LIMIT_PER_SECOND
            label = "two processes (leader + standby)" if standby else "one process"
            print(f"  morning, {label}: {m['messages']:,} messages to {m['chats']:,} of "
                  f"{m['people']:,} people in {m['wall']:.1f} s;"
                  f" the limit allows {ideal:.1f} s: ratio {m['wall'] / ideal:.2f}; 429s "
                  f"{m['429']}, requests in a ban {m['in_ban']}"
                  + (f"; the standby took over: {m['took_over']}" if standby else ""))  # fmt: skip
    finally:
        await db.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("NHACVIEC_TEST_POSTGRES_URL", PG_URL))
    parser.add_argument("--agencies", type=int, default=300)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--people", type=int, default=40, help="per agency")
    parser.add_argument("--checkins", type=int, default=5000)
    parser.add_argument("--done", type=int, default=17, help="in 20 past-deadline, done")
    args = parser.parse_args()
    names = ("postgresql", "sqlite") if args.backend == "both" else (args.backend,)
    with tempfile.TemporaryDirectory(prefix="nhacviec-province-") as tmp:
        for name in names:
            backend = Backend(name, Path(tmp), args.pg_url)
            try:
                await run_backend(backend, Path(tmp), args)
            finally:
                await backend.drop_all()


if __name__ == "__main__":
    asyncio.run(main())
