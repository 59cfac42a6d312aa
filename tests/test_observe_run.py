"""Watching a real ``nhacviec run`` against the fake Bot API: the audit trail in its log,
``/healthz`` and ``/metrics`` over HTTP, and ``nhacviec status`` from another process."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import socket
import sys
from pathlib import Path

import httpx
import pytest

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import sample_store
from tests.kit.cli import call as cli
from tests.kit.cli import clean_env, start_run

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))
CHAT = 5551


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def audit_lines(log: str) -> list[dict[str, str]]:
    """The ``nhacviec.audit`` lines of a log, as their key=value fields."""
    found = []
    for line in log.splitlines():
        if " nhacviec.audit " not in line:
            continue
        fields = line.split(" nhacviec.audit ", 1)[1]
        pairs = re.findall(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)', fields)
        found.append({k: json.loads(v) if v.startswith('"') else v for k, v in pairs})
    return found


async def wait_healthy(client: httpx.AsyncClient, url: str) -> httpx.Response:
    """The first healthy answer after a sweep round ended."""
    for _ in range(300):  # a hang guard: each try waits for the service, not a deadline
        response = await client.get(url)
        if response.status_code == 200 and response.json()["last_sweep"]:
            return response
        await asyncio.sleep(0.1)
    raise AssertionError(f"never healthy: {response.text}")


@pytest.fixture
async def setup(tmp_path):
    async with FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api:
        env = clean_env()
        health, metrics = free_port(), free_port()
        env |= {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "NHACVIEC_CLOCK_START": "2024-01-22T07:40",
            "NHACVIEC_SWEEP_SECONDS": "1",
            "NHACVIEC_LOG_FILE": str(tmp_path / "run.log"),
            "NHACVIEC_HEALTH_PORT": str(health),
            "NHACVIEC_METRICS_PORT": str(metrics),
        }
        await sample_store(f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}")
        code, out, err = await cli(tmp_path, env, "invite", "Phan Ngọc Phương")
        assert code == 0, err
        invite = out.split("?start=", 1)[1].split()[0]
        yield api, env, invite, tmp_path, health, metrics


async def test_a_run_writes_its_audit_trail_and_answers_health_metrics_and_status(setup):
    api, env, invite, cwd, health_port, metrics_port = setup
    process = await start_run(cwd, env, stdout=asyncio.subprocess.PIPE)
    try:
        await api.wait_for("setMyCommands", timeout=30)
        api.push_command(CHAT, f"/start {invite}")
        await api.wait_for(
            lambda c: c.method == "sendMessage" and "1.3 — " in str(c.params.get("text")),
            timeout=30,
        )
        [nudge] = [m for m in api.sent_messages(CHAT) if "1.3 — " in m.plain_text]
        reply = api.push_command(CHAT, "/capnhat 1.3 dang lam 45%")
        await api.wait_for(
            lambda c: c.method == "sendMessage" and "45%" in str(c.params.get("text")),
            timeout=30,
        )
        async with httpx.AsyncClient(timeout=10) as client:
            healthy = await wait_healthy(client, f"http://127.0.0.1:{health_port}/healthz")
            scraped = (await client.get(f"http://127.0.0.1:{metrics_port}/metrics")).text
        running_status = await cli(cwd, env, "status")
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), 30)
    finally:
        if process.returncode is None:
            process.kill()
    assert process.returncode == 0

    body = healthy.json()
    assert body["status"] == "ok" and body["database"] == "ok"
    assert body["last_sweep"]["at"].startswith("2024-01-22T")
    assert [(c["name"], c["state"]) for c in body["channels"]] == [("telegram", "up")]

    assert re.search(r'nhacviec_nudges_total\{channel="telegram",outcome="sent"\} [1-9]', scraped)
    assert 'nhacviec_updates_recorded_total{channel="telegram"} 1.0' in scraped
    assert 'nhacviec_rate_limited_total{channel="telegram"} 0.0' in scraped
    assert 'nhacviec_channel_up{channel="telegram"} 1.0' in scraped
    assert "nhacviec_queue_depth " in scraped and "nhacviec_last_sweep_age_seconds " in scraped

    code, out, err = running_status
    assert code == 0, out + err
    assert out.startswith("Tình trạng: BÌNH THƯỜNG\n")
    assert "Kênh telegram: hoạt động" in out and "Lần quét gần nhất: 22/01/2024" in out
    stopped = await cli(cwd, env, "status")
    assert stopped[0] == 1 and "Kênh telegram: đã dừng" in stopped[1]

    log = (cwd / "run.log").read_text(encoding="utf-8")
    assert api.token not in log and api.token.split(":")[1] not in log
    lines = audit_lines(log)
    sent = [line for line in lines if line["action"] == "nudge_sent"]
    # One line per nudge (a ledger row): a check-in carries several, each named once.
    carried = [line for line in sent if line["message"] == str(nudge.message_id)]
    assert carried and len({line["nudge"] for line in carried}) == len(carried), sent
    assert {line["person"] for line in carried} == {carried[0]["person"]}
    assert "before:7" in {line["kind"] for line in carried}, carried
    for line in carried:
        assert line["channel"] == "telegram"
        assert {"nudge", "assignment", "person", "attempt", "worker"} <= set(line)
    mine = carried
    [recorded] = [line for line in lines if line["action"] == "update_recorded"]
    assert recorded["assignment"].startswith("1.3") and recorded["status"] == "in_progress"
    assert recorded["percent"] == "45" and recorded["chat"] == str(CHAT)
    assert recorded["message"] == str(reply["message"]["message_id"])
    assert recorded["update_key"] == str(reply["update_id"])
    assert recorded["text"] == "/capnhat 1.3 dang lam 45%"
    assert recorded["person"] == mine[0]["person"]
