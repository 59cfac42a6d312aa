"""One contract for every channel: Telegram (real PTB against the fake Bot API), Zalo
(against the fake Zalo server), the console (through its streams) and the recording fake.

Each rig is the channel plus the user's side of its chat: what the chat shows
(``Shown``: the text and the options a person sees, buttons or numbered lines),
how a person presses an option, and how the platform refuses a message. The
tests then say the same of all four: long texts split within ``max_text`` with
the options last, choices shown and pressed, edits, error kinds, stop.
"""

from __future__ import annotations

import ast
import asyncio
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from bot.channels.base import Channel, ChannelError, Choice, Incoming, Outgoing
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from tests.fakes.channel_harness import Clock, Inbox
from tests.fakes.console_harness import ConsoleHarness
from tests.fakes.recording_channel import RecordingChannel
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.zalo_api import FakeZaloAPI

CHOICES = (
    (Choice("✅ Đã xong", "c:tok12345:done"), Choice("⏳ Đang làm", "c:tok12345:prog")),
    (Choice("⛔ Vướng mắc", "c:tok12345:blk"),),
)
LABELS = ["✅ Đã xong", "⏳ Đang làm", "⛔ Vướng mắc"]
MENUS = {"vi": [("viec", "Việc của tôi")], "en": [("tasks", "My tasks")]}
_OPTION = re.compile(r"^\s*(\d{1,2})\. (.+)$")


@dataclass
class Shown:
    """One message as the chat shows it."""

    text: str  # everything written, numbered options included
    options: list[str]  # the labels a person can press, in order
    message_id: str


def numbered(text: str) -> list[str]:
    return [m[2] for line in text.splitlines() if (m := _OPTION.match(line))]


