"""Issue 11 points 6 and 7: options bound to their message; confirm, undo, answered edited.

Stories of Sở Tư pháp's official with two tasks due 15/03/2024 (both in one check-in): on
Zalo the numbered options survive a restart and a menu that was answered (typed instead of
pressed) presses nothing; on Telegram an answered check-in or question is edited to show the
answer and loses the buttons answered (a check-in keeps the rows of the tasks not answered
yet), and pressing an old button again records nothing.
"""

from __future__ import annotations

import pytest

from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from storage.enums import Status
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.zalo_api import FakeZaloAPI
from tests.kit import counts, two_tasks_and_an_invite

ZALO_CHAT, TELEGRAM_CHAT = "5c1e0b7d2a9f4e3c8b6a", 1001


class ZaloService(ChatService):
    def __init__(self, db, api, clock):
        channel = ZaloChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        super().__init__(db, channel, clock)


class TelegramService(ChatService):
    def __init__(self, db, api, clock):
        channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        super().__init__(db, channel, clock)


@pytest.fixture
async def plan(db, tmp_path):
    clock, code = await two_tasks_and_an_invite(db, tmp_path)
    return db, clock, code


async def zalo_says(api, text: str) -> str:
    """The official types ``text`` on Zalo; the bot's next message."""
    since = len(api.sent(ZALO_CHAT))
    api.push_text(ZALO_CHAT, text)
    await api.wait_for(lambda call: len(api.sent(ZALO_CHAT)) > since, timeout=10)
    return api.sent(ZALO_CHAT)[since].text


async def test_zalo_options_survive_a_restart_and_an_answered_menu_presses_nothing(plan):
    db, clock, code = plan
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        async with ZaloService(db, api, clock) as svc:
            assert "đã được liên kết" in await zalo_says(api, f"/start {code}")
            assert (await svc.sweep()).sent == 2  # one check-in: "1. 2.1 …", "2. 2.2 …"

        async with ZaloService(db, api, clock):  # a restart: the channel's memory is new
            chosen = await zalo_says(api, "2")  # the check-in's option 2: task 2.2
            assert "2.2 — Rà soát văn bản" in chosen and "5. 💤 Nhắc lại sau" in chosen
            asked = await zalo_says(api, "2")  # "in progress" under 2.2: which percent?
            assert "2.2" in asked and "1. 20%" in asked
            done = await zalo_says(api, "xong")  # typed instead of a percent
            assert done.startswith("Đã ghi nhận 2.2: đã hoàn thành")
            # The percent menu was answered: "1" no longer means 20 %.
            stale = await zalo_says(api, "1")
            assert "không ghi nhận gì" in stale and "Đã ghi nhận" not in stale
    updates, statuses = await counts(db)
    assert updates == 1 and statuses["2.2"] is Status.DONE


async def test_zalo_a_pressed_menu_cannot_be_pressed_twice(plan):
    db, clock, code = plan
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        async with ZaloService(db, api, clock) as svc:
            await zalo_says(api, f"/start {code}")
            await svc.sweep()
            assert "2.1 — Trình chương trình" in await zalo_says(api, "1")  # choose 2.1
            first = await zalo_says(api, "4")  # extension: asks the date
            assert "gia hạn" in first
            again = await zalo_says(api, "1")  # no menu is open now: a text, not "done"
            assert "Đã ghi nhận" not in again
    assert (await counts(db))[0] == 0


async def test_telegram_answered_messages_are_edited_and_old_buttons_record_nothing(plan):
    db, clock, code = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:

        async def answer(since: int):
            await api.wait_for(lambda c: len(api.sent_messages(TELEGRAM_CHAT)) > since, timeout=10)
            return api.sent_messages(TELEGRAM_CHAT)[since]

        async with TelegramService(db, api, clock) as svc:
            api.push_command(TELEGRAM_CHAT, f"/start {code}")
            await answer(0)
            await svc.sweep()
            [_welcome, checkin] = api.sent_messages(TELEGRAM_CHAT)
            done = checkin.reply_markup["inline_keyboard"][0][0]["callback_data"]  # 2.1 ✅

            api.push_callback(TELEGRAM_CHAT, checkin.message_id, done)
            confirmed = await answer(2)
            assert confirmed.plain_text.startswith("Đã ghi nhận 2.1: đã hoàn thành")
            assert "Hoàn tác" in str(confirmed.reply_markup)
            await api.wait_for(lambda c: checkin.edits > 0, timeout=10)
            rows = checkin.reply_markup["inline_keyboard"]  # 2.1's row is gone, 2.2's stays
            assert [row[0]["text"] for row in rows] == ["2.2 ✅"]
            assert "✔ Đã trả lời: Đã ghi nhận 2.1: đã hoàn thành." in checkin.plain_text
            assert "Thời hạn: 15/03/2024" in checkin.plain_text  # still shows what it was about

            api.push_callback(TELEGRAM_CHAT, checkin.message_id, done)  # an old press, again
            assert "không ghi nhận gì thêm" in (await answer(3)).plain_text

            # A text reply naming the other task: recorded on it; the check-in loses its last row.
            api.push_message(
                TELEGRAM_CHAT, "2.2 dang lam 60%", reply_to_message_id=checkin.message_id
            )
            assert (await answer(4)).plain_text.startswith("Đã ghi nhận 2.2: đang thực")
            await api.wait_for(lambda c: checkin.edits > 1, timeout=10)
            assert checkin.reply_markup is None and checkin.plain_text.count("✔ Đã trả lời") == 2
    updates, statuses = await counts(db)
    assert updates == 2
    assert statuses == {"2.1": Status.DONE, "2.2": Status.IN_PROGRESS}


async def test_telegram_asked_which_the_choice_is_edited_and_the_others_closed(plan):
    db, clock, code = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:

        async def answer(since: int):
            await api.wait_for(lambda c: len(api.sent_messages(TELEGRAM_CHAT)) > since, timeout=10)
            return api.sent_messages(TELEGRAM_CHAT)[since]

        async with TelegramService(db, api, clock) as svc:
            api.push_command(TELEGRAM_CHAT, f"/start {code}")
            await answer(0)
            await svc.sweep()  # two nudges in one check-in
            api.push_message(TELEGRAM_CHAT, "xong")  # not a reply: which one?
            asked = await answer(2)
            assert "nhiệm vụ nào" in asked.plain_text and "chưa ghi nhận gì" in asked.plain_text
            rows = asked.reply_markup["inline_keyboard"]
            assert [row[0]["text"][:3] for row in rows] == ["2.1", "2.2"]
            api.push_callback(TELEGRAM_CHAT, asked.message_id, rows[1][0]["callback_data"])
            assert (await answer(3)).plain_text.startswith("Đã ghi nhận 2.2: đã hoàn thành")
            await api.wait_for(lambda c: asked.edits > 0, timeout=10)
            assert asked.reply_markup is None and "✔ Đã trả lời" in asked.plain_text
            # The other candidate of the answered question cannot be pressed any more.
            api.push_callback(TELEGRAM_CHAT, asked.message_id, rows[0][0]["callback_data"])
            assert "không ghi nhận gì thêm" in (await answer(4)).plain_text
    updates, statuses = await counts(db)
    assert updates == 1 and statuses == {"2.1": Status.NOT_STARTED, "2.2": Status.DONE}
