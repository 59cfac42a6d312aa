"""Sweep speed and scheduler memory, against one APScheduler date job per reminder (issue #3).

Setup per backend (printed, not measured): the plan of ``import_plan.py`` (100 agencies × 1,000
tasks = 100,000 assignments, through the real import path), one official per agency, and the
ledger the policy plans for 2024 (``plan_nudges``, default rules; assignment ``i`` is taken as
done on the day of its ``i % 13``-th overdue nudge): about a million rows, bulk-loaded (sqlite3
executemany with the store's bind processors; asyncpg COPY, then ANALYZE). At the measured
instant, work start on Fri 1 Mar 2024, earlier nudges are sent (1 in 50 skipped, 1 in 1,000
failed awaiting a retry), later ones planned, and exactly 100 are due.

Measured: ``claim_due`` alone and a full ``sweep_once`` (no-op ``RecordingDelivery``), commit
included, median of ``--repeat`` runs (the 100 rows reset after each), and the plan of the claim
statement as sent (PostgreSQL EXPLAIN ANALYZE, rolled back; SQLite EXPLAIN QUERY PLAN). RSS
growth over the interpreter and its imports, each in a fresh subprocess: ours, the
``ReminderService`` (memory job store: sweep and work-start jobs) after its first round; the
alternative, an AsyncIOScheduler with one ``date`` job per pending reminder (the first
``--alt-jobs`` by time, read from the ledger, run dates shifted into the future). Restart: a new
process counts the pending reminders in the ledger and the jobs of a new MemoryJobStore.

    .venv/bin/python -m bench.sweep [--backend sqlite|postgresql|both] [--assignments 100000]
        [--repeat 7] [--alt-jobs 100000 (0: every pending reminder)] [--pg-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import asyncpg
import psutil
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import event, func, select, update
from sqlalchemy.engine import make_url

from bench.import_plan import PG_URL, Backend, declare, timed_import, write_files
from scheduler.clock import ManualClock
from scheduler.planner import facts_for, load_recipients
from scheduler.policy import plan_nudges
from scheduler.service import ReminderService
from scheduler.sweep import SweepConfig, sweep_once
from storage.db import Database, apply_sqlite_pragmas
from storage.enums import NudgeState
from storage.imports.directory import import_people
from storage.imports.tabular import read_table
from storage.ledger import TAKEABLE, claim_due
from storage.models import Assignment, Nudge
from storage.planning import open_assignments
from tests.fakes.recording_delivery import RecordingDelivery
from tests.kit import CAL, ROOT, RULES

NOW = CAL.work_start_at(date(2024, 3, 1))
DUE, AGENCIES, TARGET_MS, TARGET_RATIO = 100, 100, 20, 0.2  # nudges due now, ms, ours/alt
CONFIG = SweepConfig(worker="bench")
INDEX = "ix_nudges_state_available_at"
COLS = (
    "assignment_id person_id kind for_deadline due_at state available_at attempts claimed_by"
    " sent_at channel message_id last_error skip_reason created_at updated_at"
).split()
PENDING = Nudge.state.in_(TAKEABLE)
MIB = 2**20


def ledger(rows, recipients):
    """The ledger's rows (tuples in ``COLS`` order) in their states at ``NOW``."""
    count, due_now = 0, 0
    for row in rows:
        # Taken as done on the day of its (id % 13)-th overdue nudge: the window ends there.
        days = (RULES.overdue_every or RULES.overdue_cap) * (row.id % 13)
        end = min(
            CAL.add_workdays(CAL.workday_on_or_before(row.deadline), days), date(2024, 12, 31)
        )
        for n in plan_nudges(facts_for(row, recipients), RULES, CAL, date(2024, 1, 1), end):
            count += 1
            key = (n.assignment_id, n.person_id, n.kind, n.for_deadline, n.due_at)
            made = n.due_at - timedelta(days=1)
            if n.due_at > NOW or (n.due_at == NOW and due_now < DUE):
                due_now += n.due_at == NOW
                yield (*key, "planned", n.due_at, 0, *[None] * 6, made, made)
            elif count % 50 == 0:
                yield (*key, "skipped", None, 1, "old", *[None] * 4, "superseded", made, n.due_at)
            elif count % 1000 == 1:
                retry = NOW + timedelta(hours=1)
                yield (*key, "failed", retry, 1, "old", *[None] * 3, "TimedOut", None, made, NOW)
            else:
                sent = (n.due_at, "telegram", str(count), None, None)
                yield (*key, "sent", None, 1, "old", *sent, made, n.due_at)


def write_people(folder: Path, agency_file: Path) -> Path:
    """One official per agency, as a directory file for ``import_people``."""
    with open(agency_file, encoding="utf-8") as agencies:
        names = [row["name"] for row in csv.DictReader(agencies)]
    with open(folder / "people.csv", "w", newline="", encoding="utf-8") as out:
        rows = [(f"CV {i:03d}", "Chuyên viên", name, "official") for i, name in enumerate(names)]
        csv.writer(out).writerows([("full_name", "title", "agency", "role"), *rows])
    return folder / "people.csv"


