"""``nhacviec demo``: the whole product on a temporary database, with a simulated clock.

The sample plan and people are loaded, a small cast links their chats with
invites, and the clock walks through working days of March–April 2024. Each
morning the reminder service plans, sweeps and sends the digests; the cast
answers as officials do (some done on time, some in progress, some blocked,
some asking for more time, some silent until escalated), a coordinator
approves or rejects extensions, a leader names a focal person. At the end the
coordinators' summary is printed and the chart and XLSX report are saved.
Everything goes through the real conversation, dispatcher, ledger and store.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from bot.app.admin import load_sample
from bot.app.builder import build_service, calendar_from
from bot.app.settings import Settings
from bot.channels.base import Incoming, IncomingHandler, Menus, Outgoing
from bot.documents.chart import progress_chart
from bot.documents.report import build_report, report_filename
from bot.texts import dmy, t
from scheduler.clock import ManualClock
from storage import people
from storage.db import Database
from storage.invites import create_invite
from storage.migrate import upgrade
from storage.summary import Closing, StatusCounts, status_counts

START = date(2024, 1, 2)  # the first working day of the plan year
DAYS = 45  # calendar days walked through, Tết 2024 included
SILENT = "1.2@dakha"  # left unanswered until it is escalated and handed on, then done late
CAST = (  # (agency short code, role): who links a chat in the demo
    ("snv", "official"),
    ("snv", "leader"),
    ("snv", "coordinator"),
    ("stp", "official"),
    ("stp", "leader"),
    ("stc", "official"),
    ("dakha", "official"),
    ("dakha", "leader"),
    ("sgddt", "official"),
)


@dataclass
class Member:
    person_id: int
    name: str
    agency: str
    role: str
    chat_id: str
    code: str = ""  # the invite the member types with /start


@dataclass
class DemoChannel:
    """A channel whose chats are the cast; prints every message for the audience."""

    out: TextIO
    cast: dict[str, Member] = field(default_factory=dict)
    last_choices: dict[str, Outgoing] = field(default_factory=dict)
    name: str = "console"
    max_text: int = 4096
    has_buttons: bool = True
    interactive: bool = False
    _n: int = 0

    async def start(self, handler: IncomingHandler) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def wait_closed(self) -> None:
        await asyncio.Event().wait()  # never: the demo ends when its story does

    async def send(self, chat_id: str, message: Outgoing) -> str:
        self._n += 1
        who = self.cast.get(chat_id)
        head = f"📩 → {who.name} ({who.agency})" if who else f"📩 → {chat_id}"
        text = message.text.splitlines()
        if message.choices and len(text) > 3:  # a nudge: its first lines tell the story
            text = [*text[:2], text[3]]
        lines = [head, *("   " + line for line in text)]
        if message.choices:
            labels = " | ".join(c.label for row in message.choices for c in row)
            lines.append(f"   [{labels}]")
            self.last_choices[chat_id] = message
        if message.attachment:
            lines.append(f"   [{message.attachment.kind}: {message.attachment.filename}]")
        self.out.write("\n".join(lines) + "\n")
        return str(self._n)

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        await self.send(chat_id, message)

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        return None

    async def set_commands(self, menus: Menus) -> None:
        return None


class Demo:
    def __init__(self, settings: Settings, out: TextIO, pause: float) -> None:
        self.settings, self.out, self.pause = settings, out, pause
        self.lang = settings.language
        # An escalation (a nudge, or a leader's daily message) starts with these words
        # ("🔺 Kính báo lãnh đạo").
        blank = dict.fromkeys(("code", "title", "agency", "n", "unit"), "")
        self._escalation = t(self.lang, "nudge_escalation", **blank).split(":")[0]
        self.calendar = calendar_from(settings)
        self.clock = ManualClock(datetime.combine(START, time(7, 0), settings.timezone))
        self.channel = DemoChannel(out)
        self._keys = 0
        self._decisions = 0
        self._handed_on = False

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    async def act(self, member: Member, text: str = "", **kw) -> None:
        self._keys += 1
        shown = text or t(self.lang, "demo_pressed", label=kw.get("label", ""))
        self.say(f"💬 {member.name} ({member.agency}): {shown}")
        kw.pop("label", None)
        await self.dispatcher.receive(
            Incoming(
                "console", member.chat_id, f"demo-{self._keys}", self.clock.now(), text=text, **kw
            )
        )
        await asyncio.sleep(self.pause)

    async def run(self, db: Database, out_dir: Path) -> StatusCounts:
        await upgrade(db.engine)
        await load_sample(db, self.settings.language, self.clock.now())
        service = build_service(self.settings, db, self.clock, channels={"console": self.channel})
        self.dispatcher = service.dispatcher
        self.say(t(self.lang, "demo_title"))
        cast = await self._link_cast(db)
        # Only the cast take part: everyone else is set aside so the story stays readable.
        async with db.unit_of_work() as session:
            await people.keep_only_active(session, [m.person_id for m in cast.values()])
        day = START
        for _ in range(DAYS):
            if self.calendar.is_workday(day):
                self.clock.set(self.calendar.work_start_at(day))
                weekday = t(self.lang, f"weekday_{day.weekday()}")
                self.say("\n" + t(self.lang, "demo_day", weekday=weekday, day=dmy(day)))
                while (await service.reminders.run_round()).claimed:
                    pass  # the morning's backlog, all of it, before people answer
                await self._answer(cast, day)
            day += timedelta(days=1)
        return await self._finish(db, cast, out_dir)

    async def _link_cast(self, db: Database) -> dict[str, Member]:
        cast: dict[str, Member] = {}
        async with db.unit_of_work() as session:
            for short, role in CAST:
                person = await people.first_with_role(session, role, short)
                assert person is not None, f"the sample has a {role} in {short}"
                code, _ = await create_invite(session, person, self.clock.now())
                chat_id = f"{short}-{role}"
                cast[chat_id] = Member(
                    person.id, person.full_name, person.agency.name, role, chat_id
                )
                cast[chat_id].code = code
        self.channel.cast = cast
        for member in cast.values():
            await self.act(member, f"/start {member.code}")
        return cast

    async def _answer(self, cast: dict[str, Member], day: date) -> None:
        pending = dict(self.channel.last_choices)
        self.channel.last_choices.clear()
        for chat_id, message in pending.items():
            member = cast[chat_id]
            row = message.choices[0]
            first = row[0].data
            if first.startswith("x:"):  # an extension request reaching the coordinator
                self._decisions += 1
                if self._decisions % 2:
                    await self.act(member, choice_data=first, label=row[0].label)
                else:
                    await self.act(member, choice_data=row[1].data, label=row[1].label)
                    await self.act(member, "Đề nghị hoàn thành đúng hạn, không gia hạn")
            elif first.startswith(("c:", "k:")) and member.role != "coordinator":
                await self._official_answers(member, message, day)

    async def _official_answers(self, member: Member, message: Outgoing, day: date) -> None:
        if message.text.startswith(self._escalation):  # an escalation: the leader hands it on
            await self._hand_on(member, _codes(message.text) or [_nudge_code(message.text)])
            return
        listed = _codes(message.text)
        if not listed:  # a nudge of one task
            await self._answer_one(member, message, day, _nudge_code(message.text))
            return
        # A check-in: each task answered on its own (its row's ✅, or a text naming it).
        rows = {row[0].label.split(" ")[0]: row for row in message.choices}
        for code in listed:
            await self._answer_one(member, message, day, code, rows.get(code))

    async def _hand_on(self, member: Member, codes: list[str]) -> None:
        official = next(
            (
                m
                for m in self.channel.cast.values()
                if m.agency == member.agency and m.role == "official"
            ),
            None,
        )
        if official:
            for code in codes:
                await self.act(member, f"/giao {_short(code)} {official.name}")
            self._handed_on = True

    async def _answer_one(
        self, member: Member, message: Outgoing, day: date, code: str, row=None
    ) -> None:
        named = "" if row is None and not _codes(message.text) else f"việc {_short(code)} "
        if code == SILENT or (not named and SILENT in message.text):
            if self._handed_on:
                await self.act(member, f"dạ {named}em đã hoàn thành, đã gửi báo cáo ạ")
            return
        choice = zlib.crc32(f"{member.chat_id}{code}{day}".encode()) % 7
        new_date = (day + timedelta(days=21)).strftime("%d/%m")
        if choice in (0, 1, 2):
            done = (row or message.choices[0])[0]
            if named and row is None:
                await self.act(member, f"{_short(code)} xong")
            else:
                await self.act(member, choice_data=done.data, label=done.label)
        elif choice == 3:
            await self.act(member, f"dạ {named}em đang làm, được khoảng 60% ạ")
        elif choice == 4:
            await self.act(member, f"{named}vướng do chưa có kinh phí, đang chờ Sở Tài chính")
        elif choice == 5:
            await self.act(member, f"{named}xin gia hạn đến {new_date} vì chờ số liệu")
        # 6: silent — the overdue nudges and the escalation follow

    async def _finish(self, db: Database, cast: dict[str, Member], out_dir: Path):
        coordinator = next(m for m in cast.values() if m.role == "coordinator")
        today = self.calendar.local_date(self.clock.now())
        self.say("\n" + t(self.lang, "demo_end"))
        await self.act(coordinator, "/tonghop")
        tz, closing = self.calendar.timezone, Closing.of(self.calendar, today)
        async with db.unit_of_work() as session:
            (total,) = await status_counts(session, today, tz=tz, closing=closing)
            by_group = await status_counts(session, today, by="group", tz=tz, closing=closing)
            report = await build_report(
                session, today, "xlsx", self.settings.language, tz=tz, closing=closing
            )
        chart = progress_chart(by_group, today, self.settings.language)
        chart_path, report_path = await asyncio.to_thread(
            _save,
            out_dir,
            {f"tien-do-{today.isoformat()}.png": chart, report_filename(today, "xlsx"): report},
        )
        self.say("\n" + t(self.lang, "demo_files", chart=chart_path, report=report_path))
        return total


ITEM = re.compile(r"^\d+\. (\S+) — ", re.M)  # a listed task's line: "2. 1.2@dakha — …"


def _codes(text: str) -> list[str]:
    """The codes a check-in (or a leader's escalation message) lists, in order."""
    return ITEM.findall(text)


def _nudge_code(text: str) -> str:
    """The code of a single nudge: its second line is "CODE — title"."""
    return text.splitlines()[1].split(" — ")[0].strip()


def _short(code: str) -> str:
    """The task code of an assignment code (``1.2@dakha``, ``1.7#2024-Q1`` → the task's)."""
    return code.split("@")[0].split("#")[0]


def _save(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in files.items():
        path = (out_dir / name).resolve()
        path.write_bytes(content)
        paths.append(path)
    return paths


async def run_demo(settings: Settings, out: TextIO, *, fast: bool, out_dir: Path | None = None):
    """Run the demo on a temporary SQLite file; returns the final whole-plan counts."""
    with tempfile.TemporaryDirectory(prefix="nhacviec-demo-") as tmp:
        db = Database(f"sqlite+aiosqlite:///{Path(tmp) / 'demo.db'}")
        try:
            demo = Demo(settings, out, pause=0 if fast else 0.6)
            return await demo.run(db, out_dir or Path("nhacviec-demo"))
        finally:
            await db.dispose()
