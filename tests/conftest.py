"""Shared fixtures.

``db`` is a fresh, migrated database per test: a SQLite file in the test's
temporary folder (a copy of one migrated once, ``tests/kit/template.py``), and again a
fresh PostgreSQL schema when ``NHACVIEC_TEST_POSTGRES_URL`` is set (CI sets it).
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import Database, make_engine
from tests.kit.template import migrate

POSTGRES_URL = os.environ.get("NHACVIEC_TEST_POSTGRES_URL")


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
    admin = make_engine(POSTGRES_URL)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await admin.dispose()
    return Database(POSTGRES_URL, schema=schema), schema


async def _drop_schema(schema: str) -> None:
    admin = make_engine(POSTGRES_URL)
    async with admin.begin() as conn:
        await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    await admin.dispose()


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
        await _drop_schema(schema)


@pytest.fixture
async def db(empty_db):
    """A fresh database migrated to the latest revision, on each backend."""
    await migrate(empty_db)
    return empty_db
