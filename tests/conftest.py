"""Shared fixtures.

``db`` is a migrated database holding no rows, on each backend:

- SQLite: a fresh file in the test's temporary folder, a copy of one migrated once
  (``tests/kit/template.py``);
- PostgreSQL, when ``NHACVIEC_TEST_POSTGRES_URL`` is set (CI sets it): one schema per
  process (per pytest-xdist worker), ``t_w_<worker>_<random>``, migrated on first use and
  emptied before each test (``TRUNCATE … RESTART IDENTITY``, ids start at 1 again). A test
  that changed the schema's shape or revision, or left a lock on it, costs the next test
  a freshly migrated schema instead (``tests/kit/schemas.py``). Each process drops the
  schemas it made when its session ends.

``empty_db`` is a database with no tables, new for each test (a file, or a schema of
its own dropped afterwards), for tests that run the migrations themselves.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import uuid
from pathlib import Path

import pytest

from storage.db import Database
from tests.kit.schemas import Shared, create_schema, drop_schema
from tests.kit.template import migrate

POSTGRES_URL = os.environ.get("NHACVIEC_TEST_POSTGRES_URL")
# pytest-xdist names each worker (gw0, gw1…); a run on one process has none.
_shared = (
    Shared(POSTGRES_URL, os.environ.get("PYTEST_XDIST_WORKER", "main")) if POSTGRES_URL else None
)


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch):
    """Fail any test that tries to reach beyond this machine (PTB's OfflineRequest idea)."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (
            host.startswith("127.") or host in ("localhost", "::1") or host.startswith("/")
        ):
            raise RuntimeError(f"test tried to reach {address!r}: only loopback is allowed")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


async def _sqlite_db(tmp_path: Path) -> Database:
    return Database(f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}")


async def _postgres_db() -> tuple[Database, str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    await create_schema(POSTGRES_URL, schema)
    return Database(POSTGRES_URL, schema=schema), schema


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_db(request, tmp_path):
    """A fresh database with no tables, on each backend."""
    if request.param == "sqlite":
        database = await _sqlite_db(tmp_path)
        yield database
        await database.dispose()
        return
    if not POSTGRES_URL:
        pytest.skip("NHACVIEC_TEST_POSTGRES_URL is not set: PostgreSQL run skipped")
    database, schema = await _postgres_db()
    try:
        yield database
    finally:
        await database.dispose()
        await drop_schema(POSTGRES_URL, schema)


@pytest.fixture(params=["sqlite", "postgresql"])
async def db(request, tmp_path):
    """A migrated database holding no rows, on each backend (see above)."""
    if request.param == "sqlite":
        database = await _sqlite_db(tmp_path)
        await migrate(database)
    elif _shared is None:
        pytest.skip("NHACVIEC_TEST_POSTGRES_URL is not set: PostgreSQL run skipped")
    else:
        database = await _shared.database()
    try:
        yield database
    finally:
        await database.dispose()


def pytest_sessionfinish(session):
    # Every process runs this hook, the xdist controller too; only a process that ran a
    # PostgreSQL ``db`` test has schemas to drop, and it drops only its own.
    if _shared is not None and _shared.made:
        for problem in asyncio.run(_shared.drop_all()):
            print(problem, file=sys.stderr)
