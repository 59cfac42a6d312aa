"""Every answer a person receives is sent once, even while the resend timer runs.

The resend path reads the answers not yet marked sent; the batch sender marks
them after sending. Held calls on the fake Bot API force the interleaving that
sent answers twice in a black-box run (issue 11, point 9): resend reads its list
while a batch is still sending, the batch finishes, resend reaches the row.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from bot.channels.telegram import TelegramChannel
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import two_tasks_and_an_invite

CHAT, STRANGER = 1001, 1003  # the official; a chat whose answer is kept for resending
REFUSAL = "chưa được liên kết"


class Service(ChatService):
    def __init__(self, db, api, clock):
        channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        super().__init__(db, channel, clock)


@pytest.fixture
async def world(db, tmp_path):
    clock, code = await two_tasks_and_an_invite(db, tmp_path)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        yield db, api, clock, code


def received(api, chat: int) -> Counter:
    return Counter(m.plain_text for m in api.sent_messages(chat))


async def linked_and_one_answer_kept(svc, api, code) -> None:
    """The official is linked; the answer to a stranger was refused for a while (a 5xx)
    and waits for the resend timer."""
    api.push_command(CHAT, f"/start {code}")
    await api.wait_for(lambda call: len(api.sent_messages(CHAT)) == 1, timeout=10)
    api.fail_next("sendMessage", 502)
    api.push_message(STRANGER, "hello")
    await api.wait_for(lambda call: api.status_counts[502] == 1, timeout=10)
    await svc.dispatcher.drain()


async def test_an_answer_sent_by_its_batch_is_not_sent_again_by_resend(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await linked_and_one_answer_kept(svc, api, code)

        # The answer to /trogiup is on its way in its batch, held at the platform.
        help_held = api.hold("sendMessage", lambda p: int(p["chat_id"]) == CHAT)
        api.push_command(CHAT, "/trogiup")
        await asyncio.wait_for(help_held.reached.wait(), 10)

        # The resend timer runs now: it reads both rows as unsent and starts with the
        # stranger's, held too.
        kept_held = api.hold("sendMessage", lambda p: int(p["chat_id"]) == STRANGER)
        resend = asyncio.create_task(svc.dispatcher.resend())
        await asyncio.wait_for(kept_held.reached.wait(), 10)

        help_held.release()  # the batch sends the help and marks it sent
        await svc.dispatcher.drain()
        kept_held.release()  # resend goes on to the help's row
        await asyncio.wait_for(resend, 10)
        await svc.dispatcher.recover()  # and the next round finds nothing to send

    official = received(api, CHAT)
    assert sorted(official.values()) == [1, 1], official  # the welcome, the help: once each
    assert any("Hệ thống nhắc Anh/Chị" in text for text in official)
    stranger = received(api, STRANGER)
    assert list(stranger.values()) == [1] and REFUSAL in next(iter(stranger))


async def test_two_resend_rounds_at_once_send_an_answer_once(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await linked_and_one_answer_kept(svc, api, code)

        held = api.hold("sendMessage", lambda p: int(p["chat_id"]) == STRANGER)
        first = asyncio.create_task(svc.dispatcher.resend())  # the timer
        await asyncio.wait_for(held.reached.wait(), 10)
        # Meanwhile another round (a recovery, say) runs to its end.
        await asyncio.wait_for(svc.dispatcher.recover(), 10)
        held.release()
        await asyncio.wait_for(first, 10)

    assert list(received(api, STRANGER).values()) == [1]
