"""An answer of a turn: the message a chat is shown, and how the dispatcher sends it.

The channels see only the ``Outgoing`` message; where it goes, whether it
replaces an earlier message and which attachment to make just before sending
are read by the dispatcher and kept with the answer in the inbox.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.channels.base import Outgoing
from bot.documents.attachments import AttachmentRequest


@dataclass(frozen=True)
class Answer:
    message: Outgoing
    to: tuple[str, str] | None = None  # (channel, chat id) when not the sender's chat
    replace: str | None = None  # a message id in the sender's chat to edit instead
    made_later: AttachmentRequest | None = None  # the attachment, made just before sending
    # An extension notice's token: the sent message's id is kept with it (to edit it later).
    notice: str | None = None

    @property
    def text(self) -> str:
        return self.message.text
