"""A chat's open question (``bot.inbound.questions``): one per chat, answered through one table."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.handlers import decisions, progress
from bot.inbound import choices, questions
from bot.inbound.questions import ANSWERS, Awaiting
from storage import questions as stored
from storage.enums import ExtensionState, Status
from storage.models import (
    Assignment,
    ChatLink,
    ExtensionRequest,
    InboundMessage,
    PendingQuestion,
    Person,
)
from tests.kit import count
from tests.kit.chat import NOW, Chat, link
from tests.kit.summary_plan import build_plan

SORRY = "Xin lỗi Anh/Chị, Hệ thống gặp lỗi"


@pytest.fixture
async def plan(db, tmp_path):
    await build_plan(db, tmp_path)  # 2.1 of Sở Tư pháp in progress 50 %, due 29/03/2024
    return db


async def assignment(db, code: str) -> Assignment:
    async with db.unit_of_work() as session:
        return await session.scalar(select(Assignment).where(Assignment.code == code))


async def buttons(db, person: Person, code: str) -> str:
    """The token of a nudge's buttons for ``person`` on ``code`` (data ``c:TOKEN:action``)."""
    async with db.unit_of_work() as session:
        return await choices.new_token(session, person.id, (await assignment(db, code)).id, NOW)


async def open_questions(db) -> list[tuple[Awaiting, str]]:
    async with db.unit_of_work() as session:
        query = select(PendingQuestion.awaiting, Assignment.code).join(
            Assignment, Assignment.id == PendingQuestion.assignment_id
        )
        return [tuple(row) for row in (await session.execute(query)).all()]


def test_every_state_is_answered_by_a_handler_of_its_feature():
    assert set(ANSWERS) == set(Awaiting)
    assert ANSWERS == {
        Awaiting.PERCENT: progress.answer_percent,
        Awaiting.REASON: progress.answer_reason,
        Awaiting.DATE: progress.answer_date,
        Awaiting.REJECT_REASON: decisions.reject,
        Awaiting.READING: progress.answer_reading,
    }
    with pytest.raises(RuntimeError, match="answered by answer_percent already"):
        questions.answers(Awaiting.PERCENT)(progress.answer_reason)


async def test_asking_twice_leaves_one_question_the_later_one(plan):
    official = await link(plan, "official", "stp", "off")
    first, second = await assignment(plan, "2.1"), await assignment(plan, "2.2")
    async with plan.unit_of_work() as session:
        chat = await session.scalar(select(ChatLink).where(ChatLink.person_id == official.id))
        await stored.ask(session, chat.id, Awaiting.PERCENT, first.id, NOW)
        await stored.ask(session, chat.id, Awaiting.REASON, second.id, NOW)  # same transaction
    async with plan.unit_of_work() as session:  # and another one
        await stored.ask(session, chat.id, Awaiting.DATE, first.id, NOW)
    async with plan.unit_of_work() as session:
        question = await stored.load(session, chat.id)
        assert (question.awaiting, question.assignment_id) == (Awaiting.DATE, first.id)
    assert await count(plan, PendingQuestion) == 1
    async with plan.unit_of_work() as session:
        await stored.clear(session, chat.id)
        await stored.clear(session, chat.id)  # nothing left to clear: no error
    assert await count(plan, PendingQuestion) == 0


async def test_a_percent_question_is_answered_once(plan):
    official = await link(plan, "official", "stp", "off")
    token = await buttons(plan, official, "2.1")
    chat = Chat(plan)
    (asked,) = await chat.say("off", choice_data=f"c:{token}:prog")
    assert asked == "2.1: nhiệm vụ đã thực hiện được bao nhiêu phần trăm?"
    assert [c.label for c in chat.last("off").choices[0]] == ["20%", "40%", "60%", "80%", "100%"]
    (again,) = await chat.say("off", "chưa rõ")
    assert again == "Anh/Chị vui lòng nhập một số phần trăm từ 0 đến 100, ví dụ 60%."
    (viec,) = await chat.say("off", "/viec")  # a command leaves the question open
    assert viec.startswith("Nhiệm vụ của Sở Tư pháp đang mở:") and "• 2.1 —" in viec
    assert await open_questions(plan) == [(Awaiting.PERCENT, "2.1")]
    answer = await chat.say("off", "70%")
    assert [m.splitlines()[0] for m in answer] == ["Đã ghi nhận 2.1: đang thực hiện 70%."]
    assert await open_questions(plan) == []
    a = await assignment(plan, "2.1")
    assert (a.status, a.percent) == (Status.IN_PROGRESS, 70)
    # Answered: the same words are no longer read as a percent for 2.1.
    (later,) = await chat.say("off", "80%")
    assert later.startswith("Anh/Chị cập nhật cho nhiệm vụ nào?")
    assert (await assignment(plan, "2.1")).percent == 70


