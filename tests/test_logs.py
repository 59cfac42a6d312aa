"""Log levels: our one-line records at the configured level, the libraries' chatter off."""

from __future__ import annotations

import logging

import pytest

from bot.app.logs import configure


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for name in ("apscheduler", "httpx", "nhacviec"):
        logging.getLogger(name).setLevel(logging.NOTSET)


def _log_everything() -> None:
    logging.getLogger("apscheduler.executors.default").info("Running job sweep")
    logging.getLogger("httpx").info("HTTP Request: POST https://api.telegram.org/bot***/send")
    logging.getLogger("httpx").warning("connection reset")
    logging.getLogger("nhacviec.sweep").info("action=nudge_sent nudge=7")
    logging.getLogger("nhacviec.sweep").debug("action=claim nudge=7")


def test_the_default_keeps_our_lines_and_drops_library_chatter(tmp_path, restore_logging):
    path = configure("info", file=tmp_path / "nhacviec.log")
    _log_everything()
    text = path.read_text(encoding="utf-8")
    assert "action=nudge_sent nudge=7" in text and "connection reset" in text
    assert "Running job" not in text and "HTTP Request" not in text
    assert "action=claim" not in text


def test_debug_lets_everything_through(tmp_path, restore_logging):
    path = configure("debug", file=tmp_path / "debug.log")
    _log_everything()
    text = path.read_text(encoding="utf-8")
    assert "Running job" in text and "HTTP Request" in text and "action=claim" in text


def test_the_console_channel_logs_to_a_file_not_the_terminal(
    tmp_path, monkeypatch, capsys, restore_logging
):
    monkeypatch.chdir(tmp_path)
    path = configure("warning", console=True)
    logging.getLogger("nhacviec.sweep").warning("action=nudge_failed nudge=3")
    captured = capsys.readouterr()
    assert "nudge_failed" not in captured.err + captured.out
    assert "action=nudge_failed nudge=3" in (tmp_path / path).read_text(encoding="utf-8")
