"""The one text catalogue: both languages for every key, every key the code asks for, and
with English configured no Vietnamese word reaching anyone."""

from __future__ import annotations

import ast
import io
import os
import re
import string
import subprocess
import sys
import typing
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

import bot.texts as texts
from bot.app import health as app_health
from bot.app import templates
from bot.app.settings import ConfigError, parse_settings
from bot.channels import health as channel_health
from bot.channels.base import Attachment, Choice, Outgoing
from bot.channels.console import ConsoleChannel
from bot.channels.zalo import ZaloChannel
from bot.documents import draft, report
from bot.documents.chart import SEGMENTS
from bot.inbound.dispatcher import Deps, Dispatcher
from bot.inbound.router import COMMANDS
from bot.outbound.digests import SPLIT_ORDER, ChatDigestSink
from scheduler.calendar import DAY_UNITS, WorkCalendar
from scheduler.digest import run_due_digests
from storage.enums import Channel, Role, Status
from storage.groups import GROUP_NUMBERS
from storage.imports.plan import WITHDRAWAL_KEYS
from storage.models import Assignment, ChatLink, Person
from storage.report import TIMELINESS
from storage.summary import TABLE_COLUMNS
from tests.fakes.channel_harness import Clock
from tests.fakes.recording_channel import RecordingChannel
from tests.fakes.zalo_api import FakeZaloAPI
from tests.kit import CAL, RULES, declare_agencies, load_people, load_plan, local

ROOT = Path(__file__).resolve().parents[1]
VIETNAMESE = re.compile(r"[À-ỹ]")  # Vietnamese letters: the range of grep -P "[À-ỹ]"
FORMATTER = string.Formatter()


def placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in FORMATTER.parse(text) if field is not None}


# -- the catalogue itself ---------------------------------------------------------------------


def test_every_key_has_both_languages_with_the_same_placeholders():
    for key, entry in texts.TEXTS.items():
        assert set(entry) == {"vi", "en"}, key
        assert entry["vi"].strip() and entry["en"].strip(), key
        assert placeholders(entry["vi"]) == placeholders(entry["en"]), key


def test_english_texts_have_no_vietnamese_letters():
    # Examples of what to type stay Vietnamese, written without accents (the reader takes both).
    leaks = {k: e["en"] for k, e in texts.TEXTS.items() if VIETNAMESE.search(e["en"])}
    assert leaks == {}


def test_a_key_defined_twice_stops_the_import_and_unknown_languages_are_vietnamese():
    with pytest.raises(ValueError, match="'welcome' is defined twice"):
        texts.merge({"welcome": {"vi": "a", "en": "b"}}, {"welcome": {"vi": "c", "en": "d"}})
    assert (
        texts.t("fr", "no_tasks")
        == texts.t("vi", "no_tasks")
        == "Anh/Chị không có nhiệm vụ nào đang mở."
    )
    assert texts.t("en", "no_tasks") == "You have no open assignments."


# -- every key the code asks for exists, and every text is asked for -------------------------

# Calls that take a key: name -> position of the key among the positional arguments.
LOOKUPS = {"t": 1, "say": 1, "_section": 1, "_help": 0, "Unaccepted": 0}
METHODS = {"t": 0, "reply_key": 0}  # turn.t(key), turn.reply_key(key)


def _scan(path: Path) -> list[tuple[str, bool]]:
    """(key, literal) of each lookup in ``path``: a key, or a family as "ask_{}"."""
    found: list[tuple[str, bool]] = []

    def take(node: ast.expr) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.append((node.value, True))
        elif isinstance(node, ast.IfExp):
            take(node.body)
            take(node.orelse)
        elif isinstance(node, ast.JoinedStr):
            parts = [v.value if isinstance(v, ast.Constant) else "{}" for v in node.values]
            found.append(("".join(parts), False))
        # a name or an expression: a key chosen at run time, not checked here

    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            position = LOOKUPS.get(node.func.id)
        elif isinstance(node.func, ast.Attribute):
            position = METHODS.get(node.func.attr)
        else:
            position = None
        if position is not None and len(node.args) > position:
            take(node.args[position])
    return found


def _first_string_arguments(folder: Path, callee: str) -> set[str]:
    """The literal first argument of every call of ``callee`` under ``folder``."""
    values = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == callee
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                values.add(node.args[0].value)
    return values


