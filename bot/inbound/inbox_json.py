"""How an update and its answers are kept in the inbox: JSON, so a restart can
process what was stored and send again what was not sent.

An answer is one flat object: the message's keys (``text``, ``choices``,
``reply_to``, ``attachment``) beside the routing ones (``to``, ``replace``,
``made_later``), the latter only when set. The form is the one rows have had
since the inbox began, so a row stored by an earlier version is sent as it was
meant to be after an upgrade.
"""

from __future__ import annotations

import base64
import json
from dataclasses import fields
from datetime import datetime

from bot.channels.base import Attachment, Choice, Incoming, Outgoing
from bot.documents.attachments import AttachmentRequest
from bot.inbound.answer import Answer


def incoming_to_json(incoming: Incoming) -> str:
    data = {f.name: getattr(incoming, f.name) for f in fields(incoming)}  # no deep copy
    data["received_at"] = incoming.received_at.isoformat()
    return json.dumps(data, ensure_ascii=False)


def incoming_from_json(text: str) -> Incoming:
    data = json.loads(text)
    data["received_at"] = datetime.fromisoformat(data["received_at"])
    return Incoming(**data)


def answers_to_json(answers: list[Answer]) -> str:
    out = []
    for answer in answers:
        m = answer.message
        item: dict[str, object] = {
            "text": m.text,
            "reply_to": m.reply_to,
            "choices": [[[c.label, c.data] for c in row] for row in m.choices],
        }
        if answer.to:  # another person's chat: a resend must go there too, not to the sender
            item["to"] = list(answer.to)
        if answer.replace:
            item["replace"] = answer.replace
        if answer.notice:
            item["notice"] = answer.notice
        if answer.made_later:
            item["made_later"] = answer.made_later.to_json()
        if m.attachment:
            item["attachment"] = [
                m.attachment.kind,
                m.attachment.filename,
                base64.b64encode(m.attachment.content).decode(),
            ]
        out.append(item)
    return json.dumps(out, ensure_ascii=False)


def answers_from_json(text: str) -> list[Answer]:
    out = []
    for item in json.loads(text):
        attachment = None
        if item.get("attachment"):
            kind, filename, content = item["attachment"]
            attachment = Attachment(kind, base64.b64decode(content), filename)
        choices = tuple(
            tuple(Choice(label, data) for label, data in row) for row in item["choices"]
        )
        to = tuple(item["to"]) if item.get("to") else None
        later = item.get("made_later")
        later = AttachmentRequest.from_json(later) if later else None
        message = Outgoing(item["text"], choices, attachment, item.get("reply_to"))
        out.append(Answer(message, to, item.get("replace"), later, item.get("notice")))
    return out
