"""/tonghop and the XLSX report on a year's plan, against ``SELECT count(*)`` (issue #5).

Setup per backend (timed and printed, not measured): the plan of ``import_plan.py`` (100
agencies × 1,000 tasks = 100,000 assignments, real import path, deadlines spread over 2024),
one official per agency, then in bulk the state on Mon 1 Jul 2024, a fixed pattern of the
assignment id: of those due earlier, 75 % done (one in five late), the rest open and overdue;
of the later ones, 15 % done early, the rest in progress, not started, blocked or waiting for
an extension; one task in 200 withdrawn with its assignments, as a re-import does. Then
``--updates`` progress_updates rows (sqlite3 executemany with the store's bind processors;
asyncpg COPY) and ANALYZE (PostgreSQL: VACUUM ANALYZE of the tables read, as autovacuum would).

Measured, each run in its own unit of work, median of ``--repeat`` runs after a warm-up:

- /tonghop: ``bot.handlers.overview.summary_command`` itself, for a coordinator with no argument;
  the ``status_counts`` calls it made when this bench was written (total, by group, by agency),
  each alone; the same figures from ``status_overview`` (one query);
- the XLSX report: ``build_report(..., "xlsx")`` end to end, and ``report_rows`` alone
  (median of ``--xlsx-repeat``, no warm-up);
- the floor: ``SELECT count(*) FROM assignments``;
- the workbook alone: ``to_xlsx`` on those rows and figures against a bare openpyxl
  write-only workbook of the same cell values (read back from ours, no styles, no page
  setup), timed in the same run, the two alternating; the target is at least 0.5 of
  the bare one's speed. Both by the wall clock and in this process's CPU time, which
  the load of other work on a shared machine barely moves.

Times in ms and as multiples of the floor; the target is /tonghop under 100 ms.

    .venv/bin/python -m bench.summary [--backend sqlite|postgresql|both]
        [--assignments 100000] [--updates 1000000] [--repeat 7] [--xlsx-repeat 3] [--pg-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import io
import os
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import asyncpg
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import make_url

from bench.import_plan import PG_URL, Backend, declare, timed_import, write_files
from bot.channels.base import Incoming
from bot.documents.report import build_report, to_xlsx
from bot.handlers.overview import summary_command
from bot.inbound.turn import Turn
from scheduler.policy import ReminderRules
from storage.db import Database, apply_sqlite_pragmas
from storage.enums import Role, Status
from storage.models import Agency, Assignment, Person, ProgressUpdate, Task
from storage.report import report_rows
from storage.summary import status_counts, status_overview
from tests.kit import CAL, TZ

TODAY = date(2024, 7, 1)
NOW = datetime(2024, 7, 1, 9, 0, tzinfo=TZ).astimezone(UTC)
AGENCIES, TARGET_MS, XLSX_RATIO = 100, 100, 0.5
UPDATE_COLS = "assignment_id person_id status percent note created_at source channel".split()
OPEN = (Status.IN_PROGRESS, Status.NOT_STARTED, Status.BLOCKED, Status.EXTENSION_REQUESTED)
ANALYZED = "assignments tasks task_groups agencies people progress_updates".split()


def state(aid: int, deadline: date) -> dict:
    """Status, percent and done_at at ``NOW``: a fixed pattern of the assignment id."""
    k, shift = aid % 20, timedelta(days=aid % 9 + 1, hours=aid % 11)
    noon = datetime.combine(deadline, clock_time(10), TZ).astimezone(UTC)
    if (deadline < TODAY and k < 15) or (deadline >= TODAY and k < 3):
        late = deadline < TODAY and k % 5 == 0
        done_at = min(noon + shift if late else noon - shift, NOW - timedelta(hours=1))
        return {"status": Status.DONE, "percent": 100, "done_at": done_at}
    status = OPEN[k % 4] if deadline < TODAY else OPEN[(k * 7) % 4]
    percent = 0 if status is Status.NOT_STARTED else 10 + aid % 9 * 10
    return {"status": status, "percent": percent, "done_at": None}


async def build(backend: Backend, files, n_updates: int) -> Database:
    db = await backend.fresh()
    await declare(db, files[0])
    await timed_import(db, files[1])
    async with db.unit_of_work() as session:
        agency_ids = (await session.scalars(select(Agency.id))).all()
        people = [
            {"full_name": f"CV {a}", "agency_id": a, "role": Role.OFFICIAL, "created_at": NOW}
            for a in agency_ids
        ]
        added = await session.execute(insert(Person).returning(Person.agency_id, Person.id), people)
        official = dict(added.all())
        query = select(Assignment.id, Assignment.agency_id, Assignment.deadline)
        rows = (await session.execute(query)).all()
        changes = []
        for aid, agency_id, deadline in rows:
            new = state(aid, deadline)
            touched = new["status"] is not Status.NOT_STARTED
            at = (new["done_at"] or NOW - timedelta(days=aid % 30 + 1)) if touched else None
            by = official[agency_id] if touched else None
            changes.append({"id": aid, **new, "updated_at": at, "updated_by_id": by})
        await session.execute(update(Assignment), changes)
        gone = select(Task.id).where(Task.id % 200 == 0)
        await session.execute(update(Task).where(Task.id.in_(gone)).values(withdrawn_at=NOW))
        withdraw = update(Assignment).where(Assignment.task_id.in_(gone))
        await session.execute(withdraw.values(withdrawn_at=NOW))
    note, source, channel = "Đã cập nhật tiến độ", "chat", "telegram"
    records = (
        (aid, official[agency_id], str(OPEN[i % 4]), i * 10 % 100, note, at, source, channel)
        for i in range(max(1, n_updates // len(rows)))
        for aid, agency_id, _ in rows
        for at in (NOW - timedelta(days=200 - i * 15, minutes=aid % 600),)
    )
    if backend.name == "sqlite":  # the driver's executemany, values bound as the store binds them
        table, dialect = ProgressUpdate.__table__, db.engine.dialect
        types = [table.c[c].type.dialect_impl(dialect) for c in UPDATE_COLS]
        binds = [t.bind_processor(dialect) or (lambda v: v) for t in types]
        conn = sqlite3.connect(db.path, isolation_level=None)
        apply_sqlite_pragmas(conn, None)
        marks = ", ".join("?" * len(UPDATE_COLS))
        sql = f"INSERT INTO progress_updates ({', '.join(UPDATE_COLS)}) VALUES ({marks})"
        conn.execute("BEGIN")
        conn.executemany(sql, (tuple(f(v) for f, v in zip(binds, r, strict=True)) for r in records))
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.close()
        return db
    dsn = make_url(backend.pg_url).set(drivername="postgresql")
    dsn = dsn.render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn, server_settings={"search_path": db.schema})
    await conn.copy_records_to_table("progress_updates", records=records, columns=UPDATE_COLS)
    for name in ANALYZED:
        await conn.execute(f"VACUUM ANALYZE {name}")
    await conn.close()
    return db


async def tonghop(session) -> str:
    """The chat's /tonghop for a coordinator, no argument: the handler itself."""
    incoming = Incoming("console", "bench", "k", NOW, text="/tonghop")
    person = Person(full_name="Điều phối", role=Role.COORDINATOR)
    turn = Turn(session, incoming, NOW, "vi", CAL, ReminderRules(), person=person)
    await summary_command(turn, "")
    return turn.answers[0].text


