"""E-mails carry how to link a chat (issue 15, point 3: "with the deep links to link a
chat"), end to end: the service ``nhacviec run`` builds over the fake Telegram API, a
real SMTP server on 127.0.0.1, the store. An e-mail to a person with no chat that works
ends with the Telegram deep link and the code of one live invite, the same in every
e-mail while it lives; sending it to the bot links the chat, and the e-mails stop."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.app.admin import run_invite
from bot.app.settings import Settings
from bot.channels.telegram import TelegramChannel
from scheduler.digest import run_due_digests
from storage.enums import Channel, NudgeState
from storage.models import ChatLink, Invite, Nudge, Person
from tests.fakes.chat_service import ChatService
from tests.fakes.smtp_server import FakeSMTP
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import CAL, World, local

ADDRESS = "loan@stp.example.vn"
CHAT = 1001
BEFORE_7, BEFORE_3 = local(2024, 3, 6, 8), local(2024, 3, 12, 8)  # 08:30; 2.1 due Fri 15/03
BEFORE_1 = local(2024, 3, 14, 8)
LINK = re.compile(r"https://t\.me/nhacviec_test_bot\?start=([A-Za-z0-9_-]{22})")


@pytest.fixture
async def world(db, tmp_path):
    """Task 2.1 of Sở Tư pháp; its official has an address and no chat."""
    w = World(db, tmp_path)
    await w.agencies()
    await w.people()
    await w.plan("2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ")
    official = await w.person("official", "stp")
    async with db.unit_of_work() as session:
        await session.execute(update(Person).where(Person.id == official.id).values(email=ADDRESS))
    return db, official


class Service(ChatService):
    """Telegram and e-mail, as ``nhacviec run`` wires them."""

    def __init__(self, db, api, smtp, clock) -> None:
        channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        mail = Settings(
            smtp_host="127.0.0.1",
            smtp_port=smtp.port,
            smtp_security="none",
            smtp_from="nhacviec@snv.example.vn",
        )
        super().__init__(db, channel, clock, settings=mail)


class Clock:
    """The service's clock, set by the test."""

    def __init__(self, at) -> None:
        self.at = at

    def now(self):
        return self.at


async def says(api, text: str) -> str:
    since = len(api.sent_messages(CHAT))
    api.push_command(CHAT, text) if text.startswith("/") else api.push_message(CHAT, text)
    await api.wait_for(lambda call: len(api.sent_messages(CHAT)) > since, timeout=10)
    return api.sent_messages(CHAT)[since].plain_text


def parts(mail) -> tuple[str, str]:
    return mail.get_body(("plain",)).get_content(), mail.get_body(("html",)).get_content()


