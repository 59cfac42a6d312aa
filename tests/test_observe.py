"""The audit trail, ``/healthz``, the metrics and ``nhacviec status``, in parts.

(``tests/test_observe_run.py`` watches a whole ``nhacviec run``.)
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.app.channel_state import ChannelAlerts
from bot.app.health import assess, stale_after
from bot.app.observe import Observer
from bot.app.settings import ConfigError, Settings, parse_settings
from bot.app.status import problem_text
from bot.channels.health import Board
from bot.channels.webhook import WebhookServer
from scheduler.clock import ManualClock
from scheduler.sweep import RoundReport
from storage import audit, service_state
from storage.db import Database, make_engine
from storage.migrate import upgrade
from tests.conftest import POSTGRES_URL
from tests.fakes.recording_channel import RecordingChannel
from tests.kit.cli import run

NOW = datetime(2024, 1, 22, 0, 40, tzinfo=UTC)
WALL = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
LOCAL = "127.0.0.1:0"


class Wall:
    def __init__(self, at: datetime = WALL) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def settings(**values) -> Settings:
    return replace(Settings(), sweep_seconds=60, **values)


# -- the audit trail --------------------------------------------------------------------


async def test_an_audit_line_is_written_when_its_transaction_commits_and_never_if_not(db, caplog):
    caplog.set_level(logging.INFO, logger="nhacviec.audit")
    seen: list[tuple[str, dict]] = []
    undo = audit.subscribe(lambda action, fields: seen.append((action, dict(fields))))
    try:
        with pytest.raises(RuntimeError):
            async with db.unit_of_work() as session:
                audit.later(session, "update_recorded", {"assignment": "1.3", "text": "rolled"})
                raise RuntimeError("the turn failed")
        assert caplog.messages == [] and seen == []
        async with db.unit_of_work() as session:
            await service_state.ping(session)
            audit.later(session, "update_recorded", {"assignment": "1.3", "text": "xong rồi"})
            assert caplog.messages == []  # not before the commit
        assert caplog.messages == ['action=update_recorded assignment=1.3 text="xong rồi"']
        assert seen == [("update_recorded", {"assignment": "1.3", "text": "xong rồi"})]
    finally:
        undo()


def test_an_audit_line_clips_what_a_person_wrote_and_quotes_spaces():
    long = "đang làm " + "rất " * 30 + "nhiều"
    line = audit.line("update_recorded", {"person": 7, "text": audit.excerpt(long), "x": None})
    assert line.startswith('action=update_recorded person=7 text="đang làm rất')
    assert line.endswith('…"') and len(audit.excerpt(long)) == audit.EXCERPT
    assert audit.excerpt("xong\n\nrồi") == "xong rồi"


# -- health -----------------------------------------------------------------------------


def test_health_is_judged_on_the_database_the_last_sweep_and_the_channels():
    up = [{"name": "telegram", "state": "up"}]
    sweep = {"at": NOW.isoformat(), "sent": 1}
    fresh = {"sweep": sweep, "sweep_wall": WALL - timedelta(seconds=30)}
    started = WALL - timedelta(hours=1)
    common = {"wall": WALL, "sweep_seconds": 60, "running_since": started}
    assert assess(database=True, channels=up, **fresh, **common).healthy
    old = WALL - stale_after(60) - timedelta(seconds=1)
    stale = assess(database=True, channels=up, sweep=sweep, sweep_wall=old, **common)
    assert stale.problems == ["sweep_stale"]
    never = assess(database=True, channels=up, sweep=None, sweep_wall=None, **common)
    assert never.problems == ["no_sweep"]
    starting = common | {"running_since": WALL - timedelta(seconds=10)}
    assert assess(database=True, channels=up, sweep=None, sweep_wall=None, **starting).healthy
    failing = [{"name": "zalo", "state": "failing"}, {"name": "telegram", "state": "stopped"}]
    bad = assess(database=False, channels=failing, **fresh, **common)
    assert bad.problems == ["database", "channel_failing:zalo", "channel_stopped:telegram"]
    gone = assess(database=True, channels=up, **fresh, **(common | {"running_since": None}))
    assert gone.problems == ["not_running"]


def test_a_channel_fails_after_troubles_in_a_row_and_recovers_on_success():
    board = Board(Wall())
    board.started("telegram")
    for _ in range(2):
        board.trouble("telegram", TimeoutError("timed out"))
    assert board.channels["telegram"].state == "up"
    board.trouble("telegram", TimeoutError("timed out"))
    health = board.channels["telegram"]
    assert health.state == "failing" and health.last_error == "TimeoutError: timed out"
    board.ok("telegram")
    assert board.channels["telegram"].state == "up"
    board.stopped("telegram")
    assert board.snapshot()[0].to_json()["state"] == "stopped"


async def test_a_channel_gone_dark_or_refused_its_token_is_shown_until_it_is_back(db):
    board = Board(Wall())
    channels = {"telegram": RecordingChannel("telegram"), "zalo": RecordingChannel("zalo")}
    alerts = ChannelAlerts(db, channels, "vi", health=board)
    board.started("telegram")
    board.started("zalo")
    await alerts("telegram", "dark")
    await alerts("zalo", "token_rejected")
    states = [h.to_json() for h in board.snapshot()]
    assert [(h["name"], h["state"]) for h in states] == [
        ("telegram", "dark"),
        ("zalo", "token_rejected"),
    ]
    common = {"wall": WALL, "sweep_seconds": 60, "running_since": WALL - timedelta(hours=1)}
    fresh = {"sweep": {"at": NOW.isoformat()}, "sweep_wall": WALL}
    health = assess(database=True, channels=states, **fresh, **common)
    assert health.problems == ["channel_dark:telegram", "channel_token_rejected:zalo"]
    assert problem_text("vi", health.problems[0]) == "kênh telegram mất kết nối tới nền tảng"
    await alerts("telegram", "ok")
    assert board.channels["telegram"].state == "up"
    assert board.channels["zalo"].state == "token_rejected"  # until the operator restarts


async def _observer(db: Database, board: Board, **values) -> Observer:
    observer = Observer(
        settings(**values), db, ManualClock(NOW), board=board, wall=Wall(), worker="test:1"
    )
    await observer.start()
    return observer


async def test_healthz_answers_200_when_healthy_and_503_with_the_problem_when_not(db):
    board = Board(Wall())
    board.started("telegram")
    observer = await _observer(db, board, health_listen=LOCAL)
    try:
        url = f"http://127.0.0.1:{observer.health_port}/healthz"
        async with httpx.AsyncClient() as client:
            await service_state.note_sweep(db, NOW, "test:1", RoundReport(sent=2), WALL)
            ok = await client.get(url)
            for _ in range(3):
                board.trouble("telegram", ConnectionError("Bad Gateway"))
            failing = await client.get(url)
    finally:
        await observer.stop()
    assert ok.status_code == 200, ok.text
    body = ok.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["last_sweep"]["at"] == NOW.isoformat() and body["last_sweep"]["sent"] == 2
    assert body["channels"][0]["name"] == "telegram" and body["channels"][0]["state"] == "up"
    assert failing.status_code == 503
    assert failing.json()["problems"] == ["channel_failing:telegram"]
    assert failing.json()["channels"][0]["last_error"] == "ConnectionError: Bad Gateway"


async def test_healthz_answers_503_when_the_database_does_not(tmp_path):
    gone = Database(f"sqlite+aiosqlite:///{tmp_path / 'no-such-folder' / 'x.db'}")
    board = Board(Wall())
    board.started("zalo")
    observer = await _observer(gone, board, health_listen=LOCAL)
    try:
        async with httpx.AsyncClient() as client:
            answer = await client.get(f"http://127.0.0.1:{observer.health_port}/healthz")
    finally:
        await observer.stop()
        await gone.dispose()
    assert answer.status_code == 503
    assert answer.json()["database"] == "unreachable"
    assert answer.json()["problems"][0] == "database"


async def test_healthz_rides_on_the_webhook_server_while_the_service_runs(db):
    board = Board(Wall())
    observer = await _observer(db, board)  # no health port of its own
    assert observer.health_port is None
    server = WebhookServer(LOCAL)
    await server.start()
    try:
        async with httpx.AsyncClient() as client:
            answer = await client.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()
        await observer.stop()
    assert answer.status_code in (200, 503) and "last_sweep" in answer.json()
    later = WebhookServer(LOCAL)
    assert "/healthz" not in later.paths  # the service stopped: no more health route


# -- metrics ----------------------------------------------------------------------------


async def test_metrics_count_the_audit_events_and_the_429s_and_show_the_queue(db):
    board = Board(Wall())
    board.started("telegram")
    observer = await _observer(db, board, metrics_listen=LOCAL, health_listen=LOCAL)
    try:
        assert observer.metrics_port == observer.health_port  # one server for both
        sent = {"outcome": "sent", "channel": "telegram"}
        audit.emit("nudge_sent", sent)
        audit.emit("nudge_sent", sent)
        audit.emit("nudge_failed", {"outcome": "retry", "retry": "no", "channel": ""})
        audit.emit("nudge_skipped", {"reason": "done"})
        audit.emit("update_recorded", {"channel": "telegram"})
        board.rate_limited("telegram")
        await service_state.note_sweep(db, NOW, "test:1", RoundReport(), WALL)
        await observer.refresh()
        async with httpx.AsyncClient() as client:
            scraped = await client.get(f"http://127.0.0.1:{observer.metrics_port}/metrics")
    finally:
        await observer.stop()
    assert scraped.status_code == 200
    body = scraped.text
    assert 'nhacviec_nudges_total{channel="telegram",outcome="sent"} 2.0' in body
    assert 'nhacviec_nudges_total{channel="",outcome="failed"} 1.0' in body
    assert 'nhacviec_nudges_total{channel="",outcome="skipped"} 1.0' in body
    assert 'nhacviec_updates_recorded_total{channel="telegram"} 1.0' in body
    assert 'nhacviec_rate_limited_total{channel="telegram"} 1.0' in body
    assert "nhacviec_queue_depth 0.0" in body and "nhacviec_nudges_due 0.0" in body
    assert "nhacviec_last_sweep_age_seconds 0.0" in body
    audit.emit("nudge_sent", {"outcome": "sent", "channel": "telegram"})  # unsubscribed
    assert observer.metrics is not None
    sample = {"outcome": "sent", "channel": "telegram"}
    assert observer.metrics.registry.get_sample_value("nhacviec_nudges_total", sample) == 2


# -- settings ---------------------------------------------------------------------------


def test_health_and_metrics_ports_are_read_and_a_bad_one_names_its_key():
    parsed = parse_settings({"NHACVIEC_HEALTH_PORT": "8081", "NHACVIEC_METRICS_PORT": "[::]:9100"})
    assert parsed.health_listen == "127.0.0.1:8081" and parsed.metrics_listen == "[::]:9100"
    assert parse_settings({}).health_listen is None and parse_settings({}).metrics_listen is None
    with pytest.raises(ConfigError) as bad:
        parse_settings({"NHACVIEC_METRICS_PORT": "metrics", "NHACVIEC_HEALTH_PORT": "70000"})
    assert [key for key, _ in bad.value.problems] == [
        "NHACVIEC_HEALTH_PORT",
        "NHACVIEC_METRICS_PORT",
    ]
    assert "PORT" in bad.value.problems[0][1] and "'70000'" in bad.value.problems[0][1]


# -- nhacviec status --------------------------------------------------------------------


async def _create_database() -> tuple[str, str]:
    name = f"nv_status_{uuid.uuid4().hex[:10]}"
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return name, make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


async def _drop_database(name: str) -> None:
    admin = make_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store_url(request, tmp_path):
    """A migrated database the CLI reaches by its URL, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("NHACVIEC_TEST_POSTGRES_URL is not set: PostgreSQL run skipped")
    name, url = await _create_database()
    try:
        yield url
    finally:
        await _drop_database(name)


