from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from storage.invites import InviteRefused, redeem_invite
from storage.models import Invite
from tests.kit import NOW, World


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
