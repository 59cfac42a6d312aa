"""Alembic environment.

nhacviec runs migrations from code (``storage.migrate``), handing Alembic an
open connection in ``config.attributes["connection"]``. Run by the ``alembic``
command instead, it connects to ``sqlalchemy.url`` or ``DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_own_engine(url: str) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_configure)
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _configure(connection)
else:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get(
        "DATABASE_URL", "sqlite+aiosqlite:///nhacviec.db"
    )
    asyncio.run(_run_with_own_engine(url))