class TelegramRig:
    chat = "42"
    interactive = False  # True: each update is answered before the next is read
    has_menu = True  # set_commands shows a command menu
    edits_in_place = True  # False: an edit comes as a new message
    refuses = True  # the platform may refuse a message (429, 403, 400)
    # What delivery is told of each refusal: the platform's own reading of its codes.
    kinds: ClassVar[dict[int, str]] = {429: "retry", 403: "blocked", 400: "bad_request"}
    ends_on_its_own = False  # True: wait_closed returns when its input ends

    async def __aenter__(self):
        self.api = await FakeTelegramAPI(max_long_poll=0.2).__aenter__()
        self.inbox, clock = Inbox(), Clock()
        self.channel = TelegramChannel(
            self.api.token,
            api_url=self.api.url,
            per_chat_interval=0.0,
            monotonic=clock.monotonic,
            sleep=clock.sleep,
        )
        await self.channel.start(self.inbox)
        return self

    async def __aexit__(self, *exc):
        await self.channel.stop()
        await self.api.__aexit__(*exc)

    def _buttons(self, message) -> list[dict]:
        rows = (message.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def shown(self) -> list[Shown]:
        return [
            Shown(m.plain_text, [b["text"] for b in self._buttons(m)], str(m.message_id))
            for m in self.api.sent_messages(int(self.chat))
        ]

    async def press(self, message_id: str, number: int) -> Incoming:
        message = next(
            m for m in self.api.sent_messages(int(self.chat)) if str(m.message_id) == message_id
        )
        data = self._buttons(message)[number - 1]["callback_data"]
        self.api.push_callback(int(self.chat), int(message_id), data)
        return await self.inbox.next(len(self.inbox.items) + 1)

    def refuse_next(self, status: int) -> None:
        self.api.fail_next("sendMessage", status)

    async def user_writes(self, text: str) -> None:
        self.api.push_message(int(self.chat), text)

    def kept_for_later(self) -> bool:
        return bool(self.api.pending_updates)  # not fetched: Telegram keeps it

    def menu_shown(self) -> bool:
        return self.api.commands.get("vi") == [{"command": "viec", "description": "Việc của tôi"}]


class ZaloRig(TelegramRig):
    chat = "a1b2c3d4e5f6a7b8c9d0"
    has_menu, edits_in_place = False, False
    # 403 is "Internal server error" in Zalo's own table (2026): retried, not a block.
    kinds: ClassVar[dict[int, str]] = {**TelegramRig.kinds, 403: "retry"}

    async def __aenter__(self):
        self.api = await FakeZaloAPI(max_long_poll=0.2).__aenter__()
        self.inbox, clock = Inbox(), Clock()
        self.channel = ZaloChannel(
            self.api.token,
            api_url=self.api.url,
            per_chat_interval=0.0,
            monotonic=clock.monotonic,
            sleep=clock.sleep,
        )
        await self.channel.start(self.inbox)
        return self

    def shown(self) -> list[Shown]:
        return [Shown(m.text, numbered(m.text), m.message_id) for m in self.api.sent(self.chat)]

    async def press(self, message_id: str, number: int) -> Incoming:
        self.api.push_text(self.chat, str(number))  # the person types the number
        return await self.inbox.next(len(self.inbox.items) + 1)

    async def user_writes(self, text: str) -> None:
        self.api.push_text(self.chat, text)

    def menu_shown(self) -> bool:
        # Zalo bots have no command menu: nothing is asked of Zalo but polling.
        return any(c.method not in ("getUpdates", "deleteWebhook") for c in self.api.calls)


class ConsoleRig:
    chat = "console"
    interactive = True
    has_menu = False
    edits_in_place = False
    refuses = False
    ends_on_its_own = True

    async def __aenter__(self):
        self.harness, self.inbox = ConsoleHarness(self.chat), Inbox()
        self.channel = self.harness.channel
        await self.harness.start(self.inbox)
        return self

    async def __aexit__(self, *exc):
        await self.channel.stop()

    def shown(self) -> list[Shown]:
        # Each message is printed followed by a blank line; ids count up from 1.
        blocks = self.harness.out.getvalue().split("\n\n")[:-1]
        return [Shown(b, numbered(b), str(n)) for n, b in enumerate(blocks, start=1)]

    async def press(self, message_id: str, number: int) -> Incoming:
        await self.harness.lines.put(f"{number}\n")
        return await self.inbox.next(len(self.inbox.items) + 1)

    async def user_writes(self, text: str) -> None:
        await self.harness.lines.put(text + "\n")

    def kept_for_later(self) -> bool:
        return self.harness.lines.qsize() == 1  # not read from the terminal

    def end_input(self) -> None:
        self.harness.lines.put_nowait(None)

    def menu_shown(self) -> bool:
        return False


class RecordingRig:
    chat = "c1"
    interactive = False
    has_menu = True
    edits_in_place = False
    refuses = True
    kinds = TelegramRig.kinds
    ends_on_its_own = False

    async def __aenter__(self):
        self.channel, self.inbox = RecordingChannel(), Inbox()
        await self.channel.start(self.inbox)
        self._keys = 0
        return self

    async def __aexit__(self, *exc):
        await self.channel.stop()

    def shown(self) -> list[Shown]:
        return [
            Shown(m.text, [c.label for row in m.choices for c in row], str(n))
            for n, (chat, m) in enumerate(self.channel.sent, start=1)
            if chat == self.chat
        ]

    async def press(self, message_id: str, number: int) -> Incoming:
        message = next(m for chat, m in reversed(self.channel.sent) if m.choices)  # the latest
        choice = [c for row in message.choices for c in row][number - 1]
        await self.user_writes("", choice_data=choice.data, choice_message_id=message_id)
        return self.inbox.items[-1]

    def refuse_next(self, status: int) -> None:
        kind = self.kinds[status]
        self.channel.failures.append(ChannelError(kind, f"HTTP {status}"))

    async def user_writes(self, text: str, **kw) -> None:
        self._keys += 1
        if self.channel.handler is not None:
            await self.channel.handler(
                self.channel.incoming(self.chat, text, f"k{self._keys}", **kw)
            )

    def kept_for_later(self) -> bool:
        return self.channel.handler is None

    def menu_shown(self) -> bool:
        return self.channel.menus == MENUS


RIGS = {"telegram": TelegramRig, "zalo": ZaloRig, "console": ConsoleRig, "recording": RecordingRig}


@pytest.fixture(params=list(RIGS))
async def rig(request):
    async with RIGS[request.param]() as rig:
        yield rig


def long_text(limit: int) -> str:
    """About two and a half messages' worth of 100-character lines."""
    return "\n".join(f"{i:05d} " + "x" * 94 for i in range(limit * 5 // 200))


async def test_declares_what_it_is_and_sets_its_menu_or_does_nothing(rig):
    channel: Channel = rig.channel
    assert channel.max_text > 0 and isinstance(channel.has_buttons, bool)
    assert channel.interactive is rig.interactive  # one person at a terminal
    await channel.set_commands(MENUS)  # a menu where the platform has one, else nothing
    assert rig.menu_shown() is rig.has_menu and rig.shown() == []


async def test_a_long_text_is_split_within_max_text_with_the_options_last(rig):
    channel = rig.channel
    text = long_text(channel.max_text)
    message_id = await channel.send(rig.chat, Outgoing(text, choices=CHOICES))
    shown = rig.shown()
    assert len(shown) == 3 and all(len(s.text) <= channel.max_text for s in shown)
    assert "\n".join(s.text for s in shown).startswith(text)  # nothing lost, in order
    assert [s.options for s in shown] == [[], [], LABELS]
    assert message_id == shown[-1].message_id  # the id is the last part's


async def test_choices_are_shown_and_a_press_comes_back_as_the_choice(rig):
    channel = rig.channel
    message_id = await channel.send(rig.chat, Outgoing("Tiến độ 2.1?", choices=CHOICES))
    (shown,) = rig.shown()
    assert shown.text.startswith("Tiến độ 2.1?") and shown.options == LABELS
    press = await rig.press(message_id, 2)
    assert (press.channel, press.chat_id, press.text) == (channel.name, rig.chat, "")
    assert (press.choice_data, press.choice_message_id) == ("c:tok12345:prog", message_id)
    await channel.answer_choice(press, "Đã ghi nhận")  # acknowledged, or nothing to do


async def test_an_edit_shows_the_new_text_without_the_old_options(rig):
    channel = rig.channel
    message_id = await channel.send(rig.chat, Outgoing("Việc 3.12", choices=CHOICES))
    await channel.edit(rig.chat, message_id, Outgoing("Việc 3.12 — xong"))
    shown = rig.shown()
    assert (shown[-1].text, shown[-1].options) == ("Việc 3.12 — xong", [])
    assert len(shown) == (1 if rig.edits_in_place else 2)  # else the new text comes anew


@pytest.mark.parametrize("status", [429, 403, 400])
async def test_a_refused_message_raises_the_kind_delivery_acts_on(rig, status):
    if not rig.refuses:
        pytest.skip("the console writes to a terminal: no platform to refuse a message")
    kind = rig.kinds[status]
    rig.refuse_next(status)
    with pytest.raises(ChannelError) as error:
        await rig.channel.send(rig.chat, Outgoing("Nhắc việc"))
    assert error.value.kind == kind
    assert await rig.channel.send(rig.chat, Outgoing("Đã trở lại"))  # the next one goes out
    assert [s.text for s in rig.shown()] == ["Đã trở lại"]


async def test_after_stop_nothing_more_is_taken(rig):
    await rig.channel.stop()
    await rig.user_writes("xong")
    assert rig.kept_for_later() and rig.inbox.items == []
    await rig.channel.stop()  # twice is fine


async def test_it_ends_on_its_own_only_when_its_input_does(rig):
    waiting = asyncio.create_task(rig.channel.wait_closed())
    await rig.user_writes("đang làm 50%")
    await rig.inbox.next()
    assert not waiting.done()  # it keeps running, taking what comes
    if rig.ends_on_its_own:
        rig.end_input()
        await asyncio.wait_for(waiting, 5)
    else:
        waiting.cancel()


def test_channels_know_nothing_of_the_conversation():
    """bot/channels may use the texts, never the rooms built on them (no import cycle)."""
    folder = Path(__file__).resolve().parents[1] / "bot" / "channels"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name.startswith("bot.") and not name.startswith(("bot.channels", "bot.texts")):
                    pytest.fail(f"{path.name} imports {name}")
