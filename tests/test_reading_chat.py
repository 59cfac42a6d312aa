"""Issue 12 in chat: asking when unsure, no percent carried, completion dates and documents,
the confirmation's words and undo; transcripts through the real dispatcher on both stores."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.documents.report import HEADER_ROW, build_report
from storage.enums import Status
from storage.models import Assignment, ExtensionRequest, ProgressUpdate
from storage.progress import new_percent
from storage.report import report_rows
from tests.kit import TZ, count
from tests.kit.chat import NOW, Chat, link
from tests.kit.summary_plan import TODAY, build_plan

# The summary plan, Sở Tư pháp: 2.1 in progress 50 % due 29/03, 2.2 blocked 20 % due 10/03
# (overdue), 1.3 done; today is Wed 20/03/2024.


@pytest.fixture
async def plan(db, tmp_path):
    await build_plan(db, tmp_path)
    await link(db, "official", "stp", "off")
    return db


async def state(db, code: str) -> tuple:
    async with db.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == code))
        return a.status, a.percent, a.done_at, a.document_ref


async def history(db, code: str) -> list[tuple]:
    async with db.unit_of_work() as session:
        rows = await session.execute(
            select(
                ProgressUpdate.source,
                ProgressUpdate.status,
                ProgressUpdate.percent,
                ProgressUpdate.completed_on,
                ProgressUpdate.document_ref,
                ProgressUpdate.undone_at.is_not(None),
            )
            .join(Assignment, Assignment.id == ProgressUpdate.assignment_id)
            .where(Assignment.code == code)
            .order_by(ProgressUpdate.id)
        )
        return [tuple(r) for r in rows.all()]


def labels(message) -> list[str]:
    return [c.label for row in message.choices for c in row]


def press(message, label: str) -> str:
    return next(c.data for row in message.choices for c in row if c.label == label)


async def test_an_unsure_reply_is_asked_about_and_nothing_is_recorded(plan):
    chat = Chat(plan)
    [asked] = await chat.say("off", "2.1 xong rồi nhưng chưa gửi")
    assert "chưa chắc đã hiểu đúng «xong rồi nhưng chưa gửi»" in asked
    assert "nhiệm vụ 2.1 — Chương trình xây dựng văn bản; chưa ghi nhận gì" in asked
    assert asked.endswith("Anh/Chị muốn ghi nhận:")
    assert labels(chat.last("off")) == ["Đã hoàn thành", "Đang thực hiện", "Khác"]
    assert await history(plan, "2.1") == []
    assert (await state(plan, "2.1"))[:2] == (Status.IN_PROGRESS, 50)


async def test_a_press_records_that_reading(plan):
    chat = Chat(plan)
    await chat.say("off", "2.1 xong rồi nhưng chưa gửi")
    asked = chat.last("off")
    [answer] = await chat.say("off", choice_data=press(asked, "Đang thực hiện"))
    assert answer.startswith("Đã ghi nhận 2.1: đang thực hiện 50%.")  # still in progress: kept
    assert (await state(plan, "2.1"))[:2] == (Status.IN_PROGRESS, 50)
    assert await history(plan, "2.1") == [("chat", Status.IN_PROGRESS, 50, None, None, False)]
    [again] = await chat.say("off", choice_data=press(asked, "Đã hoàn thành"))  # answered
    assert "đã được trả lời" in again and (await state(plan, "2.1"))[0] is Status.IN_PROGRESS


async def test_a_press_keeps_the_percent_and_reason_the_text_gave(plan):
    chat = Chat(plan)
    await chat.say("off", "2.1 hơi vướng kinh phí nhưng vẫn làm, được 70%")
    assert labels(chat.last("off"))[-1] == "Khác"
    [answer] = await chat.say("off", choice_data=press(chat.last("off"), "Có khó khăn, vướng mắc"))
    assert answer.startswith("Đã ghi nhận 2.1: có khó khăn, vướng mắc 70% — ")
    assert (await state(plan, "2.1"))[:2] == (Status.BLOCKED, 70)


async def test_other_asks_to_write_again_and_the_next_text_is_read(plan):
    chat = Chat(plan)
    await chat.say("off", "2.1 xong rồi nhưng chưa gửi")
    [again] = await chat.say("off", choice_data=press(chat.last("off"), "Khác"))
    assert "Anh/Chị hãy nhắn lại tình hình nhiệm vụ 2.1" in again and "Chưa ghi nhận gì" in again
    assert await history(plan, "2.1") == []
    [answer] = await chat.say("off", "đang làm 70%")  # no code: the task asked about
    assert answer.startswith("Đã ghi nhận 2.1: đang thực hiện 70%.")


async def test_a_typed_answer_instead_of_a_press_is_read_again(plan):
    chat = Chat(plan)
    await chat.say("off", "2.1 chắc xong rồi")
    [asked_again] = await chat.say("off", "chắc là xong")  # still unsure: asked again
    assert "Anh/Chị muốn ghi nhận" in asked_again
    [answer] = await chat.say("off", "đã xong hẳn rồi ạ")
    assert answer.startswith("Đã ghi nhận 2.1: đã hoàn thành.")
    assert (await state(plan, "2.1"))[0] is Status.DONE


@pytest.mark.parametrize(
    "text",
    [
        "cơ bản xong, đang chờ lãnh đạo ký",
        "dự kiến tháng 8 mới bắt đầu",
        "hoàn thành trước 31/8 được không?",
        "họp xong em trả lời anh sau",
        "chắc xong rồi",
        "xong dự thảo, đang xin ý kiến các sở",
    ],
)
async def test_hedged_future_and_question_replies_are_never_recorded_as_done(plan, text):
    chat = Chat(plan)
    await chat.say("off", f"2.1 {text}")
    assert (await state(plan, "2.1"))[0] is not Status.DONE
    assert all(row[1] is not Status.DONE for row in await history(plan, "2.1"))


async def test_a_dispute_is_answered_as_such(plan):
    chat = Chat(plan)
    [answer] = await chat.say("off", "2.1 việc này không thuộc chức năng của sở em")
    assert "không thuộc chức năng, nhiệm vụ của Sở Tư pháp" in answer
    assert "chưa ghi nhận tiến độ" in answer and "cơ quan điều phối" in answer
    assert await history(plan, "2.1") == []


async def test_not_yet_after_done_is_not_shown_as_in_progress_100(plan):
    chat = Chat(plan)
    [answer] = await chat.say("off", "1.3 dạ chưa xong ạ")  # 1.3 was done (100 %)
    assert answer.startswith("Đã ghi nhận 1.3: đang thực hiện.\n")
    assert "100%" not in answer
    assert (await state(plan, "1.3"))[:3] == (Status.IN_PROGRESS, 0, None)
    assert await history(plan, "1.3") == [("chat", Status.IN_PROGRESS, None, None, None, False)]
    listing = "\n".join(await chat.say("off", "/viec"))
    line = next(x for x in listing.splitlines() if "Hạn 15/03/2024" in x)
    assert line.endswith("— đang thực hiện")


def test_the_percent_of_a_new_status_is_never_carried_into_another_meaning():
    def percent(before: Status, was: int, after: Status, said: int | None = None):
        return new_percent(Assignment(status=before, percent=was), after, said)

    assert percent(Status.DONE, 100, Status.IN_PROGRESS) is None
    assert percent(Status.NOT_STARTED, 0, Status.IN_PROGRESS) is None
    assert percent(Status.IN_PROGRESS, 60, Status.IN_PROGRESS) == 60
    assert percent(Status.IN_PROGRESS, 60, Status.BLOCKED) == 60
    assert percent(Status.IN_PROGRESS, 60, Status.NOT_STARTED) is None
    assert percent(Status.IN_PROGRESS, 60, Status.NOT_STARTED, 0) == 0
    assert percent(Status.IN_PROGRESS, 60, Status.DONE) == 100
    assert percent(Status.DONE, 100, Status.IN_PROGRESS, 40) == 40


async def test_the_completion_date_makes_a_late_message_on_time_and_the_document_is_kept(plan):
    chat = Chat(plan)  # 2.2 was due 10/03; the message comes on 20/03
    [answer] = await chat.say("off", "2.2 Đã ban hành KH số 05/KH-STP ngày 08/03/2024")
    assert answer == (
        "Đã ghi nhận 2.2: đã hoàn thành.\n"
        "Nhiệm vụ: Rà soát văn bản\n"
        "Văn bản: Kế hoạch số 05/KH-STP ngày 08/03/2024\n"
        "Ngày hoàn thành: 08/03/2024 (đúng hạn)\n"
        "Nếu chưa đúng, Anh/Chị nhắn «hoàn tác» trong vòng 30 phút."
    )
    status, percent, done_at, document = await state(plan, "2.2")
    assert (status, percent, document) == (
        Status.DONE,
        100,
        "Kế hoạch số 05/KH-STP ngày 08/03/2024",
    )
    assert done_at.astimezone(TZ).date() == date(2024, 3, 8)
    assert await history(plan, "2.2") == [
        ("chat", Status.DONE, 100, date(2024, 3, 8), "Kế hoạch số 05/KH-STP ngày 08/03/2024", False)
    ]
    async with plan.unit_of_work() as session:
        [row] = [r for r in await report_rows(session, TODAY, tz=TZ) if r.assignment == "2.2"]
        xlsx = await build_report(session, TODAY, "xlsx", tz=TZ)
    assert row.timeliness == "on_time" and row.evidence == "Kế hoạch số 05/KH-STP ngày 08/03/2024"
    sheet = load_workbook(io.BytesIO(xlsx), read_only=True).worksheets[1]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    code, column = rows[0].index("Mã"), rows[0].index("Văn bản, sản phẩm (số, ký hiệu)")
    evidence = next(r for r in rows if r[code] == "2.2")[column]
    assert evidence == "Kế hoạch số 05/KH-STP ngày 08/03/2024"


async def test_done_without_a_date_is_late_when_past_the_deadline(plan):
    [answer] = await Chat(plan).say("off", "2.2 xong rồi ạ")
    assert "Ngày hoàn thành: 20/03/2024 (trễ hạn)" in answer


async def test_a_document_named_while_in_progress_is_listed_in_viec(plan):
    chat = Chat(plan)
    [answer] = await chat.say("off", "2.1 đang làm 80%, đã trình Tờ trình số 12/TTr-STP")
    assert answer.startswith("Đã ghi nhận 2.1: đang thực hiện 80%.")
    assert "Văn bản: Tờ trình số 12/TTr-STP" in answer
    listing = (await chat.say("off", "/viec"))[0]
    assert "Chương trình xây dựng văn bản\n  Hạn 29/03/2024" in listing
    assert "đang thực hiện 80%\n  Văn bản: Tờ trình số 12/TTr-STP" in listing


async def test_undo_restores_the_assignment_and_leaves_an_audit_entry(plan):
    chat = Chat(plan)
    before = await state(plan, "2.1")
    await chat.say("off", "2.1 xong rồi, KH số 07/KH-STP")
    assert (await state(plan, "2.1"))[0] is Status.DONE
    [answer] = await chat.say("off", "Hoàn tác")
    assert answer == (
        "Hệ thống đã hoàn tác ghi nhận vừa rồi của 2.1 — Chương trình xây dựng văn bản: "
        "trở lại «đang thực hiện 50%»."
    )
    assert await state(plan, "2.1") == before
    assert await history(plan, "2.1") == [
        ("chat", Status.DONE, 100, None, "Kế hoạch số 07/KH-STP", True),
        ("undo", Status.IN_PROGRESS, 50, None, None, False),
    ]
    [again] = await chat.say("off", "huỷ")
    assert again.startswith("Không có ghi nhận nào để hoàn tác")
    assert len(await history(plan, "2.1")) == 2


async def test_undo_after_half_an_hour_is_refused(plan):
    await Chat(plan).say("off", "2.1 xong")
    later = Chat(plan, NOW + timedelta(minutes=31))
    later.n = 10  # update keys of its own
    [answer] = await later.say("off", "huy")
    assert answer.startswith("Không có ghi nhận nào để hoàn tác")
    assert (await state(plan, "2.1"))[0] is Status.DONE


async def test_undo_withdraws_the_extension_request_it_made(plan):
    chat = Chat(plan)
    await chat.say("off", "2.1 xin gia hạn đến 30/4 vì chờ số liệu")
    assert (await state(plan, "2.1"))[0] is Status.EXTENSION_REQUESTED
    await chat.say("off", "hoàn tác")
    assert (await state(plan, "2.1"))[:2] == (Status.IN_PROGRESS, 50)
    assert await count(plan, ExtensionRequest) == 1
    assert await count(plan, ExtensionRequest, ExtensionRequest.state == "pending") == 0
