"""Issue 11 point 5 and issue 18 point 3: which task a reply means, never guessed.

Stories of Sở Tư pháp's official on the console and on the Telegram fake: a bare "xong"
after a batch of nudges asks which; a code anywhere in the text counts; full codes and
period words pick the period, otherwise the period last nudged about; a reply to a copy
of a nudge whose message id was never recorded lands on that copy's task or asks.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from bot.channels.telegram import TelegramChannel
from scheduler.clock import ManualClock
from storage.enums import NudgeState, Status
from storage.models import Assignment, ExtensionRequest, Nudge, Person
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit import World, count, counts, local
from tests.kit.chat import NOW, Chat

ROWS = (
    "1.7,1,Báo cáo kết quả CCHC định kỳ,Sở Tư pháp,,,quarterly:day=10:month_of_quarter=3,BC",
    "2.1,2,Trình chương trình xây dựng văn bản,Sở Tư pháp,,2024-03-29,,QĐ",
    "2.2,2,Rà soát văn bản quy phạm,Sở Tư pháp,,2024-04-10,,Báo cáo",
    "3.5,3,Rà soát thủ tục hành chính,Sở Tư pháp,,2024-04-30,,Báo cáo",
)


@pytest.fixture
async def plan(db, tmp_path):
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(*ROWS)
    await world.link(await world.person("official", "stp"), "off", at=NOW)
    return db


async def nudged(db, code: str, at, message_id: str | None, channel: str = "console") -> None:
    """A nudge about ``code`` sent to the official at ``at`` (``message_id`` None: delivered,
    but its id never recorded)."""
    async with db.unit_of_work() as session:
        assignment = await session.scalar(select(Assignment).where(Assignment.code == code))
        official = await session.scalar(
            select(Person).where(
                Person.agency_id == assignment.agency_id, Person.role == "official"
            )
        )
        session.add(
            Nudge(
                assignment_id=assignment.id,
                person_id=official.id,
                kind="before:3",
                for_deadline=assignment.deadline or NOW.date(),
                due_at=at,
                state=NudgeState.SENT,
                attempts=1,
                sent_at=at,
                channel=channel if message_id else None,
                message_id=message_id,
                created_at=at,
                updated_at=at,
            )
        )


def labels(message) -> list[str]:
    return [c.label for row in message.choices for c in row]


def data_of(message, starts: str) -> str:
    return next(c.data for row in message.choices for c in row if c.label.startswith(starts))


async def status_of(db, code: str) -> tuple[Status, int | None]:
    async with db.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == code))
        return a.status, a.percent


async def test_a_bare_reply_after_a_batch_asks_which_and_records_nothing(plan):
    batch = NOW - timedelta(hours=1)
    await nudged(plan, "2.1", batch, "m1")
    await nudged(plan, "2.2", batch, "m2")  # the same sweep round: the same instant
    chat = Chat(plan)

    [asked] = await chat.say("off", "xong")
    assert "«xong» cho nhiệm vụ nào" in asked and "chưa ghi nhận gì" in asked
    assert labels(chat.last("off")) == [
        "2.1 — Trình chương trình xây dựng văn bản",
        "2.2 — Rà soát văn bản quy phạm",
    ]
    assert (await counts(plan))[0] == 0

    [answer] = await chat.say("off", choice_data=data_of(chat.last("off"), "2.2"))
    assert answer.startswith("Đã ghi nhận 2.2: đã hoàn thành")
    assert (await status_of(plan, "2.2"))[0] is Status.DONE
    assert (await status_of(plan, "2.1"))[0] is Status.NOT_STARTED


async def test_a_code_anywhere_in_the_text_counts(plan):
    await nudged(plan, "2.1", NOW - timedelta(hours=1), "m1")  # the latest nudge is 2.1
    chat = Chat(plan)
    [answer] = await chat.say("off", "dạ việc 2.2 em đã hoàn thành rồi ạ")
    assert answer.startswith("Đã ghi nhận 2.2: đã hoàn thành")
    assert (await status_of(plan, "2.1"))[0] is Status.NOT_STARTED
    # two codes: which one is meant is asked, not guessed
    [asked] = await chat.say("off", "2.1 và 3.5 đang làm")
    assert "nhiệm vụ nào" in asked
    assert [label[:3] for label in labels(chat.last("off"))] == ["2.1", "3.5"]
    # nothing named: the latest nudge
    [answer] = await chat.say("off", "dang lam 60%")
    assert answer.startswith("Đã ghi nhận 2.1: đang thực hiện 60%")


async def test_full_codes_and_period_words_pick_the_period(plan):
    chat = Chat(plan)
    [answer] = await chat.say("off", "/capnhat 1.7#2024-Q2 dang lam 50%")
    assert answer.startswith("Đã ghi nhận 1.7#2024-Q2: đang thực hiện 50%")
    [answer] = await chat.say("off", "1.7 quý III xong")
    assert answer.startswith("Đã ghi nhận 1.7#2024-Q3: đã hoàn thành")
    [answer] = await chat.say("off", "/capnhat 1.7 tháng 12 dang lam 10%")
    assert answer.startswith("Đã ghi nhận 1.7#2024-Q4: đang thực hiện 10%")
    [answer] = await chat.say("off", "/capnhat 1.7#2024-Q9 xong")
    assert "1.7#2024-Q9" in answer and "Đã ghi nhận" not in answer
    assert (await status_of(plan, "1.7#2024-Q1"))[0] is Status.NOT_STARTED  # overdue, untouched


async def test_without_period_words_the_period_last_nudged_about_is_meant(plan):
    # Q1 (10/03) is overdue, but the official was just nudged about Q2.
    await nudged(plan, "1.7#2024-Q1", NOW - timedelta(days=5), "m1")
    await nudged(plan, "1.7#2024-Q2", NOW - timedelta(hours=1), "m2")
    chat = Chat(plan)
    [answer] = await chat.say("off", "1.7 xin gia han den 28/6/2024")
    assert "1.7#2024-Q2" in answer and "28/06/2024" in answer
    async with plan.unit_of_work() as session:
        request = await session.scalar(select(ExtensionRequest))
        assert (await session.get(Assignment, request.assignment_id)).code == "1.7#2024-Q2"


async def test_a_reply_to_an_unrecorded_copy_lands_on_that_copy_or_asks(plan):
    await nudged(plan, "2.1", NOW - timedelta(hours=2), None)  # delivered, id not recorded
    await nudged(plan, "3.5", NOW - timedelta(hours=1), "m9")  # the latest nudge
    chat = Chat(plan)
    copy = "Còn 3 ngày làm việc\n2.1 — Trình chương trình xây dựng văn bản\nHạn: 29/03/2024"
    [answer] = await chat.say(
        "off", "vướng mắc do chờ số liệu", reply_to_message_id="m5", reply_to_text=copy
    )
    assert answer.startswith("Đã ghi nhận 2.1: có khó khăn, vướng mắc")
    assert (await status_of(plan, "3.5"))[0] is Status.NOT_STARTED

    # A copy whose text names no code: the bot asks, never the latest nudge.
    [asked] = await chat.say("off", "xong", reply_to_message_id="m6", reply_to_text="Nhắc việc")
    assert "chưa ghi nhận gì" in asked
    assert (await status_of(plan, "3.5"))[0] is Status.NOT_STARTED
    assert (await counts(plan))[0] == 1


class Service(ChatService):
    def __init__(self, db, api, clock):
        channel = TelegramChannel(api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0)
        super().__init__(db, channel, clock)


async def test_on_telegram_a_reply_to_a_copy_whose_id_was_lost_lands_on_it(db, tmp_path):
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(ROWS[1], ROWS[3])  # 2.1 due 29/03, 3.5 due 30/04
    official = await world.person("official", "stp")
    clock = ManualClock(local(2024, 3, 22, 8, 0))  # before:7 of 2.1 is due; 3.5 not yet
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        await world.link(official, "1001", channel="telegram", at=clock.now())
        async with Service(db, api, clock) as svc:
            assert (await svc.sweep()).sent == 1
            copy = api.sent_messages(1001)[-1]
            assert "2.1" in copy.plain_text
            async with db.unit_of_work() as session:  # the id was never recorded
                await session.execute(update(Nudge).values(message_id=None, channel=None))
            await nudged(db, "3.5", clock.now(), "77", channel="telegram")  # nudged later
            before = len(api.sent_messages(1001))
            api.push_message(1001, "vướng mắc do chờ số liệu", reply_to_message_id=copy.message_id)
            await api.wait_for(lambda c: len(api.sent_messages(1001)) > before, timeout=10)
            answer = api.sent_messages(1001)[before].plain_text
    assert answer.startswith("Đã ghi nhận 2.1: có khó khăn, vướng mắc")
    assert (await status_of(db, "3.5"))[0] is Status.NOT_STARTED
    assert await count(db, Assignment, Assignment.status == Status.BLOCKED) == 1