async def test_status_shows_the_service_and_exits_non_zero_when_unhealthy(store_url, tmp_path):
    from tests.kit import declare_agencies, load_people, load_plan

    db = Database(store_url)
    try:
        await upgrade(db.engine)
        await declare_agencies(db)
        await load_plan(db)
        await load_people(db)
        env = {"DATABASE_URL": store_url, "NHACVIEC_CLOCK_START": "2024-01-22T07:40"}
        never = run(tmp_path, "status", env=env)
        assert never.returncode == 1, never.stderr
        assert "Lần quét gần nhất: chưa có" in never.stdout
        assert "dịch vụ không chạy" in never.stdout

        wall = datetime.now(UTC)  # the CLI judges on the real clock
        board = Board(lambda: wall)
        board.started("telegram")
        board.ok("telegram")
        observer = Observer(settings(), db, ManualClock(NOW), board=board, wall=lambda: wall)
        observer.started_at, observer.worker = wall, "host:42"
        await observer.refresh()
        await service_state.note_sweep(db, NOW, "host:42", RoundReport(claimed=3, sent=3), wall)
        healthy = run(tmp_path, "status", env=env)
        english = run(tmp_path, "status", env=env | {"NHACVIEC_LANGUAGE": "en"})
        as_json = run(tmp_path, "status", "--json", env=env)

        board.stopped("telegram")
        observer.stopped_at = wall
        await observer.refresh()
        stopped = run(tmp_path, "status", env=env)
    finally:
        await db.dispose()
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    lines = healthy.stdout.splitlines()
    assert lines[0] == "Tình trạng: BÌNH THƯỜNG"
    assert "Tiến trình: host:42" in lines
    assert lines[2].startswith("Lần quét gần nhất: 22/01/2024 07:40:00 (cách đây ")
    assert lines[2].endswith("nhận 3, đã gửi 3, lỗi 0")
    assert re.match(r"Hàng đợi nhắc việc: \d+ \(đến hạn ngay: \d+, đang xử lý: 0\)", lines[3])
    assert lines[4].startswith("Kênh telegram: hoạt động; thành công gần nhất ")
    assert "Người chưa liên kết tài khoản chat: 81" in lines
    assert "Đề nghị gia hạn chờ duyệt: 0" in lines
    assert english.returncode == 0 and english.stdout.startswith("Status: HEALTHY\n")
    assert "People with no linked chat: 81" in english.stdout
    found = json.loads(as_json.stdout)
    assert found["status"] == "ok" and found["unlinked"] == 81
    assert found["queue"]["claimed"] == 0 and found["pending_extensions"] == 0
    assert stopped.returncode == 1
    assert "Tình trạng: CÓ VẤN ĐỀ" in stopped.stdout
    assert "⚠ dịch vụ không chạy (nhacviec run)" in stopped.stdout
    assert "⚠ kênh telegram đã dừng" in stopped.stdout


def test_status_on_a_database_not_initialised_says_so(tmp_path):
    result = run(tmp_path, "status")
    assert result.returncode == 1 and "nhacviec init" in result.stderr
    assert "Traceback" not in result.stderr
