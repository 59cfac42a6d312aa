"""A deadline on a day off closes at the end of the next working day (Civil Code art. 148(5)).

Sunday 31/3/2024: work reported on Monday 1/4 is on time, on Tuesday late; open work
is overdue from Tuesday. The same answer from Python (``deadline_closes``), the
roll-ups, the overdue list and the report rows; ``as_written`` keeps the old rule.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import update

from scheduler.calendar import WorkCalendar
from storage.enums import Status
from storage.models import Assignment
from storage.report import report_rows
from storage.summary import AS_WRITTEN, Closing, overdue_list, status_counts
from tests.kit import CAL, local
from tests.kit.files import write_plan
from tests.kit.world import declare_agencies, load_people, load_plan

MONDAY, TUESDAY = date(2024, 4, 1), date(2024, 4, 2)
ROWS = (
    "1.1,1,Báo cáo quý I (nộp thứ Hai),Sở Nội vụ,,2024-03-31,,Báo cáo",
    "1.2,1,Báo cáo quý I (nộp thứ Ba),Sở Nội vụ,,2024-03-31,,Báo cáo",
    "1.3,1,Báo cáo quý I (chưa nộp),Sở Nội vụ,,2024-03-31,,Báo cáo",
    "1.4,1,Hạn thứ Sáu (nộp thứ Hai),Sở Nội vụ,,2024-03-29,,Báo cáo",
    "1.5,1,Hạn thứ Bảy (nộp thứ Hai),Sở Nội vụ,,2024-03-30,,Báo cáo",
)
DONE = {
    "1.1": local(2024, 4, 1, 16, 0),
    "1.2": local(2024, 4, 2, 9, 0),
    "1.4": local(2024, 4, 1, 9, 0),
    "1.5": local(2024, 4, 1, 23, 30),  # late evening, still Monday locally
}


@pytest.fixture
async def plan(db, tmp_path):
    await declare_agencies(db)
    await load_people(db)
    await load_plan(db, write_plan(tmp_path, *ROWS))
    async with db.unit_of_work() as session:
        for code, done_at in DONE.items():
            await session.execute(
                update(Assignment)
                .where(Assignment.code == code)
                .values(status=Status.DONE, percent=100, done_at=done_at, updated_at=done_at)
            )
    return db


def test_the_calendar_says_when_a_deadline_closes():
    assert CAL.deadline_closes(date(2024, 3, 31)) == MONDAY  # Sunday
    assert CAL.deadline_closes(date(2024, 3, 30)) == MONDAY  # Saturday
    assert CAL.deadline_closes(date(2024, 3, 29)) == date(2024, 3, 29)  # Friday
    assert CAL.deadline_closes(date(2024, 9, 1)) == date(2024, 9, 4)  # Sunday before 2-3/9
    written = WorkCalendar(
        CAL.timezone, CAL.work_start, CAL.work_end, deadline_on_day_off="as_written"
    )
    assert written.deadline_closes(date(2024, 3, 31)) == date(2024, 3, 31)
    with pytest.raises(ValueError):
        WorkCalendar(CAL.timezone, CAL.work_start, CAL.work_end, deadline_on_day_off="never")


def test_overdue_starts_after_the_day_that_closes_the_deadline():
    closing = Closing.of(CAL, MONDAY)
    assert closing.overdue_from(MONDAY) == date(2024, 3, 30)  # Sat and Sun not yet overdue
    assert Closing.of(CAL, TUESDAY).overdue_from(TUESDAY) == TUESDAY
    assert closing.overdue_from(date(2024, 3, 31)) == date(2024, 3, 30)  # asked on Sunday
    assert AS_WRITTEN.overdue_from(MONDAY) == MONDAY


async def figures(db, today, closing):
    async with db.unit_of_work() as session:
        (total,) = await status_counts(session, today, closing=closing)
        overdue = await overdue_list(session, today, closing=closing)
        rows = await report_rows(session, today, closing=closing)
    return total, [i.code for i in overdue], {r.assignment: r.timeliness for r in rows}


async def test_done_on_the_next_working_day_is_on_time(plan):
    total, overdue, rows = await figures(plan, MONDAY, Closing.of(CAL, MONDAY))
    assert (total.done_on_time, total.done_late, total.overdue) == (2, 2, 0)
    assert rows == {"1.1": "on_time", "1.2": "late", "1.3": "", "1.4": "late", "1.5": "on_time"}
    assert overdue == []
    total, overdue, rows = await figures(plan, TUESDAY, Closing.of(CAL, TUESDAY))
    assert rows == {
        "1.1": "on_time",
        "1.2": "late",
        "1.3": "overdue",
        "1.4": "late",
        "1.5": "on_time",
    }
    assert (total.done_on_time, total.done_late, total.overdue) == (2, 2, 1)
    assert overdue == ["1.3"]


async def test_as_written_keeps_the_deadline_day(plan):
    total, overdue, rows = await figures(plan, MONDAY, AS_WRITTEN)
    assert rows == {"1.1": "late", "1.2": "late", "1.3": "overdue", "1.4": "late", "1.5": "late"}
    assert (total.done_on_time, total.done_late, total.overdue) == (0, 4, 1)
    assert overdue == ["1.3"]
    written = replace(Closing.of(CAL, MONDAY), moved={})
    assert await figures(plan, MONDAY, written) == (total, overdue, rows)
