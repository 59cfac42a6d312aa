"""Migrated SQLite files for tests, copied from one migrated once per test run.

Running every Alembic migration takes most of a second on SQLite (its batch operations
reflect each table), and hundreds of tests want a fresh migrated store: each gets a byte
copy of a file migrated once, which is the same database. ``tests/test_migrations.py``
still runs the migrations themselves, from empty and step by step.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from storage.db import Database
from storage.migrate import upgrade

_migrated: Path | None = None


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL, or None for another backend or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    return Path(parsed.database)


async def migrate(database: Database) -> None:
    """``database`` at the latest revision: a copy of the once-migrated file when it is a
    SQLite file not opened yet, else the migrations run on it."""
    path = sqlite_path(database.url)
    if path is None or path.exists():
        await upgrade(database.engine)
        return
    shutil.copyfile(await _template(), path)


async def _template() -> Path:
    global _migrated
    if _migrated is None:
        path = Path(tempfile.mkdtemp(prefix="nhacviec-template-")) / "migrated.db"
        template = Database(f"sqlite+aiosqlite:///{path}")
        try:
            await upgrade(template.engine)
        finally:
            await template.dispose()
        _migrated = path
    return _migrated
