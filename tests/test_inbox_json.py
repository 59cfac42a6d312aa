"""The inbox's JSON form: answers kept before an upgrade are sent as they were meant after it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot.channels.base import Attachment, Choice, Outgoing
from bot.documents.attachments import AttachmentRequest
from bot.inbound.answer import Answer
from bot.inbound.inbox_json import answers_from_json, answers_to_json
from storage.models import InboundMessage
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import one_task_and_a_linked_official
from tests.kit.chat import recording_dispatcher

NOW = datetime(2024, 3, 6, 3, 0, tzinfo=UTC)


@pytest.fixture
async def linked(db, tmp_path):
    """Sở Tư pháp's official, linked on chat "42"; one task 2.1 of Sở Tư pháp."""
    return await one_task_and_a_linked_official(db, tmp_path, at=NOW)


# Written by the version whose Outgoing still carried to/replace/made_later (commit 8d38c17):
# a reply, a message for another person's chat, an edit, a report to make, a photo.
OLD_REPLIES = (
    '[{"text": "Đã ghi nhận 2.1: đang thực hiện 30%.", "reply_to": "7", "choices": []}, '
    '{"text": "Sở Tư pháp xin gia hạn 2.1", "reply_to": null, "choices": [[["✅ Đồng ý", '
    '"x:AAAAAAAAAAAA:ok"], ["❌ Từ chối", "x:AAAAAAAAAAAA:no"]]], "to": ["console", "99"]}, '
    '{"text": "Việc quá hạn — trang 2/2", "reply_to": null, "choices": [[["◀ Trước", '
    '"l:q:1"]]], "replace": "5"}, {"text": "Báo cáo tình hình", "reply_to": null, '
    '"choices": [], "made_later": ["report", "2024-03-06", "vi", null]}, {"text": "Ảnh", '
    '"reply_to": null, "choices": [], "attachment": ["photo", "a.png", "iVBORw=="]}]'
)
OLD_PAYLOAD = (
    '{"channel": "console", "chat_id": "42", "update_key": "old-1", "received_at": '
    '"2024-03-06T01:00:00+00:00", "sender_name": "", "text": "/capnhat 2.1 30%", '
    '"message_id": null, "reply_to_message_id": null, "choice_data": null, '
    '"choice_ref": null, "choice_message_id": null, "raw": {}}'
)
EXTENSION = ((Choice("✅ Đồng ý", "x:AAAAAAAAAAAA:ok"), Choice("❌ Từ chối", "x:AAAAAAAAAAAA:no")),)


def test_the_stored_form_is_the_one_earlier_versions_wrote():
    answers = answers_from_json(OLD_REPLIES)
    assert answers[1] == Answer(
        Outgoing("Sở Tư pháp xin gia hạn 2.1", EXTENSION), to=("console", "99")
    )
    assert answers[2].replace == "5" and answers[2].message.choices[0][0].data == "l:q:1"
    assert answers[3].made_later == AttachmentRequest("report", date(2024, 3, 6), "vi")
    assert answers[4].message.attachment == Attachment("photo", b"\x89PNG", "a.png")
    assert answers_to_json(answers) == OLD_REPLIES  # nothing to migrate


async def test_answers_kept_before_an_upgrade_are_sent_after_it(linked):
    async with linked.unit_of_work() as session:  # processed, its answers not sent yet
        session.add(
            InboundMessage(
                channel="console",
                update_key="old-1",
                chat_id="42",
                payload=OLD_PAYLOAD,
                received_at=NOW,
                processed_at=NOW,
                replies=OLD_REPLIES,
            )
        )
    channel = RecordingChannel()
    assert await recording_dispatcher(linked, channel, NOW).recover() == 1
    sent = [(chat, m.text) for chat, m in channel.sent]
    assert sent == [
        ("42", "Đã ghi nhận 2.1: đang thực hiện 30%."),
        ("99", "Sở Tư pháp xin gia hạn 2.1"),  # the other person's chat, not the sender's
        ("42", "Việc quá hạn — trang 2/2"),
        ("42", "Báo cáo tình hình"),
        ("42", "Ảnh"),
    ]
    assert channel.sent[0][1].reply_to == "7" and channel.sent[1][1].choices == EXTENSION
    assert [(chat, message_id) for chat, message_id, _ in channel.edits] == [("42", "5")]
    report = channel.sent[3][1].attachment  # made now, from the request kept
    assert report.filename == "nhacviec-bao-cao-2024-03-06.xlsx" and report.content[:2] == b"PK"
    assert channel.sent[4][1].attachment == Attachment("photo", b"\x89PNG", "a.png")
    async with linked.unit_of_work() as session:
        row = await session.scalar(select(InboundMessage))
    assert row.replies_sent_at is not None
    assert (
        await recording_dispatcher(linked, channel, NOW).recover() == 0 and len(channel.sent) == 5
    )
