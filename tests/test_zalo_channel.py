"""The real Zalo channel over HTTP against the fake Zalo Bot API server."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import httpx
import pytest

from bot.channels.base import Attachment, ChannelError, Choice, Outgoing, TokenRejected
from bot.channels.media import EvidenceFolder
from bot.channels.zalo import ZaloChannel, to_incoming
from tests.fakes.channel_harness import Clock, Inbox, eventually
from tests.fakes.zalo_api import FakeZaloAPI, free_port, post_webhook, tiny_png

CHAT, OTHER = "a1b2c3d4e5f6a7b8c9d0", "0f9e8d7c6b5a4f3e2d1c"
HOOK = "https://bot.example.gov.vn/zalo/hook"
SECRET = "s3cret-Token_8+"
ANSWER_BY_NUMBER = "Trả lời bằng số."  # the channel's own words under numbered options
BUTTONS = (
    (Choice("✅ Đã xong", "c:tok12345:done"), Choice("⏳ Đang làm", "c:tok12345:prog")),
    (Choice("⛔ Vướng mắc", "c:tok12345:blk"),),
)


@pytest.fixture
async def api():
    async with FakeZaloAPI(max_long_poll=0.2) as server:
        yield server


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def inbox():
    return Inbox()


def make_channel(api: FakeZaloAPI, clock: Clock, **options) -> ZaloChannel:
    options.setdefault("per_chat_interval", 0.0)
    return ZaloChannel(
        api.token, api_url=api.url, monotonic=clock.monotonic, sleep=clock.sleep, **options
    )


@pytest.fixture
async def channel(api, clock, inbox):
    channel = make_channel(api, clock)
    await channel.start(inbox)
    yield channel
    await channel.stop()


# -- receiving by long polling --------------------------------------------------------------


async def test_polling_delivers_texts_as_incoming(api, channel, inbox):
    await api.wait_for("deleteWebhook")
    update = api.push_text(CHAT, "/start AbC-123")
    got = await inbox.next()
    message = update["message"]
    assert (got.channel, got.chat_id, got.update_key, got.message_id) == (
        "zalo",
        CHAT,
        message["message_id"],
        message["message_id"],
    )
    assert (got.text, got.sender_name, got.reply_to_message_id) == (
        "/start AbC-123",
        f"Người dùng {CHAT}",
        None,
    )
    assert got.received_at == datetime.fromtimestamp(message["date"] / 1000, UTC)
    assert got.received_at.tzinfo is UTC and got.raw == update
    call = await api.wait_for("getUpdates")
    assert call.params == {"timeout": "30"}
    before = len(api.calls)
    await channel.set_commands({"vi": [("viec", "Việc của tôi")]})  # Zalo has no menu
    assert all(c.method == "getUpdates" for c in api.calls[before:])
    assert (channel.name, channel.max_text, channel.has_buttons) == ("zalo", 2000, False)


def read(path: str) -> bytes:
    return Path(path).read_bytes()


async def test_photos_and_voice_are_downloaded_at_once_stickers_are_empty_texts(
    api, clock, inbox, tmp_path
):
    channel = make_channel(api, clock, evidence=EvidenceFolder(tmp_path / "evidence"))
    await channel.start(inbox)
    try:
        photo = api.push_image(CHAT, caption="xong", content=b"\xff\xd8\xff photo bytes")
        api.push(CHAT, "message.sticker.received", {"sticker": "abc", "url": "https://s.example/1"})
        api.push_voice(CHAT, b"\xff\xf1 voice bytes")
        api.push(CHAT, "message.unsupported.received", {})
        api.push(CHAT, "message.text.received", {})  # a text event without text
        await inbox.next(5)
    finally:
        await channel.stop()
    image, sticker, voice, unsupported, empty = inbox.items
    assert image.text == "xong"  # the caption, read like any reply
    assert [(i.text, i.media) for i in (sticker, unsupported, empty)] == [("", None)] * 3
    assert len({i.update_key for i in inbox.items}) == 5
    api.expire_media()  # Zalo's URLs expire: the files were fetched before the handler ran
    kept = {item.media["kind"]: item.media for item in (image, voice)}
    assert read(kept["photo"]["path"]) == b"\xff\xd8\xff photo bytes"
    assert read(kept["voice"]["path"]) == b"\xff\xf1 voice bytes"
    assert Path(kept["photo"]["path"]).parent == (tmp_path / "evidence").resolve()
    assert (kept["photo"]["content_type"], kept["photo"]["size"]) == ("image/jpeg", 15)
    assert kept["voice"]["content_type"] == "audio/aac" and kept["voice"]["refused"] is None
    name = photo["message"]["photo_url"].rsplit("/", 1)[1]
    assert kept["photo"]["filename"] == f"anh-zalo-{name}"


async def test_media_too_big_expired_or_without_a_folder_say_why(api, clock, inbox, tmp_path):
    folder = EvidenceFolder(tmp_path, max_bytes=30)
    channel = make_channel(api, clock, evidence=folder)
    await channel.start(inbox)
    try:
        api.push_image(CHAT, content=b"\xff\xd8\xff" + b"x" * 40)
        gone = {"photo_url": f"{api.url}/media/expired.jpg"}  # Zalo's URL already dead
        api.push(CHAT, "message.image.received", gone)
        await inbox.next(2)
    finally:
        await channel.stop()
    unfolded = make_channel(api, clock)  # no evidence folder configured
    await unfolded.start(inbox)
    try:
        api.push_image(CHAT)
        await inbox.next(3)
    finally:
        await unfolded.stop()
    big, expired, nowhere = (i.media for i in inbox.items)
    assert (big["refused"], big["limit"], big["path"]) == ("too_big", 30, None)
    assert expired["refused"] == "download" and nowhere["refused"] == "download"
    assert list(tmp_path.iterdir()) == []  # nothing half-written is left


def test_mapping_edge_cases():
    base = {"message_id": "m1", "date": 1718000000123, "chat": {"id": "c1"}}
    old = to_incoming({"event_name": "message.text.received", "message": base | {
        "text": "ht", "from": {"id": "c1", "first_name": "Lan"}}})  # fmt: skip
    assert (old.sender_name, old.text, old.chat_id) == ("Lan", "ht", "c1")
    assert old.received_at == datetime(2024, 6, 10, 6, 13, 20, 123000, tzinfo=UTC)
    group = base | {"chat": {"id": "g1", "chat_type": "GROUP"}, "text": "xong"}
    bot = base | {"from": {"id": "b", "is_bot": True}, "text": "xong"}
    for message in (group, bot, {"message_id": "m2"}):
        assert to_incoming({"event_name": "message.text.received", "message": message}) is None
    assert to_incoming({"event_name": "message.text.received"}) is None
    no_id = {"event_name": "message.unsupported.received", "message": {"chat": {"id": "c1"}}}
    first, again = to_incoming(no_id), to_incoming(dict(no_id))
    assert first.update_key == again.update_key and first.message_id is None
    assert first.received_at.tzinfo is UTC


async def test_a_repeated_message_id_is_handled_once(api, channel, inbox):
    update = api.push_text(CHAT, "xong")
    await inbox.next()
    api.push_update(update)
    api.push_text(CHAT, "ht")
    await inbox.next(2)
    await asyncio.sleep(0.1)
    assert [i.text for i in inbox.items] == ["xong", "ht"]


async def test_idle_408_polls_again_at_once_with_either_http_status(clock, inbox):
    for status in (408, 200):
        async with FakeZaloAPI(max_long_poll=0.05, idle_http_status=status) as api:
            channel = make_channel(api, clock)
            await channel.start(inbox)
            try:
                await eventually(lambda: api.status_counts[status] >= 3)  # noqa: B023
                api.push_text(CHAT, f"sau {status}")
                await eventually(lambda: len(inbox.items) == 1)
            finally:
                await channel.stop()
        assert clock.sleeps == [] and inbox.items.pop().text == f"sau {status}"


async def test_a_failing_handler_gets_the_held_update_again_before_anything_else(
    api, channel, inbox, clock
):
    inbox.fail = 10**6  # the database is down for a while
    first = api.push_text(CHAT, "xong")["message"]["message_id"]
    second = api.push_text(OTHER, "ht")["message"]["message_id"]
    await eventually(lambda: len(inbox.calls) >= 3)
    assert [u["message"]["message_id"] for u in api.pending_updates] == [second]  # not fetched
    inbox.fail = 0
    await inbox.next(2)
    attempts = inbox.calls.index(second)
    assert attempts >= 4 and inbox.calls == [first] * attempts + [second]
    assert [i.update_key for i in inbox.items] == [first, second]
    assert clock.sleeps[:3] == [0.5, 1.0, 2.0]  # bounded exponential backoff


@pytest.mark.parametrize("failure", [403, 429, 500, 502, "drop"])
async def test_polling_backs_off_when_get_updates_fails(api, channel, inbox, clock, failure):
    api.fail_next("getUpdates", failure, count=3)
    api.push_text(CHAT, "xong")
    assert (await inbox.next()).text == "xong"
    assert clock.sleeps[:3] == [0.5, 1.0, 2.0]


async def test_client_timeout_is_the_poll_plus_five_seconds_and_a_given_client_stays_open(
    api, clock, inbox
):
    timeouts = {}

    async def record(request: httpx.Request) -> None:
        timeouts[request.url.path.rsplit("/", 1)[1]] = request.extensions["timeout"]["read"]

    async with httpx.AsyncClient(event_hooks={"request": [record]}) as client:
        channel = make_channel(api, clock, poll_timeout=7, client=client)
        await channel.start(inbox)
        await api.wait_for("getUpdates")
        await channel.send(CHAT, Outgoing("một"))
        await channel.stop()
        assert not client.is_closed
    assert timeouts["getUpdates"] == 12
    assert timeouts["sendMessage"] == 5  # the given client's own default


async def test_stop_ends_a_long_poll_promptly_and_lets_a_running_handler_finish(api, clock, inbox):
    api.max_long_poll = 30
    channel = make_channel(api, clock)
    await channel.start(inbox)
    await api.wait_for("deleteWebhook")
    await asyncio.sleep(0.05)
    async with asyncio.timeout(1):
        await channel.stop()

    channel = make_channel(api, clock)
    await channel.start(inbox)
    inbox.gate = asyncio.Event()
    api.push_text(CHAT, "xong")
    await eventually(lambda: inbox.calls)
    stopping = asyncio.create_task(channel.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done()
    inbox.gate.set()
    await stopping
    assert [i.text for i in inbox.items] == ["xong"]


async def test_stop_while_a_held_update_waits_logs_it_as_lost(api, clock, inbox, caplog):
    channel = make_channel(api, clock)
    clock.sleep = lambda seconds: asyncio.sleep(30)  # the backoff outlasts the stop
    channel._sleep = clock.sleep
    await channel.start(inbox)
    inbox.fail = 1
    api.push_text(CHAT, "đang làm 50%")
    await eventually(lambda: inbox.calls)
    await asyncio.sleep(0.05)
    async with asyncio.timeout(1):
        await channel.stop()
    assert "action=update_lost" in caplog.text and "50%" in caplog.text


# -- receiving by webhook -------------------------------------------------------------------


async def test_webhook_checks_the_secret_answers_at_once_and_handles_in_the_background(
    api, clock, inbox
):
    channel = make_channel(
        api, clock, webhook_url=HOOK, webhook_secret=SECRET, listen="127.0.0.1:0"
    )
    await channel.start(inbox)
    url = f"http://127.0.0.1:{channel.port}/zalo/hook"
    try:
        assert api.webhook["url"] == HOOK and api.webhook["secret_token"] == SECRET
        update = api.push_text(CHAT, "xong")
        assert await post_webhook(url, update, None) == 403
        assert await post_webhook(url, update, "wrong-secret") == 403
        assert await post_webhook(url, None, SECRET) == 200  # an empty probe
        assert inbox.calls == []

        inbox.gate = asyncio.Event()
        assert await post_webhook(url, update, SECRET) == 200  # before the handler returned
        await eventually(lambda: inbox.calls)
        assert inbox.items == []
        inbox.gate.set()
        assert (await inbox.next()).text == "xong"
        assert await post_webhook(url, update, SECRET) == 200  # Zalo's resend: deduplicated

        wrapped = {"ok": True, "result": api.push_text(CHAT, "ht")}
        inbox.fail = 2
        assert await post_webhook(url, wrapped, SECRET) == 200
        assert (await inbox.next(2)).text == "ht"
        assert clock.sleeps == [0.5, 1.0]

        inbox.gate = asyncio.Event()  # stop waits for an update being handled
        assert await post_webhook(url, api.push_text(OTHER, "dang lam"), SECRET) == 200
        await eventually(lambda: len(inbox.calls) == 5)
        stopping = asyncio.create_task(channel.stop())
        await asyncio.sleep(0.05)
        assert not stopping.done()
        inbox.gate.set()
        await stopping
    finally:
        await channel.stop()
    assert [i.text for i in inbox.items] == ["xong", "ht", "dang lam"]
    assert "getUpdates" not in [c.method for c in api.calls]


def test_webhook_needs_a_secret_of_8_to_256_characters(api, clock):
    for secret in (None, "", "1234567", "x" * 257, "has space in it"):
        with pytest.raises(ValueError, match="secret"):
            make_channel(api, clock, webhook_url=HOOK, webhook_secret=secret)
    make_channel(api, clock, webhook_url=HOOK, webhook_secret="x" * 256)


# -- choices as numbered options ------------------------------------------------------------


async def test_choices_are_numbered_and_a_typed_number_presses_one(api, channel, inbox):
    message_id = await channel.send(CHAT, Outgoing("Nhắc việc 3.12", choices=BUTTONS))
    (sent,) = api.sent(CHAT)
    assert sent.message_id == message_id
    assert sent.text == (
        f"Nhắc việc 3.12\n\n1. ✅ Đã xong\n2. ⏳ Đang làm\n3. ⛔ Vướng mắc\n{ANSWER_BY_NUMBER}"
    )
    api.push_text(CHAT, " 2 ")
    api.push_text(CHAT, "4")  # not an option: a text
    api.push_text(OTHER, "1")  # another chat's options do not count
    api.push_text(CHAT, "dang lam 2")
    await inbox.next(4)
    press, four, other, text = inbox.items
    assert (press.text, press.choice_data, press.choice_message_id) == (
        "",
        "c:tok12345:prog",
        message_id,
    )
    assert press.reply_to_message_id is None
    assert [(i.text, i.choice_data) for i in (four, other, text)] == [
        ("4", None),
        ("1", None),
        ("dang lam 2", None),
    ]
    newer = await channel.send(CHAT, Outgoing("Tiến độ?", choices=((Choice("20%", "c:t:p20"),),)))
    api.push_text(CHAT, "1.")
    api.push_text(CHAT, "2")
    await inbox.next(6)
    assert (inbox.items[4].choice_data, inbox.items[4].choice_message_id) == ("c:t:p20", newer)
    assert (inbox.items[5].text, inbox.items[5].choice_data) == ("2", None)


async def test_long_text_is_split_with_the_options_on_the_last_part(api, channel):
    text = "\n".join(f"{i:03d} " + "x" * 95 for i in range(45))
    assert len(text) > 4000
    last_id = await channel.send(CHAT, Outgoing(text, choices=BUTTONS))
    parts = api.sent(CHAT)
    assert len(parts) == 3 and all(1 <= len(p.text) <= 2000 for p in parts)
    assert ANSWER_BY_NUMBER in parts[2].text and "1. ✅" not in parts[1].text
    assert "\n".join(p.text for p in parts).startswith(text)
    assert last_id == parts[2].message_id

    full = "y" * 1990  # no room for the options: they go in a part of their own
    await channel.send(OTHER, Outgoing(full, choices=BUTTONS))
    assert [p.text.startswith("1. ✅") for p in api.sent(OTHER)] == [False, True]


async def test_edit_sends_anew_and_answer_choice_does_nothing(api, channel, inbox):
    first = await channel.send(CHAT, Outgoing("Việc 3.12", choices=BUTTONS))
    calls = len(api.calls)
    api.push_text(CHAT, "1")
    press = await inbox.next()
    await channel.answer_choice(press, "Đã ghi nhận")
    assert [c.method for c in api.calls[calls:]] == ["getUpdates"] * (len(api.calls) - calls)
    await channel.edit(CHAT, first, Outgoing("Việc 3.12 — xong"))
    assert [m.text for m in api.sent(CHAT)][1] == "Việc 3.12 — xong"


# -- attachments ----------------------------------------------------------------------------


async def get(url: str) -> tuple[int, bytes, dict]:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        return response.status, await response.read(), dict(response.headers)


async def test_with_public_url_a_photo_goes_by_url_and_a_document_as_a_link(api, clock, inbox):
    port = free_port()
    public = f"http://127.0.0.1:{port}/zalo"
    channel = make_channel(api, clock, public_url=public, listen=f"127.0.0.1:{port}")
    await channel.start(inbox)  # polling, with the media server
    try:
        assert channel.port == port
        image = tiny_png()
        photo_id = await channel.send(
            CHAT, Outgoing("Biểu đồ tiến độ", attachment=Attachment("photo", image, "bieudo.png"))
        )
        (photo,) = api.photos
        assert (photo.message_id, photo.caption, photo.content) == (
            photo_id,
            "Biểu đồ tiến độ",
            image,
        )
        assert photo.url.startswith(f"{public}/media/") and photo.url.endswith("/bieudo.png")
        token = photo.url.split("/")[-2]
        assert len(token) == 32  # token_urlsafe(24)

        report = Attachment("document", b"PK\x03\x04xlsx", "baocao 2024.xlsx")
        await channel.send(CHAT, Outgoing("Báo cáo CCHC", attachment=report))
        (text,) = api.sent(CHAT)
        link = text.text.split(": ", 1)[1].split("\n", 1)[0]
        assert text.text.startswith("Báo cáo CCHC\n\n📎") and link.startswith(f"{public}/media/")
        status, body, headers = await get(link)
        assert (status, body) == (200, b"PK\x03\x04xlsx")
        assert headers["Content-Type"].startswith("application/vnd.openxmlformats")
        assert headers["Content-Disposition"].startswith("attachment")

        assert (await get(photo.url.replace(token, "x" * 32)))[0] == 404  # unknown token
        assert (await get(photo.url.replace("bieudo.png", "other.png")))[0] == 404
        clock.now += 24 * 3600  # the links expire after 24 h
        assert (await get(photo.url))[0] == 404
        assert (await get(link))[0] == 404
    finally:
        await channel.stop()


async def test_without_public_url_files_degrade_to_text(api, channel):
    chart = Attachment("photo", tiny_png(), "bieudo.png")
    await channel.send(CHAT, Outgoing("Biểu đồ tiến độ", attachment=chart))
    await channel.send(CHAT, Outgoing("", attachment=Attachment("document", b"PK", "bc.xlsx")))
    first, second = (m.text for m in api.sent(CHAT))
    assert first.startswith("Biểu đồ tiến độ\n\n📎") and "bieudo.png" in first
    assert "Telegram" in first and "nhacviec report" in first
    assert second.startswith("📎") and "bc.xlsx" in second
    assert api.photos == [] and channel.port is None


# -- errors and pacing ----------------------------------------------------------------------


async def send_error(channel: ZaloChannel, chat_id: str = CHAT, text="Nhắc việc") -> ChannelError:
    with pytest.raises(ChannelError) as error:
        await channel.send(chat_id, Outgoing(text))
    return error.value


async def test_errors_map_to_channel_error_kinds(api, channel):
    assert (await send_error(channel, text="")).kind == "bad_request"  # Zalo: 1-2000
    for status, kind in [
        (400, "bad_request"),
        (404, "bad_request"),
        (403, "retry"),  # "Internal server error" in Zalo's table, not a block
        (408, "retry"),
        (429, "retry"),
        (500, "retry"),
        (502, "retry"),
        ("drop", "retry"),
    ]:
        api.fail_next("sendMessage", status)
        error = await send_error(channel)
        assert (error.kind, error.retry_after) == (kind, None), status
    api.block_chat(CHAT)
    assert (await send_error(channel)).kind == "retry"
    api.unblock_chat(CHAT)
    api.go_down()
    assert (await send_error(channel)).kind == "retry"
    api.come_back()
    assert await channel.send(CHAT, Outgoing("Đã trở lại"))
    assert [m.text for m in api.sent(CHAT)] == ["Đã trở lại"]


async def test_a_wrong_token_fails_start_and_sends_are_retry(api, clock, inbox):
    channel = ZaloChannel("1:wrong", api_url=api.url, sleep=clock.sleep)
    with pytest.raises(TokenRejected) as error:
        await channel.start(inbox)
    assert error.value.key == "ZALO_BOT_TOKEN" and "wrong" not in str(error.value)
    assert (await send_error(channel)).kind == "retry"
    await channel.stop()


async def test_unknown_chats_are_404_bad_request(clock, inbox):
    async with FakeZaloAPI(max_long_poll=0.2, known_chats=()) as api:
        channel = make_channel(api, clock)
        try:
            assert (await send_error(channel)).kind == "bad_request"
            api.push_text(CHAT, "chào")
            assert await channel.send(CHAT, Outgoing("Chào bạn"))
        finally:
            await channel.stop()


async def test_sends_to_one_chat_are_paced_other_chats_are_not(api, clock, inbox):
    channel = make_channel(api, clock, per_chat_interval=1.0)
    await channel.start(inbox)
    try:
        await asyncio.gather(
            channel.send(CHAT, Outgoing("một")),
            channel.send(CHAT, Outgoing("hai")),
            channel.send(OTHER, Outgoing("ba")),
        )
    finally:
        await channel.stop()
    assert clock.sleeps == [1.0]
    assert [m.text for m in api.sent(CHAT)] == ["một", "hai"]
    assert len(api.sent(OTHER)) == 1