async def test_emails_carry_one_live_invite_whose_link_links_telegram(world):
    db, official = world
    clock = Clock(BEFORE_7)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api, FakeSMTP() as smtp:
        async with Service(db, api, smtp, clock) as svc:
            assert (await svc.sweep()).sent == 1  # before:7, by e-mail
            clock.at = BEFORE_3
            assert (await svc.sweep()).sent == 1  # before:3, by e-mail again
            first, second = smtp.to(ADDRESS)
            plain, page = parts(first)
            (code,) = LINK.findall(plain)
            # Both parts: the deep link (a link in the HTML), the code for Zalo or another
            # chat, and the expiry (7 days: 13/03/2024 08:30).
            assert "Anh/Chị chưa liên kết tài khoản chat" in plain
            assert "hiệu lực đến 13/03/2024 08:30" in plain and f"/start {code}" in plain
            link = f"https://t.me/nhacviec_test_bot?start={code}"
            assert f'<a href="{link}">{link}</a>' in page and "13/03/2024 08:30" in page
            # The same invite in the next e-mail, not a new code each time.
            assert LINK.findall(parts(second)[0]) == [code] and code in parts(second)[1]
            async with db.unit_of_work() as session:
                assert len((await session.scalars(select(Invite))).all()) == 1

            clock.at = BEFORE_1  # the invite expired yesterday: a new one, shown once
            await svc.sweep()
            (renewed,) = LINK.findall(parts(smtp.to(ADDRESS)[2])[0])
            assert (
                renewed != code and "hiệu lực đến 21/03/2024 08:30" in parts(smtp.to(ADDRESS)[2])[0]
            )
            assert "Mã mời không đúng" in await says(api, f"/start {code}")  # replaced
            assert "Tài khoản chat đã được liên kết" in await says(api, f"/start {renewed}")

            clock.at = local(2024, 3, 15, 8)  # due: now in Telegram, no more e-mail
            assert (await svc.sweep()).sent == 1
    assert len(smtp.to(ADDRESS)) == 3
    assert "2.1 — Trình chương trình" in api.sent_messages(CHAT)[-1].plain_text
    async with db.unit_of_work() as session:
        (chat,) = (await session.scalars(select(ChatLink))).all()
        assert (chat.person_id, chat.channel, chat.chat_id) == (
            official.id,
            Channel.TELEGRAM,
            "1001",
        )
        channels = (await session.scalars(select(Nudge.channel).order_by(Nudge.id))).all()
        invite = await session.scalar(select(Invite))
    assert channels == ["email", "email", "email", "telegram"]
    assert invite.used_at is not None and invite.mail_code is None  # used: not kept


async def test_an_invite_the_operator_handed_out_is_kept_and_named_not_replaced(world):
    db, official = world
    clock = Clock(BEFORE_7)
    handed = await run_invite(db, official.full_name, "vi", BEFORE_7 - timedelta(hours=1))
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api, FakeSMTP() as smtp:
        async with Service(db, api, smtp, clock) as svc:
            await svc.sweep()
            (mail,) = smtp.to(ADDRESS)
            plain, page = parts(mail)
            assert "dùng mã mời đã được cấp (hiệu lực đến 13/03/2024 07:30)" in plain
            assert "t.me/" not in plain and "t.me/" not in page and "13/03/2024 07:30" in page
            assert "Tài khoản chat đã được liên kết" in await says(api, f"/start {handed.code}")
    async with db.unit_of_work() as session:
        assert (await session.scalar(select(ChatLink.person_id))) == official.id


async def test_a_person_whose_chat_works_gets_no_email_and_no_invite_is_made(world):
    db, official = world
    w = World(db)
    await w.link(official, CHAT, Channel.TELEGRAM, at=local(2024, 3, 1))
    clock = Clock(BEFORE_7)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api, FakeSMTP() as smtp:
        async with Service(db, api, smtp, clock) as svc:
            await svc.sweep()
    assert smtp.inbox == []  # the chat works: no e-mail at all, and no invite made
    async with db.unit_of_work() as session:
        assert (await session.scalars(select(Invite))).all() == []
        (nudge,) = (await session.scalars(select(Nudge))).all()
    assert nudge.state is NudgeState.SENT and nudge.channel == "telegram"


async def test_a_coordinators_digest_by_email_carries_their_invite_too(world):
    db, _ = world
    coordinator = await World(db).person("coordinator")
    async with db.unit_of_work() as session:
        await session.execute(
            update(Person).where(Person.id == coordinator.id).values(email="ha@snv.vn")
        )
    monday = local(2024, 3, 18, 9)  # 2.1 went overdue on Saturday: the daily names it
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api, FakeSMTP() as smtp:
        async with Service(db, api, smtp, Clock(monday)) as svc:
            sink = svc.service.digest_sink
            assert await run_due_digests(db, CAL, sink, monday) != []
    mails = smtp.to("ha@snv.vn")
    codes = {code for mail in mails for code in LINK.findall(parts(mail)[0])}
    assert mails and len(codes) == 1  # every digest of the morning: the same invite
    assert all(f"/start {next(iter(codes))}" in parts(mail)[0] for mail in mails)
