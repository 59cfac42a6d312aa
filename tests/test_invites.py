from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.inbound.dispatcher import Deps, Dispatcher
from storage.invites import CODE_BYTES, LOCK_AFTER, InviteRefused, redeem_invite
from storage.models import Invite, InviteAttempt
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import CAL, NOW, RULES, World


@pytest.fixture
async def person(db):
    world = World(db)
    await world.agencies()
    await world.people()
    return await world.person(name="Phan Ngọc Phương")


async def invite(db, person, now=NOW):
    return await World(db).invite(person, now)


async def redeem(db, code, now):
    async with db.unit_of_work() as session:
        return await redeem_invite(session, code, now)


async def test_code_is_stored_only_as_a_hash_and_links_once(db, person):
    code = await invite(db, person)
    async with db.unit_of_work() as session:
        stored = await session.scalar(select(Invite))
    assert code not in stored.code_hash and len(code) <= 64
    assert stored.expires_at == NOW + timedelta(days=7)
    linked = await redeem(db, code, NOW + timedelta(days=1))
    assert linked.id == person.id
    with pytest.raises(InviteRefused) as info:
        await redeem(db, code, NOW + timedelta(days=1))
    assert info.value.reason == "used"


async def test_code_expires_after_seven_days(db, person):
    code = await invite(db, person)
    with pytest.raises(InviteRefused) as info:
        await redeem(db, code, NOW + timedelta(days=7, seconds=1))
    assert info.value.reason == "expired"


async def test_inviting_again_replaces_the_old_code(db, person):
    old = await invite(db, person)
    new = await invite(db, person, NOW + timedelta(hours=1))
    with pytest.raises(InviteRefused) as info:
        await redeem(db, old, NOW + timedelta(hours=2))
    assert info.value.reason == "unknown"
    assert (await redeem(db, new, NOW + timedelta(hours=2))).id == person.id


class Typing:
    """One recording channel through the real dispatcher, on a clock the test moves."""

    def __init__(self, db) -> None:
        self.channel, self.now, self.n = RecordingChannel(), NOW, 0
        self.dispatcher = Dispatcher(Deps(db, {"console": self.channel}, CAL, RULES, self.clock))

    def clock(self):
        return self.now

    async def say(self, chat_id: str, text: str) -> str:
        before, self.n = len(self.channel.sent), self.n + 1
        await self.dispatcher.receive(self.channel.incoming(chat_id, text, f"k{self.n}"))
        (answer,) = [m.text for _, m in self.channel.sent[before:]]
        return answer


async def test_wrong_codes_slow_then_lock_the_chat(db, person, caplog):
    assert CODE_BYTES * 8 == 128
    code = await invite(db, person)
    chat = Typing(db)
    for _ in range(3):
        assert (await chat.say("guesser", "/start AAAAAAAAAAAAAAAAAAAAAA")).startswith(
            "Mã mời không đúng"
        )
    slowed = await chat.say("guesser", "/start BBBBBBBBBBBBBBBBBBBBBB")
    assert "đợi 1 phút" in slowed
    assert "đợi 1 phút" in await chat.say("guesser", f"/start {code}")  # not even checked
    assert (await chat.say("other", "/start CCCCCCCCCCCCCCCCCCCCCC")).startswith("Mã mời không")

    for n in range(4, LOCK_AFTER + 1):
        chat.now += timedelta(seconds=61)
        answer = await chat.say("guesser", f"/start WRONG{n:017d}")
        assert answer.startswith("Mã mời không đúng") == (n < LOCK_AFTER)
    assert "tạm khóa" in answer and "24 giờ" in answer
    assert any("action=invite_locked" in r.getMessage() for r in caplog.records)
    assert code not in caplog.text

    chat.now += timedelta(hours=23)
    assert "tạm khóa" in await chat.say("guesser", f"/start {code}")
    chat.now += timedelta(hours=1, seconds=61)
    assert (await chat.say("guesser", f"/start {code}")).startswith(
        "Kính chào Anh/Chị Phan Ngọc Phương"
    )
    async with db.unit_of_work() as session:
        left = await session.scalars(select(InviteAttempt.chat_id))
        assert list(left) == ["other"]  # linking forgets the chat's wrong codes
