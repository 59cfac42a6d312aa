"""Issue 15 point 2: photos, documents and voice messages kept as evidence (tài liệu kiểm
chứng), on Telegram (real python-telegram-bot: getFile, then the file URL, against the
fake Bot API) and on Zalo (its media URLs expire), on the real store.

Stories of Sở Tư pháp's official with tasks 2.1 and 2.2 due 15/03/2024 (both nudged in
one sweep), and the province's coordinator fetching the files back with /tailieu.
"""

from __future__ import annotations

import io
from functools import partial
from pathlib import Path

import aiohttp
import docx
import openpyxl
import pytest
from sqlalchemy import select

from bot.channels.media import EvidenceFolder
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.documents.report import build_report
from storage.enums import Channel, ExtensionState, Status
from storage.models import Assignment, EvidenceFile, ExtensionRequest, ProgressUpdate
from tests.fakes.chat_service import ChatService
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.fakes.zalo_api import FakeZaloAPI, free_port
from tests.kit import CAL, World, counts, two_tasks_and_an_invite

OFFICIAL, COORDINATOR, STRANGER = 1001, 1002, 1003
Z_OFFICIAL, Z_COORDINATOR = "5c1e0b7d2a9f4e3c8b6a", "c00d1a7e0b5e4d3c2b1a"
JPEG = b"\xff\xd8\xff\xe0" + b"photo of the decision " * 40
PDF = b"%PDF-1.4 " + b"the decision as issued " * 80


class TelegramService(ChatService):
    def __init__(self, db, api, clock, folder: EvidenceFolder):
        channel = TelegramChannel(
            api.token, api_url=api.url, poll_timeout=1, per_chat_interval=0, evidence=folder
        )
        super().__init__(db, channel, clock)


class ZaloService(ChatService):
    def __init__(self, db, api, clock, folder: EvidenceFolder, **channel_kw):
        channel = ZaloChannel(
            api.token,
            api_url=api.url,
            poll_timeout=1,
            per_chat_interval=0,
            evidence=folder,
            **channel_kw,
        )
        super().__init__(db, channel, clock)


@pytest.fixture
async def plan(db, tmp_path):
    clock, code = await two_tasks_and_an_invite(db, tmp_path)
    return db, clock, code, EvidenceFolder(tmp_path / "evidence", max_bytes=64 * 1024)


async def says(api: FakeTelegramAPI, chat: int, push) -> list[str]:
    """Do ``push`` (the user's side) and return the bot's next messages' texts, once the
    bot answered (its messages, documents and photos all count)."""
    before = len(api.sent_messages(chat))
    push()
    await api.wait_for(lambda _call: len(api.sent_messages(chat)) > before, timeout=10)
    return [m.plain_text for m in api.sent_messages(chat)[before:]]


async def link_telegram(db, api, chat: int, code: str) -> None:
    assert (
        "đã được liên kết"
        in (await says(api, chat, lambda: api.push_command(chat, f"/start {code}")))[0]
    )


async def coordinator_code(db, clock) -> str:
    world = World(db)
    return await world.invite(await world.person("coordinator"), clock.now())


async def files(db) -> list[tuple[EvidenceFile, str | None]]:
    async with db.unit_of_work() as session:
        rows = (await session.scalars(select(EvidenceFile).order_by(EvidenceFile.id))).all()
        codes = {a.id: a.code for a in (await session.scalars(select(Assignment))).all()}
    return [(row, codes.get(row.assignment_id) if row.assignment_id else None) for row in rows]


def read(path: str) -> bytes:
    return Path(path).read_bytes()


def nudges(api: FakeTelegramAPI) -> list:
    """The nudges and check-ins the official got (a check-in carries both tasks)."""
    return [m for m in api.sent_messages(OFFICIAL) if m.plain_text.startswith(("⏰", "📋"))]


def code_of(message) -> str:
    return "2.1" if "2.1 —" in message.plain_text else "2.2"


# -- Telegram --------------------------------------------------------------------------------


