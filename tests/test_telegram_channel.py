"""The real Telegram channel over HTTP against the fake Bot API server."""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta

import aiohttp
import pytest
from telegram import Update

from bot.channels.base import Attachment, ChannelError, Choice, Outgoing
from bot.channels.telegram import TelegramChannel, to_incoming
from tests.fakes.channel_harness import Clock, Inbox, eventually
from tests.fakes.telegram_api import FakeTelegramAPI

CHAT, OTHER = 42, 43
HOOK = "https://bot.example.gov.vn/tg/hook"
SECRET = "s3cret_-Token"
BUTTONS = ((Choice("Xong", "t:1:done"), Choice("Đang làm", "t:1:doing")),)


@pytest.fixture
async def api():
    async with FakeTelegramAPI(max_long_poll=0.2) as server:
        yield server


@pytest.fixture
def clock():
    return Clock()


def make_channel(api: FakeTelegramAPI, clock: Clock, **options) -> TelegramChannel:
    options.setdefault("per_chat_interval", 0.0)
    return TelegramChannel(
        api.token, api_url=api.url, monotonic=clock.monotonic, sleep=clock.sleep, **options
    )


@pytest.fixture
async def inbox():
    return Inbox()


@pytest.fixture
async def channel(api, clock, inbox):
    channel = make_channel(api, clock)
    await channel.start(inbox)
    yield channel
    await channel.stop()


# -- receiving by long polling --------------------------------------------------------------


async def test_polling_delivers_text_reply_command_and_choice(api, channel, inbox):
    assert channel.username == "nhacviec_test_bot"
    assert api.webhook["url"] == ""
    update = api.push_message(CHAT, "xong")
    text = await inbox.next()
    assert (text.channel, text.chat_id, text.update_key) == (
        "telegram",
        "42",
        str(update["update_id"]),
    )
    assert (text.text, text.message_id, text.reply_to_message_id) == ("xong", "1", None)
    assert text.sender_name == "User 42" and text.choice_data is None
    assert text.received_at.tzinfo is not None and text.received_at.utcoffset() == timedelta(0)
    assert text.raw["update_id"] == update["update_id"]

    nudge_id = await channel.send("42", Outgoing("Nhắc việc 3.12", choices=BUTTONS))
    api.push_message(CHAT, "dang lam 70%", reply_to_message_id=int(nudge_id))
    reply = await inbox.next(2)
    assert (reply.text, reply.reply_to_message_id) == ("dang lam 70%", nudge_id)

    query_id = api.push_callback(CHAT, int(nudge_id), "t:1:done")
    press = await inbox.next(3)
    assert (press.chat_id, press.text, press.choice_data) == ("42", "", "t:1:done")
    assert (press.choice_ref, press.choice_message_id) == (query_id, nudge_id)
    assert press.received_at.tzinfo is UTC

    api.push_command(CHAT, "/viec@nhacviec_test_bot")
    api.push_command(CHAT, "/start AbC-123")
    await inbox.next(5)
    assert [i.text for i in inbox.items[3:]] == ["/viec", "/start AbC-123"]
    call = await api.wait_for("getUpdates")
    assert call.params["allowed_updates"] == ["message", "callback_query"]


