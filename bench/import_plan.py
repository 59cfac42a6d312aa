"""Plan import speed against a raw ``executemany`` of the same rows (issue #2).

Generates 100 agencies (a001…a100), one collective holding all of them and a plan of
1,000 one-off tasks each led by that collective: 100,000 assignments. For each backend:

- import: reading the CSV, validation and ``import_plan`` in one unit of work, commit
  included, into a fresh database where the agencies were declared beforehand;
- re-import: the same file again (nothing changes);
- raw: in another fresh database holding the same agencies, plan and tasks, the same
  assignment rows (same columns the import writes) inserted by the driver itself —
  ``sqlite3.executemany`` or asyncpg ``executemany`` — in one transaction, commit included.

The ratio is import speed / raw speed; the target is at least 1/3.

    .venv/bin/python -m bench.import_plan [--backend sqlite|postgresql|both]
        [--tasks 1000] [--agencies 100] [--repeat 1] [--pg-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import sqlite3
import tempfile
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import asyncpg
from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url

from storage.db import Database, apply_sqlite_pragmas, make_engine
from storage.imports.directory import import_directory
from storage.imports.plan import import_plan
from storage.imports.tabular import read_table
from storage.migrate import upgrade
from storage.models import Assignment, Base
from tests.kit import HEADER as PLAN_HEADER
from tests.kit import NOW

TARGET = 1 / 3
COLLECTIVE = "Tất cả cơ quan, đơn vị"
COPIED = ("agencies", "collectives", "collective_members", "plans", "task_groups", "tasks")
# The columns the import writes (status, percent, status_note come from model defaults).
COLUMNS = "plan_id task_id agency_id period code plan_deadline deadline status percent status_note"
COLUMNS = tuple(COLUMNS.split())
HEADER = "backend|assignments|import s|assign/s|raw s|raw rows/s|ratio|target|verdict|re-import s"
PG_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
RAW_INSERT = f"INSERT INTO assignments ({', '.join(COLUMNS)}) VALUES ({{}})"


def write_files(folder: Path, tasks: int, agencies: int) -> tuple[list[Path], Path]:
    names = [f"Cơ quan thử nghiệm số {i:03d}" for i in range(1, agencies + 1)]
    files = {
        "agencies.csv": [("name", "short_code", "kind", "parent")],
        "groups.csv": [("group_label", "member", "member_type")],
        "plan.csv": [PLAN_HEADER.split(",")],
    }
    for i, name in enumerate(names, start=1):
        files["agencies.csv"].append((name, f"a{i:03d}", "provincial_agency", ""))
        files["groups.csv"].append((COLLECTIVE, name, "provincial_agency"))
    for i in range(tasks):
        group, number = i % 7 + 1, i // 7 + 1
        deadline = date(2024, 1, 1) + timedelta(days=i * 366 // tasks)  # spread over 2024
        title = f"Nhiệm vụ CCHC số {i + 1}"
        files["plan.csv"].append(
            (f"{group}.{number}", group, title, COLLECTIVE, "", deadline, "", "Báo cáo")
        )
    for file, rows in files.items():
        with open(folder / file, "w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(rows)
    return [folder / "agencies.csv", folder / "groups.csv"], folder / "plan.csv"


class Backend:
    """Fresh databases on one backend, and its raw driver."""

    def __init__(self, name: str, folder: Path, pg_url: str) -> None:
        self.name, self.folder, self.pg_url, self.schemas = name, folder, pg_url, []

    async def fresh(self) -> Database:
        if self.name == "sqlite":
            path = self.folder / f"{uuid.uuid4().hex[:8]}.db"
            db = Database(f"sqlite+aiosqlite:///{path}")
            db.path = path
        else:
            schema = f"bench_{uuid.uuid4().hex[:12]}"
            await self._admin(f'CREATE SCHEMA "{schema}"')
            self.schemas.append(schema)
            db = Database(self.pg_url, schema=schema)
            db.schema = schema
        await upgrade(db.engine)
        return db

    async def _admin(self, sql: str) -> None:
        admin = make_engine(self.pg_url)
        async with admin.begin() as conn:
            await conn.execute(text(sql))
        await admin.dispose()

    async def drop_all(self) -> None:
        for schema in self.schemas:
            await self._admin(f'DROP SCHEMA "{schema}" CASCADE')

    async def raw_insert(self, db: Database, rows: list[tuple]) -> float:
        """Seconds for the driver's own executemany of ``rows`` plus commit."""
        if self.name == "sqlite":
            rows = [tuple(v.isoformat() if isinstance(v, date) else v for v in r) for r in rows]
            conn = sqlite3.connect(db.path, isolation_level=None)
            apply_sqlite_pragmas(conn, None)  # the store's own WAL, foreign keys, sync
            sql = RAW_INSERT.format(", ".join("?" * len(COLUMNS)))
            start = time.perf_counter()
            conn.execute("BEGIN")
            conn.executemany(sql, rows)
            conn.execute("COMMIT")
            elapsed = time.perf_counter() - start
            conn.close()
            return elapsed
        dsn = make_url(self.pg_url).set(drivername="postgresql")
        conn = await asyncpg.connect(
            dsn.render_as_string(hide_password=False), server_settings={"search_path": db.schema}
        )
        sql = RAW_INSERT.format(", ".join(f"${i}" for i in range(1, len(COLUMNS) + 1)))
        start = time.perf_counter()
        async with conn.transaction():
            await conn.executemany(sql, rows)
        elapsed = time.perf_counter() - start
        await conn.close()
        return elapsed


