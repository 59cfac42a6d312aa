"""Small helpers shared by tests: loading the sample directory and plan."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.db import Database
from storage.imports.directory import import_directory, import_people
from storage.imports.plan import import_plan
from storage.imports.tabular import read_table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SHARED_DATA = ROOT.parent / "shared" / "data"  # beside the clone in CI, not on a user's machine
NOW = datetime(2024, 1, 2, 1, 0, tzinfo=UTC)
AGENCY_FILES = (DATA / "kontum-2024-agencies.csv", DATA / "kontum-2024-agency-groups.csv")
PLAN_FILE = DATA / "kontum-2024-plan.csv"
PEOPLE_FILE = DATA / "kontum-2024-people.csv"


async def declare_agencies(db: Database, files=AGENCY_FILES) -> None:
    tables = [read_table(f, key_column=("name", "group_label")) for f in files]
    async with db.unit_of_work() as session:
        await import_directory(session, tables)


async def load_plan(db: Database, path: Path = PLAN_FILE, now: datetime = NOW, **kwargs):
    async with db.unit_of_work() as session:
        return await import_plan(session, read_table(path, key_column="code"), now, **kwargs)


async def load_people(db: Database, path: Path = PEOPLE_FILE, now: datetime = NOW):
    async with db.unit_of_work() as session:
        return await import_people(session, read_table(path, key_column="full_name"), now)


async def count(db: Database, model, *where) -> int:
    async with db.unit_of_work() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason="../shared/data is not beside this clone"
)
