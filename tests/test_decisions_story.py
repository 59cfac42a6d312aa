"""Extension decisions as two coordinators and an official live them on Telegram.

Real python-telegram-bot against the fake Bot API: a button acts on the request it
was shown with, a decided request shows who decided and how on every copy, a
decision never undoes finished work, and a coordinator who links later finds the
open requests with /choduyet (issue 11 point 8, issue 17 point 4).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from bot.channels.telegram import TelegramChannel
from storage.enums import Channel, ExtensionState, Role, Status
from storage.models import Assignment, ExtensionRequest
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import World, two_tasks_and_an_invite
from tests.kit.chat import Chat

OFFICIAL, COORD_A, COORD_B, COORD_LATE = 1001, 2001, 2002, 2003


class Service(ChatService):
    def __init__(self, db, api, clock):
        channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        super().__init__(db, channel, clock)


@pytest.fixture
async def world(db, tmp_path):
    """The official of Sở Tư pháp and two coordinators, linked on Telegram; tasks 2.1 and
    2.2 due 15/03/2024; the clock on Wed 6 Mar 2024."""
    clock, _code = await two_tasks_and_an_invite(db, tmp_path)
    w = World(db)
    await w.link(await w.person("official", "stp"), OFFICIAL, Channel.TELEGRAM)
    first = await w.person("coordinator")
    await w.link(first, COORD_A, Channel.TELEGRAM)
    second = await w.add_person("Lê Thị Hai", "snv", Role.COORDINATOR)
    await w.link(second, COORD_B, Channel.TELEGRAM)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        yield db, api, clock, first, second


async def said(api, chat: int, n: int) -> list:
    """Wait until the bot sent ``n`` messages to ``chat``; all of them."""
    await api.wait_for(lambda call: len(api.sent_messages(chat)) >= n, timeout=10)
    return api.sent_messages(chat)


async def settled(svc) -> None:
    await svc.dispatcher.drain()


def data(message, row=0, col=0) -> str:
    return message.reply_markup["inline_keyboard"][row][col]["callback_data"]


async def press(api, svc, chat: int, message, pressed: str | None = None) -> str:
    """Press the first button of ``message`` (or ``pressed``: data it showed before an
    edit, as a client that has not refreshed still sends); waits until it is answered."""
    query = api.push_callback(chat, message.message_id, pressed or data(message))
    await api.wait_for(
        lambda call: (
            call.method == "answerCallbackQuery" and str(call.params["callback_query_id"]) == query
        ),
        timeout=10,
    )
    await settled(svc)
    return query


async def request_of(db, code: str) -> tuple[Assignment, list[ExtensionRequest]]:
    async with db.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == code))
        rows = await session.scalars(
            select(ExtensionRequest)
            .where(ExtensionRequest.assignment_id == a.id)
            .order_by(ExtensionRequest.id)
        )
        return a, list(rows.all())


async def test_a_stale_button_never_decides_the_newer_request(world):
    db, api, clock, first, _second = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL, "/giahan 2.1 30/06/2024 chờ kinh phí")
        (old_a,) = await said(api, COORD_A, 1)
        (old_b,) = await said(api, COORD_B, 1)
        assert "Đề nghị gia hạn nhiệm vụ 2.1" in old_a.plain_text
        assert "30/06/2024" in old_a.plain_text
        old_approve = data(old_a)

        api.push_command(OFFICIAL, "/giahan 2.1 31/12/2024 chờ kinh phí cả năm")
        new_a = (await said(api, COORD_A, 2))[1]
        new_b = (await said(api, COORD_B, 2))[1]
        await settled(svc)
        # The first request's copies now say it was replaced, without buttons.
        for old in (old_a, old_b):
            assert old.edits == 1 and old.reply_markup is None
            assert "Đã được thay bằng đề nghị mới (đến 31/12/2024)" in old.plain_text

        # The regression: approve pressed on the first request (to 30/06) after the
        # official asked again (to 31/12) approved 31/12.
        await press(api, svc, COORD_A, old_a, old_approve)
        answer = (await said(api, COORD_A, 3))[2].plain_text
        assert "đã được thay bằng đề nghị mới hơn (đến 31/12/2024)" in answer
        assert "không có gì thay đổi" in answer
        a, (req1, req2) = await request_of(db, "2.1")
        assert a.deadline == date(2024, 3, 15) and a.status is Status.EXTENSION_REQUESTED
        assert req1.state is ExtensionState.SUPERSEDED and req2.state is ExtensionState.PENDING

        # Approving the request on screen decides it; every copy shows who and how.
        new_b_approve = data(new_b)
        await press(api, svc, COORD_A, new_a)
        approved = (await said(api, COORD_A, 4))[3].text
        assert "Đã đồng ý gia hạn nhiệm vụ 2.1 đến 31/12/2024." in approved
        a, (_, req2) = await request_of(db, "2.1")
        assert a.deadline == date(2024, 12, 31) and req2.state is ExtensionState.APPROVED
        for copy in (new_a, new_b):
            assert copy.reply_markup is None
            assert f"✅ Đã đồng ý gia hạn đến 31/12/2024 — {first.full_name}" in copy.plain_text
        told = (await said(api, OFFICIAL, 3))[-1].plain_text
        assert "31/12/2024 đã được đồng ý" in told

        # The second coordinator presses the stale button of the same request: told.
        await press(api, svc, COORD_B, new_b, new_b_approve)
        answer = api.sent_messages(COORD_B)[-1].plain_text
        assert "đã được xử lý" in answer and first.full_name in answer
        a, (_, req2) = await request_of(db, "2.1")
        assert req2.decided_by_id == first.id and a.deadline == date(2024, 12, 31)


async def test_approving_after_the_work_is_done_changes_nothing(world):
    db, api, clock, first, _second = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL, "/giahan 2.2 30/06/2024 chờ ý kiến")
        (copy_a,) = await said(api, COORD_A, 1)
        (copy_b,) = await said(api, COORD_B, 1)
        api.push_command(OFFICIAL, "/capnhat 2.2 xong")
        await said(api, OFFICIAL, 2)
        await settled(svc)
        done, _ = await request_of(db, "2.2")
        assert done.status is Status.DONE

        await press(api, svc, COORD_A, copy_a)
        answer = (await said(api, COORD_A, 2))[1].plain_text
        assert "2.2 đã hoàn thành hoặc đã rút" in answer and "đã được đóng" in answer
        a, (request,) = await request_of(db, "2.2")
        assert (a.status, a.percent, a.deadline) == (Status.DONE, done.percent, date(2024, 3, 15))
        assert a.done_at == done.done_at
        assert request.state is ExtensionState.CLOSED and request.decided_by_id == first.id
        for copy in (copy_a, copy_b):
            assert copy.reply_markup is None and "🔒 Đã đóng, không gia hạn" in copy.plain_text
        assert len(api.sent_messages(OFFICIAL)) == 2  # nothing to tell: nothing changed


async def test_a_coordinator_who_links_later_finds_open_requests(world):
    db, api, clock, _first, _second = world
    async with Service(db, api, clock) as svc:
        api.push_command(OFFICIAL, "/giahan 2.1 30/06/2024 chờ kinh phí")
        (copy_a,) = await said(api, COORD_A, 1)
        await settled(svc)

        w = World(db)
        late = await w.add_person("Trần Văn Ba", "snv", Role.COORDINATOR)
        await w.link(late, COORD_LATE, Channel.TELEGRAM)
        api.push_command(COORD_LATE, "/choduyet")
        title, listed = await said(api, COORD_LATE, 2)
        assert "Đề nghị gia hạn chờ duyệt: 1" in title.plain_text
        assert "2.1" in listed.plain_text and "30/06/2024" in listed.plain_text
        labels = [b["text"] for b in listed.reply_markup["inline_keyboard"][0]]
        assert labels == ["✅ Đồng ý", "❌ Từ chối"]

        await press(api, svc, COORD_LATE, listed)
        a, (request,) = await request_of(db, "2.1")
        assert a.deadline == date(2024, 6, 30) and request.decided_by_id == late.id
        # The first coordinator's copy shows it was decided, and by whom.
        assert copy_a.reply_markup is None and "Trần Văn Ba" in copy_a.plain_text
        assert listed.reply_markup is None

        api.push_command(COORD_LATE, "/pending")
        assert "Không có đề nghị gia hạn nào chờ duyệt" in (await said(api, COORD_LATE, 4))[3].text


async def test_officials_may_not_list_pending_requests(world):
    db, api, clock, *_ = world
    async with Service(db, api, clock):
        api.push_command(OFFICIAL, "/choduyet")
        (answer,) = await said(api, OFFICIAL, 1)
        assert "dành cho cơ quan điều phối" in answer.plain_text


async def test_without_edits_every_other_coordinator_gets_a_follow_up_line(db, tmp_path):
    """On the console (as on Zalo) a message cannot be edited: the other coordinators
    are told in one line who decided and how; the decider is answered."""
    clock, _code = await two_tasks_and_an_invite(db, tmp_path)
    w = World(db)
    await w.link(await w.person("official", "stp"), "off")
    first = await w.person("coordinator")
    await w.link(first, "a")
    await w.link(await w.add_person("Lê Thị Hai", "snv", Role.COORDINATOR), "b")
    chat = Chat(db, clock.now())
    await chat.say("off", "/giahan 2.1 30/06/2024 chờ kinh phí")
    copy_a = chat.last("a")
    before = len(chat.channel.sent)
    await chat.say("a", choice_data=copy_a.choices[0][0].data)
    to_a = [m.text for c, m in chat.channel.sent[before:] if c == "a"]
    assert to_a == ["Đã đồng ý gia hạn nhiệm vụ 2.1 đến 30/06/2024."]
    line = chat.last("b").text
    assert line.startswith("Đề nghị gia hạn 2.1 (đến 30/06/2024): ✅ Đã đồng ý gia hạn")
    assert first.full_name in line
    assert [c for c, m in chat.channel.sent].count("b") == 2  # the copy, the line
