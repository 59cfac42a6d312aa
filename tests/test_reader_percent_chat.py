"""Issue 12 point 2 through the chat: a reply under way that writes no percent is stored
without one — never the 100 of a done or the 0 of a not started carried over — and keeps the
last percent only while the work stays under way."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from bot.documents.report import build_report
from storage.enums import Status
from storage.models import Assignment, ProgressUpdate
from tests.kit import TZ
from tests.kit.chat import Chat, link
from tests.kit.summary_plan import TODAY, build_plan

# The summary plan, Sở Tư pháp: 1.3 done, 2.1 in progress 50 %, 2.2 blocked 20 %; Sở Nội vụ:
# 2.3 not started. Today is Wed 20/03/2024.


@pytest.fixture
async def plan(db, tmp_path):
    await build_plan(db, tmp_path)
    await link(db, "official", "stp", "off")
    await link(db, "official", "snv", "noi")
    return db


async def state(db, code: str) -> tuple:
    async with db.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == code))
        return a.status, a.percent


async def csv_percent(db, code: str) -> str:
    async with db.unit_of_work() as session:
        data = await build_report(session, TODAY, "csv", tz=TZ)
    rows = csv.DictReader(io.StringIO(data.decode("utf-8")))
    return next(r["percent"] for r in rows if r["assignment"] == code)


async def said(db, code: str) -> list[int | None]:
    async with db.unit_of_work() as session:
        a = await session.scalar(select(Assignment).where(Assignment.code == code))
        rows = await session.scalars(
            select(ProgressUpdate.percent)
            .where(ProgressUpdate.assignment_id == a.id)
            .order_by(ProgressUpdate.id)
        )
        return list(rows)


def first_line(answers: list[str]) -> str:
    return answers[0].splitlines()[0]


async def test_in_progress_after_done_is_stored_without_the_100(plan):
    chat = Chat(plan)
    answer = await chat.say("off", "1.3 dạ bị trả lại, đang làm lại ạ")
    assert first_line(answer) == "Đã ghi nhận 1.3: đang thực hiện."
    assert await state(plan, "1.3") == (Status.IN_PROGRESS, 0)  # the model's "none said"
    assert await csv_percent(plan, "1.3") == ""
    listing = "\n".join(await chat.say("off", "/viec"))
    line = next(x for x in listing.splitlines() if "15/03/2024" in x)
    assert line.endswith("— đang thực hiện")  # no "100%", no "0%"
    await chat.say("off", "hoàn tác")
    assert await state(plan, "1.3") == (Status.DONE, 100)


async def test_in_progress_after_not_started_is_stored_without_a_0(plan):
    chat = Chat(plan)
    answer = await chat.say("noi", "2.3 dang trien khai a")
    assert first_line(answer) == "Đã ghi nhận 2.3: đang thực hiện."
    assert await state(plan, "2.3") == (Status.IN_PROGRESS, 0)
    assert await csv_percent(plan, "2.3") == ""


async def test_the_last_percent_stays_only_while_the_work_stays_under_way(plan):
    chat = Chat(plan)
    answer = await chat.say("off", "2.1 vẫn đang làm ạ")
    assert first_line(answer) == "Đã ghi nhận 2.1: đang thực hiện 50%."
    assert await state(plan, "2.1") == (Status.IN_PROGRESS, 50)
    await chat.say("off", "2.2 van vuong kinh phi")
    assert await state(plan, "2.2") == (Status.BLOCKED, 20)
    await chat.say("off", "2.1 được 70% rồi")
    assert await state(plan, "2.1") == (Status.IN_PROGRESS, 70)
    assert await csv_percent(plan, "2.1") == "70"


async def test_not_started_reads_0_and_the_start_after_it_has_no_percent(plan):
    chat = Chat(plan)
    await chat.say("off", "2.1 vẫn đang làm")
    answer = await chat.say("off", "2.1 chưa triển khai ạ")
    assert first_line(answer).startswith("Đã ghi nhận 2.1: chưa thực hiện")
    assert await state(plan, "2.1") == (Status.NOT_STARTED, 0)
    assert await csv_percent(plan, "2.1") == "0"
    await chat.say("off", "2.1 đang làm")  # from not started: no percent to keep
    assert await state(plan, "2.1") == (Status.IN_PROGRESS, 0)
    assert await csv_percent(plan, "2.1") == ""
    assert await said(plan, "2.1") == [50, None, None]  # history: kept, then none said
