"""Paging a long plan: every page within the platform's limit, every press answered once.

A generated plan of long-titled tasks, most of them overdue, read through real
python-telegram-bot against the fake Bot API (which refuses texts over 4096
characters, edits included), and the pager alone at Zalo's 2000 (issue 11 point
10, issue 17 point 7).
"""

from __future__ import annotations

import pytest

from bot.channels.telegram import TelegramChannel
from bot.handlers.pages import Item, cut, limit_for, page
from storage.enums import Channel
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import MAX_TEXT, FakeTelegramAPI
from tests.kit import World, two_tasks_and_an_invite

COORD, OFFICIAL = 2001, 1001
LONG = "Xây dựng và triển khai đề án nâng cao chất lượng giải quyết thủ tục hành chính " * 3


class Service(ChatService):
    def __init__(self, db, api, clock):
        channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        super().__init__(db, channel, clock)


@pytest.fixture
async def world(db, tmp_path):
    """60 more tasks of Sở Tư pháp with 240-character titles: 40 overdue on the clock's
    day (Wed 6 Mar 2024), 10 due next week, 10 later; the coordinator and the official
    linked on Telegram."""
    clock, _code = await two_tasks_and_an_invite(db, tmp_path)
    w = World(db, tmp_path)
    rows = [
        f"3.{n},3,{LONG.strip()} {n},Sở Tư pháp,,2024-01-{n % 28 + 1:02d},,QĐ" for n in range(40)
    ]
    rows += [f"4.{n},4,{LONG.strip()} {n},Sở Tư pháp,,2024-03-12,,QĐ" for n in range(10)]
    rows += [f"5.{n},5,{LONG.strip()} {n},Sở Tư pháp,,2024-09-30,,QĐ" for n in range(10)]
    await w.plan("2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ", *rows)
    await w.link(await w.person("coordinator"), COORD, Channel.TELEGRAM)
    await w.link(await w.person("official", "stp"), OFFICIAL, Channel.TELEGRAM)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        yield db, api, clock


async def first_answer(api, chat: int):
    await api.wait_for(lambda call: len(api.sent_messages(chat)) >= 1, timeout=10)
    return api.sent_messages(chat)[0]


def buttons(message) -> dict[str, str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in rows for b in row}


async def press(api, svc, chat: int, message, label: str) -> None:
    query = api.push_callback(chat, message.message_id, buttons(message)[label])
    await api.wait_for(
        lambda c: c.method == "editMessageText" and c.params["message_id"] == message.message_id,
        timeout=10,
        since=len(api.calls),
    )
    await svc.dispatcher.drain()
    await svc.dispatcher.recover()  # the resend timer: nothing of the press is left
    answered = [
        c
        for c in api.calls
        if c.method == "answerCallbackQuery" and str(c.params["callback_query_id"]) == query
    ]
    assert len(answered) == 1


async def test_paging_overdue_back_and_forth_stays_within_telegram_limits(world):
    db, api, clock = world
    async with Service(db, api, clock) as svc:
        api.push_command(COORD, "/quahan")
        listing = await first_answer(api, COORD)
        first_text = listing.plain_text
        assert "⚠️ Nhiệm vụ quá hạn (40) — trang 1/" in first_text
        seen = [first_text]
        await press(api, svc, COORD, listing, "Sau ▶")
        assert "— trang 2/" in listing.plain_text
        seen.append(listing.plain_text)
        # The regression: back to page 1 failed ("an edited text may have at most 4096
        # characters") and the press was answered again at every resend.
        await press(api, svc, COORD, listing, "◀ Trước")
        assert listing.plain_text == first_text and listing.edits == 2
        seen.append(listing.plain_text)
    assert len(api.sent_messages(COORD)) == 1  # paging edits, never adds messages
    assert all(len(text) <= MAX_TEXT for text in seen)
    assert api.status_counts[400] == 0


async def test_tasks_for_a_phone_grouped_counted_and_paged(world):
    db, api, clock = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL, "/viec")
        listing = await first_answer(api, OFFICIAL)
        head, counts, group, *_ = listing.plain_text.splitlines()
        assert head.startswith("Nhiệm vụ của Sở Tư pháp đang mở: 61 — trang 1/")
        assert counts == (
            "Quá hạn 40 · đến hạn trong 7 ngày làm việc 11 · còn hạn 10 · thường xuyên 0"
        )
        assert group == "⚠️ Quá hạn"
        assert len(listing.plain_text) <= MAX_TEXT
        pages = int(head.rsplit("/", 1)[1])
        for _ in range(pages - 1):
            await press(api, svc, OFFICIAL, listing, "Sau ▶")
            assert len(listing.plain_text) <= MAX_TEXT
        last = listing.plain_text
        assert f"trang {pages}/{pages}" in last and "📅 Còn hạn" in last
        assert "Sau ▶" not in buttons(listing)
    assert len(api.sent_messages(OFFICIAL)) == 1


def test_pages_fit_zalo_and_keep_every_item_once_in_order():
    items = [Item(f"• {n} " + "x" * (50 + n * 7), f"group {n // 10}") for n in range(80)]
    limit = limit_for("zalo")
    assert limit <= 2000 - 100  # room for the numbered options Zalo adds

    def title(p, n):
        return f"Danh sách — trang {p}/{n}"

    shown = [page(title, items, n, limit) for n in range(1, 40)]
    pages = shown[0].pages
    assert all(len(p.text) <= limit for p in shown)
    texts = [line for p in shown[:pages] for line in p.text.splitlines() if line.startswith("•")]
    assert texts == [i.text for i in items]
    assert shown[-1].number == pages  # a page past the end shows the last one
    # Each page starts with its group's heading, even when the group began earlier.
    assert all(p.text.splitlines()[1].startswith("group") for p in shown[:pages])


def test_an_item_longer_than_a_page_is_shortened_not_split():
    (only,) = cut([Item("y" * 5000)], room=1000)
    assert len(only) == 1 and len(only[0].text) <= 1000 and only[0].text.endswith("…")