def test_other_updates_are_ignored():
    sticker = {"message_id": 5, "date": 0, "chat": {"id": 42, "type": "private"}}
    sticker["sticker"] = {"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1}
    sticker["sticker"] |= {"is_animated": False, "is_video": False, "type": "regular"}
    group = {"message_id": 6, "date": 0, "chat": {"id": -7, "type": "group"}, "text": "xong"}
    for message in (sticker, group):
        assert to_incoming(Update.de_json({"update_id": 1, "message": message}, None)) is None


async def test_update_is_confirmed_only_after_the_handler_returned(api, channel, inbox):
    inbox.gate = asyncio.Event()
    update_id = api.push_message(CHAT, "xong")["update_id"]
    await eventually(lambda: inbox.calls)
    await asyncio.sleep(0.05)
    assert api.confirmed_update_id < update_id
    assert [u["update_id"] for u in api.pending_updates] == [update_id]

    inbox.gate.set()
    await eventually(lambda: api.confirmed_update_id == update_id)
    assert api.pending_updates == [] and len(inbox.items) == 1


async def test_a_failing_handler_gets_the_update_again_never_skips_it(api, channel, inbox, clock):
    first = api.push_message(CHAT, "xong")["update_id"]
    second = api.push_message(OTHER, "ht")["update_id"]
    inbox.failing[str(first)] = 2
    await eventually(lambda: str(first) in {i.update_key for i in inbox.items})
    assert inbox.calls.count(str(first)) == 3
    assert clock.sleeps[:2] == [0.5, 1.0]  # bounded exponential backoff
    await eventually(lambda: api.confirmed_update_id == second)
    # The batch is handed over together: the update after the failing one is handed
    # again with it (the dispatcher dedupes on the update key), never skipped.
    assert {i.update_key for i in inbox.items} == {str(first), str(second)}
    assert api.pending_updates == []


async def test_a_batch_is_handed_over_at_once(api, channel, inbox):
    inbox.gate = asyncio.Event()
    sent = [api.push_message(CHAT + n, f"dang lam {n}0%")["update_id"] for n in range(5)]
    await eventually(lambda: len(inbox.calls) == 5)  # all five wait in the handler together
    assert api.confirmed_update_id < sent[0]
    inbox.gate.set()
    await eventually(lambda: api.confirmed_update_id == sent[-1])
    assert [i.update_key for i in inbox.items] == [str(u) for u in sent]


async def test_unhandled_update_survives_a_stop_and_a_new_instance_gets_it(api, clock):
    broken = Inbox()
    first = make_channel(api, clock)
    await first.start(broken)
    handled = api.push_message(CHAT, "xong")["update_id"]
    await broken.next()
    broken.fail = 10**6  # the database went away: every later update fails
    lost = api.push_message(CHAT, "dang lam")["update_id"]
    await eventually(lambda: str(lost) in broken.calls)
    await first.stop()
    assert api.confirmed_update_id == handled
    assert [u["update_id"] for u in api.pending_updates] == [lost]

    fresh = Inbox()
    second = make_channel(api, clock)
    await second.start(fresh)
    try:
        assert (await fresh.next()).update_key == str(lost)
        await eventually(lambda: api.confirmed_update_id == lost)
    finally:
        await second.stop()
    assert [i.update_key for i in fresh.items] == [str(lost)]


async def test_stop_lets_a_running_handler_finish_and_confirms_it(api, clock, inbox):
    channel = make_channel(api, clock)
    await channel.start(inbox)
    inbox.gate = asyncio.Event()
    update_id = api.push_message(CHAT, "xong")["update_id"]
    await eventually(lambda: inbox.calls)
    stopping = asyncio.create_task(channel.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done()
    inbox.gate.set()
    await stopping
    assert len(inbox.items) == 1 and api.confirmed_update_id == update_id


async def test_polling_backs_off_when_get_updates_fails(api, channel, inbox, clock):
    api.fail_next("getUpdates", 502, count=2)
    api.push_message(CHAT, "xong")
    assert (await inbox.next()).text == "xong"
    assert clock.sleeps[:2] == [0.5, 1.0]


async def test_stop_ends_a_long_poll_promptly(api, clock, inbox):
    channel = make_channel(api, clock, poll_timeout=30)
    api.max_long_poll = 30
    await channel.start(inbox)
    await api.wait_for("deleteWebhook")
    await asyncio.sleep(0.05)
    async with asyncio.timeout(1):
        await channel.stop()


# -- receiving by webhook -------------------------------------------------------------------


async def test_webhook_checks_the_secret_and_answers_after_the_handler(api, clock, inbox):
    channel = make_channel(
        api, clock, webhook_url=HOOK, webhook_secret=SECRET, listen="127.0.0.1:0"
    )
    await channel.start(inbox)
    try:
        assert api.webhook["url"] == HOOK and api.webhook["secret_token"] == SECRET
        assert api.webhook["allowed_updates"] == ["message", "callback_query"]
        url = f"http://127.0.0.1:{channel.port}/tg/hook"
        update = api.push_message(CHAT, "xong")
        header = "X-Telegram-Bot-Api-Secret-Token"
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update) as response:
                assert response.status == 403
            async with http.post(url, json=update, headers={header: "wrong"}) as response:
                assert response.status == 403
            assert inbox.calls == []

            async with http.post(url, json=update, headers={header: SECRET}) as response:
                assert response.status == 200
            assert [(i.update_key, i.text) for i in inbox.items] == [
                (str(update["update_id"]), "xong")
            ]

            inbox.fail = 1
            async with http.post(url, json=update, headers={header: SECRET}) as response:
                assert response.status == 500  # Telegram sends it again
    finally:
        await channel.stop()
    assert "getUpdates" not in [c.method for c in api.calls]


def test_webhook_needs_a_valid_secret(api, clock):
    for secret in (None, "", "has space"):
        with pytest.raises(ValueError, match="secret"):
            make_channel(api, clock, webhook_url=HOOK, webhook_secret=secret)


# -- sending --------------------------------------------------------------------------------


async def test_plain_text_shows_literally(api, channel):
    text = 'Kế hoạch <b>&amp; 5 < 7 & "x" </b>'
    message_id = await channel.send("42", Outgoing(text))
    (sent,) = api.sent_messages(CHAT)
    assert (str(sent.message_id), sent.plain_text, sent.parse_mode) == (message_id, text, "HTML")


async def test_long_text_is_split_at_lines_with_choices_on_the_last_part(api, channel):
    text = "\n".join(f"{i:03d} " + "x" * 95 for i in range(91))
    assert len(text) > 9000
    last_id = await channel.send("42", Outgoing(text, choices=BUTTONS))
    parts = api.sent_messages(CHAT)
    assert len(parts) == 3 and all(len(p.plain_text) <= 4096 for p in parts)
    assert "\n".join(p.plain_text for p in parts) == text
    assert [p.reply_markup is not None for p in parts] == [False, False, True]
    assert parts[2].reply_markup["inline_keyboard"][0][1] == {
        "text": "Đang làm",
        "callback_data": "t:1:doing",
    }
    assert last_id == str(parts[2].message_id)


async def test_choice_data_over_64_bytes_is_refused_before_calling_telegram(api, channel):
    before = len(api.calls)
    for data in ("a" * 65, "đ" * 33):
        with pytest.raises(ValueError, match="64"):
            await channel.send("42", Outgoing("Chọn", choices=((Choice("x", data),),)))
    assert len(api.calls) == before


async def test_reply_to_quotes_and_tolerates_a_missing_message(api, channel):
    first = await channel.send("42", Outgoing("Nhắc việc"))
    await channel.send("42", Outgoing("Đã ghi nhận", reply_to=first))
    await channel.send("42", Outgoing("Vẫn gửi", reply_to="999"))
    call = await api.wait_for(
        lambda c: c.method == "sendMessage" and c.params.get("text") == "Đã ghi nhận"
    )
    assert call.params["reply_parameters"]["message_id"] == int(first)
    assert len(api.sent_messages(CHAT)) == 3


async def test_photo_and_document(api, channel):
    photo_id = await channel.send(
        "42", Outgoing("Biểu đồ <tiến độ>", attachment=Attachment("photo", b"\x89PNG", "c.png"))
    )
    (photo,) = api.photos
    assert (photo.content, photo.caption, str(photo.message_id)) == (
        b"\x89PNG",
        "Biểu đồ &lt;tiến độ&gt;",
        photo_id,
    )
    report = Attachment("document", b"PK\x03\x04", "baocao.xlsx")
    long_text = "Báo cáo\n" + "y" * 1100
    last_id = await channel.send("42", Outgoing(long_text, choices=BUTTONS, attachment=report))
    (document,) = api.documents
    assert (document.filename, document.content, document.caption) == (
        "baocao.xlsx",
        b"PK\x03\x04",
        None,
    )
    (follow,) = api.sent_messages(CHAT)  # the text too long for a caption follows
    assert (follow.plain_text, str(follow.message_id)) == (long_text, last_id)
    assert follow.reply_markup is not None


async def test_edit_replaces_text_and_unchanged_content_is_fine(api, channel):
    message_id = await channel.send("42", Outgoing("Việc 3.12", choices=BUTTONS))
    await channel.edit("42", message_id, Outgoing("Việc 3.12 — xong <ok>"))
    (sent,) = api.sent_messages(CHAT)
    assert (sent.plain_text, sent.reply_markup, sent.edits) == ("Việc 3.12 — xong <ok>", None, 1)
    await channel.edit("42", message_id, Outgoing("Việc 3.12 — xong <ok>"))  # not modified
    assert sent.edits == 1
    with pytest.raises(ChannelError) as error:
        await channel.edit("42", "999", Outgoing("x"))
    assert error.value.kind == "bad_request"


async def test_answer_choice(api, channel, inbox):
    message_id = await channel.send("42", Outgoing("Việc 3.12", choices=BUTTONS))
    api.push_callback(CHAT, int(message_id), "t:1:done")
    press = await inbox.next()
    await channel.answer_choice(press, "Đã ghi nhận: xong. " + "z" * 300)
    (answer,) = api.callback_answers
    assert answer["callback_query_id"] == press.choice_ref and len(answer["text"]) == 200
    await channel.answer_choice(press)  # too old now (as after a restart): let go


async def test_set_commands_per_language(api, channel):
    await channel.set_commands(
        {"vi": [("viec", "Việc của tôi"), ("trogiup", "Trợ giúp")], "en": [("tasks", "My tasks")]}
    )
    assert set(api.commands) == {"", "vi", "en"}
    assert api.commands[""] == api.commands["vi"]
    assert api.commands["vi"][0] == {"command": "viec", "description": "Việc của tôi"}
    assert api.commands["en"] == [{"command": "tasks", "description": "My tasks"}]


# -- errors and pacing ----------------------------------------------------------------------


async def send_error(channel: TelegramChannel, chat_id: str = "42") -> ChannelError:
    with pytest.raises(ChannelError) as error:
        await channel.send(chat_id, Outgoing("Nhắc việc"))
    return error.value


async def test_errors_map_to_channel_error_kinds(api, channel):
    api.block_chat(CHAT)
    assert (await send_error(channel)).kind == "blocked"
    assert (await send_error(channel, "-5")).kind == "blocked"  # chat not found
    api.unblock_chat(CHAT)
    api.fail_next("sendMessage", 502)
    assert (await send_error(channel)).kind == "retry"
    api.fail_next("sendMessage", 500)
    assert (await send_error(channel)).kind == "retry"
    api.go_down()
    assert (await send_error(channel)).kind == "retry"
    api.come_back()
    assert await channel.send("42", Outgoing("Đã trở lại"))


async def test_flood_429_is_retry_with_retry_after(clock):
    async with FakeTelegramAPI(per_chat_rate=0.2, per_chat_burst=1, max_long_poll=0.2) as api:
        channel = make_channel(api, clock)
        await channel.start(Inbox())
        try:
            await channel.send("42", Outgoing("một"))
            error = await send_error(channel)
        finally:
            await channel.stop()
    assert error.kind == "retry"
    assert error.retry_after == timedelta(seconds=5)
    assert api.status_counts[429] == 1


async def test_sends_to_one_chat_are_paced_other_chats_are_not(api, clock, inbox):
    channel = make_channel(api, clock, per_chat_interval=1.0)
    await channel.start(inbox)
    try:
        await asyncio.gather(
            channel.send("42", Outgoing("một")),
            channel.send("42", Outgoing("hai")),
            channel.send("43", Outgoing("ba")),
        )
    finally:
        await channel.stop()
    assert clock.sleeps == [1.0]
    assert [m.plain_text for m in api.sent_messages(CHAT)] == ["một", "hai"]
    assert len(api.sent_messages(OTHER)) == 1
