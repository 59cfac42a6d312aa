"""Contract tests: real python-telegram-bot talks HTTP to the fake Bot API server."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import re

import httpx
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.channels.telegram_http import AiohttpRequest
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.telegram_html import HtmlError, parse_html

CHAT = 42


class Ticker:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch):
    # PTB 22 warns on int retry_after unless the timedelta behaviour is opted into.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def api():
    async with FakeTelegramAPI() as server:
        yield server


@pytest.fixture
async def bot(api):
    async with Bot(api.token, base_url=api.base_url, base_file_url=api.base_file_url) as client:
        yield client


def says(text: str) -> str:
    """Match PTB's message: it drops "Bad Request: " and lowercases all but the first letter."""
    return "(?i)" + re.escape(text)


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(d, callback_data=d) for d in data]])


# -- sending --------------------------------------------------------------------------------


async def test_send_message_returns_what_telegram_shows(api, bot):
    sent = await bot.send_message(
        CHAT, "<b>Hạn</b> 5 &lt; 7", parse_mode="HTML", reply_markup=keyboard("t:1:done")
    )

    assert (sent.chat_id, sent.message_id, sent.text) == (CHAT, 1, "Hạn 5 < 7")
    assert sent.entities[0].type == "bold" and sent.from_user.id == bot.id
    assert sent.reply_markup == keyboard("t:1:done")
    (record,) = api.sent_messages(CHAT)
    assert (record.text, record.parse_mode, record.plain_text) == (
        "<b>Hạn</b> 5 &lt; 7",
        "HTML",
        "Hạn 5 < 7",
    )
    assert record.reply_markup == {
        "inline_keyboard": [[{"text": "t:1:done", "callback_data": "t:1:done"}]]
    }
    assert [call.method for call in api.calls] == ["getMe", "sendMessage"]
    assert api.calls[1].params["chat_id"] == CHAT  # PTB sends "42"; the fake decodes it


async def test_message_ids_grow_per_chat(bot):
    ids = [(await bot.send_message(chat, "x")).message_id for chat in (1, 1, 2)]
    assert ids == [1, 2, 1]


async def test_edit_text_and_markup(api, bot):
    sent = await bot.send_message(CHAT, "v1", reply_markup=keyboard("a"))

    edited = await bot.edit_message_text("v2", CHAT, sent.message_id, reply_markup=keyboard("a"))
    assert (edited.text, edited.reply_markup) == ("v2", keyboard("a"))
    with pytest.raises(BadRequest, match=says("message is not modified")):
        await bot.edit_message_text("v2", CHAT, sent.message_id, reply_markup=keyboard("a"))
    stripped = await bot.edit_message_reply_markup(CHAT, sent.message_id)  # removes the keyboard
    assert stripped.reply_markup is None
    with pytest.raises(BadRequest, match=says("message to edit not found")):
        await bot.edit_message_text("v3", CHAT, 99)
    (record,) = api.sent_messages()
    assert (record.plain_text, record.reply_markup, record.edits) == ("v2", None, 2)


async def test_edit_without_markup_drops_the_keyboard_so_it_is_a_change(bot):
    sent = await bot.send_message(CHAT, "v1", reply_markup=keyboard("a"))
    edited = await bot.edit_message_text("v1", CHAT, sent.message_id)
    assert edited.reply_markup is None


async def test_photo_and_document_uploads_are_recorded(api, bot):
    photo = await bot.send_photo(CHAT, b"\x89PNG fake", caption="<i>ảnh</i>", parse_mode="HTML")
    document = await bot.send_document(CHAT, b"PK xlsx", filename="bao-cao.xlsx", caption="Báo cáo")

    assert photo.photo[0].file_size == 9 and photo.caption == "ảnh"
    assert document.document.file_name == "bao-cao.xlsx"
    (upload,) = api.documents
    assert (upload.filename, upload.content, upload.caption) == (
        "bao-cao.xlsx",
        b"PK xlsx",
        "Báo cáo",
    )
    assert upload.mime_type.endswith("spreadsheetml.sheet")
    assert api.photos[0].content == b"\x89PNG fake" and api.photos[0].parse_mode == "HTML"