async def build(backend: Backend, folder: Path, files) -> Database:
    """A fresh database with the plan, one official per agency and the ledger."""
    db = await backend.fresh()
    await declare(db, files[0])
    await timed_import(db, files[1])
    people = read_table(write_people(folder, files[0][0]), key_column="full_name")
    async with db.unit_of_work() as session:
        await import_people(session, people, NOW)
    async with db.unit_of_work() as session:
        recipients = await load_recipients(session)
        records = ledger((await session.execute(open_assignments())).all(), recipients)
    if backend.name == "sqlite":  # the driver's executemany, values bound as the store binds them
        types = [Nudge.__table__.c[c].type.dialect_impl(db.engine.dialect) for c in COLS]
        binds = [t.bind_processor(db.engine.dialect) or (lambda v: v) for t in types]
        conn = sqlite3.connect(db.path, isolation_level=None)
        apply_sqlite_pragmas(conn, None)
        conn.execute("BEGIN")
        sql = f"INSERT INTO nudges ({', '.join(COLS)}) VALUES ({', '.join('?' * len(COLS))})"
        conn.executemany(sql, (tuple(f(v) for f, v in zip(binds, r, strict=True)) for r in records))
        conn.execute("COMMIT")
        conn.close()
        return db
    dsn = make_url(backend.pg_url).set(drivername="postgresql")
    dsn = dsn.render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": db.schema})
    await conn.copy_records_to_table("nudges", records=records, columns=COLS)
    await conn.execute("ANALYZE nudges")  # what autovacuum would do after such a load
    await conn.close()
    return db


async def reset(db: Database, ids: list[int]) -> None:
    async with db.unit_of_work() as session:
        await session.execute(
            update(Nudge)
            .where(Nudge.id.in_(ids))
            .values(state=NudgeState.PLANNED, available_at=Nudge.due_at, attempts=0)
            .values(claimed_by=None, sent_at=None, channel=None, message_id=None)
        )


async def claim(db: Database) -> int:
    async with db.unit_of_work() as session:
        claimed = await claim_due(session, NOW, worker="b", lease=CONFIG.lease, limit=CONFIG.batch)
    return len(claimed)


async def sweep(db: Database) -> int:
    return (await sweep_once(db, RecordingDelivery(), CAL, CONFIG, NOW)).sent


