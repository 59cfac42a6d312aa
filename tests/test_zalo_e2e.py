"""End to end on Zalo: the real channel over HTTP to the fake Zalo API, the real store.

The dispatcher, the conversation, ChatDelivery and the sweep are the ones ``nhacviec run``
uses; the ``db`` fixture runs every test on SQLite and, when configured, PostgreSQL.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime

import aiohttp
import pytest
from sqlalchemy import select

from bot.app.builder import build_service
from bot.app.settings import Settings
from bot.channels.zalo import ZaloChannel
from bot.inbound.fairness import REFUSE_EVERY
from scheduler.clock import ManualClock
from storage.enums import Channel, NudgeState, Status
from storage.models import ChatLink, HeavyRequest, InboundMessage, Nudge
from tests.fakes.chat_service import ChatService
from tests.fakes.recording_channel import RecordingChannel
from tests.fakes.zalo_api import FakeZaloAPI, free_port, post_webhook
from tests.kit import World, count, counts, local, two_tasks_and_an_invite

OFFICIAL, STRANGER = "5c1e0b7d2a9f4e3c8b6a", "9f8e7d6c5b4a39281706"
COORDINATOR = "c00d1a7e0b5e4d3c2b1a"
HOOK = "https://bot.example.gov.vn/zalo/hook"
SECRET = "zalo-webhook-secret-42"
ANSWER_BY_NUMBER = "Trả lời bằng số."  # Zalo's own words under numbered options
OPTIONS = (
    "1. ✅ Đã hoàn thành\n2. ⏳ Đang thực hiện\n3. ⛔ Vướng mắc\n4. 📅 Đề nghị gia hạn\n"
    f"5. 💤 Nhắc lại sau\n{ANSWER_BY_NUMBER}"
)


class Service(ChatService):
    """The chat half of ``nhacviec run`` over ZaloChannel, restartable."""

    def __init__(self, db, api, clock, **channel_kw):
        channel = ZaloChannel(
            api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0, **channel_kw
        )
        super().__init__(db, channel, clock)
        self.api = api


async def closed(db) -> None:
    """Every chart or report asked for went out and was booked as sent, as a person who waits
    for the picture before asking again would find it (the booking follows the send)."""
    for _ in range(200):
        async with db.unit_of_work() as session:
            if not await session.scalar(
                select(HeavyRequest.id).where(HeavyRequest.finished_at.is_(None)).limit(1)
            ):
                return
        await asyncio.sleep(0.05)
    raise AssertionError("a chart or report stayed open after it was sent")


async def answer_to(api: FakeZaloAPI, chat_id: str, since: int) -> str:
    """The bot's message number ``since`` (0-based) in ``chat_id``, once it was sent."""
    await api.wait_for(lambda call: len(api.sent(chat_id)) > since, timeout=10)
    return api.sent(chat_id)[since].text


@pytest.fixture
async def world(db, tmp_path):
    clock, code = await two_tasks_and_an_invite(db, tmp_path)
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        yield db, api, clock, code


async def link(api, code: str) -> None:
    api.push_text(OFFICIAL, f"/start {code}")
    assert "Tài khoản chat đã được liên kết" in await answer_to(api, OFFICIAL, 0)


def nudges_sent(api) -> list[str]:
    """Nudges and check-ins (one message listing several)."""
    starts = ("⏰ Nhắc nhiệm vụ", "📋 Hệ thống xin nhắc")
    return [m.text for m in api.sent(OFFICIAL) if m.text.startswith(starts)]


