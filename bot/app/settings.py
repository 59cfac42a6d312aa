"""Configuration: the environment (and ``config.env``) parsed into one frozen object.

``load_settings`` collects every bad key before it stops, so an operator fixes
a file in one pass; each message names the key, the bad value and what is
accepted, except for ``SECRET_KEYS``: their value is never echoed. A
``config.env`` that group or others may write, or may read while it holds a
secret, is refused with the fix (``chmod 600 config.env``). Built once in
``main`` and passed down.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.texts import ADDRESSES, DAY_UNITS, t
from storage.db import BadDatabaseURL, async_url

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///nhacviec.db"
TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
CONTINUOUS_CHECKINS = ("off", "monthly", "quarterly")
# Keys whose value is a secret (a token, or a URL that may carry a password): a problem
# with one names the key and the rule, never the value.
SECRET_KEYS = frozenset(
    {
        "DATABASE_URL",
        "TELEGRAM_BOT_TOKEN",
        "ZALO_BOT_TOKEN",
        "WEBHOOK_SECRET",
        "NHACVIEC_SMTP_PASSWORD",
    }
)
DEADLINES_ON_DAY_OFF = ("next_workday", "as_written")
DIGEST_QUIET = ("silent", "notice")
SMTP_SECURITIES = ("starttls", "tls", "none")
EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ConfigError(Exception):
    """Start-up stops: ``problems`` holds (key, message) pairs."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{key}: {msg}" for key, msg in problems))


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    telegram_bot_token: str | None = None
    telegram_api_url: str | None = None
    zalo_bot_token: str | None = None
    zalo_api_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "0.0.0.0:8080"
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Asia/Ho_Chi_Minh"))
    work_start: time = time(7, 30)
    work_end: time = time(17, 0)
    remind_before: tuple[int, ...] = (7, 3, 1)
    overdue_every: int | None = None  # set: the legacy fixed interval instead of the ladder
    join_grace_days: int = 0  # a collective's new member: deadlines this soon after are not its
    escalate_after: int = 2
    extra_days_off: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    deadline_on_day_off: str = "next_workday"
    continuous_checkin: str = "off"
    sweep_seconds: int = 60
    language: str = "vi"
    log_level: str = "info"
    log_file: Path | None = None
    clock_start: datetime | None = None
    clock_speed: float = 1.0
    days_unit: str = "calendar"  # the one unit messages count days in
    address: str = "anh_chi"  # how Vietnamese texts address people
    digest_quiet: str = "silent"  # a daily digest with nothing new: not sent, or a notice
    # E-mail for people with no chat that works; on when ``smtp_host`` is set.
    smtp_host: str | None = None
    smtp_port: int | None = None  # None: the usual port of ``smtp_security``
    smtp_security: str = "starttls"
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str | None = None
    email_escalations: bool = False  # escalations also e-mailed to leaders and coordinators
    evidence_dir: Path = Path("evidence")  # where files sent as evidence are kept
    evidence_max_mb: int = 20  # Telegram's bots download at most 20 MB
    file_link_minutes: int = 10  # how long a Zalo file link lives when not downloaded
    overdue_ladder: tuple[int, ...] = (1, 3, 7)
    overdue_cap: int = 5
    checkin_time: time | None = None  # None: the start of work hours
    health_listen: str | None = None  # HOST:PORT of /healthz in polling mode
    metrics_listen: str | None = None  # HOST:PORT of the Prometheus /metrics