async def test_commands_are_kept_per_language(api, bot):
    await bot.set_my_commands([("nhacviec", "Việc của tôi")], language_code="vi")
    await bot.set_my_commands([("tasks", "My tasks")])

    assert api.commands == {
        "vi": [{"command": "nhacviec", "description": "Việc của tôi"}],
        "": [{"command": "tasks", "description": "My tasks"}],
    }
    assert [c.command for c in await bot.get_my_commands(language_code="vi")] == ["nhacviec"]
    with pytest.raises(BadRequest, match=says("BOT_COMMAND_INVALID")):
        await bot.set_my_commands([("Nhắc", "upper case and accents are refused")])


async def test_chat_action(api, bot):
    assert await bot.send_chat_action(CHAT, "typing") is True
    assert api.calls[-1].params == {"chat_id": CHAT, "action": "typing"}


async def test_json_query_and_any_case_method_names(api):
    url = f"{api.base_url}{api.token}"
    async with httpx.AsyncClient() as client:
        by_json = await client.post(f"{url}/sendmessage", json={"chat_id": CHAT, "text": "a"})
        by_query = await client.get(f"{url}/sendMessage", params={"chat_id": CHAT, "text": "b"})
        unknown = await client.post(f"{url}/sendSticker")

    assert by_json.json()["result"]["text"] == "a" and by_query.json()["result"]["message_id"] == 2
    assert unknown.status_code == 404
    assert unknown.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


# -- limits and errors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parse_mode", "error"),
    [
        ("a" * 4097, None, "message is too long"),
        ("<b>" + "a" * 4097 + "</b>", "HTML", "message is too long"),
        ("", None, "message text is empty"),
        ("  \n", None, "message text is empty"),
        ("<b></b>", "HTML", "message text is empty"),
        ("5 < 7", "HTML", "can't parse entities: Unsupported start tag"),
        ("R&D", "HTML", "can't parse entities: Unsupported HTML entity"),
        ("<b>đậm", "HTML", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "HTML", "Unmatched end tag at byte offset 4"),
        ("<br>", "HTML", 'Unsupported start tag "br" at byte offset 0'),
        ("<span>x</span>", "HTML", 'must have class "tg-spoiler"'),
    ],
)
async def test_text_limits(bot, text, parse_mode, error):
    with pytest.raises(BadRequest, match=says(error)):
        await bot.send_message(CHAT, text, parse_mode=parse_mode)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 4096,
        "<b>" + "a" * 4096 + "</b>",
        "&lt;" * 4096,
        "ư" * 4096,
        "R&amp;D &#8364; &#x20AC; 5 > 3",
    ],
)
async def test_text_at_the_limit_passes(bot, text):
    assert (await bot.send_message(CHAT, text, parse_mode="HTML")).text


async def test_caption_limit(bot):
    await bot.send_document(CHAT, b"x", filename="a.txt", caption="c" * 1024)
    with pytest.raises(BadRequest, match=says("message caption is too long")):
        await bot.send_document(CHAT, b"x", filename="a.txt", caption="c" * 1025)


async def test_callback_data_is_limited_in_bytes(bot):
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("x" * 64))
    vietnamese = "đ" * 33  # 33 characters, 66 bytes
    with pytest.raises(BadRequest, match=says("BUTTON_DATA_INVALID")):
        await bot.send_message(CHAT, "too long", reply_markup=keyboard(vietnamese))


async def test_unknown_and_blocked_chats(api, bot):
    with pytest.raises(BadRequest, match=says("chat not found")):
        await bot.send_message(-100, "group ids are unknown")
    api.block_chat(CHAT)
    with pytest.raises(Forbidden, match=says("bot was blocked by the user")):
        await bot.send_message(CHAT, "x")
    api.unblock_chat(CHAT)
    await bot.send_message(CHAT, "x")
    assert (api.status_counts[400], api.status_counts[403]) == (1, 1)