async def test_an_officials_morning_is_one_checkin_numbered_per_task(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await link(api, code)
        report = await svc.sweep()  # before:7 of both tasks is today
        assert report.sent == 2
        [checkin] = nudges_sent(api)
        assert checkin.startswith("📋 Hệ thống xin nhắc Anh/Chị 2 nhiệm vụ cần theo dõi")
        assert "1. 2.1 — Trình chương trình\n    Thời hạn: 15/03/2024 · còn 9 ngày" in checkin
        assert "2. 2.2 — Rà soát văn bản\n    Thời hạn: 15/03/2024" in checkin
        # The numbered items are the options: each task is listed once, not again below.
        assert checkin.count("2.1 — ") == 1 and checkin.count("2.2 — ") == 1
        assert checkin.endswith(f"(ví dụ: «2.1 xong»).\n\n{ANSWER_BY_NUMBER}")
        assert len(checkin) <= 2000

        api.push_text(OFFICIAL, "2")  # choose a task: 2.2, shown with its own options
        shown = await answer_to(api, OFFICIAL, 2)
        assert "2.2 — Rà soát văn bản" in shown and shown.endswith(OPTIONS)
        api.push_text(OFFICIAL, "1")
        assert (await answer_to(api, OFFICIAL, 3)).splitlines()[0] == (
            "Đã ghi nhận 2.2: đã hoàn thành."
        )
        # No reply-to on Zalo: the open tasks of the latest check-in; 2.1 is the one left.
        api.push_text(OFFICIAL, "dang lam 60%")
        assert (await answer_to(api, OFFICIAL, 4)).splitlines()[0] == (
            "Đã ghi nhận 2.1: đang thực hiện 60%."
        )
        api.push(OFFICIAL, "message.sticker.received", {"sticker": "abc"})  # never fatal
        assert "chưa được ghi nhận" in (await answer_to(api, OFFICIAL, 5)).lower()
    updates, statuses = await counts(db)
    assert updates == 2
    assert statuses == {"2.2": Status.DONE, "2.1": Status.IN_PROGRESS}


async def test_a_bare_reply_after_a_checkin_of_several_asks_which(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await link(api, code)
        await svc.sweep()
        api.push_text(OFFICIAL, "xong")  # two open tasks in the check-in: never guessed
        asked = await answer_to(api, OFFICIAL, 2)
        assert asked.endswith(ANSWER_BY_NUMBER)
        assert "2.1 — " in asked and "2.2 — " in asked
        assert (await counts(db))[0] == 0
        api.push_text(OFFICIAL, "2")
        assert (await answer_to(api, OFFICIAL, 3)).splitlines()[0] == (
            "Đã ghi nhận 2.2: đã hoàn thành."
        )
    assert (await counts(db))[1] == {"2.1": Status.NOT_STARTED, "2.2": Status.DONE}


async def test_strangers_and_wrong_roles_change_nothing(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        api.push_text(STRANGER, "xong")
        assert "chưa được liên kết" in await answer_to(api, STRANGER, 0)
        await link(api, code)
        api.push_text(OFFICIAL, "/baocao")
        assert "dành cho cơ quan điều phối" in await answer_to(api, OFFICIAL, 1)
        await svc.sweep()
        clock.advance(REFUSE_EVERY)  # a stranger is refused once per interval
        api.push_text(STRANGER, "1")  # the official's options are not the stranger's
        assert "chưa được liên kết" in await answer_to(api, STRANGER, 1)
    assert (await counts(db))[0] == 0
    assert await count(db, ChatLink) == 1
    async with db.unit_of_work() as session:
        kept = (
            await session.scalars(
                select(InboundMessage.payload).where(InboundMessage.chat_id == STRANGER)
            )
        ).all()
    assert len(kept) == 2 and not any("xong" in payload for payload in kept)


async def test_webhook_refuses_a_missing_or_wrong_secret_and_processes_a_valid_one(world):
    db, api, clock, code = world
    async with Service(
        db, api, clock, webhook_url=HOOK, webhook_secret=SECRET, listen="127.0.0.1:0"
    ) as svc:
        url = f"http://127.0.0.1:{svc.channel.port}/zalo/hook"
        assert (api.webhook["url"], api.webhook["secret_token"]) == (HOOK, SECRET)
        start = api.push_text(OFFICIAL, f"/start {code}")
        assert await post_webhook(url, start, None) == 403
        assert await post_webhook(url, start, SECRET[:-1] + "x") == 403
        await asyncio.sleep(0.1)
        assert await count(db, InboundMessage) == 0 and api.sent(OFFICIAL) == []

        assert await post_webhook(url, b"", SECRET) == 200  # a probe
        assert await post_webhook(url, start, SECRET) == 200  # flat, as live webhooks are
        assert "đã được liên kết" in await answer_to(api, OFFICIAL, 0)
        assert await post_webhook(url, start, SECRET) == 200  # resent: handled once
        wrapped = {"ok": True, "result": api.push_text(OFFICIAL, "/viec")}
        assert await post_webhook(url, wrapped, SECRET) == 200
        assert "Nhiệm vụ của" in await answer_to(api, OFFICIAL, 1)
    assert await count(db, InboundMessage) == 2 and len(api.sent(OFFICIAL)) == 2
    assert "getUpdates" not in [c.method for c in api.calls]


async def test_an_update_the_store_refused_is_held_and_retried_not_lost(world):
    db, api, clock, code = world
    svc = Service(db, api, clock)
    failures = []
    receive = svc.dispatcher.receive

    async def flaky(incoming):
        if len(failures) < 2:
            failures.append(incoming.update_key)
            raise ConnectionError("database is down")
        await receive(incoming)

    await svc.channel.start(flaky)
    try:
        await link(api, code)  # Zalo handed it out once; the channel kept it
    finally:
        await svc.channel.stop()
    assert len(failures) == 2 and api.pending_updates == []
    assert await count(db, InboundMessage) == 1 and len(api.sent(OFFICIAL)) == 1


@pytest.mark.parametrize("failure", [403, 408, 429, 500, 502, "drop", "down"])
async def test_passing_errors_are_retried_by_the_ledger_and_sent_once(world, failure):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await link(api, code)
        if failure == "down":
            api.go_down()
        else:
            api.fail_next("sendMessage", failure, count=1)  # the check-in: one message
        first = await svc.sweep()
        assert (first.sent, first.retried) == (0, 2)
        api.come_back()
        sent = 0
        for _ in range(3):
            clock.advance(minutes=5)
            sent += (await svc.sweep()).sent
        assert sent == 2
    async with db.unit_of_work() as session:
        nudges = (await session.execute(select(Nudge.state, Nudge.attempts))).all()
    assert sorted(nudges) == [(NudgeState.SENT, 2), (NudgeState.SENT, 2)]
    assert len(nudges_sent(api)) == 1  # one check-in, nothing sent twice


@pytest.mark.parametrize("failure", [400, 404])
async def test_refused_sends_fail_for_good(world, failure):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await link(api, code)
        api.fail_next("sendMessage", failure, count=4)  # each: formatted, then plain
        assert (await svc.sweep()).failed == 2
        clock.advance(hours=2)
        assert (await svc.sweep()).claimed == 0
    async with db.unit_of_work() as session:
        errors = (await session.scalars(select(Nudge.last_error))).all()
        link_row = await session.scalar(select(ChatLink))
    assert len(errors) == 2 and all(e.startswith("bad_request") for e in errors)
    assert link_row.unreachable_since is None
    assert nudges_sent(api) == []


async def test_403_is_a_server_error_on_zalo_retried_never_a_block(world):
    db, api, clock, code = world
    async with Service(db, api, clock) as svc:
        await link(api, code)
        api.block_chat(OFFICIAL)  # the fake answers 403 "Internal server error"
        report = await svc.sweep()
        assert (report.sent, report.retried) == (0, 2)
        api.unblock_chat(OFFICIAL)
        sent = 0
        for _ in range(3):
            clock.advance(minutes=5)
            sent += (await svc.sweep()).sent
    assert sent == 2 and len(nudges_sent(api)) == 1  # both in one check-in
    async with db.unit_of_work() as session:
        link_row = await session.scalar(select(ChatLink))
    assert link_row.unreachable_since is None  # never marked as blocked


async def invite(db, role: str, now: datetime) -> str:
    world = World(db)
    return await world.invite(await world.person(role), now)


async def test_chart_and_report_go_by_expiring_urls_or_degrade_to_text(world):
    db, api, clock, _code = world
    port, now = free_port(), [0.0]
    public = f"http://127.0.0.1:{port}/zalo"
    options = {"public_url": public, "listen": f"127.0.0.1:{port}", "monotonic": lambda: now[0]}
    async with Service(db, api, clock, **options):
        api.push_text(COORDINATOR, f"/start {await invite(db, 'coordinator', clock.now())}")
        await answer_to(api, COORDINATOR, 0)
        api.push_text(COORDINATOR, "/bieudo")
        await api.wait_for("sendPhoto", timeout=20)
        (photo,) = api.photos
        assert photo.chat_id == COORDINATOR and photo.url.startswith(f"{public}/media/")
        assert photo.content_type == "image/png" and photo.content.startswith(b"\x89PNG")
        assert photo.caption and len(photo.caption) <= 2000

        await closed(db)
        api.push_text(COORDINATOR, "/baocao")
        text = await answer_to(api, COORDINATOR, 1)
        link = next(word for word in text.split() if word.startswith(public))
        assert link.endswith(".xlsx")
        async with aiohttp.ClientSession() as http:
            async with http.get(link) as response:
                assert response.status == 200
                assert (await response.read()).startswith(b"PK")  # an XLSX is a zip
            # Zalo fetched the photo and the coordinator the report: both links are dead
            for url in (photo.url, link):
                async with http.get(url) as response:
                    assert response.status == 404
    async with Service(db, api, clock):  # no public_url: the files become a note
        api.push_text(COORDINATOR, "/bieudo")
        fallback = await answer_to(api, COORDINATOR, 2)
    assert len(api.photos) == 1
    assert "tien-do-" in fallback and "Telegram" in fallback and "nhacviec report" in fallback


async def test_a_rejected_token_stops_zalo_and_coordinators_hear_it_on_telegram(world, caplog):
    db, api, clock, _code = world
    other = RecordingChannel("telegram")
    zalo = ZaloChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
    world_ = World(db)
    await world_.link(await world_.person("coordinator"), "777", Channel.TELEGRAM)
    service = build_service(Settings(), db, clock, channels={"zalo": zalo, "telegram": other})
    await service.open()
    try:
        api.fail_next("getUpdates", 401)
        await api.wait_for(lambda c: c.method == "getUpdates" and c.status == 401)
        for _ in range(100):
            if other.texts("777"):
                break
            await asyncio.sleep(0.02)
    finally:
        await service.close(1)
    (alert,) = other.texts("777")
    assert "Zalo" in alert and "ZALO_BOT_TOKEN" in alert and "khởi động lại" in alert
    assert zalo.health == "token_rejected"
    assert "action=channel_alert channel=zalo health=token_rejected coordinators=1" in caplog.text


async def test_a_checkin_paged_over_messages_takes_the_numbers_of_every_page(db, tmp_path):
    build = World(db, tmp_path)
    await build.agencies()
    await build.people()
    title = "Rà soát đánh giá và công bố kết quả thực hiện nhiệm vụ cải cách hành chính số"
    await build.plan(
        *(f"2.{k},2,{title} {k},Sở Tư pháp,,2024-03-15,,Báo cáo" for k in range(1, 31))
    )
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    code = await build.invite(await build.person("official", "stp"), clock.now())
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        async with Service(db, api, clock) as svc:
            await link(api, code)
            assert (await svc.sweep()).sent == 30
            pages = [m.text for m in api.sent(OFFICIAL)[1:]]
            assert len(pages) >= 2 and all(len(page) <= 2000 for page in pages)
            numbers = [int(n) for page in pages for n in re.findall(r"^(\d+)\. 2\.", page, re.M)]
            assert numbers == list(range(1, 31))  # one number per task, unique across pages
            assert f"30. 2.30 — {title} 30" in pages[-1]
        async with Service(db, api, clock):  # a restart: the menu comes from the store
            api.push_text(OFFICIAL, "1")  # a number of the first page, not the last
            shown = await answer_to(api, OFFICIAL, 1 + len(pages))
            assert f"2.1 — {title} 1\n" in shown and shown.endswith(OPTIONS)
            api.push_text(OFFICIAL, "1")  # done, under 2.1
            done = await answer_to(api, OFFICIAL, 2 + len(pages))
            assert done.splitlines()[0] == "Đã ghi nhận 2.1: đã hoàn thành."
    assert (await counts(db))[1]["2.1"] is Status.DONE
