from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

import pytest

from bot.app.settings import SECRET_KEYS, ConfigError, Settings, load_settings, parse_settings


def test_defaults_follow_the_spec():
    settings = parse_settings({})
    assert settings == Settings()
    assert settings.database_url == "sqlite+aiosqlite:///nhacviec.db"
    assert (settings.work_start, settings.work_end) == (time(7, 30), time(17, 0))
    assert settings.remind_before == (7, 3, 1)
    assert settings.timezone == ZoneInfo("Asia/Ho_Chi_Minh")
    assert settings.telegram_bot_token is None and settings.language == "vi"


def test_values_are_parsed():
    settings = parse_settings(
        {
            "DATABASE_URL": "postgresql://u@db/nhacviec",
            "NHACVIEC_WORK_HOURS": "08:00-16:30",
            "NHACVIEC_REMIND_BEFORE": "1, 5,3",
            "NHACVIEC_EXTRA_DAYS_OFF": "2024-11-20",
            "NHACVIEC_CLOCK_START": "2024-03-01T07:00",
            "NHACVIEC_LANGUAGE": "EN",
        }
    )
    assert settings.database_url == "postgresql+asyncpg://u@db/nhacviec"
    assert settings.work_start == time(8) and settings.work_end == time(16, 30)
    assert settings.remind_before == (5, 3, 1)
    assert settings.extra_days_off == frozenset({date(2024, 11, 20)})
    assert settings.clock_start.tzinfo == ZoneInfo("Asia/Ho_Chi_Minh")
    assert settings.language == "en"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("DATABASE_URL", "mysql://x/y"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("TELEGRAM_API_URL", "ftp://x"),
        ("NHACVIEC_TIMEZONE", "Hanoi"),
        ("NHACVIEC_WORK_HOURS", "17:00-07:30"),
        ("NHACVIEC_WORK_HOURS", "9-5"),
        ("NHACVIEC_REMIND_BEFORE", "7,0"),
        ("NHACVIEC_OVERDUE_EVERY", "two"),
        ("NHACVIEC_ESCALATE_AFTER", "0"),
        ("NHACVIEC_EXTRA_DAYS_OFF", "30/4/2024"),
        ("NHACVIEC_SWEEP_SECONDS", "0"),
        ("NHACVIEC_LANGUAGE", "fr"),
        ("NHACVIEC_CLOCK_START", "yesterday"),
        ("NHACVIEC_CLOCK_SPEED", "-1"),
        ("NHACVIEC_CONTINUOUS_CHECKIN", "weekly"),
        ("WEBHOOK_LISTEN", "8080"),
    ],
)
def test_a_bad_value_names_its_key(key, value):
    with pytest.raises(ConfigError) as info:
        parse_settings({key: value})
    assert [k for k, _ in info.value.problems] == [key]
    said = info.value.problems[0][1]
    assert (value.strip() not in said) if key in SECRET_KEYS else (value.strip() in said)


@pytest.mark.parametrize(
    ("key", "value", "secret"),
    [
        ("DATABASE_URL", "mysql://admin:hunter2-pw@db/nhacviec", "hunter2-pw"),
        ("DATABASE_URL", "postgresql://admin:hunter2 pw@db:x/nhacviec", "hunter2"),
        ("TELEGRAM_BOT_TOKEN", "123456:short-secret", "short-secret"),
        ("ZALO_BOT_TOKEN", "no colon secret value", "secret value"),
        ("WEBHOOK_SECRET", "s3cr!", "s3cr"),
    ],
)
def test_a_bad_secret_is_named_by_its_key_never_shown(key, value, secret):
    with pytest.raises(ConfigError) as info:
        parse_settings({key: value})
    ((named, said),) = info.value.problems
    assert named == key and said and secret not in said and secret not in str(info.value)


def test_every_bad_key_is_reported_at_once():
    with pytest.raises(ConfigError) as info:
        parse_settings(
            {
                "NHACVIEC_LANGUAGE": "fr",
                "NHACVIEC_SWEEP_SECONDS": "x",
                "WEBHOOK_URL": "https://example.org/hook",
            }
        )
    keys = sorted(k for k, _ in info.value.problems)
    assert keys == ["NHACVIEC_LANGUAGE", "NHACVIEC_SWEEP_SECONDS", "WEBHOOK_SECRET"]


def test_config_env_file_is_read_and_environment_wins(tmp_path, monkeypatch):
    path = tmp_path / "config.env"
    path.write_text("NHACVIEC_OVERDUE_EVERY=5\nNHACVIEC_LANGUAGE=en\n")
    monkeypatch.delenv("NHACVIEC_OVERDUE_EVERY", raising=False)
    monkeypatch.setenv("NHACVIEC_LANGUAGE", "vi")
    settings = load_settings(path)
    assert settings.overdue_every == 5 and settings.language == "vi"


def test_config_env_others_may_change_is_refused_with_the_fix(tmp_path, monkeypatch):
    monkeypatch.delenv("NHACVIEC_LANGUAGE", raising=False)
    path = tmp_path / "config.env"
    path.write_text("NHACVIEC_OVERDUE_EVERY=5\n")
    path.chmod(0o666)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    ((key, said),) = info.value.problems
    assert key == str(path) and "666" in said and f"chmod 600 {path}" in said
    path.chmod(0o644)  # others may read it, but it holds no secret
    assert load_settings(path).overdue_every == 5


def test_config_env_with_a_secret_others_may_read_is_refused(tmp_path, monkeypatch):
    for key in ("NHACVIEC_LANGUAGE", "TELEGRAM_BOT_TOKEN"):
        monkeypatch.delenv(key, raising=False)
    path = tmp_path / "config.env"
    path.write_text("TELEGRAM_BOT_TOKEN=123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ\n")
    path.chmod(0o640)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    said = info.value.problems[0][1]
    assert "640" in said and "chmod 600" in said and "ABCDEFGHIJ" not in said
    path.chmod(0o600)
    assert load_settings(path).telegram_bot_token == "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def test_a_webhook_url_must_be_https_and_the_error_says_why():
    with pytest.raises(ConfigError) as info:
        parse_settings({"WEBHOOK_URL": "http://bot.example.org/hook", "WEBHOOK_SECRET": "x" * 16})
    ((key, said),) = info.value.problems
    assert key == "WEBHOOK_URL" and "https://" in said and "HTTPS" in said
    ok = parse_settings(
        {"WEBHOOK_URL": "https://bot.example.org/hook/", "WEBHOOK_SECRET": "x" * 16}
    )
    assert ok.webhook_url == "https://bot.example.org/hook"


def test_a_short_webhook_secret_is_told_the_rule_not_that_it_is_missing():
    with pytest.raises(ConfigError) as info:
        parse_settings({"WEBHOOK_URL": "https://bot.example.org/hook", "WEBHOOK_SECRET": "abc"})
    ((key, said),) = info.value.problems
    assert key == "WEBHOOK_SECRET" and "8 đến 256 ký tự" in said and "bắt buộc" not in said
