"""The chat half of ``nhacviec run`` over one channel on one database, restartable:
what the end-to-end tests of every platform start and stop around a fake server."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.app.builder import build_service
from bot.app.settings import Settings
from scheduler.clock import ManualClock
from scheduler.planner import plan_window
from scheduler.sweep import SweepConfig, sweep_once
from storage.invites import create_invite
from storage.models import Assignment, Person, ProgressUpdate
from tests.helpers import declare_agencies, load_people, load_plan

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local(y, m, d, hh=7, mm=30) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=TZ).astimezone(UTC)


class ChatService:
    """``async with``: the service ``nhacviec run`` builds (default settings) over this
    one channel, opened as it opens it (recovery, then the channel started and its menu
    set); on exit the answers drain, then it stops."""

    def __init__(self, db, channel, clock) -> None:
        self.db, self.channel, self.clock = db, channel, clock
        self.service = build_service(Settings(), db, clock, channels={channel.name: channel})
        self.dispatcher = self.service.dispatcher

    async def __aenter__(self):
        await self.service.open()
        return self

    async def __aexit__(self, *exc):
        await self.service.close()

    async def sweep(self):
        """Plan what is due now and send it through the channel."""
        s, now = self.service, self.clock.now()
        async with self.db.unit_of_work() as session:
            await plan_window(session, s.rules, s.calendar, now)
        return await sweep_once(self.db, s.delivery, s.calendar, SweepConfig(worker="e2e"), now)


HEADER = "code,group,title,lead_agency,cooperating_agencies,deadline,recurrence,deliverable"


async def two_tasks_and_an_invite(db, tmp_path) -> tuple[ManualClock, str]:
    """The sample agencies and people, two tasks of Sở Tư pháp due 15/03/2024, a clock on
    Wed 6 Mar 2024 08:00 and an invite for the agency's official: (clock, invite code)."""
    await declare_agencies(db)
    await load_people(db)
    path = tmp_path / "plan.csv"
    path.write_text(
        f"{HEADER}\n2.1,2,Trình chương trình,Sở Tư pháp,,2024-03-15,,QĐ\n"
        "2.2,2,Rà soát văn bản,Sở Tư pháp,,2024-03-15,,Báo cáo\n",
        encoding="utf-8",
    )
    await load_plan(db, path)
    clock = ManualClock(local(2024, 3, 6, 8, 0))
    async with db.unit_of_work() as session:
        official = await session.scalar(
            select(Person).where(Person.role == "official", Person.agency.has(short_code="stp"))
        )
        code, _ = await create_invite(session, official, clock.now())
    return clock, code


async def counts(db) -> tuple[int, dict]:
    """Progress updates recorded, and each assignment's status by code."""
    async with db.unit_of_work() as session:
        updates = await session.scalar(select(func.count()).select_from(ProgressUpdate))
        statuses = dict((await session.execute(select(Assignment.code, Assignment.status))).all())
        return updates, statuses
