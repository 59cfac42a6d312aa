"""``nhacviec backup`` while the service writes, and ``nhacviec restore`` into a fresh database.

The load is a writer inserting numbered inbound messages one transaction at a time: a
consistent copy holds a gap-free prefix of them (never a later one without an earlier),
at least those written before the backup began, and every other table exactly.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import make_url

from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.models import Base, InboundMessage
from tests.kit import sample_store
from tests.kit.cli import run

POSTGRES_URL = os.environ.get("NHACVIEC_TEST_POSTGRES_URL")


async def _counts(db: Database) -> dict[str, int]:
    async with db.engine.connect() as conn:
        return {
            name: (await conn.execute(select(func.count()).select_from(table))).scalar_one()
            for name, table in Base.metadata.tables.items()
        }


async def _message_numbers(db: Database) -> list[int]:
    async with db.engine.connect() as conn:
        keys = (await conn.execute(select(InboundMessage.update_key))).scalars().all()
    return sorted(int(k) for k in keys)


async def _write_messages(
    db: Database, stop: asyncio.Event, written: list[int], started: asyncio.Event
) -> None:
    number = 0
    while not stop.is_set():
        number += 1
        async with db.engine.begin() as conn:
            await conn.execute(
                insert(InboundMessage).values(
                    channel="console",
                    update_key=str(number),
                    chat_id="c1",
                    payload="{}",
                    received_at=datetime.now(UTC),
                )
            )
        written.append(number)
        if number == 50:
            started.set()
        await asyncio.sleep(0)


async def _backup_under_load(db: Database, tmp_path, env: dict[str, str], out) -> list[int]:
    """Run ``nhacviec backup`` while messages are written; the numbers written before it."""
    stop, started, written = asyncio.Event(), asyncio.Event(), []
    writer = asyncio.create_task(_write_messages(db, stop, written, started))
    await started.wait()
    before = list(written)
    done = await asyncio.to_thread(run, tmp_path, "backup", "--out", str(out), env=env)
    stop.set()
    await writer
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and "Đã sao lưu" in done.stdout
    return before


async def _check_restored(source: Database, restored: Database, before: list[int]) -> None:
    numbers = await _message_numbers(restored)
    assert numbers == list(range(1, len(numbers) + 1))  # a prefix: no gap, nothing torn
    assert len(numbers) >= len(before)
    expected = await _counts(source)
    got = await _counts(restored)
    expected.pop("inbound_messages"), got.pop("inbound_messages")
    assert got == expected
    assert expected["assignments"] > 100 and expected["people"] > 10


async def test_a_sqlite_backup_under_load_restores_every_row(tmp_path):
    source = Database(f"sqlite+aiosqlite:///{tmp_path / 'live.db'}")
    await sample_store(source.url)
    out = tmp_path / "backups" / "nhacviec-backup.db"
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}"}
    before = await _backup_under_load(source, tmp_path, env, out)
    assert not out.with_name(out.name + ".partial").exists()

    fresh = tmp_path / "fresh.db"
    env = {"DATABASE_URL": f"sqlite:///{fresh}"}
    done = run(tmp_path, "restore", str(out), env=env)
    assert done.returncode == 0, done.stderr
    assert "nhacviec init" in done.stdout
    restored = Database(f"sqlite+aiosqlite:///{fresh}")
    try:
        await _check_restored(source, restored, before)
        # the restored database is current: init has nothing to do, the service can start
        assert run(tmp_path, "init", env=env).returncode == 0
    finally:
        await restored.dispose()
        await source.dispose()


async def test_restore_refuses_a_database_in_use_and_a_file_that_is_no_backup(tmp_path):
    source = Database(f"sqlite+aiosqlite:///{tmp_path / 'live.db'}")
    await upgrade(source.engine)
    await source.dispose()
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'live.db'}"}
    out = tmp_path / "copy.db"
    assert run(tmp_path, "backup", "--out", str(out), env=env).returncode == 0

    refused = run(tmp_path, "restore", str(out), env=env)
    assert refused.returncode == 1
    assert "đã có dữ liệu" in refused.stderr and "--replace" in refused.stderr
    assert run(tmp_path, "restore", str(out), "--replace", env=env).returncode == 0

    junk = tmp_path / "notes.txt"
    junk.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    wrong = run(tmp_path, "restore", str(junk), env={"DATABASE_URL": "sqlite:///other.db"})
    assert wrong.returncode == 1
    assert "không phải bản sao lưu" in wrong.stderr and "Traceback" not in wrong.stderr
    missing = run(tmp_path, "backup", "--out", str(out), env={"DATABASE_URL": "sqlite:///nope.db"})
    assert missing.returncode == 1 and "Không có cơ sở dữ liệu" in missing.stderr


async def _create_database(name: str) -> str:
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def _drop_database(name: str) -> None:
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.mark.skipif(not POSTGRES_URL, reason="NHACVIEC_TEST_POSTGRES_URL is not set")
async def test_a_postgresql_backup_under_load_restores_every_row(tmp_path):
    tag = uuid.uuid4().hex[:10]
    names = (f"nv_backup_src_{tag}", f"nv_backup_dst_{tag}")
    source_url, target_url = [await _create_database(n) for n in names]
    source, restored = Database(source_url), Database(target_url)
    try:
        await sample_store(source.url)
        out = tmp_path / "nhacviec.dump"
        before = await _backup_under_load(source, tmp_path, {"DATABASE_URL": source_url}, out)
        done = run(tmp_path, "restore", str(out), env={"DATABASE_URL": target_url})
        assert done.returncode == 0, done.stderr
        await _check_restored(source, restored, before)
        again = run(tmp_path, "restore", str(out), env={"DATABASE_URL": target_url})
        assert again.returncode == 1 and "đã có dữ liệu" in again.stderr
    finally:
        await source.dispose()
        await restored.dispose()
        for name in names:
            await _drop_database(name)