async def test_a_percent_button_answers_the_question_too(plan):
    official = await link(plan, "official", "stp", "off")
    token = await buttons(plan, official, "2.1")
    chat = Chat(plan)
    await chat.say("off", choice_data=f"c:{token}:prog")
    percent = chat.last("off").choices[0][2].data
    answer = await chat.say("off", choice_data=percent)
    assert [m.splitlines()[0] for m in answer] == ["Đã ghi nhận 2.1: đang thực hiện 60%."]
    assert await open_questions(plan) == []


async def test_a_reason_question_is_answered_with_the_text(plan):
    official = await link(plan, "official", "stp", "off")
    token = await buttons(plan, official, "2.1")
    chat = Chat(plan)
    (asked,) = await chat.say("off", choice_data=f"c:{token}:blk")
    assert asked == "2.1: nhiệm vụ đang có khó khăn, vướng mắc gì? Anh/Chị vui lòng nhắn lý do."
    (recorded,) = await chat.say("off", "  chờ ý kiến của Sở Tài chính ")
    assert recorded.startswith("Đã ghi nhận 2.1: có khó khăn, vướng mắc")
    assert "chờ ý kiến của Sở Tài chính" in recorded
    a = await assignment(plan, "2.1")
    assert (a.status, a.status_note) == (Status.BLOCKED, "chờ ý kiến của Sở Tài chính")
    assert await open_questions(plan) == []


async def test_a_question_replaced_by_a_later_one_is_never_answered(plan):
    official = await link(plan, "official", "stp", "off")
    first, second = await buttons(plan, official, "2.1"), await buttons(plan, official, "2.5")
    chat = Chat(plan)
    await chat.say("off", choice_data=f"c:{first}:prog")  # 2.1: how far along?
    (asked,) = await chat.say("off", choice_data=f"c:{second}:blk")  # 2.5: what blocks it?
    assert asked == "2.5: nhiệm vụ đang có khó khăn, vướng mắc gì? Anh/Chị vui lòng nhắn lý do."
    assert await open_questions(plan) == [(Awaiting.REASON, "2.5")]
    (recorded,) = await chat.say("off", "80")  # a reason now, not 2.1's percent
    assert recorded.startswith("Đã ghi nhận 2.5: có khó khăn, vướng mắc") and "80" in recorded
    a = await assignment(plan, "2.1")
    assert (a.status, a.percent) == (Status.IN_PROGRESS, 50)  # unchanged
    assert await open_questions(plan) == []


async def requests_and_coordinator(db) -> tuple[Chat, str, str]:
    """Sở Tư pháp asks to extend 2.1 to 30/04, Sở Nội vụ 2.3 to 15/04; the coordinator's
    two «Từ chối» buttons, in that order."""
    await link(db, "official", "stp", "stp")
    await link(db, "official", "snv", "snv")
    await link(db, "coordinator", "snv", "coord")
    chat = Chat(db)
    await chat.say("stp", "/giahan 2.1 30/4 chờ số liệu")
    first = chat.last("coord").choices[0][1].data
    await chat.say("snv", "/giahan 2.3 15/4")
    second = chat.last("coord").choices[0][1].data
    return chat, first, second


async def decided(db) -> dict[str, tuple[ExtensionState, str]]:
    async with db.unit_of_work() as session:
        query = select(Assignment.code, ExtensionRequest.state, ExtensionRequest.decision_note)
        query = query.join(Assignment, Assignment.id == ExtensionRequest.assignment_id)
        return {code: (state, note) for code, state, note in (await session.execute(query))}


