"""Configuration: the environment (and ``config.env``) parsed into one frozen object.

``load_settings`` collects every bad key before it stops, so an operator fixes
a file in one pass; each message names the key, the bad value and what is
accepted. Built once in ``main`` and passed down.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from storage.db import async_url

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///nhacviec.db"
TELEGRAM_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]{20,}$")
WEBHOOK_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
CONTINUOUS_CHECKINS = ("off", "monthly", "quarterly")


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
    overdue_every: int = 2
    escalate_after: int = 2
    extra_days_off: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    continuous_checkin: str = "off"
    sweep_seconds: int = 60
    language: str = "vi"
    clock_start: datetime | None = None
    clock_speed: float = 1.0


def _url(raw: str) -> str:
    if not re.match(r"^https?://[^\s/]+", raw):
        raise ValueError("accepted: an http:// or https:// URL")
    return raw.rstrip("/")


def _telegram_token(raw: str) -> str:
    if not TELEGRAM_TOKEN.match(raw):
        raise ValueError("accepted: the token from @BotFather, 123456:ABC-...")
    return raw


def _zalo_token(raw: str) -> str:
    if ":" not in raw or any(c.isspace() for c in raw):
        raise ValueError("accepted: the Zalo bot token, <bot_id>:<secret>")
    return raw


def _webhook_secret(raw: str) -> str:
    if not WEBHOOK_SECRET.match(raw) or len(raw) < 8:
        raise ValueError("accepted: 8 to 256 characters of A-Z a-z 0-9 _ -")
    return raw


def _listen(raw: str) -> str:
    host, sep, port = raw.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("accepted: HOST:PORT, for example 0.0.0.0:8080")
    return raw


def _timezone(raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("accepted: an IANA time zone such as Asia/Ho_Chi_Minh") from None


def _work_hours(raw: str) -> tuple[time, time]:
    match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", raw)
    if not match:
        raise ValueError("accepted: HH:MM-HH:MM, for example 07:30-17:00")
    h1, m1, h2, m2 = map(int, match.groups())
    try:
        start, end = time(h1, m1), time(h2, m2)
    except ValueError:
        raise ValueError("accepted: HH:MM-HH:MM with real times of day") from None
    if start >= end:
        raise ValueError("the start must be before the end")
    return start, end


def _positive_ints(raw: str) -> tuple[int, ...]:
    try:
        values = {int(part) for part in raw.split(",") if part.strip()}
    except ValueError:
        raise ValueError("accepted: whole numbers of working days, comma-separated") from None
    if not values or min(values) < 1:
        raise ValueError("accepted: whole numbers ≥ 1, comma-separated, for example 7,3,1")
    return tuple(sorted(values, reverse=True))


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"accepted: a whole number from {low} to {high}") from None
        if not low <= value <= high:
            raise ValueError(f"accepted: a whole number from {low} to {high}")
        return value

    return parse


def _dates(raw: str) -> frozenset[date]:
    out = set()
    for part in raw.split(","):
        if part.strip():
            try:
                out.add(date.fromisoformat(part.strip()))
            except ValueError:
                raise ValueError(f"{part.strip()!r} is not an ISO date YYYY-MM-DD") from None
    return frozenset(out)


def _choice(*allowed: str) -> Callable[[str], str]:
    def parse(raw: str) -> str:
        value = raw.strip().lower()
        if value not in allowed:
            raise ValueError("accepted: " + ", ".join(allowed))
        return value

    return parse


def _speed(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("accepted: a number > 0 (simulated seconds per second)") from None
    if not value > 0:
        raise ValueError("accepted: a number > 0 (simulated seconds per second)")
    return value


def _instant(raw: str) -> datetime:
    try:
        return datetime.fromisoformat(raw)
    except ValueError:
        raise ValueError("accepted: an ISO date-time such as 2024-03-01T07:00") from None


# key -> (Settings field, parser)
PARSERS: dict[str, tuple[str, Callable[[str], Any]]] = {
    "DATABASE_URL": ("database_url", async_url),
    "TELEGRAM_BOT_TOKEN": ("telegram_bot_token", _telegram_token),
    "TELEGRAM_API_URL": ("telegram_api_url", _url),
    "ZALO_BOT_TOKEN": ("zalo_bot_token", _zalo_token),
    "ZALO_API_URL": ("zalo_api_url", _url),
    "WEBHOOK_URL": ("webhook_url", _url),
    "WEBHOOK_SECRET": ("webhook_secret", _webhook_secret),
    "WEBHOOK_LISTEN": ("webhook_listen", _listen),
    "NHACVIEC_TIMEZONE": ("timezone", _timezone),
    "NHACVIEC_WORK_HOURS": ("work_hours", _work_hours),
    "NHACVIEC_REMIND_BEFORE": ("remind_before", _positive_ints),
    "NHACVIEC_OVERDUE_EVERY": ("overdue_every", _int_between(1, 60)),
    "NHACVIEC_ESCALATE_AFTER": ("escalate_after", _int_between(1, 60)),
    "NHACVIEC_EXTRA_DAYS_OFF": ("extra_days_off", _dates),
    "NHACVIEC_EXTRA_WORKDAYS": ("extra_workdays", _dates),
    "NHACVIEC_CONTINUOUS_CHECKIN": ("continuous_checkin", _choice(*CONTINUOUS_CHECKINS)),
    "NHACVIEC_SWEEP_SECONDS": ("sweep_seconds", _int_between(1, 3600)),
    "NHACVIEC_LANGUAGE": ("language", _choice("vi", "en")),
    "NHACVIEC_CLOCK_START": ("clock_start", _instant),
    "NHACVIEC_CLOCK_SPEED": ("clock_speed", _speed),
}


def parse_settings(env: Mapping[str, str]) -> Settings:
    """Parse a mapping of configuration keys; empty values mean "use the default"."""
    values: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for key, (name, parse) in PARSERS.items():
        raw = env.get(key)
        if raw is None or not raw.strip():
            continue
        try:
            values[name] = parse(raw.strip())
        except ValueError as exc:
            problems.append((key, f"{raw.strip()!r}: {exc}"))
    if "work_hours" in values:
        values["work_start"], values["work_end"] = values.pop("work_hours")
    if values.get("webhook_url") and not values.get("webhook_secret"):
        problems.append(("WEBHOOK_SECRET", "required when WEBHOOK_URL is set"))
    clash = values.get("extra_days_off", frozenset()) & values.get("extra_workdays", frozenset())
    if clash:
        days = ", ".join(sorted(d.isoformat() for d in clash))
        problems.append(("NHACVIEC_EXTRA_WORKDAYS", f"{days} also listed as a day off"))
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
        merged |= {k: v for k, v in dotenv_values(env_file).items() if v is not None}
    merged |= os.environ
    return parse_settings(merged)