async def declare(db: Database, agency_files: list[Path]) -> None:
    tables = [read_table(f, key_column=("name", "group_label")) for f in agency_files]
    async with db.unit_of_work() as session:
        await import_directory(session, tables)


async def timed_import(db: Database, plan_file: Path) -> tuple[float, int]:
    start = time.perf_counter()
    async with db.unit_of_work() as session:
        table = read_table(plan_file, key_column="code")
        report = await import_plan(session, table, NOW, year=2024)
    return time.perf_counter() - start, report.assignments_added


async def run_once(backend: Backend, agency_files: list[Path], plan_file: Path) -> dict:
    db = await backend.fresh()
    await declare(db, agency_files)
    import_s, added = await timed_import(db, plan_file)
    reimport_s, again = await timed_import(db, plan_file)
    assert again == 0, "re-import added assignments"
    async with db.engine.connect() as conn:
        copies = {
            t: (await conn.execute(select(Base.metadata.tables[t]))).mappings().all()
            for t in COPIED
        }
        query = select(*(getattr(Assignment, c) for c in COLUMNS)).order_by(Assignment.id)
        rows = [
            tuple(str(v) if c == "status" else v for c, v in zip(COLUMNS, r, strict=True))
            for r in (await conn.execute(query)).all()
        ]
    await db.dispose()
    raw_db = await backend.fresh()  # same agencies, plan and tasks (same ids), no assignments
    async with raw_db.engine.begin() as conn:
        for table, records in copies.items():
            if records:
                await conn.execute(insert(Base.metadata.tables[table]), [dict(r) for r in records])
    await raw_db.dispose()
    raw_s = await backend.raw_insert(raw_db, rows)
    assert len(rows) == added
    return {"rows": added, "import": import_s, "reimport": reimport_s, "raw": raw_s}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=os.environ.get("NHACVIEC_TEST_POSTGRES_URL", PG_URL))
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=1, help="best of N")
    args = parser.parse_args()
    names = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    lines = []
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as tmp:
        files = write_files(Path(tmp), args.tasks, args.agencies)
        for name in names:
            backend = Backend(name, Path(tmp), args.pg_url)
            try:
                runs = [await run_once(backend, *files) for _ in range(args.repeat)]
            finally:
                await backend.drop_all()
            best = {k: min(r[k] for r in runs) for k in ("import", "reimport", "raw")}
            rows = runs[0]["rows"]
            imp, raw = best["import"], best["raw"]
            ratio = raw / imp  # (rows / imp) / (rows / raw)
            verdict = "PASS" if ratio >= TARGET else "BELOW"
            lines.append(
                f"{name}|{rows:,}|{imp:.2f}|{rows / imp:,.0f}|{raw:.2f}|{rows / raw:,.0f}"
                f"|{ratio:.2f}|≥ {TARGET:.2f}|{verdict}|{best['reimport']:.2f}".split("|")
            )
    header = HEADER.split("|")
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(header)]
    for line in (header, *lines):
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths, strict=True)))


if __name__ == "__main__":
    asyncio.run(main())
