"""Engine and unit of work.

One ``AsyncSession`` per operation: ``unit_of_work`` commits once at the end
or rolls everything back when the block raises. Storage functions take the
session and only flush.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeAlias, TypeVar

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 5000
RETRY_WAITS = (0.2, 0.5, 1.0, 2.0, 4.0)  # seconds before each try of ``again_when_busy``
T = TypeVar("T")

# The session a unit of work yields, as ``bot/`` and ``scheduler/`` name it in type
# hints: they hand it to storage functions and never query through it themselves.
Session: TypeAlias = AsyncSession
# What reaching a database that is down, or not there, raises.
CONNECTION_ERRORS = (OperationalError, DBAPIError, OSError)


class BadDatabaseURL(ValueError):
    """Not a database URL at all (``unparsable``), or one of a database nhacviec does not use."""

    def __init__(self, unparsable: bool) -> None:
        super().__init__("not a database URL" if unparsable else "not SQLite or PostgreSQL")
        self.unparsable = unparsable


def async_url(raw: str) -> str:
    """``raw`` with the async driver nhacviec uses; ``BadDatabaseURL`` for anything else."""
    try:
        url = make_url(raw)
    except ArgumentError:
        raise BadDatabaseURL(unparsable=True) from None
    backend, _, driver = url.drivername.partition("+")
    # Plain URLs are accepted and given the async driver nhacviec uses.
    if backend == "sqlite" and driver in ("", "pysqlite", "aiosqlite"):
        return url.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend == "postgresql" and driver in ("", "psycopg", "psycopg2", "asyncpg"):
        return url.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise BadDatabaseURL(unparsable=False)


def display_url(url: str) -> str:
    """``url`` fit to print: the password hidden."""
    return make_url(url).render_as_string(hide_password=True)


def apply_sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the sweep read while a reply is being written; foreign keys are
    # off by default in SQLite and must be asked for on every connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, schema: str | None = None, **kwargs) -> AsyncEngine:
    """Create the async engine for ``url``.

    ``schema`` (PostgreSQL only) puts every table in that schema through the
    connection's ``search_path``; tests use it to share one database, a schema each.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql" and schema:
        connect_args = kwargs.setdefault("connect_args", {})
        connect_args.setdefault("server_settings", {})["search_path"] = schema
    engine = create_async_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", apply_sqlite_pragmas)
    return engine


def dialect_of(session: AsyncSession) -> str:
    """The name of the database ``session`` works on: ``postgresql`` or ``sqlite``."""
    return session.get_bind().dialect.name


def upsert_insert(session: AsyncSession, entity):
    """An INSERT for ``entity`` that can take ``on_conflict_do_nothing`` on either database."""
    dialect = dialect_of(session)
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(entity)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def unit_of_work(
    sessions: async_sessionmaker[AsyncSession], *, dry_run: bool = False
) -> AsyncIterator[AsyncSession]:
    """Yield a session in a transaction: committed on success, rolled back on error.

    With ``dry_run`` the work is done (and can be reported) but always rolled back.
    """
    async with sessions() as session:
        transaction = await session.begin()
        try:
            yield session
        except BaseException:
            await transaction.rollback()
            raise
        if dry_run:
            await transaction.rollback()
        else:
            await transaction.commit()


def is_busy(exc: BaseException) -> bool:
    """Whether ``exc`` is a write that found the database busy (SQLite's lock held past
    the busy timeout), so that the same transaction may simply be tried again."""
    return isinstance(exc, OperationalError) and "database is locked" in str(exc.orig)


class Database:
    """An engine and its session factory, opened once per process."""

    def __init__(self, url: str, *, schema: str | None = None, **engine_kwargs) -> None:
        self.url = url
        self.schema = schema
        self.engine = make_engine(url, schema=schema, **engine_kwargs)
        self.sessions = make_sessionmaker(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def unit_of_work(self, *, dry_run: bool = False):
        """A transaction around one operation; see ``unit_of_work``."""
        return unit_of_work(self.sessions, dry_run=dry_run)

    async def again_when_busy(self, work: Callable[[Session], Awaitable[T]]) -> T:
        """``work(session)`` in a unit of work, run again (a few times, a little later)
        when the database was busy: for what must be recorded, such as a message that
        went out, where giving up means sending it twice."""
        for wait in RETRY_WAITS:
            try:
                async with self.unit_of_work() as session:
                    return await work(session)
            except OperationalError as exc:
                if not is_busy(exc):
                    raise
            await asyncio.sleep(wait)
        async with self.unit_of_work() as session:
            return await work(session)

    async def dispose(self) -> None:
        await self.engine.dispose()
