"""Leaders and coordinators in chat: summaries, paged lists, extension decisions, /giao."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest
from sqlalchemy import select

from bot.documents import attachments
from bot.outbound.digests import counts_line
from scheduler.planner import plan_window
from scheduler.policy import ReminderRules
from scheduler.sweep import SweepConfig, sweep_once
from storage.enums import ExtensionState, Status
from storage.models import (
    Assignment,
    ExtensionRequest,
    InboundMessage,
    Nudge,
    ProgressUpdate,
)
from storage.summary import status_counts
from tests.fakes.recording_delivery import RecordingDelivery
from tests.kit import CAL, declare_agencies, load_people, load_plan, local
from tests.kit.chat import NOW, Chat, link
from tests.kit.summary_plan import TODAY, build_plan


@pytest.fixture
async def plan(db, tmp_path):
    await build_plan(db, tmp_path)
    return db


async def test_coordinator_summary_whole_plan_group_and_agency(plan):
    await link(plan, "coordinator", "snv", "coord")
    chat = Chat(plan)
    (text,) = await chat.say("coord", "/tonghop")
    async with plan.unit_of_work() as session:
        (total,) = await status_counts(session, TODAY)
    assert text.startswith(
        "📊 Tổng hợp tình hình thực hiện nhiệm vụ — toàn kế hoạch — tính đến ngày 20/03/2024"
    )
    assert counts_line("vi", "Tổng số", total) in text
    assert (
        "Tổng số: 13 nhiệm vụ; hoàn thành 4 (đúng hạn 3, trễ hạn 1); chưa hoàn thành trong hạn "
        "5 (đang thực hiện 2, chưa thực hiện 1, vướng mắc 1, đề nghị gia hạn 1); quá hạn 3, "
        "trong đó: vướng mắc 1, đề nghị gia hạn 1, chưa thực hiện 1; chưa đến hạn 1; "
        "tỷ lệ hoàn thành đúng hạn 23,1%"
    ) in text
    assert "\nTheo nhóm nhiệm vụ:\nNhóm 1 — " in text
    assert "Nhóm 2 — Cải cách thể chế: 5 nhiệm vụ" in text
    # The agency block has a heading and ranks by overdue share: Sở Nội vụ 2/7, Sở Tư pháp 1/6.
    block = text.split("Theo cơ quan chủ trì, tỷ lệ quá hạn cao nhất trước (2/2 cơ quan")[1]
    assert block.index("\nSở Nội vụ: 7 nhiệm vụ") < block.index("\nSở Tư pháp: 6 nhiệm vụ")
    assert "phản hồi" in block or "chưa có tin nhắc nào được gửi" in block
    (group,) = await chat.say("coord", "/summary 7")
    assert "Nhóm 7 — Xây dựng và phát triển Chính quyền điện tử" in group
    (agency,) = await chat.say("coord", "/tonghop tu phap")
    assert "— Sở Tư pháp — tính đến ngày" in agency
    (ambiguous,) = await chat.say("coord", "/tonghop dak")
    assert "khớp nhiều cơ quan" in ambiguous and "UBND huyện Đắk Hà" in ambiguous
    (none,) = await chat.say("coord", "/tonghop xyz")
    assert "Không có nhóm nhiệm vụ hay cơ quan nào khớp" in none


async def test_leader_sees_own_agency_official_is_refused(plan):
    await link(plan, "leader", "stp", "lead")
    await link(plan, "official", "stp", "off")
    chat = Chat(plan)
    (text,) = await chat.say("lead", "/tonghop")
    assert "— Sở Tư pháp — tính đến ngày" in text and "Sở Nội vụ" not in text
    # Another agency is refused with the reason, never silently narrowed to his own.
    (outside,) = await chat.say("lead", "/tonghop snv")
    assert "chỉ xem được số liệu của Sở Tư pháp" in outside and "«snv»" in outside
    assert "Tổng số:" not in outside
    (own_group,) = await chat.say("lead", "/tonghop 2")
    assert "— Sở Tư pháp, Nhóm 2 — Cải cách thể chế —" in own_group
    assert "Tổng số: 3 nhiệm vụ" in own_group
    (refused,) = await chat.say("off", "/tonghop")
    assert "dành cho lãnh đạo" in refused
    (overdue,) = await chat.say("lead", "/quahan")
    assert "Sở Nội vụ" not in overdue and "2.2 — Sở Tư pháp" in overdue
    (outside,) = await chat.say("lead", "/quahan Sở Nội vụ")
    assert "chỉ xem được số liệu của Sở Tư pháp" in outside


async def test_overdue_and_due_lists_take_an_agency_or_a_group(plan):
    await link(plan, "coordinator", "snv", "coord")
    chat = Chat(plan)
    (everything,) = await chat.say("coord", "/quahan")
    assert all(code in everything for code in ("7.3", "2.2", "2.4"))
    (stp,) = await chat.say("coord", "/quahan Sở Tư pháp")
    assert "⚠️ Nhiệm vụ quá hạn — Sở Tư pháp (1)" in stp
    assert "2.2 — Sở Tư pháp" in stp and "7.3" not in stp and "2.4" not in stp
    (group7,) = await chat.say("coord", "/quahan 7")
    assert "7.3" in group7 and "2.2" not in group7
    (due,) = await chat.say("coord", "/saphan 2")
    assert "2.1" in due and "2.5" in due and "7.7" not in due
    (due_stp,) = await chat.say("coord", "/saphan tu phap")
    assert "Sở Tư pháp" in due_stp and "Sở Nội vụ" not in due_stp
    (none,) = await chat.say("coord", "/quahan xyz")
    assert "Không có nhóm nhiệm vụ hay cơ quan nào khớp «xyz»" in none


async def test_overdue_list_pages_with_buttons(db):
    await declare_agencies(db)
    await load_people(db)
    await load_plan(db)  # the whole sample: by 20 Mar 2024 much of it is overdue
    await link(db, "coordinator", "snv", "coord")
    await link(db, "official", "snv", "off")
    chat = Chat(db)
    (first,) = await chat.say("coord", "/quahan")
    assert "⚠️ Nhiệm vụ quá hạn (" in first and "— trang 1/" in first
    message = chat.last("coord")
    assert [c.label for c in message.choices[0]] == ["Sau ▶"]
    data = message.choices[0][0].data
    await chat.say("coord", choice_data=data, choice_message_id="1")
    edited = chat.last("coord")
    assert "— trang 2/" in edited.text and chat.channel.edits[-1][1] == "1"  # in place
    assert edited.choices[0][0].label == "◀ Trước"
    (refused,) = await chat.say("off", choice_data=data, choice_message_id="1")
    assert "không hợp lệ" in refused
    (due,) = await chat.say("coord", "/saphan")
    assert "đến hạn trong 7 ngày làm việc" in due or "Không có nhiệm vụ nào đến hạn" in due


async def test_extension_approved_moves_the_deadline_and_replans(plan):
    official = await link(plan, "official", "stp", "off")
    coordinator = await link(plan, "coordinator", "snv", "coord")
    async with plan.unit_of_work() as session:  # the service planned this morning's nudges
        await plan_window(session, ReminderRules(), CAL, NOW)
    chat = Chat(plan)
    answers = await chat.say("off", "/giahan 2.1 30/4 chờ số liệu của Sở Tài chính")
    assert answers[0].startswith("Đã ghi nhận đề nghị gia hạn 2.1 đến 30/04/2024")
    request_message = chat.last("coord")
    assert (
        "Đề nghị gia hạn nhiệm vụ 2.1" in request_message.text
        and official.full_name in request_message.text
    )
    approve = request_message.choices[0][0].data
    (done,) = [t for t in await chat.say("coord", choice_data=approve) if "Đã đồng ý" in t]
    assert done == "Đã đồng ý gia hạn nhiệm vụ 2.1 đến 30/04/2024."
    assert "đã được đồng ý" in chat.last("off").text
    async with plan.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == "2.1"))
        request = await session.scalar(select(ExtensionRequest))
    assert a.deadline == date(2024, 4, 30) and a.plan_deadline == date(2024, 3, 29)
    assert a.status is Status.IN_PROGRESS
    assert request.state is ExtensionState.APPROVED and request.decided_by_id == coordinator.id
    # The old series (before:7 of 29 Mar was due today) is dropped, the new one planned.
    delivery = RecordingDelivery()
    report = await sweep_once(plan, delivery, CAL, SweepConfig(worker="t"), NOW)
    assert report.skip_reasons["deadline_moved"] == 1
    assert a.id not in {n.assignment_id for n, _ in delivery.delivered}
    async with plan.unit_of_work() as session:
        await plan_window(session, ReminderRules(), CAL, local(2024, 4, 19, 9, 0))
        query = select(Nudge.kind, Nudge.for_deadline).where(
            Nudge.assignment_id == a.id, Nudge.state == "planned"
        )
        kinds = (await session.execute(query)).all()
    assert ("before:7", date(2024, 4, 30)) in kinds
    # A second press changes nothing and says who decided it and how.
    (again,) = await chat.say("coord", choice_data=approve)
    assert "đã được xử lý: ✅ Đã đồng ý gia hạn đến 30/04/2024 — " in again
    assert coordinator.full_name in again


async def test_extension_rejected_tells_the_requester_why(plan):
    await link(plan, "official", "stp", "off")
    await link(plan, "coordinator", "snv", "coord")
    chat = Chat(plan)
    await chat.say("off", "/giahan 2.1 30/4")
    reject = chat.last("coord").choices[0][1].data
    (asked,) = await chat.say("coord", choice_data=reject)
    assert "lý do không đồng ý gia hạn" in asked
    await chat.say("coord", "Đã gia hạn một lần, đề nghị hoàn thành đúng hạn")
    told = chat.last("off").text
    assert "không được đồng ý" in told and "Đã gia hạn một lần" in told
    assert "Thời hạn vẫn là 29/03/2024" in told
    async with plan.unit_of_work() as session:
        request = await session.scalar(select(ExtensionRequest))
    assert request.state is ExtensionState.REJECTED


async def test_official_cannot_decide_extensions(plan):
    await link(plan, "official", "stp", "off")
    await link(plan, "coordinator", "snv", "coord")
    chat = Chat(plan)
    await chat.say("off", "/giahan 2.1 30/4")
    approve = chat.last("coord").choices[0][0].data
    (refused,) = await chat.say("off", choice_data=approve)
    assert "không hợp lệ" in refused


async def test_leader_assigns_a_focal_person(plan):
    leader = await link(plan, "leader", "stp", "lead")
    official = await link(plan, "official", "stp", "off")
    chat = Chat(plan)
    (answer, *_rest) = await chat.say("lead", f"/giao 2.1 {official.full_name.lower()}")
    assert answer.startswith(f"Đã giao {official.full_name} làm đầu mối nhiệm vụ 2.1")
    assert "giao Anh/Chị làm đầu mối nhiệm vụ 2.1" in chat.last("off").text
    async with plan.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == "2.1"))
        history = await session.scalar(
            select(ProgressUpdate).where(ProgressUpdate.source == "assign")
        )
    assert a.focal_person_id == official.id and history.person_id == leader.id
    assert a.status is Status.IN_PROGRESS and a.percent == 50  # unchanged by the hand-over
    (refused,) = await chat.say("off", "/giao 2.1 Ai Đó")
    assert "dành cho lãnh đạo" in refused


async def test_chart_and_report_in_chat_by_role(plan):
    await link(plan, "coordinator", "snv", "coord")
    await link(plan, "leader", "stp", "lead")
    await link(plan, "official", "stp", "off")
    chat = Chat(plan)
    await chat.say("lead", "/bieudo")
    photo = chat.last("lead")
    assert photo.attachment.kind == "photo" and photo.attachment.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert (
        photo.text == "Biểu đồ tiến độ thực hiện nhiệm vụ — Sở Tư pháp — tính đến ngày 20/03/2024"
    )
    await chat.say("coord", "/baocao")
    report = chat.last("coord")
    assert report.attachment.kind == "document"
    assert report.attachment.filename == "nhacviec-bao-cao-2024-03-20.xlsx"
    from io import BytesIO

    from openpyxl import load_workbook

    workbook = load_workbook(BytesIO(report.attachment.content))
    assert workbook.sheetnames == ["Tổng hợp", "Chi tiết", "Quá hạn"]
    assert "/baocao docx" in report.text  # the other format is offered
    await chat.say("coord", "/baocao docx")
    draft = chat.last("coord")
    assert draft.attachment.filename == "nhacviec-bao-cao-2024-03-20.docx"
    assert "điền số, ký hiệu và ký" in draft.text
    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(draft.attachment.content)).paragraphs)
    assert "SỞ NỘI VỤ" in text.upper() and "quý I năm 2024" in text
    (refused,) = await chat.say("lead", "/baocao")
    assert "dành cho cơ quan điều phối" in refused
    (refused,) = await chat.say("off", "/bieudo")
    assert "dành cho lãnh đạo" in refused


ALLOWED = {  # command -> roles that may use it (SPEC "Chat")
    "/viec": {"official", "leader", "coordinator"},
    "/tonghop": {"leader", "coordinator"},
    "/quahan": {"leader", "coordinator"},
    "/saphan": {"leader", "coordinator"},
    "/bieudo": {"leader", "coordinator"},
    "/baocao": {"coordinator"},
    "/giao 2.1 Không Ai": {"leader"},
    "/trogiup": {"official", "leader", "coordinator"},
}


@pytest.mark.parametrize("command", sorted(ALLOWED))
async def test_every_command_by_every_role(plan, command):
    chats = {role: f"{role}-chat" for role in ("official", "leader", "coordinator")}
    await link(plan, "official", "stp", chats["official"])
    await link(plan, "leader", "stp", chats["leader"])
    await link(plan, "coordinator", "snv", chats["coordinator"])
    chat = Chat(plan)
    for role, chat_id in chats.items():
        answers = await chat.say(chat_id, command)
        refused = any("tài khoản của Anh/Chị không sử dụng được lệnh này" in a for a in answers)
        assert refused == (role not in ALLOWED[command]), (role, answers)


async def test_a_report_is_made_when_sent_without_holding_other_chats(plan, monkeypatch):
    await link(plan, "coordinator", "snv", "coord")
    await link(plan, "official", "stp", "off")
    chat, drawing = Chat(plan), asyncio.Event()
    real = attachments.make

    async def slow(db, request, **kw):  # a big plan: the spreadsheet takes a while
        await drawing.wait()
        return await real(db, request, **kw)

    monkeypatch.setattr("bot.inbound.fairness.make_attachment", slow)
    d = chat.dispatcher
    await asyncio.gather(
        d.accept(chat.channel.incoming("coord", "/baocao", "r1")),
        d.accept(chat.channel.incoming("off", "/capnhat 2.1 dang lam 30%", "r2")),
    )
    for _ in range(100):  # the official's answer goes out while the report is being made
        if chat.channel.texts("off"):
            break
        await asyncio.sleep(0.01)
    assert [m.splitlines()[0] for m in chat.channel.texts("off")] == [
        "Đã ghi nhận 2.1: đang thực hiện 30%."
    ]
    assert chat.channel.texts("coord") == []
    async with plan.unit_of_work() as session:  # the inbox keeps what to make, not the file
        kept = await session.scalar(
            select(InboundMessage.replies).where(InboundMessage.update_key == "r1")
        )
    assert '"made_later": ["report", "2024-03-20", "vi", null]' in kept and len(kept) < 500
    drawing.set()
    await d.drain()
    report = chat.last("coord")
    assert report.attachment.filename == "nhacviec-bao-cao-2024-03-20.xlsx"
    assert report.attachment.content[:2] == b"PK"
