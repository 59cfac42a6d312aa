"""Who leads: of the ``nhacviec run`` processes on one database, exactly one works.

The leader holds a PostgreSQL session-level advisory lock on a connection of its own
for as long as it lives. It alone reads the chats' updates (one ``getUpdates`` per bot
token: no 409 conflicts), opens the webhook, plans, makes the digests and sends. The
others stand by, trying the lock every ``every`` seconds; when the leader dies its
connection closes, PostgreSQL drops the lock and one of them takes over within
seconds. The platform's flood limit is per bot token, so one sender already uses all
of it (``bench/checkin.py``); a second sender would only have to share it.

A leader whose lock connection breaks (the database restarted, the network) may no
longer be the only one: ``lost`` returns and the process stops, to start again as a
candidate. The ledger's claims (``FOR UPDATE SKIP LOCKED`` with a lease) keep even an
overlap at the handover from sending a nudge twice.

SQLite is single-process: the leader is whoever holds an exclusive ``flock`` on
``<database>.lock``; a second ``nhacviec run`` on the same file is refused at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.db import Database

log = logging.getLogger("nhacviec.leader")
# The lock's key: one per schema, so tests sharing a database in schemas stay apart.
TRY_LOCK = text("select pg_try_advisory_lock(hashtext('nhacviec.leader:' || current_schema()))")
UNLOCK = text("select pg_advisory_unlock_all()")
ALIVE = text("select 1")


class AlreadyRunning(Exception):
    """Another ``nhacviec run`` holds this SQLite database (``path`` is its lock file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(str(path))


class LeadershipLost(Exception):
    """The lock's connection broke: another process may lead now; this one must stop."""


class Leadership:
    def __init__(self, db: Database, worker: str, *, every: float = 1.0) -> None:
        self.db, self.worker, self.every = db, worker, every
        self._conn: AsyncConnection | None = None
        self._file: int | None = None

    @property
    def shared(self) -> bool:
        """True on PostgreSQL, where several processes may run on one database."""
        return self.db.engine.dialect.name == "postgresql"

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until this process leads (True) or ``stop`` is set first (False)."""
        if not self.shared:
            self._lock_file()
            return True
        waited = False
        while not stop.is_set():
            if await self._try():
                if waited:
                    log.warning("action=leader_took_over worker=%s", self.worker)
                else:
                    log.info("action=leader worker=%s", self.worker)
                return True
            if not waited:
                log.warning(
                    "action=standby worker=%s reason=%r",
                    self.worker,
                    "another nhacviec run leads on this database; taking over if it stops",
                )
                waited = True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.every)
        return False

    async def _try(self) -> bool:
        conn = await self.db.engine.connect()
        try:
            # Autocommit: the lock outlives transactions, and no transaction stays open.
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            got = bool((await conn.execute(TRY_LOCK)).scalar())
        except Exception:
            await conn.close()
            log.warning("action=leader_try_failed worker=%s", self.worker, exc_info=True)
            return False
        if not got:
            await conn.close()
            return False
        self._conn = conn
        return True

    async def lost(self, every: float = 2.0) -> None:
        """Return when this process may no longer be the only leader (never on SQLite)."""
        if self._conn is None:
            await asyncio.Event().wait()
            return
        while True:
            await asyncio.sleep(every)
            try:
                await self._conn.execute(ALIVE)
            except Exception as error:
                log.error(
                    "action=leadership_lost worker=%s error=%s: %s",
                    self.worker,
                    type(error).__name__,
                    error,
                )
                return

    async def release(self) -> None:
        """Give the lead up (closing the connection drops the lock)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            try:  # the connection goes back to the pool: the lock must not go with it
                await conn.execute(UNLOCK)
                await conn.close()
            except Exception:
                with contextlib.suppress(Exception):
                    await conn.invalidate()
        if self._file is not None:
            os.close(self._file)
            self._file = None

    def _lock_file(self) -> None:
        database = self.db.engine.url.database
        if not database or database == ":memory:":
            return
        path = Path(f"{database}.lock")
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise AlreadyRunning(path) from None
        self._file = handle