async def test_known_chats_can_be_configured():
    async with (
        FakeTelegramAPI(known_chats={7}) as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        await bot.send_message(7, "x")
        with pytest.raises(BadRequest, match=says("chat not found")):
            await bot.send_message(8, "never pressed Start")


async def test_wrong_token_is_unauthorized(api):
    with pytest.raises(InvalidToken):  # PTB rewrites the message when initialising
        async with Bot("999:WRONG-token-abcdefghijkl", base_url=api.base_url):
            pass
    async with httpx.AsyncClient() as client:
        answer = await client.post(f"{api.base_url}999:WRONG-token-abcdefghijkl/getMe")
    assert answer.status_code == 401
    assert answer.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def test_error_bodies_are_telegrams():
    ticker = Ticker()
    async with (
        FakeTelegramAPI(clock=ticker, per_chat_burst=1) as api,
        httpx.AsyncClient() as client,
    ):
        url = f"{api.base_url}{api.token}/sendMessage"
        api.block_chat(7)
        answers = [
            await client.post(
                url, json={"chat_id": CHAT, "text": "<b>x"}, params={"parse_mode": "HTML"}
            ),
            await client.post(url, json={"chat_id": 7, "text": "x"}),
            await client.post(url, json={"chat_id": CHAT, "text": "x"}),
            await client.post(url, json={"chat_id": CHAT, "text": "x"}),
        ]
    assert [a.json() for a in answers] == [
        {
            "ok": False,
            "error_code": 400,
            "description": "Bad Request: can't parse entities: "
            'Can\'t find end tag corresponding to start tag "b"',
        },
        {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
        {"ok": True, "result": answers[2].json()["result"]},
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": {"retry_after": 1},
        },
    ]
    assert [a.status_code for a in answers] == [400, 403, 200, 429]


async def test_per_chat_flood_limit_with_a_burst():
    ticker = Ticker()
    async with (
        FakeTelegramAPI(clock=ticker) as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        for _ in range(3):
            await bot.send_message(CHAT, "burst")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(CHAT, "one too many")
        assert caught.value.retry_after == dtm.timedelta(seconds=1)
        await bot.send_message(CHAT + 1, "another chat is not limited")
        ticker.now += 1.0
        await bot.send_message(CHAT, "a token came back")
        with pytest.raises(RetryAfter):
            await bot.send_message(CHAT, "but only one")
        assert api.status_counts[429] == 2
        assert len(api.sent_messages(CHAT)) == 4


async def test_global_flood_limit_opens_a_ban_window_for_the_bot():
    ticker = Ticker()
    async with (
        FakeTelegramAPI(clock=ticker, per_chat_rate=None) as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        for chat in range(1, 31):
            await bot.send_message(chat, "broadcast")
        with pytest.raises(RetryAfter):
            await bot.send_message(31, "the 31st in one second")
        ticker.now += 0.5  # 15 tokens refilled, but the ban runs for a second
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(32, "inside the ban")
        assert caught.value.retry_after == dtm.timedelta(seconds=1)
        ticker.now += 0.5
        for chat in range(31, 46):
            await bot.send_message(chat, "broadcast")
        assert api.status_counts[429] == 2
        assert [(chat, scope) for _, chat, scope in api.ban_violations] == [(32, "bot")]
        assert api.busiest_window() == 32  # refused requests count too
        assert api.busiest_window(chat_id=31) == 1  # its two requests were a second apart


async def test_a_scripted_ban_refuses_its_scope_until_it_ends():
    ticker = Ticker()
    async with (
        FakeTelegramAPI(clock=ticker) as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        api.ban_next(5, scope="chat")
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(CHAT, "refused")
        assert caught.value.retry_after == dtm.timedelta(seconds=5)
        await bot.send_message(CHAT + 1, "another chat is not banned")
        ticker.now += 4.5
        with pytest.raises(RetryAfter):
            await bot.send_message(CHAT, "still banned")
        ticker.now += 0.5
        await bot.send_message(CHAT, "the ban ended")
        assert [(chat, scope) for _, chat, scope in api.ban_violations] == [(CHAT, "chat")]


async def test_timeouts_with_and_without_delivery():
    async with FakeTelegramAPI() as api:
        request = AiohttpRequest(read_timeout=0.3)
        async with Bot(api.token, base_url=api.base_url, request=request) as bot:
            api.time_out_next("sendMessage", delivered=True)
            with pytest.raises(TimedOut):
                await bot.send_message(CHAT, "went out, answer lost")
            api.time_out_next("sendMessage", delivered=False)
            with pytest.raises(TimedOut):
                await bot.send_message(CHAT, "never arrived")
            await bot.send_message(CHAT, "answered")
        texts = [m.plain_text for m in api.sent_messages(CHAT)]
        assert texts == ["went out, answer lost", "answered"]
        assert api.status_counts["timed_out"] == 2


async def test_answer_callback_query_limits(api, bot):
    sent = await bot.send_message(CHAT, "?", reply_markup=keyboard("t:1:done"))
    query_id = api.push_callback(CHAT, sent.message_id, "t:1:done")

    with pytest.raises(BadRequest, match=says("MESSAGE_TOO_LONG")):
        await bot.answer_callback_query(query_id, text="x" * 201)
    assert await bot.answer_callback_query(query_id, text="Đã ghi nhận" + "!" * 189)
    with pytest.raises(BadRequest, match=says("query is too old")):
        await bot.answer_callback_query(query_id)
    assert api.callback_answers[0]["callback_query_id"] == query_id


async def test_scripted_failures_and_outage(api, bot):
    api.fail_next("sendMessage", status=500)
    api.fail_next("sendMessage", status=502)
    with pytest.raises(NetworkError, match=says("Internal Server Error")):
        await bot.send_message(CHAT, "x")
    with pytest.raises(NetworkError, match=says("Bad Gateway")):
        await bot.send_message(CHAT, "x")
    await bot.send_message(CHAT, "third time lucky")

    api.go_down()
    with pytest.raises(NetworkError, match=says("disconnected")):
        await bot.send_message(CHAT, "x")
    api.go_down(503)
    with pytest.raises(NetworkError, match=says("Service Unavailable")):
        await bot.get_me()
    api.come_back()
    await bot.send_message(CHAT, "back")
    assert (api.status_counts[500], api.status_counts[502], api.status_counts["dropped"]) == (
        1,
        1,
        1,
    )
    assert [m.plain_text for m in api.sent_messages()] == ["third time lucky", "back"]


# -- updates --------------------------------------------------------------------------------


async def test_get_updates_offsets_confirm(api, bot):
    first = api.push_message(CHAT, "một")
    api.push_message(CHAT, "hai")

    updates = await bot.get_updates(timeout=0)
    assert [u.message.text for u in updates] == ["một", "hai"]
    assert len(await bot.get_updates(limit=1)) == 1
    updates = await bot.get_updates(offset=first["update_id"] + 1)
    assert [u.message.text for u in updates] == ["hai"]
    assert api.confirmed_update_id == first["update_id"]
    assert await bot.get_updates(offset=updates[0].update_id + 1) == ()


async def test_long_poll_wakes_on_push(api, bot):
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()  # the server holds the long poll open
    api.push_command(CHAT, "/start ABC123")

    (update,) = await asyncio.wait_for(poll, 1)
    assert update.message.text == "/start ABC123"
    assert update.message.entities[0].type == "bot_command"


async def test_long_poll_times_out_empty():
    async with (
        FakeTelegramAPI(max_long_poll=0.1) as api,
        Bot(api.token, base_url=api.base_url) as bot,
    ):
        assert await asyncio.wait_for(bot.get_updates(timeout=30), 1) == ()


async def test_second_poller_and_webhook_conflict(api, bot):
    async with Bot(api.token, base_url=api.base_url) as other_instance:
        first = asyncio.create_task(other_instance.get_updates(timeout=5))
        await asyncio.sleep(0.05)
        assert await bot.get_updates(timeout=0) == ()
        with pytest.raises(Conflict, match=says("terminated by other getUpdates request")):
            await asyncio.wait_for(first, 1)

    await bot.set_webhook("https://nhacviec.example/tg", secret_token="s3cret")
    assert (await bot.get_webhook_info()).url == "https://nhacviec.example/tg"
    assert api.webhook["secret_token"] == "s3cret"
    with pytest.raises(Conflict, match=says("webhook is active")):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_reply_carries_the_bots_earlier_message(api, bot):
    sent = await bot.send_message(CHAT, "Tiến độ?")
    api.push_message(CHAT, "50%", reply_to_message_id=sent.message_id)

    (update,) = await bot.get_updates()
    assert update.message.reply_to_message.message_id == sent.message_id
    assert update.message.reply_to_message.from_user.id == bot.id
    with pytest.raises(KeyError):
        api.push_message(CHAT, "?", reply_to_message_id=99)


async def test_wait_for_times_out(api):
    with pytest.raises(TimeoutError, match=says("no matching call")):
        await api.wait_for("sendMessage", timeout=0.05)


# -- a whole Application polling the fake ---------------------------------------------------


@contextlib.asynccontextmanager
async def polling(api: FakeTelegramAPI, *handlers):
    app = (
        Application.builder()
        .token(api.token)
        .base_url(api.base_url)
        .base_file_url(api.base_file_url)
        .job_queue(None)
        .build()
    )
    app.add_handlers(handlers)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_application_answers_commands_replies_and_buttons(api):
    async def start(update: Update, context) -> None:
        await update.message.reply_text(
            f"Mã: <b>{context.args[0]}</b>", parse_mode="HTML", reply_markup=keyboard("t:1:done")
        )

    async def progress(update: Update, context) -> None:
        quoted = update.message.reply_to_message.message_id
        await update.message.reply_text(f"ghi nhận cho tin {quoted}")

    async def pressed(update: Update, context) -> None:
        await update.callback_query.answer("Đã xong")
        await update.callback_query.edit_message_text("Xong ✅")

    async with polling(
        api,
        CommandHandler("start", start),
        MessageHandler(filters.REPLY, progress),
        CallbackQueryHandler(pressed),
    ):
        api.push_command(CHAT, "/start ABC123")
        call = await api.wait_for("sendMessage")
        assert call.params["text"] == "Mã: <b>ABC123</b>"
        (menu,) = api.sent_messages(CHAT)

        api.push_message(CHAT, "80%", reply_to_message_id=menu.message_id)
        await api.wait_for(lambda c: c.params.get("text", "").startswith("ghi nhận"))

        query_id = api.push_callback(CHAT, menu.message_id, "t:1:done")
        await api.wait_for("editMessageText")

    assert api.callback_answers == [{"callback_query_id": query_id, "text": "Đã xong"}]
    assert [m.plain_text for m in api.sent_messages(CHAT)] == [
        "Xong ✅",
        f"ghi nhận cho tin {menu.message_id}",
    ]
    assert api.pending_updates == []  # stopping the updater confirmed every update
    assert api.calls[1].method == "deleteWebhook"  # PTB's polling bootstrap


def test_html_errors_name_tdlib_offsets():
    with pytest.raises(HtmlError, match=says("at byte offset 7")):
        parse_html("Hạn: <x>")  # "ạ" takes 3 bytes
    assert parse_html("R&D", strict=False) == ("R&D", [])
    text, entities = parse_html('😀 <a href="https://t.me/x?a=1&amp;b=2">link</a>')
    assert text == "😀 link"
    assert entities == [
        {"type": "text_link", "offset": 3, "length": 4, "url": "https://t.me/x?a=1&b=2"}
    ]
