"""Zalo as documented in 2026, against the fake Zalo server that models it: formatting
with a plain fallback, the webhook probe's outcome, both spellings of the error code,
401 stopping the channel, 403 and 426, numbered options kept across a restart, and
files served once for minutes."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from bot.channels.base import Attachment, ChannelError, Choice, Outgoing, StartRefused
from bot.channels.numbered import Menu
from bot.channels.zalo import ZaloChannel
from bot.texts import t
from tests.fakes.channel_harness import Clock, Inbox
from tests.fakes.zalo_api import FakeZaloAPI, free_port, tiny_png

CHAT = "a1b2c3d4e5f6a7b8c9d0"
HOOK = "https://bot.example.gov.vn/zalo/hook"
SECRET = "s3cret-Token_8+"
NUDGE = (
    "⏰ Nhắc việc: còn 3 ngày làm việc đến hạn\n"
    "2.1 — Rà soát văn bản QPPL <năm 2024> & kế hoạch\n"
    "Hạn: 15/03/2024"
)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def inbox():
    return Inbox()


def zalo(api: FakeZaloAPI, clock: Clock, **options) -> ZaloChannel:
    options.setdefault("per_chat_interval", 0.0)
    return ZaloChannel(
        api.token, api_url=api.url, monotonic=clock.monotonic, sleep=clock.sleep, **options
    )


def methods(api: FakeZaloAPI, since: int = 0) -> list[tuple[str, int | str]]:
    return [(c.method, c.status) for c in api.calls[since:] if c.method != "getUpdates"]


# -- formatting --------------------------------------------------------------------------


async def test_heading_codes_and_titles_go_bold_the_text_reads_the_same(clock):
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        channel = zalo(api, clock)
        await channel.send(CHAT, Outgoing(NUDGE))
        await channel.send(CHAT, Outgoing("Chào Anh/Chị"))  # nothing to style: plain
        await channel.stop()
    styled, plain = api.sent(CHAT)
    assert (styled.text, styled.parse_mode) == (NUDGE, "html")
    assert styled.bold == (
        "⏰ Nhắc việc: còn 3 ngày làm việc đến hạn",
        "2.1 — Rà soát văn bản QPPL <năm 2024> & kế hoạch",
    )
    assert (plain.text, plain.parse_mode, plain.bold) == ("Chào Anh/Chị", None, ())


async def test_a_refused_formatted_send_goes_again_as_plain_text_and_formatting_stays_off(
    clock, caplog
):
    async with FakeZaloAPI(max_long_poll=0.2, refuse_formatting=True) as api:
        channel = zalo(api, clock)
        first = await channel.send(CHAT, Outgoing(NUDGE))
        since = len(api.calls)
        await channel.send(CHAT, Outgoing(NUDGE))
        await channel.stop()
    assert [m.text for m in api.sent(CHAT)] == [NUDGE, NUDGE]
    assert all(m.parse_mode is None for m in api.sent(CHAT))
    assert first == api.sent(CHAT)[0].message_id
    assert [c.params.get("parse_mode") for c in api.calls[:2]] == ["html", None]
    assert [c.status for c in api.calls[:2]] == [400, 200]
    assert methods(api, since) == [("sendMessage", 200)]  # no formatted try any more
    assert "action=zalo_formatting_off" in caplog.text


async def test_a_plain_refusal_is_not_blamed_on_formatting(clock):
    async with FakeZaloAPI(max_long_poll=0.2, known_chats=()) as api:
        channel = zalo(api, clock)
        with pytest.raises(ChannelError) as error:
            await channel.send(CHAT, Outgoing(NUDGE))  # an unknown chat: 404 both ways
        api.push_text(CHAT, "chào")
        await channel.send(CHAT, Outgoing(NUDGE))
        await channel.stop()
    assert error.value.kind == "bad_request"
    assert api.sent(CHAT)[0].parse_mode == "html"


# -- the webhook probe -------------------------------------------------------------------


async def test_the_probe_reaches_the_webhook_and_it_starts_in_webhook_mode(clock, inbox, caplog):
    caplog.set_level(logging.INFO)
    port = free_port()
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        api.probe_to = f"http://127.0.0.1:{port}/zalo/hook"
        channel = zalo(
            api, clock, webhook_url=HOOK, webhook_secret=SECRET, listen=f"127.0.0.1:{port}"
        )
        await channel.start(inbox)
        await channel.stop()
    (probe,) = api.probes
    assert probe["User-Agent"].startswith("Java/") and probe["X-Bot-Api-Secret-Token"] == SECRET
    assert "action=zalo_started mode=webhook" in caplog.text and channel.health == "ok"
    assert inbox.calls == []  # the empty probe is no update


@pytest.mark.parametrize(
    ("where", "outcome", "says"),
    [
        ("firewall", "webhook.http.403", "Java/"),
        ("wrong path", "webhook.http.404", "đường dẫn"),
        ("nothing listens", "webhook.err.unreachable", "DNS"),
        ("redirect", "webhook.http.other", "chuyển hướng"),
        ("certificate", "webhook.err.tls", "TLS"),
    ],
)
async def test_a_failed_probe_stops_start_up_naming_the_outcome_and_the_fix(
    clock, inbox, caplog, where, outcome, says
):
    caplog.set_level(logging.INFO)
    port, dead = free_port(), free_port()
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        if where == "wrong path":
            api.probe_to = f"http://127.0.0.1:{port}/other"
        elif where == "nothing listens":
            api.probe_to = f"http://127.0.0.1:{dead}/zalo/hook"
        else:
            api.probe_outcome = outcome
        channel = zalo(
            api, clock, webhook_url=HOOK, webhook_secret=SECRET, listen=f"127.0.0.1:{port}"
        )
        with pytest.raises(StartRefused) as refused:
            await channel.start(inbox)
        saved = api.webhook["url"]
    assert refused.value.key == "zalo_webhook_refused"
    assert refused.value.values["outcome"] == outcome
    said = t("vi", refused.value.key, **refused.value.values)
    assert outcome in said and HOOK in said and says in said and "long polling" in said
    assert saved == HOOK  # Zalo keeps the URL: only the outcome tells
    assert "mode=webhook" not in caplog.text and f"outcome={outcome}" in caplog.text
    assert channel.port is None  # its server is stopped again


async def test_without_a_verification_the_probe_is_asked_for_and_426_leaves_it_unverified(
    clock, inbox, caplog
):
    port = free_port()
    async with FakeZaloAPI(max_long_poll=0.2, verification=False, test_webhook_quota=1) as api:
        api.probe_outcome = "webhook.http.5xx"
        channel = zalo(
            api, clock, webhook_url=HOOK, webhook_secret=SECRET, listen=f"127.0.0.1:{port}"
        )
        with pytest.raises(StartRefused) as refused:
            await channel.start(inbox)  # testWebhook ran the probe: 5xx
        assert refused.value.values["outcome"] == "webhook.http.5xx"
        await channel.start(inbox)  # quota used up: 426, spelled errorCode, HTTP 200
        await channel.stop()
    assert [c.method for c in api.calls].count("testWebhook") == 2
    assert channel.health == "webhook_unverified"
    assert "action=zalo_webhook_unverified reason=test_quota code=426" in caplog.text


# -- error codes -------------------------------------------------------------------------


async def test_error_code_is_read_in_both_spellings(clock):
    for camel in (False, True):
        async with FakeZaloAPI(max_long_poll=0.2, camel_case_errors=camel) as api:
            channel = zalo(api, clock)
            kinds = []
            for status in (400, 429, 403):
                api.fail_next("sendMessage", status)
                with pytest.raises(ChannelError) as error:
                    await channel.send(CHAT, Outgoing("Nhắc việc"))
                kinds.append(error.value.kind)
            await channel.stop()
        # 403 is "Internal server error" in Zalo's table: tried again, never a block
        assert kinds == ["bad_request", "retry", "retry"], camel


async def test_401_while_running_stops_the_channel_and_says_so_once(clock, inbox, caplog):
    told: list[tuple[str, str]] = []

    async def on_health(channel: str, health: str) -> None:
        told.append((channel, health))

    async with FakeZaloAPI(max_long_poll=0.2) as api:
        channel = zalo(api, clock, on_health=on_health)
        await channel.start(inbox)
        api.fail_next("getUpdates", 401)
        await api.wait_for(lambda c: c.method == "getUpdates" and c.status == 401)
        await channel._poll_task  # the loop ends: no retrying a bad token
        polls = [c.method for c in api.calls].count("getUpdates")
        calls = len(api.calls)
        with pytest.raises(ChannelError) as error:
            await channel.send(CHAT, Outgoing("Nhắc việc"))
        api.push_text(CHAT, "xong")
        await clock.sleep(0.1)
        await channel.stop()
    assert channel.health == "token_rejected" and told == [("zalo", "token_rejected")]
    assert error.value.kind == "retry" and "ZALO_BOT_TOKEN" in error.value.detail
    assert len(api.calls) == calls and [c.method for c in api.calls].count("getUpdates") == polls
    assert caplog.text.count("action=zalo_token_rejected") == 1
    assert inbox.items == []


async def test_401_on_a_send_stops_the_channel_too(clock):
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        channel = zalo(api, clock)
        api.fail_next("sendMessage", 401)
        for _ in range(2):
            with pytest.raises(ChannelError):
                await channel.send(CHAT, Outgoing("Nhắc việc"))
        await channel.stop()
    assert channel.health == "token_rejected"
    assert [c.method for c in api.calls] == ["sendMessage"]


# -- numbered options across a restart ---------------------------------------------------


class DictMemory:
    """``bot.channels.numbered.MenuMemory`` in a dict: what outlives the channel object."""

    def __init__(self) -> None:
        self.kept: dict[str, Menu] = {}

    async def remember(self, chat_id: str, menu: Menu) -> None:
        self.kept[chat_id] = menu

    async def recall(self, chat_id: str):
        return self.kept.get(chat_id)

    async def forget(self, chat_id: str) -> None:
        self.kept.pop(chat_id, None)


async def test_numbered_options_survive_a_restart_through_the_memory(clock, inbox):
    memory = DictMemory()
    buttons = ((Choice("✅ Đã xong", "c:tok1:done"), Choice("⏳ Đang làm", "c:tok1:prog")),)
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        before = zalo(api, clock)
        before.numbered.memory = memory
        await before.start(inbox)
        shown = await before.send(CHAT, Outgoing("Nhắc việc 3.12", choices=buttons))
        await before.stop()
        after = zalo(api, clock)  # a new process: nothing in memory
        after.numbered.memory = memory
        await after.start(inbox)
        api.push_text(CHAT, "2")
        pressed = await inbox.next()
        await after.stop()
    # The press names the message that showed the options (the token's menu), as a
    # button would; once pressed the menu is gone.
    assert (pressed.choice_data, pressed.choice_message_id, pressed.text) == (
        "c:tok1:prog",
        shown,
        "",
    )
    assert memory.kept == {}


# -- files out: once, for minutes --------------------------------------------------------


async def get(url: str) -> int:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        await response.read()
        return response.status


async def test_file_links_work_once_and_for_minutes_only(clock, inbox):
    port = free_port()
    public = f"http://127.0.0.1:{port}/zalo"
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        channel = zalo(
            api, clock, public_url=public, listen=f"127.0.0.1:{port}", file_link_seconds=120
        )
        await channel.start(inbox)
        try:
            await channel.send(CHAT, Outgoing("Biểu đồ", attachment=Attachment(
                "photo", tiny_png(), "bieudo.png")))  # fmt: skip
            (photo,) = api.photos
            assert photo.content == tiny_png()  # Zalo fetched it: that was its one download
            assert await get(photo.url) == 404

            for name in ("a.xlsx", "b.xlsx"):
                report = Attachment("document", b"PK\x03\x04", name)
                await channel.send(CHAT, Outgoing("Báo cáo", attachment=report))
            first, second = (m.text for m in api.sent(CHAT))
            assert "dùng được một lần, trong 2 phút" in first
            links = [
                next(w for w in text.split() if w.startswith(public)) for text in (first, second)
            ]
            async with aiohttp.ClientSession() as http:
                async with http.head(links[0]) as response:  # a preview looking: not a download
                    assert response.status == 200
            assert await get(links[0]) == 200
            assert await get(links[0]) == 404  # removed after the first download
            clock.now += 121
            assert await get(links[1]) == 404  # never downloaded: expired after 2 minutes
            assert len(channel.media) == 0
        finally:
            await channel.stop()