async def test_telegram_a_photo_replying_to_a_nudge_and_a_captioned_file_are_kept(plan):
    db, clock, code, folder = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with TelegramService(db, api, clock, folder) as svc:
            await link_telegram(db, api, OFFICIAL, code)
            assert (await svc.sweep()).sent == 2  # both tasks in one check-in
            (checkin,) = nudges(api)
            replied, other = "2.1", "2.2"

            # A photo replying to a check-in of two tasks: kept, and the sender picks which.
            push = partial(api.push_photo, OFFICIAL, JPEG, reply_to_message_id=checkin.message_id)
            (asked,) = await says(api, OFFICIAL, push)
            assert "Đề nghị Anh/Chị chọn" in asked
            question = api.sent_messages(OFFICIAL)[-1]
            pick = next(
                b
                for row in question.reply_markup["inline_keyboard"]
                for b in row
                if b["text"].startswith(replied)
            )
            push = partial(api.push_callback, OFFICIAL, question.message_id, pick["callback_data"])
            (saved,) = await says(api, OFFICIAL, push)
            assert saved.startswith(f"📎 Đã lưu tài liệu kiểm chứng cho {replied}: anh-telegram-")
            assert "(1 KB)" in saved and "Nhiệm vụ:" in saved

            # A caption is read like any reply: the code places the file, the rest is recorded.
            caption = f"{other} đã xong theo Quyết định 12/QĐ-STP"
            push = partial(
                api.push_document,
                OFFICIAL,
                PDF,
                "QĐ-12-STP phê duyệt kế hoạch.pdf",
                "application/pdf",
                caption=caption,
            )
            await says(api, OFFICIAL, push)
            await api.wait_for(lambda _c: len(api.sent_messages(OFFICIAL)) >= 6, timeout=10)
            answers = [m.plain_text for m in api.sent_messages(OFFICIAL)[4:]]
            saved_pdf = f"cho {other}: QĐ-12-STP phê duyệt kế hoạch.pdf (2 KB)"
            assert answers[0].startswith(f"📎 Đã lưu tài liệu kiểm chứng {saved_pdf}")
            assert answers[1].startswith(f"Đã ghi nhận {other}: đã hoàn thành")

            (listing,) = await says(api, OFFICIAL, lambda: api.push_command(OFFICIAL, "/viec"))
    kept = await files(db)
    assert [(row.kind, code) for row, code in kept] == [("photo", replied), ("document", other)]
    photo_row, pdf_row = (row for row, _ in kept)
    assert read(photo_row.path) == JPEG and photo_row.size == len(JPEG)
    assert Path(photo_row.path).parent == folder.root
    assert (photo_row.content_type, photo_row.channel) == ("image/jpeg", "telegram")
    assert (pdf_row.content_type, pdf_row.filename) == (
        "application/pdf",
        "QĐ-12-STP phê duyệt kế hoạch.pdf",
    )
    assert photo_row.received_at == clock.now() and photo_row.person_id == pdf_row.person_id
    assert sum(api.downloads.values()) == 2  # each file fetched once, at once
    # /viec names the evidence under each assignment (the one done is no longer listed).
    assert "📎 Tài liệu kiểm chứng (1): anh-telegram-" in listing
    assert "QĐ-12-STP" not in listing
    updates, statuses = await counts(db)
    assert (
        updates == 1 and statuses[other] is Status.DONE and statuses[replied] is Status.NOT_STARTED
    )


async def test_telegram_a_file_that_names_nothing_is_kept_and_the_sender_asked_which(plan):
    db, clock, code, folder = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with TelegramService(db, api, clock, folder) as svc:
            await link_telegram(db, api, OFFICIAL, code)
            await svc.sweep()  # two nudges: a file sent on its own could be for either
            push = partial(api.push_document, OFFICIAL, PDF, "bao-cao.pdf", "application/pdf")
            (asked,) = await says(api, OFFICIAL, push)
            assert asked.startswith(
                "📎 Hệ thống đã lưu tệp bao-cao.pdf (2 KB). Đề nghị Anh/Chị chọn"
            )
            question = api.sent_messages(OFFICIAL)[-1]
            buttons = [b for row in question.reply_markup["inline_keyboard"] for b in row]
            assert sorted(b["text"][:3] for b in buttons) == ["2.1", "2.2"]
            assert [(row.assignment_id, c) for row, c in await files(db)] == [(None, None)]

            pick = next(b for b in buttons if b["text"].startswith("2.2"))
            push = partial(api.push_callback, OFFICIAL, question.message_id, pick["callback_data"])
            (saved,) = await says(api, OFFICIAL, push)
            assert saved.startswith("📎 Đã lưu tài liệu kiểm chứng cho 2.2: bao-cao.pdf")

            # Right after naming a task, a voice message is about that task.
            (recorded,) = await says(
                api, OFFICIAL, lambda: api.push_message(OFFICIAL, "2.1 đang làm 50%")
            )
            assert recorded.startswith("Đã ghi nhận 2.1: đang thực hiện 50%")
            (voice,) = await says(api, OFFICIAL, lambda: api.push_voice(OFFICIAL, b"OggS voice"))
            assert voice.startswith("📎 Đã lưu tài liệu kiểm chứng cho 2.1: ghi-am-telegram-")
    kept = await files(db)
    assert [(row.kind, c) for row, c in kept] == [("document", "2.2"), ("voice", "2.1")]
    assert kept[1][0].content_type == "audio/ogg"
    assert (await counts(db))[0] == 1  # the file and its pick recorded no progress