async def test_reject_pressed_on_a_second_request_before_the_reason_of_the_first(plan):
    chat, first, second = await requests_and_coordinator(plan)
    assert await chat.say("coord", choice_data=first) == [
        "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.1."
    ]
    (asked,) = await chat.say("coord", choice_data=second)
    assert asked == (
        "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.3 (đến 15/04/2024). Lý do "
        "Anh/Chị nhắn tiếp theo chỉ áp dụng cho "
        "đề nghị này; đề nghị gia hạn 2.1 (đến 30/04/2024) vẫn chờ quyết định."
    )
    told_before = len(chat.channel.texts("stp"))
    answers = await chat.say("coord", "Chưa đủ căn cứ")
    assert answers[0] == "Đã không đồng ý gia hạn nhiệm vụ 2.3; Hệ thống đã báo người đề nghị."
    assert chat.last("snv").text.startswith("❌ Đề nghị gia hạn nhiệm vụ 2.3 không được đồng ý")
    assert "Chưa đủ căn cứ" in chat.last("snv").text
    assert len(chat.channel.texts("stp")) == told_before  # 2.1's requester hears nothing
    assert await decided(plan) == {
        "2.1": (ExtensionState.PENDING, ""),
        "2.3": (ExtensionState.REJECTED, "Chưa đủ căn cứ"),
    }
    assert (await assignment(plan, "2.1")).status is Status.EXTENSION_REQUESTED
    assert await open_questions(plan) == []
    # The first is still there to decide.
    approve = next(
        m.choices[0][0].data for c, m in chat.channel.sent if c == "coord" and "2.1 —" in m.text
    )
    approved = await chat.say("coord", choice_data=approve)
    assert approved[0].startswith("Đã đồng ý gia hạn nhiệm vụ 2.1")
    async with plan.unit_of_work() as session:
        errors = (await session.scalars(select(InboundMessage.error))).all()
    assert not any(errors) and not any(SORRY in t for t in chat.channel.texts("coord"))


async def test_both_rejections_pressed_together_ask_about_the_second(plan):
    chat, first, second = await requests_and_coordinator(plan)
    d, incoming = chat.dispatcher, chat.channel.incoming
    await asyncio.gather(  # one batch, one transaction, in order
        d.accept(incoming("coord", "", "p1", choice_data=first)),
        d.accept(incoming("coord", "", "p2", choice_data=second)),
    )
    await d.drain()
    assert chat.channel.texts("coord")[-2:] == [
        "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.1.",
        "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.3 (đến 15/04/2024). Lý do "
        "Anh/Chị nhắn tiếp theo chỉ áp dụng cho "
        "đề nghị này; đề nghị gia hạn 2.1 (đến 30/04/2024) vẫn chờ quyết định.",
    ]
    await chat.say("coord", "Không cần gia hạn")
    assert await decided(plan) == {
        "2.1": (ExtensionState.PENDING, ""),
        "2.3": (ExtensionState.REJECTED, "Không cần gia hạn"),
    }


async def test_the_reason_rejects_the_request_pressed_on_not_a_later_one(plan):
    await link(plan, "official", "stp", "stp")
    await link(plan, "coordinator", "snv", "coord")
    chat = Chat(plan)
    await chat.say("stp", "/giahan 2.1 30/4")
    reject = chat.last("coord").choices[0][1].data
    asked = await chat.say("coord", choice_data=reject)
    assert asked == ["Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.1."]
    await chat.say("stp", "/giahan 2.1 15/5")  # a second request replaces it meanwhile
    (answer,) = [t for t in await chat.say("coord", "Đã gia hạn một lần") if "2.1" in t]
    assert "đến 30/04/2024 đã được xử lý: ↪️ Đã được thay bằng đề nghị mới" in answer
    async with plan.unit_of_work() as session:
        query = select(ExtensionRequest.requested_deadline, ExtensionRequest.state)
        states = {d.strftime("%d/%m"): s for d, s in (await session.execute(query)).all()}
    # The reason never reaches the later request, which still waits for a decision.
    assert states == {"30/04": ExtensionState.SUPERSEDED, "15/05": ExtensionState.PENDING}
    assert "không được đồng ý" not in chat.last("stp").text


async def test_pressing_reject_again_on_the_same_request_asks_the_same(plan):
    chat, first, _second = await requests_and_coordinator(plan)
    await chat.say("coord", choice_data=first)
    assert await chat.say("coord", choice_data=first) == [
        "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.1."
    ]
    assert await open_questions(plan) == [(Awaiting.REJECT_REASON, "2.1")]