async def median_ms(db: Database, ids: list[int], run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = await run(db)
        times.append((time.perf_counter() - start) * 1000)
        assert done == len(ids), f"{run.__name__} handled {done} of {len(ids)}"
        await reset(db, ids)
    return statistics.median(times)


async def explain(db: Database) -> list[str]:
    """The plan of the claim statement as ``claim_due`` sends it (its effects rolled back)."""
    seen = []

    def grab(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("UPDATE NUDGES"):
            seen.append((statement, parameters))

    event.listen(db.engine.sync_engine, "before_cursor_execute", grab)
    async with db.unit_of_work(dry_run=True) as session:
        await claim_due(session, NOW, worker="explain", lease=CONFIG.lease, limit=CONFIG.batch)
    event.remove(db.engine.sync_engine, "before_cursor_execute", grab)
    pg = db.dialect == "postgresql"
    async with db.engine.connect() as conn:  # never committed
        prefix = "EXPLAIN ANALYZE " if pg else "EXPLAIN QUERY PLAN "
        rows = (await conn.exec_driver_sql(prefix + seen[0][0], seen[0][1])).all()
    return [row[0] if pg else row[-1] for row in rows]


def remind(nudge_id: int) -> None:
    """The alternative's job: one per reminder (never runs here)."""


async def child(args) -> None:
    """One memory or restart measurement in this fresh process; prints a JSON line."""
    rss = psutil.Process().memory_info
    base = rss().rss
    db = Database(args.url, schema=args.schema or None)
    scheduler = AsyncIOScheduler(timezone=UTC)
    if args.child == "ours":
        service = ReminderService(db, RecordingDelivery(), CAL, RULES, ManualClock(NOW))
        service._planned_at = NOW  # the ledger is planned already: no planning in this round
        service.start()
        while service.rounds == 0:  # noqa: ASYNC110 (the first round starts at once)
            await asyncio.sleep(0.01)
        out = {"growth": rss().rss - base, "sent": service.last_report.sent}
        await service.stop()
    elif args.child == "alt":
        scheduler.start()
        shift = datetime.now(UTC) + timedelta(days=1) - NOW
        query = select(Nudge.id, Nudge.available_at).where(PENDING)
        query = query.order_by(Nudge.available_at, Nudge.id).limit(args.alt_jobs or None)
        start = time.perf_counter()
        async with db.engine.connect() as conn:
            result = await conn.stream(query.execution_options(yield_per=10_000))
            async for part in result.partitions():
                for nudge_id, at in part:
                    scheduler.add_job(remind, "date", run_date=at + shift, args=[nudge_id])
        seconds = time.perf_counter() - start
        out = {"growth": rss().rss - base, "jobs": len(scheduler.get_jobs()), "seconds": seconds}
    else:  # restart: the ledger survives, a memory job store starts empty
        scheduler.start()
        async with db.unit_of_work() as session:
            pending = await session.scalar(select(func.count()).where(PENDING))
        out = {"pending": pending, "jobs": len(scheduler.get_jobs())}
    if scheduler.running:
        scheduler.shutdown(wait=False)
    await db.dispose()
    print(json.dumps(out))


async def spawn(kind: str, db: Database, alt_jobs: int = 0) -> dict:
    argv = ("--child", kind, "--url", db.url, "--schema", db.schema or "", "--alt-jobs", alt_jobs)
    command = (sys.executable, "-m", "bench.sweep", *map(str, argv))
    proc = await asyncio.create_subprocess_exec(*command, cwd=ROOT, stdout=asyncio.subprocess.PIPE)
    stdout, _ = await proc.communicate()
    assert proc.returncode == 0, f"{kind} child failed"
    return json.loads(stdout.decode().splitlines()[-1])


async def run_backend(backend: Backend, folder: Path, files, args) -> None:
    start = time.perf_counter()
    db = await build(backend, folder, files)
    setup = time.perf_counter() - start
    async with db.unit_of_work() as session:
        by_state = select(Nudge.state, func.count()).group_by(Nudge.state)
        states = dict((await session.execute(by_state)).all())
        assignments = await session.scalar(select(func.count()).select_from(Assignment))
        due = select(Nudge.id).where(PENDING, Nudge.available_at <= NOW)
        ids = list((await session.scalars(due)).all())
        pending = await session.scalar(select(func.count()).where(PENDING))
    plan = await explain(db)
    claim_ms = await median_ms(db, ids, claim, args.repeat)
    sweep_ms = await median_ms(db, ids, sweep, args.repeat)
    ours = await spawn("ours", db)
    await reset(db, ids)
    alt = await spawn("alt", db, args.alt_jobs)
    restart = await spawn("restart", db)
    await db.dispose()
    ratio, uses = ours["growth"] / alt["growth"], any(INDEX in line for line in plan)
    counts = ", ".join(f"{s} {n:,}" for s, n in sorted(states.items(), key=lambda kv: -kv[1]))
    print(f"\n{backend.name}: {assignments:,} assignments, {sum(states.values()):,} nudges")
    print(f"  ({counts}); {len(ids)} due at {NOW:%Y-%m-%d %H:%M} UTC, {pending:,} pending")
    print(f"  setup {setup:.0f} s (not measured); times are medians of {args.repeat}")
    n, jobs, kept = len(ids), f"{alt['jobs']:,} date jobs", restart["pending"] == pending
    rows = [
        (f"claim_due, {n} due|{claim_ms:.1f} ms|< {TARGET_MS} ms", claim_ms < TARGET_MS),
        (f"sweep_once, {n} sent|{sweep_ms:.1f} ms|< {TARGET_MS} ms", sweep_ms < TARGET_MS),
        (f"claim uses {INDEX}|{'yes' if uses else 'no'}|yes", uses),
        (f"RSS growth, ours ({ours['sent']} sent)|{ours['growth'] / MIB:.1f} MiB|", None),
        (f"RSS growth, {jobs}|{alt['growth'] / MIB:.1f} MiB|", None),
        (f"  seconds to read and add them|{alt['seconds']:.1f} s|", None),
        (f"RSS growth ratio ours / date jobs|{ratio:.3f}|≤ {TARGET_RATIO}", ratio <= TARGET_RATIO),
        (f"restart, ours (ledger)|kept {restart['pending']:,} of {pending:,}|all", kept),
        (f"restart, date jobs (memory store)|kept {restart['jobs']:,} of {alt['jobs']:,}|", None),
    ]
    table = [["figure", "value", "target", "verdict"]]
    table += [[*r.split("|"), "" if ok is None else "PASS" if ok else "BELOW"] for r, ok in rows]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        print("  " + row[0].ljust(widths[0]), *map(str.rjust, row[1:], widths[1:]))
    print("  claim plan:", *plan, sep="\n    ")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("NHACVIEC_TEST_POSTGRES_URL", PG_URL))
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7, help="median of N")
    parser.add_argument("--alt-jobs", type=int, default=100_000, help="date jobs; 0: all pending")
    for hidden in ("--child", "--url", "--schema"):
        parser.add_argument(hidden, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return await child(args)
    names = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as tmp:
        files = write_files(Path(tmp), args.assignments // AGENCIES, AGENCIES)
        for name in names:
            backend = Backend(name, Path(tmp), args.pg_url)
            try:
                await run_backend(backend, Path(tmp), files, args)
            finally:
                await backend.drop_all()


if __name__ == "__main__":
    asyncio.run(main())
