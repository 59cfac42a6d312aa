"""Backups that restore: a consistent copy of the database while the service runs.

SQLite: the online backup API of the standard library's ``sqlite3`` copies the
pages under a read transaction, so a writer going on meanwhile never leaves a
half-written copy (a plain file copy of a WAL database can). PostgreSQL:
``pg_dump --format=custom`` (one snapshot of the whole database) and
``pg_restore``; both are PostgreSQL's own client programs, found on ``PATH``.

Restoring refuses a target that already holds nhacviec's tables unless asked to
replace it: a restore over a live database is an operator's decision, not a default.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

# The table every migrated nhacviec database has (Alembic's own).
VERSION_TABLE = "alembic_version"


class BackupFailed(Exception):
    """A backup or restore that could not be made; ``key`` names the catalogue text."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class BackupDone:
    path: Path
    size: int  # bytes written


def _sqlite_file(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupFailed("backup_no_file")
    return Path(url.database)


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for PostgreSQL's programs, the password in the environment
    (never on a command line, where ``ps`` shows it)."""
    args = ["--dbname", url.database or "postgres"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupFailed("backup_no_program", program=name)
    return found


def _run(command: list[str], env: dict[str, str]) -> str:
    """Run a PostgreSQL program; its output, or ``BackupFailed`` naming its error line."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = _error_line(done.stderr)
        raise BackupFailed("backup_program_failed", program=Path(command[0]).name, detail=detail)
    return done.stdout


def _error_line(stderr: str) -> str:
    """The line a PostgreSQL program names its error on (the rest is context)."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    said = [line for line in lines if "error:" in line.lower() or "fatal:" in line.lower()]
    return (said or lines or ["?"])[0]


def _backup_sqlite(source: Path, out: Path) -> None:
    if not source.is_file():
        raise BackupFailed("backup_no_database", path=str(source))
    partial = out.with_name(out.name + ".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        partial.unlink(missing_ok=True)  # left by a copy that was cut short
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst, pages=1024)  # steps: writers are not held off for the whole copy
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(out)  # a finished copy or none: never a half-written file under its name


def _restore_sqlite(backup: Path, target: Path, replace: bool) -> None:
    src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        intact = src.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not intact or not _has_version_table(src):
            raise BackupFailed("restore_not_a_backup", path=str(backup))
        dst = sqlite3.connect(target)
        try:
            if _has_version_table(dst) and not replace:
                raise BackupFailed("restore_target_in_use", target=str(target))
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.DatabaseError:
        raise BackupFailed("restore_not_a_backup", path=str(backup)) from None
    finally:
        src.close()


def _has_version_table(connection: sqlite3.Connection) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return connection.execute(query, (VERSION_TABLE,)).fetchone() is not None


def _backup_postgres(url: URL, out: Path) -> None:
    args, env = _libpq(url)
    partial = out.with_name(out.name + ".partial")
    _run([_program("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial), *args], env)
    partial.replace(out)


def _restore_postgres(url: URL, backup: Path, replace: bool) -> None:
    args, env = _libpq(url)
    listed = subprocess.run(
        [_program("pg_restore"), "--list", str(backup)], capture_output=True, text=True, check=False
    )
    if listed.returncode != 0 or VERSION_TABLE not in listed.stdout:
        raise BackupFailed("restore_not_a_backup", path=str(backup))
    if not replace and _postgres_in_use(args, env):
        raise BackupFailed("restore_target_in_use", target=url.database or "")
    command = [_program("pg_restore"), "--no-owner", "--exit-on-error", "--single-transaction"]
    if replace:
        command += ["--clean", "--if-exists"]
    _run([*command, *args, str(backup)], env)


def _postgres_in_use(args: list[str], env: dict[str, str]) -> bool:
    query = f"SELECT to_regclass('{VERSION_TABLE}') IS NOT NULL"
    psql = [_program("psql"), "--no-psqlrc", "--tuples-only", "--no-align", "--command", query]
    return _run([*psql, *args], env).strip() == "t"


def backup(database_url: str, out: Path) -> BackupDone:
    """Write a consistent copy of the database at ``database_url`` to ``out``.

    Blocking (a file or a child process): call it from a thread inside an event loop.
    """
    url = make_url(database_url)
    out.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(_sqlite_file(url), out)
    else:
        _backup_postgres(url, out)
    return BackupDone(out, out.stat().st_size)


def restore(database_url: str, backup_file: Path, *, replace: bool = False) -> None:
    """Bring ``backup_file`` back into the database at ``database_url``.

    The service must be stopped. A target that already holds nhacviec's tables is
    refused unless ``replace``.
    """
    if not backup_file.is_file():
        raise BackupFailed("restore_no_file", path=str(backup_file))
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _restore_sqlite(backup_file, _sqlite_file(url), replace)
    else:
        _restore_postgres(url, backup_file, replace)