async def test_media_never_answers_a_question_that_waits_for_a_typed_answer(plan):
    db, clock, code, folder = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with TelegramService(db, api, clock, folder) as svc:
            await link_telegram(db, api, OFFICIAL, code)
            await svc.sweep()
            first = nudges(api)[0]
            blocked = next(
                b["callback_data"]
                for row in first.reply_markup["inline_keyboard"]
                for b in row
                if b["text"] in ("⛔ Vướng mắc", "⛔")  # a check-in's first row: 2.1's
            )
            asked = await says(
                api, OFFICIAL, lambda: api.push_callback(OFFICIAL, first.message_id, blocked)
            )
            assert any("vướng mắc" in text.lower() for text in asked)  # "what is the obstacle?"

            # A photo without caption: kept on that assignment; the question stays open.
            await says(api, OFFICIAL, lambda: api.push_photo(OFFICIAL, JPEG))
            await api.wait_for(
                lambda _c: "vẫn chờ" in api.sent_messages(OFFICIAL)[-1].plain_text, timeout=10
            )
            answers = [m.plain_text for m in api.sent_messages(OFFICIAL)[-2:]]
            assert answers[0].startswith(f"📎 Đã lưu tài liệu kiểm chứng cho {code_of(first)}")
            assert answers[1] == "Hệ thống vẫn chờ Anh/Chị trả lời câu hỏi trước bằng tin nhắn chữ."
            assert (await counts(db))[0] == 0  # no obstacle recorded with an empty reason

            # A voice message with a caption: the caption is the typed answer.
            await says(
                api, OFFICIAL, lambda: api.push_voice(OFFICIAL, b"OggS", caption="thiếu kinh phí")
            )
            await api.wait_for(
                lambda _c: api.sent_messages(OFFICIAL)[-1].plain_text.startswith("Đã ghi nhận"),
                timeout=10,
            )
    async with db.unit_of_work() as session:
        (update,) = (await session.scalars(select(ProgressUpdate))).all()
    assert (update.status, update.note) == (Status.BLOCKED, "thiếu kinh phí")
    assert [c for _, c in await files(db)] == [code_of(first)] * 2


async def test_media_never_fills_a_coordinators_rejection_reason(plan):
    db, clock, _code, folder = plan
    world = World(db)
    await world.link(await world.person("official", "stp"), OFFICIAL, Channel.TELEGRAM)
    await world.link(await world.person("coordinator"), COORDINATOR, Channel.TELEGRAM)
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with TelegramService(db, api, clock, folder):
            api.push_command(OFFICIAL, "/giahan 2.1 30/06/2024 chờ kinh phí")
            await api.wait_for(lambda _c: api.sent_messages(COORDINATOR), timeout=10)
            (notice,) = api.sent_messages(COORDINATOR)
            reject = notice.reply_markup["inline_keyboard"][0][1]["callback_data"]
            push = partial(api.push_callback, COORDINATOR, notice.message_id, reject)
            asked = await says(api, COORDINATOR, push)
            assert "Đề nghị Anh/Chị nêu lý do không đồng ý gia hạn nhiệm vụ 2.1." in asked

            # The coordinator's photo is no reason: kept (no assignment of theirs), said so.
            push = partial(api.push_photo, COORDINATOR, JPEG)
            await says(api, COORDINATOR, push)
            await api.wait_for(
                lambda _c: "vẫn chờ" in api.sent_messages(COORDINATOR)[-1].plain_text, timeout=10
            )
            async with db.unit_of_work() as session:
                (request,) = (await session.scalars(select(ExtensionRequest))).all()
            assert request.state is ExtensionState.PENDING

            rejected = await says(
                api, COORDINATOR, partial(api.push_message, COORDINATOR, "chưa đủ căn cứ")
            )
            assert any("2.1" in text for text in rejected)
    async with db.unit_of_work() as session:
        (request,) = (await session.scalars(select(ExtensionRequest))).all()
    assert (request.state, request.decision_note) == (ExtensionState.REJECTED, "chưa đủ căn cứ")
    assert [(row.assignment_id, c) for row, c in await files(db)] == [(None, None)]