def families() -> dict[str, list[str]]:
    """Each family of keys built from a value, and every value it is built from."""
    names = [c.name for c in COMMANDS]
    return {
        "status_{}": [s.value for s in Status],
        "group_{}": [str(n) for n in GROUP_NUMBERS],
        "group_short_{}": [str(n) for n in GROUP_NUMBERS],
        "menu_{}": names,
        "help_{}": names,
        "invite_{}": sorted(_first_string_arguments(ROOT / "storage", "InviteRefused")),
        "problem_{}": sorted(
            _first_string_arguments(ROOT / "storage", "Problem")
            | _first_string_arguments(ROOT / "storage", "problem")
        ),
        "ask_{}": ["percent", "reason", "date"],  # what bot/handlers/progress.py asks for
        "attachment_{}": list(typing.get_args(typing.get_type_hints(Attachment)["kind"])),
        "bucket_{}": [*TABLE_COLUMNS, *(key for key, _, _ in SEGMENTS)],
        "split_{}": list(SPLIT_ORDER),
        "unreachable_{}": ["no_chat", "blocked", "failed"],
        "unit_{}": list(DAY_UNITS),
        # where an escalation went, named in its e-mail copy (bot/outbound/escalation_copies)
        "channel_label_{}": [c.value for c in Channel] + ["email"],
        "col_{}": [
            name
            for name, _ in (
                *report.DETAIL_COLUMNS,
                *report.OVERDUE_COLUMNS,
                *report.SUMMARY_COLUMNS,
            )
            if not name.startswith("bucket_")
        ]
        + ["grand_total"],
        "timeliness_{}": [value for value in TIMELINESS if value],
        "docx_period_{}": list(draft.PERIODS),
        "weekday_{}": [str(n) for n in range(7)],
        "status_channel_{}": list(channel_health.STATES),
        "status_problem_{}": list(app_health.PROBLEMS),
        "person_role_{}": [r.value for r in Role],
        "template_col_{}": [k for kind in templates.COLUMNS for k in templates.column_keys(kind)],
        "template_note_{}": [k for kind in templates.COLUMNS for k in templates.column_keys(kind)],
        "template_sheet_{}": list(templates.COLUMNS),
        "template_intro_{}": list(templates.KINDS),
        "template_list_{}": list(templates.LISTS),
        "withdrawn_{}": list(WITHDRAWAL_KEYS),  # why a re-import withdrew (bot.app.admin)
        "decided_closed_{}": ["withdrawn", "plan"],  # closed by no one (bot.handlers.decisions)
    }


def code_files() -> list[Path]:
    """The source that may say something; the catalogue's entries themselves left out."""
    return [
        path
        for folder in ("bot", "scheduler", "storage")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.parent != ROOT / "bot" / "texts" or path.name == "__init__.py"
    ]


def used_in_code() -> list[tuple[Path, str, bool]]:
    return [(path, key, literal) for path in code_files() for key, literal in _scan(path)]


def test_every_key_used_in_code_exists():
    known = families()
    assert len(known["problem_{}"]) > 20 and known["invite_{}"] == ["expired", "unknown", "used"]
    found = used_in_code()
    assert len(found) > 150  # the scan sees the lookups
    missing = [(p.name, k) for p, k, literal in found if literal and k not in texts.TEXTS]
    assert missing == []
    unknown_families = {k for _, k, literal in found if not literal} - set(known)
    assert unknown_families == set(), "list the family in families() with its values"
    members = [pattern.replace("{}", v) for pattern, values in known.items() for v in values]
    assert [k for k in members if k not in texts.TEXTS] == []


def test_every_text_is_used():
    source = "\n".join(path.read_text(encoding="utf-8") for path in code_files())
    members = {p.replace("{}", v) for p, values in families().items() for v in values}
    strings = set(re.findall(r"[\"']([a-z0-9_]+)[\"']", source))
    assert [k for k in texts.TEXTS if k not in members and k not in strings] == []


def test_the_same_text_has_one_key():
    # Families name a slot (the menu of /tonghop, the short name of group 2), not a meaning:
    # their entries may say what another key says.
    members = {p.replace("{}", v) for p, values in families().items() for v in values}
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for key, entry in texts.TEXTS.items():
        if key in members:
            continue
        pair = (entry["vi"], entry["en"])
        if pair in seen:
            twice.append((seen[pair], key))
        seen.setdefault(pair, key)
    assert twice == []


# -- with English configured, nothing Vietnamese reaches a user -------------------------------

AGENCIES = (
    "name,short_code,kind,parent\n"
    "Home Affairs Department,snv,provincial_agency,\n"
    "Justice Department,stp,provincial_agency,\n"
)
PEOPLE = (
    "full_name,title,agency,role\n"
    "Ann Coordinator,Officer,Home Affairs Department,coordinator\n"
    "Lee Leader,Director,Justice Department,leader\n"
    "Olga Official,Officer,Justice Department,official\n"
    "Ada Admin,Officer,Home Affairs Department,admin\n"
)
PLAN = (
    "code,group,title,lead_agency,cooperating_agencies,deadline,recurrence,deliverable\n"
    "1.1,1,Issue the reform plan,Home Affairs Department,,2024-03-17,,Plan\n"
    "2.1,2,Review the regulations,Justice Department,,2024-03-21,,Report\n"
    "2.2,2,Train the staff,Justice Department,,2024-03-08,,Report\n"
    "7.1,7,Open the online portal,Justice Department,,2024-04-30,,Portal\n"
)
ZALO_CHAT = "a1b2c3d4e5f6a7b8c9d0"
MONDAY = local(2024, 3, 18, 9)  # the daily digest and the weekly summary are both due
CHATS = {Role.OFFICIAL: "off", Role.LEADER: "lead", Role.COORDINATOR: "coord", Role.ADMIN: "adm"}


@pytest.fixture
async def world(db, tmp_path):
    """An ASCII-named plan (so any Vietnamese letter would be ours), a chat for every role,
    and 7.1 done an hour before the digests."""
    (tmp_path / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (tmp_path / "people.csv").write_text(PEOPLE, encoding="utf-8")
    (tmp_path / "plan.csv").write_text(PLAN, encoding="utf-8")
    await declare_agencies(db, [tmp_path / "agencies.csv"])
    await load_people(db, tmp_path / "people.csv")
    await load_plan(db, tmp_path / "plan.csv")
    async with db.unit_of_work() as session:
        for role, chat_id in CHATS.items():
            person = await session.scalar(select(Person).where(Person.role == role))
            session.add(
                ChatLink(
                    person_id=person.id,
                    channel=Channel.CONSOLE,
                    chat_id=chat_id,
                    linked_at=MONDAY - timedelta(days=7),
                )
            )
        await session.execute(
            update(Assignment)
            .where(Assignment.code == "7.1")
            .values(status=Status.DONE, percent=100, done_at=MONDAY - timedelta(hours=1))
        )
    return db


class Chats:
    """The linked chats of the world, talking to a dispatcher in ``lang``."""

    def __init__(self, db, lang: str = "en") -> None:
        self.channel = RecordingChannel()
        self.dispatcher = Dispatcher(
            Deps(db, {"console": self.channel}, CAL, RULES, lambda: MONDAY, lang)
        )
        self.n = 0

    async def say(self, chat_id: str, text: str) -> list[str]:
        before = len(self.channel.sent)
        self.n += 1
        await self.dispatcher.receive(self.channel.incoming(chat_id, text, f"k{self.n}"))
        return [m.text for _, m in self.channel.sent[before:]]


async def test_english_digests_name_the_groups_in_english(world):
    channel = RecordingChannel()
    sink = ChatDigestSink(world, {"console": channel}, "en", tz=CAL.timezone)
    # 1.1 is due Sunday 17/3: overdue on Monday only when deadlines close as written.
    written = WorkCalendar(
        CAL.timezone, CAL.work_start, CAL.work_end, deadline_on_day_off="as_written"
    )
    assert await run_due_digests(world, written, sink, MONDAY) == ["daily", "weekly"]
    daily, weekly = channel.texts("coord")
    assert daily.startswith("📊 Daily digest 18/03/2024")
    assert (
        "Newly overdue (1):\n• 1.1 — Issue the reform plan (Home Affairs Department), "
        "due 17/03/2024" in daily
    )
    assert "Done (1):\n• 7.1 — Justice Department, on time" in daily
    assert "Group 2 — Institutional reform: 2 tasks; " in weekly
    assert "Group 7 — E-government and digital government: 1 tasks; done 1 (on time 1," in weekly
    leader = channel.texts("lead")
    assert leader and all(t.startswith("Justice Department\n") for t in leader)
    every = channel.texts()
    assert [t for t in every if VIETNAMESE.search(t)] == [] and len(every) == 4


async def test_english_chat_answers_have_no_vietnamese(world):
    chat = Chats(world)
    said = {
        "coord": ["/trogiup", "/tonghop", "/tonghop 2", "/quahan", "/saphan", "/kenh", "/x"],
        "lead": ["/help", "/summary", "/overdue", "/baocao"],
        "off": ["/viec", "/capnhat 2.1 dang lam 50%", "/giahan 2.1", "hello", "/tonghop"],
    }
    answers = {}
    for chat_id, messages in said.items():
        for text in messages:
            answers[(chat_id, text)] = await chat.say(chat_id, text)
    assert all(answers.values())
    assert {k: a for k, a in answers.items() if any(VIETNAMESE.search(t) for t in a)} == {}
    (summary,) = answers[("coord", "/tonghop")]
    assert summary.startswith("📊 Summary of tasks — whole plan — as of 18/03/2024")
    assert "\nGroup 1 — Direction, management and communication of CCHC: 1 tasks; " in summary
    assert [m.splitlines()[0] for m in answers[("off", "/capnhat 2.1 dang lam 50%")]] == [
        "Recorded 2.1: in progress 50%."
    ]


async def test_the_english_text_report_has_no_vietnamese(world):
    async with world.unit_of_work() as session:
        today = CAL.local_date(MONDAY)
        text = (await report.build_report(session, today, "text", "en", tz=CAL.timezone)).decode()
    assert text.startswith("REPORT ON THE CCHC PLAN — as of 18/03/2024\n")
    assert "Group 2 — Institutional reform: 2" in text and not VIETNAMESE.search(text)


async def test_zalo_and_the_console_speak_the_configured_language():
    buttons = ((Choice(texts.t("en", "button_done"), "c:tok:done"),),)
    photo = Attachment("photo", b"\x89PNG", "progress.png")
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        clock = Clock()
        zalo = ZaloChannel(
            api.token,
            api_url=api.url,
            per_chat_interval=0.0,
            monotonic=clock.monotonic,
            sleep=clock.sleep,
            lang="en",
        )
        try:
            await zalo.send(ZALO_CHAT, Outgoing("Reminder 1.1", choices=buttons))
            await zalo.send(ZALO_CHAT, Outgoing("Chart", attachment=photo))
        finally:
            await zalo.stop()
        options, no_file = (m.text for m in api.sent(ZALO_CHAT))
    assert options == "Reminder 1.1\n\n1. ✅ Done\nReply with a number."
    assert no_file.startswith("Chart\n\n📎 Zalo could not send the file progress.png.")
    assert not VIETNAMESE.search(no_file)

    for lang, line in (
        ("en", "[photo: progress.png, 4 bytes]"),
        ("vi", "[ảnh: progress.png, 4 byte]"),
    ):
        out = io.StringIO()
        console = ConsoleChannel(out=out, lang=lang)
        await console.send("console", Outgoing("Chart", attachment=photo))
        assert out.getvalue() == f"Chart\n{line}\n\n"


def help_text(cwd: Path, **env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--help"],
        cwd=cwd,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_cli_help_speaks_the_configured_language(tmp_path):
    assert texts.t("vi", "cli_init") in help_text(tmp_path)
    english = help_text(tmp_path, NHACVIEC_LANGUAGE="en")
    assert texts.t("en", "cli_init") in english and not VIETNAMESE.search(english)
    (tmp_path / "config.env").write_text("NHACVIEC_LANGUAGE=en\n")
    assert texts.t("en", "cli_import_plan") in help_text(tmp_path)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "'9-5': chấp nhận: HH:MM-HH:MM, ví dụ 07:30-17:00"), ("en", "'9-5': accepted: HH:MM")],
)
def test_a_bad_setting_is_explained_in_the_configured_language(lang, said):
    with pytest.raises(ConfigError) as info:
        parse_settings({"NHACVIEC_LANGUAGE": lang, "NHACVIEC_WORK_HOURS": "9-5"})
    ((key, message),) = info.value.problems
    assert key == "NHACVIEC_WORK_HOURS" and message.startswith(said)


# -- /trogiup is the command table ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_help_lists_every_command_the_role_may_use(world, lang):
    chat = Chats(world, lang)
    for role, chat_id in CHATS.items():
        (text,) = await chat.say(chat_id, "/trogiup")
        listed = [line.split()[0] for line in text.splitlines() if line.startswith("/")]
        allowed = [c for c in COMMANDS if role in c.roles]
        assert listed == [f"/{c.name if lang == 'vi' else c.alias}" for c in allowed], role
        assert "/kenh" in listed or "/channel" in listed  # it was missing
        assert text.startswith(texts.t(lang, "help_intro"))
        assert text.endswith(texts.t(lang, "help_free_text"))
