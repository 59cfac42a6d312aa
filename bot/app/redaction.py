"""Secrets never reach a log line, an error or a traceback (issue 17, point 2).

``install`` (called by the command line once the settings are read) puts one
``Redactor`` in front of every logger, ours and the libraries' (httpx logs each
request URL, aiohttp and python-telegram-bot their errors): it is applied when
a record is made, so whatever handler writes it later only sees the cleaned
text, traceback included. An uncaught exception's traceback goes through it
too. What it removes:

- a Bot API token in a URL, ``/bot<TOKEN>/method`` (Telegram and Zalo alike);
- anything shaped like a Telegram token (``123456:ABC…``) anywhere in a text;
- the configured secrets themselves: ``TELEGRAM_BOT_TOKEN``, ``ZALO_BOT_TOKEN``,
  ``WEBHOOK_SECRET`` and the password of ``DATABASE_URL``;
- a password in any URL (``scheme://user:PASSWORD@host``);
- invite codes after ``/start`` or in a deep link (``?start=CODE``).
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from collections.abc import Iterable

HIDDEN = "***"
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/bot[^/\s:%]*(?::|%3A)[^/\s?#\"']+", re.IGNORECASE), f"/bot{HIDDEN}"),
    (re.compile(r"\b\d{5,}:[A-Za-z0-9_-]{20,}"), HIDDEN),
    (re.compile(r"(://[^:/@\s]*:)[^@/\s]+@"), rf"\g<1>{HIDDEN}@"),
    (re.compile(r"(/start(?:@\w+)?\s+|[?&]start=)[A-Za-z0-9_-]+"), rf"\g<1>{HIDDEN}"),
)
PASSWORD = re.compile(r"://[^:/@\s]*:([^@/\s]+)@")


def secrets_of(settings) -> list[str]:
    """The configured values no text may show."""
    values = [settings.telegram_bot_token, settings.zalo_bot_token, settings.webhook_secret]
    values.append(getattr(settings, "smtp_password", None))
    password = PASSWORD.search(settings.database_url or "")
    if password:
        values.append(password.group(1))
    return [v for v in values if v and len(v) >= 4]


class Redactor(logging.Filter):
    """A filter that rewrites a record's message and traceback without the secrets."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Longest first: a value containing another is hidden whole.
        self.secrets = sorted(set(secrets), key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        for pattern, replacement in PATTERNS:
            text = pattern.sub(replacement, text)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep the record as it is, redacted
            message = str(record.msg)
        clean = self.redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


_installed: Redactor | None = None


def install(secrets: Iterable[str] = ()) -> Redactor:
    """Apply a ``Redactor`` to every log record from now on and to uncaught tracebacks.

    Called again, it only takes the new secrets (one redactor per process).
    """
    global _installed
    if _installed is not None:
        _installed.secrets = Redactor([*_installed.secrets, *secrets]).secrets
        return _installed
    redactor = _installed = Redactor(secrets)
    make_record = logging.getLogRecordFactory()

    def factory(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redactor.filter(record)
        return record

    logging.setLogRecordFactory(factory)

    def excepthook(kind, value, tb) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(redactor.redact(text))

    sys.excepthook = excepthook
    return redactor
