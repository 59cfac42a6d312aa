"""NHACVIEC_TIMEZONE reaches every summary, chart, report and digest, not only the calendar.

The province here keeps New York time. At 02:00 UTC on 20 March 2024 it is still
19 March there (20 March in Vietnam), and 1.2 of the test plan (due 15 March)
was finished at 23:00 UTC on 15 March: on its deadline day in New York, the day
after in Vietnam. So counted in the configured zone it is done on time; counted
in the old hard-coded Asia/Ho_Chi_Minh, late.
"""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy import select

from bot.app.builder import build_service
from bot.app.settings import Settings
from bot.documents.chart import progress_chart
from bot.documents.report import HEADER_ROW
from bot.outbound.digests import counts_line
from scheduler.clock import ManualClock
from scheduler.digest import run_due_digests
from storage.db import Database
from storage.enums import Channel
from storage.migrate import upgrade
from storage.models import Agency, ChatLink, Person
from storage.summary import VIETNAM, status_counts
from tests.fakes.recording_channel import RecordingChannel
from tests.kit.cli import run
from tests.kit.summary_plan import build_plan

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2024, 3, 20, 2, 0, tzinfo=UTC)  # 19 Mar 22:00 in New York, 20 Mar 09:00 in Vietnam
LOCAL_TODAY = date(2024, 3, 19)


async def link(db, role: str, chat_id: str) -> None:
    """Sở Nội vụ's first person of ``role``, on console chat ``chat_id``."""
    async with db.unit_of_work() as session:
        person = await session.scalar(
            select(Person)
            .where(Person.role == role, Person.agency.has(short_code="snv"))
            .order_by(Person.id)
            .limit(1)
        )
        session.add(
            ChatLink(person_id=person.id, channel=Channel.CONSOLE, chat_id=chat_id, linked_at=NOW)
        )


async def whole_plan(db, day: date, tz: ZoneInfo, **kw):
    async with db.unit_of_work() as session:
        (counts,) = await status_counts(session, day, tz=tz, **kw)
    return counts


def service(db, now: datetime):
    channel = RecordingChannel()
    settings = Settings(timezone=NEW_YORK)
    return build_service(settings, db, ManualClock(now), channels={"console": channel}), channel


async def test_counts_differ_between_the_zones_at_this_instant(db, tmp_path):
    await build_plan(db, tmp_path)
    here, vietnam = (
        await whole_plan(db, LOCAL_TODAY, NEW_YORK),
        await whole_plan(db, LOCAL_TODAY, VIETNAM),
    )
    assert (here.done_on_time, here.done_late) == (4, 0)
    assert (vietnam.done_on_time, vietnam.done_late) == (3, 1)  # what the old default said


async def coordinator_asks(db, tmp_path, command: str):
    """What the coordinator's chat got for ``command`` at ``NOW``: the last message."""
    await build_plan(db, tmp_path)
    await link(db, "coordinator", "coord")
    svc, channel = service(db, NOW)
    await svc.dispatcher.receive(channel.incoming("coord", command, "k1"))
    return channel.sent[-1][1]


async def test_tonghop_counts_in_the_configured_zone(db, tmp_path):
    summary = (await coordinator_asks(db, tmp_path, "/tonghop")).text
    expected = await whole_plan(db, LOCAL_TODAY, NEW_YORK)
    assert summary.startswith(
        "📊 Tổng hợp tình hình thực hiện nhiệm vụ — toàn kế hoạch — tính đến ngày 19/03/2024"
    )
    assert counts_line("vi", "Tổng số", expected) in summary
    assert "(đúng hạn 4, trễ hạn 0)" in summary and "quá hạn 2" in summary


async def test_baocao_counts_and_shows_times_in_the_configured_zone(db, tmp_path):
    report = (await coordinator_asks(db, tmp_path, "/baocao")).attachment
    assert report.filename == "nhacviec-bao-cao-2024-03-19.xlsx"
    book = load_workbook(io.BytesIO(report.content))
    rows = [[c.value for c in row] for row in book["Tổng hợp"].iter_rows(min_row=2)]
    totals = next(row for row in rows if row[1] == "Tổng cộng")  # the evidence count follows
    assert totals[2:5] == [13, 4, 0]
    detail = book["Chi tiết"]
    headers = [c.value for c in detail[HEADER_ROW]]
    row = next(
        dict(zip(headers, [c.value for c in r], strict=True))
        for r in detail.iter_rows(min_row=HEADER_ROW + 1)
        if r[headers.index("Mã")].value == "1.2"
    )
    assert row["Đánh giá thời hạn"] == "đúng hạn"
    assert row["Cập nhật lần cuối"] == datetime(2024, 3, 15, 19, 0)  # New York's wall clock


async def test_bieudo_draws_the_counts_of_the_configured_zone(db, tmp_path):
    chart = (await coordinator_asks(db, tmp_path, "/bieudo")).attachment
    assert chart.filename == "tien-do-2024-03-19.png"
    async with db.unit_of_work() as session:
        here = await status_counts(session, LOCAL_TODAY, by="group", tz=NEW_YORK)
        vietnam = await status_counts(session, LOCAL_TODAY, by="group", tz=VIETNAM)
    assert chart.content == progress_chart(here, LOCAL_TODAY, "vi")  # drawing is deterministic
    assert chart.content != progress_chart(vietnam, LOCAL_TODAY, "vi")  # 1.2 in the late bar


async def test_a_leaders_weekly_digest_counts_in_the_configured_zone(db, tmp_path):
    await build_plan(db, tmp_path)
    await link(db, "coordinator", "coord")
    await link(db, "leader", "lead")  # Sở Nội vụ, whose 1.2 is the one in question
    monday = datetime(2024, 3, 18, 12, 0, tzinfo=UTC)  # 08:00 in New York, 19:00 in Vietnam
    svc, channel = service(db, monday)
    assert "weekly" in await run_due_digests(db, svc.calendar, svc.digest_sink, monday)
    weekly = next(t for t in channel.texts("lead") if t.startswith("Sở Nội vụ\n📈"))
    async with db.unit_of_work() as session:
        snv = await session.scalar(select(Agency.id).where(Agency.short_code == "snv"))
    expected = await whole_plan(db, date(2024, 3, 18), NEW_YORK, agency_id=snv)
    assert "(đúng hạn 3, trễ hạn 0)" in weekly
    assert counts_line("vi", "Toàn kế hoạch", expected) in weekly


async def test_nhacviec_report_counts_in_the_configured_zone(tmp_path):
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'nhacviec.db'}")
    try:
        await upgrade(db.engine)
        await build_plan(db, tmp_path)
    finally:
        await db.dispose()
    env = {"NHACVIEC_TIMEZONE": "America/New_York", "NHACVIEC_CLOCK_START": NOW.isoformat()}
    result = run(tmp_path, "report", env=env)
    assert result.returncode == 0, result.stderr
    assert "19/03/2024" in result.stdout
    assert "Toàn kế hoạch: 13 nhiệm vụ; hoàn thành 4 (đúng hạn 4, trễ hạn 0)" in result.stdout
