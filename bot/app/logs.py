"""Where the service's log goes, and how much of it.

Our own loggers (``nhacviec.*``) speak at the configured level (``NHACVIEC_LOG_LEVEL``,
INFO by default): one line per nudge sent or failed and per update recorded. The
libraries' chatter (APScheduler's "Running job…" every sweep, httpx's line per request,
aiohttp's access log) stays at WARNING unless the level is DEBUG. With the console
channel the terminal is the chat, so the log goes to a file instead
(``NHACVIEC_LOG_FILE``, ``nhacviec.log`` by default) and never into the conversation.
"""

from __future__ import annotations

import logging
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
# Loggers that report every routine step; WARNING keeps their problems.
CHATTY = ("apscheduler", "httpx", "httpcore", "aiohttp.access", "telegram.ext", "alembic")
TOO_CHATTY = ("aiosqlite", "asyncio", "sqlalchemy", "hpack", "aiohttp")
CONSOLE_LOG_FILE = Path("nhacviec.log")


def configure(
    level: str = "info", *, console: bool = False, file: Path | None = None
) -> Path | None:
    """Set up the root handler; the file written to when not stderr."""
    level = level.upper()
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    target = file or (CONSOLE_LOG_FILE if console else None)
    handler: logging.Handler
    if target is not None:
        handler = logging.FileHandler(target, encoding="utf-8")
    else:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    quiet = logging.DEBUG if level == "DEBUG" else logging.WARNING
    for name in CHATTY:
        logging.getLogger(name).setLevel(quiet)
    for name in TOO_CHATTY:  # a line per query or per await, even at debug
        logging.getLogger(name).setLevel(logging.WARNING)
    return target