class Unaccepted(ValueError):
    """A bad value; ``key`` names the text saying what is accepted (``bot.texts``, config_*)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def _database_url(raw: str) -> str:
    try:
        return async_url(raw)
    except BadDatabaseURL as bad:
        key = "config_not_a_database_url" if bad.unparsable else "config_database_url"
        raise Unaccepted(key) from None


def _url(raw: str) -> str:
    if not re.match(r"^https?://[^\s/]+", raw):
        raise Unaccepted("config_url")
    return raw.rstrip("/")


def _webhook_url(raw: str) -> str:
    # Telegram and Zalo deliver webhooks over HTTPS only: an http:// URL would be
    # accepted here and then never called.
    if not re.match(r"^https://[^\s/]+", raw):
        raise Unaccepted("config_webhook_url")
    return raw.rstrip("/")


def _telegram_token(raw: str) -> str:
    if not TELEGRAM_TOKEN.match(raw):
        raise Unaccepted("config_telegram_token")
    return raw


def _zalo_token(raw: str) -> str:
    if ":" not in raw or any(c.isspace() for c in raw):
        raise Unaccepted("config_zalo_token")
    return raw


def _webhook_secret(raw: str) -> str:
    if not WEBHOOK_SECRET.match(raw) or len(raw) < 8:
        raise Unaccepted("config_webhook_secret")
    return raw


def _listen(raw: str) -> str:
    host, sep, port = raw.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise Unaccepted("config_listen")
    return raw


def _port(raw: str) -> str:
    """``PORT`` (on 127.0.0.1: a probe or a scraper on the same machine) or ``HOST:PORT``."""
    listen = f"127.0.0.1:{raw}" if raw.isdigit() else raw
    host, sep, port = listen.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise Unaccepted("config_port")
    return listen


def _timezone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise Unaccepted("config_timezone") from None


def _work_hours(raw: str) -> tuple[time, time]:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", raw)
    if not match:
        raise Unaccepted("config_work_hours")
    h1, m1, h2, m2 = map(int, match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise Unaccepted("config_work_hours_real") from None
    if start >= end:
        raise Unaccepted("config_work_hours_order")
    return start, end


def _clock_time(raw: str) -> time:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", raw)
    try:
        if not match:
            raise ValueError(raw)
        return time(int(match[1]), int(match[2]))
    except ValueError:
        raise Unaccepted("config_clock_time") from None


def _ladder(raw: str) -> tuple[int, ...]:
    return tuple(sorted(_positive_ints(raw)))


def _positive_ints(raw: str) -> tuple[int, ...]:
    try:
        values = {int(part) for part in raw.split(",") if part.strip()}
    except ValueError:
        raise Unaccepted("config_workdays") from None
    if not values or min(values) < 1:
        raise Unaccepted("config_positive_ints")
    return tuple(sorted(values, reverse=True))


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise Unaccepted("config_int_between", low=low, high=high) from None
        if not low <= value <= high:
            raise Unaccepted("config_int_between", low=low, high=high)
        return value

    return parse


def _dates(raw: str) -> frozenset[date]:
    out = set()
    for part in raw.split(","):
        if part.strip():
            try:
                out.add(date.fromisoformat(part.strip()))
            except ValueError:
                raise Unaccepted("config_not_a_date", value=repr(part.strip())) from None
    return frozenset(out)


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in allowed:
            raise Unaccepted("config_choice", choices=", ".join(allowed))
        return value

    return parse


def _on_off(raw: str) -> bool:
    return _choice("on", "off")(raw) == "on"


def _host(raw: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]", raw):
        raise Unaccepted("config_host")
    return raw


def _email(raw: str) -> str:
    if not EMAIL_ADDRESS.match(raw):
        raise Unaccepted("config_email")
    return raw


def _speed(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise Unaccepted("config_speed") from None
    if not value > 0:
        raise Unaccepted("config_speed")
    return value


def _instant(raw: str) -> datetime:
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise Unaccepted("config_instant") from None


# key -> (Settings field, parser)
PARSERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "DATABASE_URL": ("database_url", _database_url),
    "TELEGRAM_BOT_TOKEN": ("telegram_bot_token", _telegram_token),
    "TELEGRAM_API_URL": ("telegram_api_url", _url),
    "ZALO_BOT_TOKEN": ("zalo_bot_token", _zalo_token),
    "ZALO_API_URL": ("zalo_api_url", _url),
    "WEBHOOK_URL": ("webhook_url", _webhook_url),
    "WEBHOOK_SECRET": ("webhook_secret", _webhook_secret),
    "WEBHOOK_LISTEN": ("webhook_listen", _listen),
    "NHACVIEC_TIMEZONE": ("timezone", _timezone),
    "NHACVIEC_WORK_HOURS": ("work_hours", _work_hours),
    "NHACVIEC_REMIND_BEFORE": ("remind_before", _positive_ints),
    "NHACVIEC_OVERDUE_EVERY": ("overdue_every", _int_between(1, 60)),
    "NHACVIEC_JOIN_GRACE_DAYS": ("join_grace_days", _int_between(0, 365)),
    "NHACVIEC_ESCALATE_AFTER": ("escalate_after", _int_between(1, 60)),
    "NHACVIEC_OVERDUE_LADDER": ("overdue_ladder", _ladder),
    "NHACVIEC_OVERDUE_CAP": ("overdue_cap", _int_between(1, 60)),
    "NHACVIEC_CHECKIN_AT": ("checkin_time", _clock_time),  # the same, as issue 11 names it
    "NHACVIEC_CHECKIN_TIME": ("checkin_time", _clock_time),
    "NHACVIEC_EXTRA_DAYS_OFF": ("extra_days_off", _dates),
    "NHACVIEC_EXTRA_WORKDAYS": ("extra_workdays", _dates),
    "NHACVIEC_DEADLINE_ON_DAY_OFF": ("deadline_on_day_off", _choice(*DEADLINES_ON_DAY_OFF)),
    "NHACVIEC_CONTINUOUS_CHECKIN": ("continuous_checkin", _choice(*CONTINUOUS_CHECKINS)),
    "NHACVIEC_SWEEP_SECONDS": ("sweep_seconds", _int_between(1, 3600)),
    "NHACVIEC_LANGUAGE": ("language", _choice("vi", "en")),
    "NHACVIEC_LOG_LEVEL": ("log_level", _choice("debug", "info", "warning", "error")),
    "NHACVIEC_LOG_FILE": ("log_file", Path),
    "NHACVIEC_CLOCK_START": ("clock_start", _instant),
    "NHACVIEC_CLOCK_SPEED": ("clock_speed", _speed),
    "NHACVIEC_DAYS_UNIT": ("days_unit", _choice(*DAY_UNITS)),
    "NHACVIEC_ADDRESS": ("address", _choice(*ADDRESSES)),
    "NHACVIEC_DIGEST_QUIET": ("digest_quiet", _choice(*DIGEST_QUIET)),
    "NHACVIEC_SMTP_HOST": ("smtp_host", _host),
    "NHACVIEC_SMTP_PORT": ("smtp_port", _int_between(1, 65535)),
    "NHACVIEC_SMTP_SECURITY": ("smtp_security", _choice(*SMTP_SECURITIES)),
    "NHACVIEC_SMTP_USER": ("smtp_user", str),
    "NHACVIEC_SMTP_PASSWORD": ("smtp_password", str),
    "NHACVIEC_SMTP_FROM": ("smtp_from", _email),
    "NHACVIEC_EMAIL_ESCALATIONS": ("email_escalations", _on_off),
    "NHACVIEC_EVIDENCE_DIR": ("evidence_dir", Path),
    "NHACVIEC_EVIDENCE_MAX_MB": ("evidence_max_mb", _int_between(1, 20)),
    "NHACVIEC_FILE_LINK_MINUTES": ("file_link_minutes", _int_between(1, 120)),
    "NHACVIEC_HEALTH_PORT": ("health_listen", _port),
    "NHACVIEC_METRICS_PORT": ("metrics_listen", _port),
}


def parse_settings(env: Mapping[str, str]) -> Settings:
    """Parse a mapping of configuration keys; empty values mean "use the default".

    The problems are said in the language the mapping asks for (Vietnamese unless "en").
    """
    lang = "en" if (env.get("NHACVIEC_LANGUAGE") or "").strip().lower() == "en" else "vi"
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, (name, parse) in PARSERS.items():
        raw = env.get(key)
        if raw is None or not raw.strip():
            continue
        try:
            values[name] = parse(raw.strip())
        except ValueError as exc:
            said = t(lang, exc.key, **exc.values) if isinstance(exc, Unaccepted) else str(exc)
            problems.append((key, said if key in SECRET_KEYS else f"{raw.strip()!r}: {said}"))
    if "work_hours" in values:
        values["work_start"], values["work_end"] = values.pop("work_hours")
    start, end = values.get("work_start", time(7, 30)), values.get("work_end", time(17, 0))
    checkin = values.get("checkin_time")
    if checkin is not None and not start <= checkin < end:
        key = "NHACVIEC_CHECKIN_TIME" if env.get("NHACVIEC_CHECKIN_TIME") else "NHACVIEC_CHECKIN_AT"
        said = t(lang, "config_checkin_in_hours", start=f"{start:%H:%M}", end=f"{end:%H:%M}")
        problems.append((key, f"{checkin:%H:%M}: {said}"))
    secret_given = bool((env.get("WEBHOOK_SECRET") or "").strip())
    if values.get("webhook_url") and not secret_given:  # a bad one is already reported
        problems.append(("WEBHOOK_SECRET", t(lang, "config_secret_required")))
    if values.get("smtp_host") and not values.get("smtp_from"):
        problems.append(("NHACVIEC_SMTP_FROM", t(lang, "config_smtp_from_required")))
    if values.get("email_escalations") and not values.get("smtp_host"):
        problems.append(("NHACVIEC_EMAIL_ESCALATIONS", t(lang, "config_needs_smtp")))
    if bool(values.get("smtp_user")) != bool((env.get("NHACVIEC_SMTP_PASSWORD") or "").strip()):
        problems.append(("NHACVIEC_SMTP_PASSWORD", t(lang, "config_smtp_login_pair")))
    clash = values.get("extra_days_off", frozenset()) & values.get("extra_workdays", frozenset())
    if clash:
        days = ", ".join(sorted(d.isoformat() for d in clash))
        problems.append(("NHACVIEC_EXTRA_WORKDAYS", t(lang, "config_day_off_clash", days=days)))
    if problems:
        raise ConfigError(problems)
    settings = Settings(**values)
    if settings.clock_start is not None and settings.clock_start.tzinfo is None:
        # A naive start is read in the province's time zone.
        local_start = settings.clock_start.replace(tzinfo=settings.timezone)
        settings = replace(settings, clock_start=local_start)
    return settings


def load_settings(env_file: Path | None = Path("config.env")) -> Settings:
    """Settings from ``config.env`` (when present) overlaid by the real environment."""
    merged: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        from_file = {k: v for k, v in dotenv_values(env_file).items() if v is not None}
        _check_file_mode(env_file, from_file, {**from_file, **os.environ})
        merged |= from_file
    merged |= os.environ
    return parse_settings(merged)


def _check_file_mode(path: Path, from_file: Mapping[str, str], env: Mapping[str, str]) -> None:
    """Refuse a ``config.env`` that others may change, or read while it holds a secret."""
    mode = path.stat().st_mode
    writable = mode & (stat.S_IWGRP | stat.S_IWOTH)
    has_secret = any(
        (from_file.get(k) or "").strip() and (k != "DATABASE_URL" or "@" in from_file[k])
        for k in SECRET_KEYS
    )
    readable = mode & (stat.S_IRGRP | stat.S_IROTH) and has_secret
    if writable or readable:
        lang = "en" if (env.get("NHACVIEC_LANGUAGE") or "").strip().lower() == "en" else "vi"
        key = "config_file_writable" if writable else "config_file_readable"
        raise ConfigError([(str(path), t(lang, key, mode=f"{stat.S_IMODE(mode):o}", path=path))])
