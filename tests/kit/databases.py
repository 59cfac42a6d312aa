"""A fresh PostgreSQL database for tests that run ``nhacviec`` as a subprocess.

Schemas (``tests/conftest.py``) serve tests inside one process; a subprocess reaches a
database by its URL alone, so it gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import make_engine
from tests.conftest import POSTGRES_URL


@asynccontextmanager
async def fresh_postgres(prefix: str) -> AsyncIterator[str]:
    """The URL of a new, empty database on ``NHACVIEC_TEST_POSTGRES_URL``'s server."""
    assert POSTGRES_URL, "NHACVIEC_TEST_POSTGRES_URL is not set"
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()
