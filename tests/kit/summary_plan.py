"""The summary plan: 14 tasks of Sở Nội vụ and Sở Tư pháp in groups 1, 2 and 7, each in a
known state on Wed 20 Mar 2024 (``TODAY``), counted by hand in the summary tests and used
by the digest, report, chart and coordinator chat tests."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from storage.db import Database
from storage.enums import Status
from storage.models import Agency, Assignment, Task
from tests.kit.files import write_plan
from tests.kit.times import local
from tests.kit.world import declare_agencies, load_people, load_plan

TODAY = date(2024, 3, 20)  # a Wednesday
ROWS = (
    "1.1,1,Kế hoạch CCHC,Sở Nội vụ,,2024-03-15,,Kế hoạch",
    "1.2,1,Kế hoạch tuyên truyền,Sở Nội vụ,,2024-03-15,,Kế hoạch",
    "1.3,1,Kế hoạch kiểm tra,Sở Tư pháp,,2024-03-15,,Kế hoạch",
    "2.1,2,Chương trình xây dựng văn bản,Sở Tư pháp,,2024-03-29,,Quyết định",
    "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-10,,Báo cáo",
    "2.3,2,Kiểm tra văn bản,Sở Nội vụ,,2024-03-20,,Báo cáo",
    "2.4,2,Theo dõi thi hành pháp luật,Sở Nội vụ,,2024-03-19,,Báo cáo",
    "2.5,2,Pháp điển,Sở Tư pháp,,2024-03-25,,Báo cáo",
    "7.1,7,Tin bài CCHC,Sở Tư pháp,,,continuous,Tin bài",
    "7.2,7,Số hóa hồ sơ,Sở Nội vụ,,2024-04-30,,Báo cáo",
    "7.3,7,Cổng dịch vụ công,Sở Nội vụ,,2024-03-01,,Báo cáo",
    "7.4,7,Bỏ khỏi kế hoạch (phân công),Sở Tư pháp,,2024-03-01,,Báo cáo",
    "7.5,7,Bỏ khỏi kế hoạch (nhiệm vụ),Sở Tư pháp,,2024-02-01,,Báo cáo",
    "7.6,7,Chuyên mục CCHC,Sở Nội vụ,,,continuous,Chuyên mục",
    "7.7,7,Kết nối liên thông,Sở Tư pháp,,2024-05-31,,Báo cáo",
)
UPDATED_AT = local(2024, 3, 18, 9, 0)  # open assignments last changed; 7.4 and 7.5 withdrawn
NOT_REPORTED = ("7.7",)  # nobody ever reported: not started, due 31 May, so "chưa đến hạn"

# code -> (status, percent, done_at); done_at local, so 1.2 is done on 16 Mar
# locally while still 15 Mar in UTC, and 1.3 at 23:30 local on its deadline.
STATES = {
    "1.1": (Status.DONE, 100, local(2024, 3, 15, 16, 0)),
    "1.2": (Status.DONE, 100, local(2024, 3, 16, 6, 0)),
    "1.3": (Status.DONE, 100, local(2024, 3, 15, 23, 30)),
    "2.1": (Status.IN_PROGRESS, 50, None),
    "2.2": (Status.BLOCKED, 20, None),
    "2.3": (Status.NOT_STARTED, 0, None),
    "2.4": (Status.EXTENSION_REQUESTED, 60, None),
    "2.5": (Status.BLOCKED, 10, None),
    "7.1": (Status.IN_PROGRESS, 30, None),
    "7.2": (Status.EXTENSION_REQUESTED, 40, None),
    "7.3": (Status.NOT_STARTED, 0, None),
    "7.4": (Status.IN_PROGRESS, 10, None),
    "7.5": (Status.IN_PROGRESS, 10, None),
    "7.6": (Status.DONE, 100, local(2024, 3, 1, 9, 0)),
    "7.7": (Status.NOT_STARTED, 0, None),
}


async def build_plan(db: Database, tmp_path) -> dict[str, int]:
    """The sample agencies and people, the plan above with the statuses of ``STATES``;
    agency ids by short code."""
    await declare_agencies(db)
    await load_people(db)
    await load_plan(db, write_plan(tmp_path, *ROWS))
    async with db.unit_of_work() as session:
        for code, (status, percent, done_at) in STATES.items():
            await session.execute(
                update(Assignment)
                .where(Assignment.code == code)
                .values(
                    status=status,
                    percent=percent,
                    done_at=done_at,
                    updated_at=None if code in NOT_REPORTED else done_at or UPDATED_AT,
                )
            )
        withdrawn = UPDATED_AT
        await session.execute(
            update(Assignment).where(Assignment.code == "7.4").values(withdrawn_at=withdrawn)
        )
        await session.execute(update(Task).where(Task.code == "7.5").values(withdrawn_at=withdrawn))
        rows = await session.execute(select(Agency.short_code, Agency.id))
        return dict(rows.all())