async def floor(session) -> int:
    return await session.scalar(text("SELECT count(*) FROM assignments"))


def counts(**kw):
    async def run(session):
        return await status_counts(session, TODAY, **kw)

    return f"  status_counts({', '.join(f'{k}={v!r}' for k, v in kw.items())})", run


async def overview(session):
    return await status_overview(session, TODAY)


async def rows(session):
    return await report_rows(session, TODAY)


async def xlsx(session) -> bytes:
    return await build_report(session, TODAY, "xlsx", tz=CAL.timezone)


def timed(work, *args):
    """``work(*args)``, its wall-clock and CPU milliseconds (this process's)."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = work(*args)
    return out, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def bare_workbook(sheets) -> None:
    plain = Workbook(write_only=True)
    for values in sheets:
        ws = plain.create_sheet()
        for row in values:
            ws.append(row)
    plain.save(io.BytesIO())


def workbook_ratio(detail, figures, repeat: int):
    """Medians (ms) of ``to_xlsx`` and of a bare write-only workbook of the same cells,
    ``((ours, bare) by the wall clock, (ours, bare) in CPU time)``: CPU time is what the
    load of other sessions on a shared machine barely moves. The two alternate."""
    ours: list[tuple[float, float]] = []
    bare: list[tuple[float, float]] = []
    args = (detail, figures.by_group, figures.by_agency, figures.total, TODAY)
    for _ in range(repeat):
        book, wall, cpu = timed(functools.partial(to_xlsx, tz=CAL.timezone), *args)
        ours.append((wall, cpu))
        read = load_workbook(io.BytesIO(book), read_only=True)
        sheets = [list(ws.iter_rows(values_only=True)) for ws in read.worksheets]
        _, wall, cpu = timed(bare_workbook, sheets)
        bare.append((wall, cpu))
    median = statistics.median
    return tuple((median(o[i] for o in ours), median(b[i] for b in bare)) for i in (0, 1))


async def median_ms(db: Database, run, repeat: int, warm_up: bool = True):
    times, out = [], None
    for i in range(repeat + warm_up):
        async with db.unit_of_work(dry_run=True) as session:
            start = time.perf_counter()
            out = await run(session)
            elapsed = (time.perf_counter() - start) * 1000
        if i or not warm_up:  # a warm-up fills statement caches and pages
            times.append(elapsed)
    return statistics.median(times), out


async def run_backend(backend: Backend, files, args) -> None:
    start = time.perf_counter()
    db = await build(backend, files, args.updates)
    setup = time.perf_counter() - start
    async with db.unit_of_work() as session:
        updates = await session.scalar(select(func.count()).select_from(ProgressUpdate))
        query = select(Assignment.status, func.count()).group_by(Assignment.status)
        mix = dict((await session.execute(query)).all())
    load = os.getloadavg()[0]
    floor_ms, total = await median_ms(db, floor, args.repeat)
    summary_ms, reply = await median_ms(db, tonghop, args.repeat)
    calls = (counts(), counts(by="group"), counts(by="agency"))
    parts = [(name, await median_ms(db, run, args.repeat)) for name, run in calls]
    overview_ms, figures = await median_ms(db, overview, args.repeat)
    rows_ms, detail = await median_ms(db, rows, args.xlsx_repeat, warm_up=False)
    xlsx_ms, book = await median_ms(db, xlsx, args.xlsx_repeat, warm_up=False)
    await db.dispose()
    (to_xlsx_ms, bare_ms), (to_xlsx_cpu, bare_cpu) = workbook_ratio(
        detail, figures, args.xlsx_repeat
    )
    (live,), by_group, by_agency = (result for _, (_, result) in parts)
    assert (figures.total, figures.by_group, figures.by_agency) == (live, by_group, by_agency)
    assert f"{live.total} nhiệm vụ" in reply and len(detail) == live.total
    mix = ", ".join(f"{s} {n:,}" for s, n in sorted(mix.items(), key=lambda kv: -kv[1]))
    print(f"\n{backend.name}: {total:,} assignments ({mix}), {updates:,} progress updates")
    print(f"  {live.total:,} live, {live.overdue:,} overdue on {TODAY}; setup {setup:.0f} s")
    print(f"  medians of {args.repeat}, report of {args.xlsx_repeat}; load average {load:.1f}")
    table = [
        ("SELECT count(*) FROM assignments (floor)", floor_ms, None),
        ("/tonghop: summary_command", summary_ms, TARGET_MS),
        *((name, ms, None) for name, (ms, _) in parts),
        ("the same figures: status_overview (1 query)", overview_ms, TARGET_MS),
        (f"report_rows ({len(detail):,} rows)", rows_ms, None),
        (f"build_report xlsx ({len(book) / 2**20:.1f} MiB)", xlsx_ms, None),
        ("to_xlsx alone (the workbook, styled and laid out)", to_xlsx_ms, None),
        ("bare openpyxl write-only, the same cells", bare_ms, None),
    ]
    width = max(len(label) for label, *_ in table)
    print(f"  {'figure'.ljust(width)} {'ms':>9} {'× floor':>9} {'target':>9}  verdict")
    for label, ms, target in table:
        goal = f"< {target} ms" if target else ""
        verdict = ("PASS" if ms < target else "BELOW") if target else ""
        print(f"  {label.ljust(width)} {ms:9.1f} {ms / floor_ms:9.1f} {goal:>9}  {verdict}")
    print(f"  the same two in CPU time: to_xlsx {to_xlsx_cpu:.1f} ms, bare {bare_cpu:.1f} ms")
    for clock, ours, plain in (("wall", to_xlsx_ms, bare_ms), ("CPU", to_xlsx_cpu, bare_cpu)):
        ratio = plain / ours
        verdict = "PASS" if ratio >= XLSX_RATIO else "BELOW"
        print(
            f"  workbook speed against bare openpyxl ({clock}): {ratio:.2f}"
            f" (>= {XLSX_RATIO})  {verdict}"
        )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("NHACVIEC_TEST_POSTGRES_URL", PG_URL))
    parser.add_argument("--assignments", type=int, default=100_000)
    parser.add_argument("--updates", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=7, help="median of N")
    parser.add_argument("--xlsx-repeat", type=int, default=3, help="median of N, for the report")
    args = parser.parse_args()
    names = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as tmp:
        files = write_files(Path(tmp), args.assignments // AGENCIES, AGENCIES)
        for name in names:
            backend = Backend(name, Path(tmp), args.pg_url)
            try:
                await run_backend(backend, files, args)
            finally:
                await backend.drop_all()


if __name__ == "__main__":
    asyncio.run(main())