async def test_refused_types_and_sizes_get_a_clear_answer_and_leave_nothing(plan):
    db, clock, code, folder = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with TelegramService(db, api, clock, folder) as svc:
            await link_telegram(db, api, OFFICIAL, code)
            await svc.sweep()
            exe = partial(
                api.push_document, OFFICIAL, b"MZ", "setup.exe", "application/x-msdownload"
            )
            (refused,) = await says(api, OFFICIAL, exe)
            assert refused.startswith("Hệ thống chưa nhận tệp setup.exe (application/x-msdownload)")
            # Over the configured limit, as Telegram says it: refused before any download.
            big = partial(
                api.push_document,
                OFFICIAL,
                PDF,
                "scan.pdf",
                "application/pdf",
                file_size=30 * 2**20,
            )
            (too_big,) = await says(api, OFFICIAL, big)
            assert too_big.startswith("Hệ thống chưa nhận tệp scan.pdf: tệp lớn hơn 64 KB")
            downloads = sum(api.downloads.values())
            # A stranger's file is not kept either.
            await says(api, STRANGER, lambda: api.push_photo(STRANGER, JPEG))
    assert downloads == 0
    assert await files(db) == []
    assert not folder.root.exists() or list(folder.root.iterdir()) == []


async def test_a_coordinator_fetches_the_evidence_and_the_workbook_names_it(plan):
    db, clock, code, folder = plan
    async with FakeTelegramAPI(max_long_poll=0.2, per_chat_rate=None) as api:
        async with TelegramService(db, api, clock, folder):
            await link_telegram(db, api, OFFICIAL, code)
            await says(api, OFFICIAL, lambda: api.push_photo(OFFICIAL, JPEG, caption="2.1"))
            push = partial(
                api.push_document, OFFICIAL, PDF, "QĐ-12.pdf", "application/pdf", caption="2.1"
            )
            await says(api, OFFICIAL, push)
            await link_telegram(db, api, COORDINATOR, await coordinator_code(db, clock))

            (listing,) = await says(
                api, COORDINATOR, lambda: api.push_command(COORDINATOR, "/tailieu 2.1")
            )
            await api.wait_for(lambda _c: api.documents and api.photos, timeout=10)
            (none,) = await says(
                api, COORDINATOR, lambda: api.push_command(COORDINATOR, "/tailieu 2.2")
            )
            (usage,) = await says(
                api, COORDINATOR, lambda: api.push_command(COORDINATOR, "/tailieu")
            )
    assert listing.splitlines()[0] == "Tài liệu kiểm chứng của 2.1 (2 tệp):"
    assert "• 2.1 (Sở Tư pháp) — QĐ-12.pdf (2 KB)," in listing and "06/03/2024" in listing
    (photo,), (document,) = api.photos, api.documents
    assert (photo.chat_id, photo.content) == (COORDINATOR, JPEG)
    assert (document.chat_id, document.filename, document.content) == (
        COORDINATOR,
        "QĐ-12.pdf",
        PDF,
    )
    assert none == "Chưa có tài liệu kiểm chứng nào cho 2.2."
    assert usage.startswith("Cú pháp: /tailieu")

    async with db.unit_of_work() as session:
        book = await build_report(session, clock.now().date(), "xlsx", tz=CAL.timezone)
    workbook = openpyxl.load_workbook(io.BytesIO(book))
    detail = workbook.worksheets[1]
    cells = [str(c.value) for row in detail.iter_rows() for c in row if c.value]
    assert any(
        c.startswith("2 tệp kiểm chứng: anh-telegram-") and c.endswith(", QĐ-12.pdf") for c in cells
    )
    summary = [str(c.value) for row in workbook.worksheets[0].iter_rows() for c in row if c.value]
    assert "Tài liệu kiểm chứng gửi qua tin nhắn: 2 tệp, cho 1 nhiệm vụ." in summary
    async with db.unit_of_work() as session:
        draft = await build_report(session, clock.now().date(), "docx", tz=CAL.timezone)
    paragraphs = [p.text for p in docx.Document(io.BytesIO(draft)).paragraphs]
    assert "Tài liệu kiểm chứng gửi qua tin nhắn: 2 tệp, cho 1 nhiệm vụ." in paragraphs


# -- Zalo ------------------------------------------------------------------------------------


