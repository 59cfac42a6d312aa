"""Secrets never shown (issue 17, point 2): tokens, passwords and invite codes stay out of
every log line, error and traceback of ``nhacviec run`` against the fake Bot APIs."""

from __future__ import annotations

import asyncio
import io
import logging
import signal
import sys
from pathlib import Path

import pytest

from bot.app.redaction import Redactor
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.zalo_api import FakeZaloAPI
from tests.kit import sample_store
from tests.kit.cli import call as cli
from tests.kit.cli import clean_env

SCRIPT = str(Path(sys.executable).with_name("nhacviec"))
CHAT = 5551
WRONG_TELEGRAM = "999999:WRONG-TOKEN-abcdefghijklmnopq"
WRONG_ZALO = "999999:WrongZaloSecret_abcdefgh"


def logged(redactor: Redactor, emit) -> str:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(redactor)
    logger = logging.getLogger("tests.secrets")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return out.getvalue()


def test_redactor_hides_tokens_passwords_and_codes_in_messages_and_tracebacks():
    redactor = Redactor(["123456:TOKEN-abc", "db-pass-word"])

    def emit(log: logging.Logger) -> None:
        log.info('HTTP Request: POST %s "HTTP/1.1 200 OK"', "http://x/bot42:Zalo_secret/getMe")
        log.info("token %s and %s", "123456:TOKEN-abc", "777777:ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        log.warning("db postgresql+asyncpg://app:other-pass@db/nv, said db-pass-word")
        log.info("update text=/start Ab12_cd-EF link=https://t.me/b?start=Zz9_xy")
        try:
            raise RuntimeError("GET https://api.telegram.org/bot123456:TOKEN-abc/getMe failed")
        except RuntimeError:
            log.exception("action=failed")

    text = logged(redactor, emit)
    for secret in (
        "Zalo_secret",
        "TOKEN-abc",
        "ABCDEFGHIJKLMNOP",
        "other-pass",
        "db-pass-word",
        "Ab12_cd-EF",
        "Zz9_xy",
    ):
        assert secret not in text
    assert "/bot***/getMe" in text and "Traceback" in text and "RuntimeError" in text
    assert "app:***@db/nv" in text and "/start ***" in text


@pytest.fixture
async def setup(tmp_path):
    async with (
        FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api,
        FakeZaloAPI(max_long_poll=0.5) as zalo,
    ):
        env = clean_env() | {
            "TELEGRAM_BOT_TOKEN": api.token,
            "TELEGRAM_API_URL": api.url,
            "ZALO_BOT_TOKEN": zalo.token,
            "ZALO_API_URL": zalo.url,
            "NHACVIEC_CLOCK_START": "2024-01-22T07:40",
            "NHACVIEC_SWEEP_SECONDS": "1",
        }
        await sample_store(f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}")
        status, out, err = await cli(tmp_path, env, "invite", "Phan Ngọc Phương")
        assert status == 0, err
        code = out.split("?start=", 1)[1].split()[0]
        yield api, zalo, env, code, tmp_path


async def test_a_run_logs_no_token_and_no_invite_code(setup):
    api, zalo, env, code, cwd = setup
    process = await asyncio.create_subprocess_exec(
        SCRIPT,
        "run",
        cwd=cwd,
        env=env | {"NHACVIEC_LOG_LEVEL": "debug"},  # httpx's request lines are logged too
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL,
    )
    try:
        await api.wait_for("setMyCommands", timeout=60)
        api.push_command(CHAT, f"/start {code}")
        zalo.push_text("z-stranger", f"/start {code}x")
        await api.wait_for(lambda c: c.method == "sendMessage", timeout=60)
        await zalo.wait_for(lambda c: c.method == "sendMessage", timeout=60)
        process.send_signal(signal.SIGTERM)
        out, err = await asyncio.wait_for(process.communicate(), 60)
    finally:
        if process.returncode is None:
            process.kill()
    log = out.decode() + err.decode()
    assert "HTTP Request: POST" in log  # httpx logged the Zalo calls ...
    assert f"{zalo.url}/bot***/" in log  # ... with the token hidden
    for secret in (api.token, zalo.token, api.token.split(":")[1], zalo.token.split(":")[1]):
        assert secret not in log
    assert code not in log


@pytest.mark.parametrize(
    ("key", "wrong"), [("TELEGRAM_BOT_TOKEN", WRONG_TELEGRAM), ("ZALO_BOT_TOKEN", WRONG_ZALO)]
)
async def test_a_rejected_token_is_one_line_and_exit_1(setup, key, wrong):
    *_, env, _code, cwd = setup
    env = env | {key: wrong}
    if key == "ZALO_BOT_TOKEN":
        env.pop("TELEGRAM_BOT_TOKEN")
    status, out, err = await cli(cwd, env, "run")
    assert status == 1 and "Traceback" not in err
    assert err.splitlines()[-1] == (
        f"Nền tảng từ chối {key} (token sai hoặc đã bị thu hồi): hãy kiểm tra lại {key}."
    )
    assert wrong not in out + err and wrong.split(":")[1] not in out + err
