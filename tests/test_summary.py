"""Status roll-ups and the overdue list, against counts made by hand."""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

import pytest
from sqlalchemy import select, update

from storage.enums import Status
from storage.models import Assignment, Plan
from storage.summary import BUCKETS, OVERDUE_SPLIT, StatusCounts, overdue_list, status_counts
from tests.kit import local
from tests.kit.summary_plan import TODAY, build_plan


@pytest.fixture
async def agencies(db, tmp_path):
    return await build_plan(db, tmp_path)


def numbers(c: StatusCounts) -> tuple:
    """(total, on time, late, in progress, not started, blocked, extension, overdue)."""
    return astuple(c)[2:10]


def overdue_split(c: StatusCounts) -> tuple:
    """Inside overdue: (in progress, not started, blocked, extension); then not due."""
    return (*(getattr(c, name) for name in OVERDUE_SPLIT), c.not_due)


async def counts(db, today=TODAY, **kw) -> list[StatusCounts]:
    async with db.unit_of_work() as session:
        return await status_counts(session, today, **kw)


async def test_total_is_partitioned_by_the_buckets(db, agencies):
    (total,) = await counts(db)
    assert (total.key, total.label) == (None, "")
    # on time 1.1 1.3 7.6; late 1.2; in progress 2.1 7.1; not started 2.3 (due today,
    # reported); blocked 2.5; extension 7.2; overdue 2.2 (blocked) 2.4 (extension) 7.3
    # (not started); not due 7.7 (31 May, never reported); withdrawn 7.4 7.5 left out.
    assert numbers(total) == (13, 3, 1, 2, 1, 1, 1, 3)
    assert overdue_split(total) == (0, 1, 1, 1, 1)
    assert sum(getattr(total, b) for b in BUCKETS) == total.total and total.done == 4
    assert sum(getattr(total, name) for name in OVERDUE_SPLIT) == total.overdue
    assert total.open_in_time == 5
    assert total.on_time_share == round(100 * 3 / 13, 1)


async def test_not_due_is_only_work_ahead_that_nobody_reported(db, agencies):
    # 7.7 reported as not started is "chưa thực hiện", no longer "chưa đến hạn".
    async with db.unit_of_work() as session:
        await session.execute(
            update(Assignment).where(Assignment.code == "7.7").values(updated_at=local(2024, 3, 19))
        )
    (total,) = await counts(db)
    assert (total.not_started, total.not_due) == (2, 0)
    # Once its deadline is reached, unreported work is not started, then overdue.
    async with db.unit_of_work() as session:
        await session.execute(
            update(Assignment).where(Assignment.code == "7.7").values(updated_at=None)
        )
    (on_the_day,) = await counts(db, today=date(2024, 5, 31))
    (after,) = await counts(db, today=date(2024, 6, 3))
    assert on_the_day.not_due == 0 and after.not_due == 0
    assert after.overdue_not_started == on_the_day.overdue_not_started + 1


async def test_by_group(db, agencies):
    rows = await counts(db, by="group")
    assert [(r.key, r.label) for r in rows] == [(1, ""), (2, ""), (7, "")]  # names: texts
    assert [numbers(r) for r in rows] == [
        (3, 2, 1, 0, 0, 0, 0, 0),
        (5, 0, 0, 1, 1, 1, 0, 2),
        (5, 1, 0, 1, 0, 0, 1, 1),
    ]
    assert [overdue_split(r) for r in rows] == [
        (0, 0, 0, 0, 0),
        (0, 0, 1, 1, 0),  # 2.2 blocked, 2.4 awaiting an extension
        (0, 1, 0, 0, 1),  # 7.3 not started; 7.7 not due
    ]


async def test_by_agency_in_declaration_order(db, agencies):
    rows = await counts(db, by="agency")
    assert [(r.key, r.label) for r in rows] == [
        (agencies["snv"], "Sở Nội vụ"),
        (agencies["stp"], "Sở Tư pháp"),
    ]
    assert [numbers(r) for r in rows] == [
        (7, 2, 1, 0, 1, 0, 1, 2),  # 1.1 7.6 | 1.2 | 2.3 | 7.2 | 2.4 7.3
        (6, 1, 0, 2, 0, 1, 0, 1),  # 1.3 | 2.1 7.1 | 2.5 | 2.2 (and 7.7 not due)
    ]
    assert [r.not_due for r in rows] == [0, 1]
    assert [r.on_time_share for r in rows] == [28.6, 16.7]


async def test_filters(db, agencies):
    (g2,) = await counts(db, group=2)
    assert numbers(g2) == (5, 0, 0, 1, 1, 1, 0, 2)
    (stp7,) = await counts(db, group=7, agency_id=agencies["stp"])
    assert numbers(stp7) == (2, 0, 0, 1, 0, 0, 0, 0)  # the continuous 7.1, 7.7 not due
    assert stp7.not_due == 1
    by_group = await counts(db, by="group", agency_id=agencies["stp"])
    assert [(r.key, r.total) for r in by_group] == [(1, 1), (2, 3), (7, 2)]
    async with db.unit_of_work() as session:
        plan_id = await session.scalar(select(Plan.id))
    assert numbers((await counts(db, plan_id=plan_id))[0])[0] == 13
    assert numbers((await counts(db, plan_id=plan_id + 1))[0]) == (0,) * 8
    assert await counts(db, by="agency", plan_id=plan_id + 1) == []


async def test_overdue_moves_with_today(db, agencies):
    # On 19 Mar, 2.4 is due that day, not overdue; on 1 Mar nothing is overdue.
    (total,) = await counts(db, today=date(2024, 3, 19))
    assert (total.overdue, total.extension_requested) == (2, 2)
    assert (total.overdue_blocked, total.overdue_not_started) == (1, 1)
    (total,) = await counts(db, today=date(2024, 3, 1))
    assert total.overdue == 0 and total.total == 13


async def test_unknown_grouping_is_refused(db, agencies):
    with pytest.raises(ValueError, match="by"):
        await counts(db, by="person")


async def overdue(db, today=TODAY, **kw):
    async with db.unit_of_work() as session:
        return await overdue_list(session, today, **kw)


async def test_overdue_list_most_overdue_first(db, agencies):
    items = await overdue(db)
    assert [(i.code, i.deadline, i.days_overdue, i.status, i.percent) for i in items] == [
        ("7.3", date(2024, 3, 1), 19, Status.NOT_STARTED, 0),
        ("2.2", date(2024, 3, 10), 10, Status.BLOCKED, 20),
        ("2.4", date(2024, 3, 19), 1, Status.EXTENSION_REQUESTED, 60),
    ]
    first = items[0]
    assert (first.title, first.agency, first.agency_id) == (
        "Cổng dịch vụ công",
        "Sở Nội vụ",
        agencies["snv"],
    )
    assert first.updated_at == local(2024, 3, 18, 9, 0)


async def test_overdue_list_filters_and_pages(db, agencies):
    assert [i.code for i in await overdue(db, agency_id=agencies["stp"])] == ["2.2"]
    assert [i.code for i in await overdue(db, limit=2)] == ["7.3", "2.2"]
    assert [i.code for i in await overdue(db, limit=2, offset=2)] == ["2.4"]
    assert [i.code for i in await overdue(db, deadline_from=date(2024, 3, 10))] == ["2.2", "2.4"]
    assert await overdue(db, today=date(2024, 3, 1)) == []