async def zalo_says(api: FakeZaloAPI, chat: str, push, count: int = 1) -> list[str]:
    before = len(api.sent(chat))
    push()
    await api.wait_for(lambda _call: len(api.sent(chat)) >= before + count, timeout=10)
    return [m.text for m in api.sent(chat)[before:]]


async def test_zalo_a_captioned_photo_and_a_voice_message_are_evidence(plan):
    db, clock, code, folder = plan
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        async with ZaloService(db, api, clock, folder):
            await zalo_says(api, Z_OFFICIAL, lambda: api.push_text(Z_OFFICIAL, f"/start {code}"))
            photo = partial(api.push_image, Z_OFFICIAL, caption="2.1 xong", content=JPEG)
            saved, recorded = await zalo_says(api, Z_OFFICIAL, photo, count=2)
            api.expire_media()  # Zalo's URLs die: the file was fetched before
            (voice,) = await zalo_says(
                api, Z_OFFICIAL, lambda: api.push_voice(Z_OFFICIAL, b"\xff\xf1 aac")
            )
            (sticker,) = await zalo_says(
                api,
                Z_OFFICIAL,
                lambda: api.push(Z_OFFICIAL, "message.sticker.received", {"sticker": "x"}),
            )
    assert saved.startswith("📎 Đã lưu tài liệu kiểm chứng cho 2.1: anh-zalo-")
    assert recorded.startswith("Đã ghi nhận 2.1: đã hoàn thành")
    assert voice.startswith("📎 Đã lưu tài liệu kiểm chứng cho 2.1: ghi-am-zalo-")  # right after
    assert "chưa được ghi nhận" in sticker
    kept = await files(db)
    assert [(row.kind, row.channel, c) for row, c in kept] == [
        ("photo", "zalo", "2.1"),
        ("voice", "zalo", "2.1"),
    ]
    assert read(kept[0][0].path) == JPEG
    assert kept[1][0].content_type == "audio/aac"


async def test_zalo_files_go_back_by_links_that_work_once_and_for_minutes(plan):
    """Point 5 end to end: /tailieu on Zalo; the photo Zalo fetches itself, the voice
    message goes as a link; every link dies after its first download or after the
    configured minutes."""
    db, clock, code, folder = plan
    port, now = free_port(), [0.0]
    public = f"http://127.0.0.1:{port}/zalo"
    options = {
        "public_url": public,
        "listen": f"127.0.0.1:{port}",
        "monotonic": lambda: now[0],
        "file_link_seconds": 300.0,
    }
    async with FakeZaloAPI(max_long_poll=0.2) as api:
        async with ZaloService(db, api, clock, folder, **options) as svc:
            await zalo_says(api, Z_OFFICIAL, lambda: api.push_text(Z_OFFICIAL, f"/start {code}"))
            await zalo_says(
                api, Z_OFFICIAL, lambda: api.push_image(Z_OFFICIAL, caption="2.1", content=JPEG)
            )
            await zalo_says(api, Z_OFFICIAL, lambda: api.push_voice(Z_OFFICIAL, b"\xff\xf1 voice"))
            coordinator = await coordinator_code(db, clock)
            await zalo_says(
                api, Z_COORDINATOR, lambda: api.push_text(Z_COORDINATOR, f"/start {coordinator}")
            )

            fetch = partial(api.push_text, Z_COORDINATOR, "/tailieu 2.1")
            listing, link_text = await zalo_says(api, Z_COORDINATOR, fetch, count=2)
            await api.wait_for("sendPhoto", timeout=10)
            (photo,) = api.photos
            assert photo.content == JPEG and photo.chat_id == Z_COORDINATOR
            assert "(2 tệp)" in listing
            assert "dùng được một lần, trong 5 phút" in link_text
            link = next(w for w in link_text.split() if w.startswith(public))
            async with aiohttp.ClientSession() as http:
                async with http.get(photo.url) as response:
                    assert response.status == 404  # Zalo's fetch was its one download
                async with http.get(link) as response:
                    assert (response.status, await response.read()) == (200, b"\xff\xf1 voice")
                async with http.get(link) as response:
                    assert response.status == 404  # removed after the first download

                # Asked again and never downloaded: dead once the minutes are over.
                await zalo_says(api, Z_COORDINATOR, fetch, count=2)
                await api.wait_for(lambda _c: len(api.photos) == 2, timeout=10)
                late = next(
                    w for w in api.sent(Z_COORDINATOR)[-1].text.split() if w.startswith(public)
                )
                now[0] += 301
                async with http.get(late) as response:
                    assert response.status == 404
            assert len(svc.channel.media) == 0
