"""PostgreSQL schemas for tests: one migrated schema per test process, emptied between tests.

Migrating a new schema costs most of a second; emptying one costs a tenth. ``Shared``
makes one schema per process (per pytest-xdist worker), ``t_w_<worker>_<random>``, on
first use, and before each later test empties it with ``TRUNCATE … RESTART IDENTITY``. It
first compares the schema's shape with the one recorded right after migrating: a test
that changed it (a migration, an ALTER, a DROP), left the leader's lock held, or left a
lock that stops the ``TRUNCATE``, gets a freshly migrated schema instead. Random names
keep a schema left by a crashed run out of every later one.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import pool, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import Database, make_engine
from tests.kit.template import migrate

# What a test could change in a schema and the next test would notice, read from the
# catalogs as names, oids and flags: deparsing each definition would cost more than the
# TRUNCATE, and a default or constraint defined anew has a new oid. pg_class is scanned
# once: it is read whole each time, and the suite's schemas bloat it. Oids are the
# schema's own, so shapes compare only within one schema.
_SHAPE = text(
    """
    WITH rels AS MATERIALIZED (
        SELECT oid, relname, relkind FROM pg_class
         WHERE relnamespace = CAST(:schema AS regnamespace)
    )
    SELECT 'rel ' || r.relname || ' ' || r.oid::text || ' ' || r.relkind::text FROM rels r
    UNION ALL
    SELECT 'col ' || a.attrelid::text || ' ' || a.attname || ' ' || a.atttypid::text || ' '
           || a.atttypmod::text || ' ' || a.attnotnull::text || ' ' || a.atthasdef::text
      FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid
     WHERE a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'def ' || d.oid::text || ' ' || d.adrelid::text || ' ' || d.adnum::text
      FROM rels r JOIN pg_attrdef d ON d.adrelid = r.oid
    UNION ALL
    SELECT 'con ' || k.oid::text || ' ' || k.conname || ' ' || k.contype::text || ' '
           || k.conrelid::text || ' '
           || k.confrelid::text || ' ' || coalesce(k.conkey::text, '') || ' '
           || coalesce(k.confkey::text, '') || ' ' || k.confdeltype::text
      FROM rels r JOIN pg_constraint k ON k.conrelid = r.oid
    UNION ALL
    SELECT 'idx ' || i.indexrelid::text || ' ' || i.indrelid::text || ' ' || i.indkey::text
           || ' ' || i.indisunique::text || ' ' || (i.indpred IS NOT NULL)::text
      FROM rels r JOIN pg_index i ON i.indexrelid = r.oid
    UNION ALL
    SELECT 'trg ' || t.tgname || ' ' || t.tgrelid::text
      FROM rels r JOIN pg_trigger t ON t.tgrelid = r.oid
     WHERE NOT t.tgisinternal
    UNION ALL
    SELECT 'fun ' || p.oid::text
      FROM pg_proc p WHERE p.pronamespace = CAST(:schema AS regnamespace)
    UNION ALL
    SELECT 'typ ' || t.oid::text
      FROM pg_type t WHERE t.typnamespace = CAST(:schema AS regnamespace)
    """
)
# The leader's advisory lock (``storage/leader.py``) is keyed by the schema: a test that
# left it held would stop the next test on the schema from leading.
_LEADER_LOCKED = text(
    """
    SELECT count(*) FROM pg_locks
     WHERE locktype = 'advisory' AND objsubid = 1
       AND ((classid::bigint << 32) | objid::bigint)
           = hashtext('nhacviec.leader:' || :schema)::bigint
    """
)
_TABLES = text(
    "SELECT tablename FROM pg_tables"
    " WHERE schemaname = :schema AND tablename <> 'alembic_version' ORDER BY tablename"
)


def admin_engine(url: str) -> AsyncEngine:
    # No pool: each test runs in an event loop of its own, and an asyncpg connection
    # cannot move to another loop.
    return make_engine(url, poolclass=pool.NullPool)


async def create_schema(url: str, schema: str) -> None:
    admin = admin_engine(url)
    try:
        async with admin.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    finally:
        await admin.dispose()


async def drop_schema(url: str, schema: str) -> None:
    admin = admin_engine(url)
    try:
        async with admin.begin() as conn:
            # A connection a test leaked inside a transaction would make DROP wait forever.
            await conn.execute(text("SET LOCAL lock_timeout = '10s'"))
            await conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await admin.dispose()


async def _shape(conn, schema: str) -> frozenset[str]:
    rows = (await conn.execute(_SHAPE, {"schema": schema})).scalars().all()
    versions = await conn.execute(text(f'SELECT version_num FROM "{schema}".alembic_version'))
    return frozenset(rows) | {f"ver {v}" for v in versions.scalars()}


@dataclass(frozen=True)
class _Migrated:
    name: str
    tables: tuple[str, ...]  # every table but alembic_version: what TRUNCATE empties
    shape: frozenset[str]  # ``_SHAPE`` and the revision, right after migrating


class Shared:
    """The migrated schema of one test process on the server of ``url``."""

    def __init__(self, url: str, worker: str) -> None:
        self.url = url
        self.worker = worker
        self.made: list[str] = []  # schemas made and not dropped yet
        self._current: _Migrated | None = None

    async def database(self) -> Database:
        """A new ``Database`` on the schema, migrated and holding no rows."""
        if self._current is not None and not await self._emptied(self._current):
            try:
                await drop_schema(self.url, self._current.name)
                self.made.remove(self._current.name)
            except DBAPIError:  # still locked: ``drop_all`` tries again
                pass
            self._current = None
        if self._current is None:
            self._current = await self._migrated()
        return Database(self.url, schema=self._current.name)

    async def drop_all(self) -> list[str]:
        """Drop the schemas this process made; the problems of those that stay."""
        problems = []
        for schema in list(self.made):
            try:
                await drop_schema(self.url, schema)
                self.made.remove(schema)
            except DBAPIError as error:
                problems.append(f"test schema {schema} not dropped: {error}")
        self._current = None
        return problems

    async def _migrated(self) -> _Migrated:
        schema = f"t_w_{self.worker}_{uuid.uuid4().hex[:10]}"
        await create_schema(self.url, schema)
        self.made.append(schema)
        database = Database(self.url, schema=schema)
        try:
            await migrate(database)
        finally:
            await database.dispose()
        admin = admin_engine(self.url)
        try:
            async with admin.connect() as conn:
                tables = tuple((await conn.execute(_TABLES, {"schema": schema})).scalars())
                for table in tables:  # TRUNCATE would take away a row a migration put in
                    row = await conn.execute(text(f'SELECT 1 FROM "{schema}"."{table}" LIMIT 1'))
                    if row.first() is not None:
                        raise RuntimeError(f"a migration fills {table}: TRUNCATE would lose it")
                shape = await _shape(conn, schema)
        finally:
            await admin.dispose()
        return _Migrated(schema, tables, shape)

    async def _emptied(self, migrated: _Migrated) -> bool:
        """Empty ``migrated``'s tables; False when the schema is no longer as migrated."""
        admin = admin_engine(self.url)
        try:
            async with admin.begin() as conn:
                if await _shape(conn, migrated.name) != migrated.shape:
                    return False
                if (await conn.execute(_LEADER_LOCKED, {"schema": migrated.name})).scalar():
                    return False
                # A lock a leaked connection holds: a new schema, rather than a hung run.
                await conn.execute(text("SET LOCAL lock_timeout = '5s'"))
                names = ", ".join(f'"{migrated.name}"."{table}"' for table in migrated.tables)
                await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return True
        except DBAPIError:  # the schema or its alembic_version gone, the lock timeout
            return False
        finally:
            await admin.dispose()
