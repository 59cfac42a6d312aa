"""The one channel interface the conversation is written against.

A channel turns platform updates into ``Incoming`` messages (chat ids and
message ids as strings) and sends ``Outgoing`` ones, returning the platform's
message id. ``Outgoing`` is only what a chat shows; where an answer goes and
whether it replaces an earlier message is the pipeline's business
(``bot.inbound.answer.Answer``). What a platform lacks changes only the
presentation: a channel without buttons shows choices as numbered options and
maps a typed number back to the choice's data (``bot.channels.numbered``).
Optional capabilities are part of the interface, with a documented no-op where
a platform has none, so nothing outside the channels asks what a channel is.

Errors are reported as ``ChannelError`` with a ``kind`` the delivery side can act
on: ``retry`` (network, 5xx, 429 with ``retry_after``), ``blocked`` (the user
blocked the bot: the chat is unreachable), ``bad_request`` (never retried).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal, Protocol


@dataclass(frozen=True)
class Choice:
    label: str
    data: str  # opaque, ASCII, at most 64 bytes (Telegram's callback_data limit)


@dataclass(frozen=True)
class Attachment:
    kind: Literal["photo", "document"]
    content: bytes
    filename: str


@dataclass(frozen=True)
class Outgoing:
    """One message as a chat shows it: plain text (the channel escapes it for its format)."""

    text: str
    choices: tuple[tuple[Choice, ...], ...] = ()  # rows of buttons
    attachment: Attachment | None = None
    reply_to: str | None = None  # a message id in the same chat
    # Channels without buttons number the choices from ``first_number``: a later page of
    # one list (a check-in) goes on from the page before, and its options join the chat's
    # menu, so a number from any page presses its choice (``bot.channels.numbered``).
    first_number: int = 1
    # The text already shows each choice's number (a check-in's items, "1. 2.1 — …"): a
    # channel without buttons does not list the choices a second time.
    numbers_in_text: bool = False


@dataclass(frozen=True)
class Incoming:
    """One thing a user did: a text, a reply to an earlier message, or a choice pressed."""

    channel: str
    chat_id: str
    update_key: str  # unique per channel: Telegram's update_id, Zalo's message id
    received_at: datetime
    sender_name: str = ""
    text: str = ""
    message_id: str | None = None
    reply_to_message_id: str | None = None
    choice_data: str | None = None  # set when a choice was pressed
    choice_ref: str | None = None  # the platform's handle to answer the press
    choice_message_id: str | None = None  # the message that carried the choice
    raw: dict = field(default_factory=dict)
    # The text of the message replied to (or pressed under), where the platform gives it.
    reply_to_text: str = ""
    # A photo, document or voice message, already downloaded by the channel
    # (``bot.channels.media.Received.to_dict``); None for a text or a choice.
    media: dict | None = None


class ChannelError(Exception):
    def __init__(
        self,
        kind: Literal["retry", "blocked", "bad_request"],
        detail: str,
        retry_after: timedelta | None = None,
    ) -> None:
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after
        super().__init__(f"{kind}: {detail}")


class TokenRejected(Exception):
    """The platform refused the bot token at start (401/404): a setting to fix, not to retry.

    ``key`` names the setting; the token itself is never part of the exception.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(f"{key} rejected")


class StartRefused(Exception):
    """A channel cannot start for a reason the operator must fix (a webhook Zalo's probe
    cannot reach): ``key`` is the catalogue text that says what and how, with ``values``."""

    def __init__(self, key: str, **values: object) -> None:
        self.key, self.values = key, values
        super().__init__(f"{key} {values}")


IncomingHandler = Callable[[Incoming], Awaitable[None]]
Menus = dict[str, list[tuple[str, str]]]  # language code → (command, description) pairs


class Channel(Protocol):
    name: str  # "telegram", "zalo", "console": the storage.enums.Channel values
    max_text: int  # longest text one message may carry
    has_buttons: bool
    # One person at a terminal: each update is answered before the next is read, so the
    # handler given to ``start`` returns only once the answers are out. Servers: False.
    interactive: bool

    async def start(self, handler: IncomingHandler) -> None:
        """Begin receiving; each ``Incoming`` is passed to ``handler``."""

    async def stop(self) -> None:
        """Stop receiving; a handler already running is let finish."""

    async def wait_closed(self) -> None:
        """Return when the channel ended on its own (the console's input ended); a
        platform's channel never does: it runs until stopped."""

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send one message (``len(text) <= max_text``) and return its message id."""

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Replace a sent message's text and choices (a no-op where not supported)."""

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        """Acknowledge a pressed choice (Telegram stops the client's spinner; a no-op
        where choices are typed numbers)."""

    async def set_commands(self, menus: Menus) -> None:
        """Show the command menu, per language (a no-op where the platform has none)."""


def split_text(text: str, limit: int) -> list[str]:
    """Split at line boundaries so that each part has at most ``limit`` characters.

    A single line longer than ``limit`` is cut at the last space before it, or
    hard at ``limit`` when it has none.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit + 1)
            cut = cut if cut > 0 else limit
            head, line = line[:cut], line[cut:].lstrip(" ")
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts
