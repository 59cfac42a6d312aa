"""The e-mail channel against a real SMTP server on 127.0.0.1 (issue 15, point 3):
what an official's mailbox receives, and what the ledger is told when SMTP refuses."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from bot.channels.base import Attachment, ChannelError, Choice, Outgoing
from bot.channels.email import ChatInvite, EmailChannel, SmtpConfig, subject_of
from tests.fakes.smtp_server import FakeSMTP

NUDGE = Outgoing(
    "⏰ Nhắc nhiệm vụ: còn 3 ngày đến hạn\n2.1 — Trình chương trình <xây dựng> văn bản & quy chế\n"
    "Thời hạn: 15/03/2024",
    choices=((Choice("✅ Đã hoàn thành", "c:abc:d"),),),
)


def channel(smtp: FakeSMTP, **config) -> EmailChannel:
    return EmailChannel(
        SmtpConfig("127.0.0.1", "nhacviec@snv.example.gov.vn", smtp.port, "none", **config)
    )


async def test_a_nudge_arrives_as_vietnamese_plain_text_and_html_with_its_subject():
    async with FakeSMTP() as smtp:
        message_id = await channel(smtp).send("loan@stp.example.gov.vn", NUDGE)
    (mail,) = smtp.to("loan@stp.example.gov.vn")
    assert mail["Subject"] == "⏰ Nhắc nhiệm vụ: còn 3 ngày đến hạn"
    assert mail["Message-ID"] == f"<{message_id}@snv.example.gov.vn>" and len(message_id) == 32
    assert "Hệ thống nhắc việc" in mail["From"] and "nhacviec@snv.example.gov.vn" in mail["From"]
    plain = mail.get_body(("plain",)).get_content()
    page = mail.get_body(("html",)).get_content()
    assert "2.1 — Trình chương trình <xây dựng> văn bản & quy chế" in plain
    assert "Thời hạn: 15/03/2024" in plain and "qua Zalo hoặc Telegram" in plain
    # Escaped, not markup; the buttons are not shown: nothing can be pressed in an e-mail.
    assert "&lt;xây dựng&gt; văn bản &amp; quy chế" in page and "<xây dựng>" not in page
    assert "Đã hoàn thành" not in plain and "Đã hoàn thành" not in page
    assert '<html lang="vi">' in page and "<h3" in page


async def test_a_report_goes_as_an_attachment_with_its_type():
    report = Outgoing(
        "📊 Báo cáo ngày 18/03/2024",
        attachment=Attachment("document", b"PK\x03\x04 workbook", "bao-cao-18-03-2024.xlsx"),
    )
    async with FakeSMTP() as smtp:
        await channel(smtp).send("chutich@example.gov.vn", report)
    (mail,) = smtp.to("chutich@example.gov.vn")
    (part,) = list(mail.iter_attachments())
    assert part.get_filename() == "bao-cao-18-03-2024.xlsx"
    assert part.get_content_type().endswith("spreadsheetml.sheet")
    assert part.get_content() == b"PK\x03\x04 workbook"


async def test_a_login_is_used_and_a_refused_login_is_retried_late_not_dropped():
    async with FakeSMTP(login=("nhacviec", "mat-khau")) as smtp:
        await channel(smtp, username="nhacviec", password="mat-khau").send("a@x.vn", NUDGE)
        with pytest.raises(ChannelError) as refused:
            await channel(smtp, username="nhacviec", password="sai").send("b@x.vn", NUDGE)
    assert len(smtp.to("a@x.vn")) == 1 and smtp.to("b@x.vn") == []
    assert refused.value.kind == "retry" and refused.value.retry_after is not None
    assert "sai" not in str(refused.value)


async def test_a_mailbox_that_does_not_exist_is_blocked_and_a_busy_server_is_retried():
    async with FakeSMTP(refuse={"khongco@x.vn"}, busy=1) as smtp:
        mail = channel(smtp)
        with pytest.raises(ChannelError) as busy:
            await mail.send("loan@x.vn", NUDGE)
        await mail.send("loan@x.vn", NUDGE)  # the ledger's retry: the server took it
        with pytest.raises(ChannelError) as missing:
            await mail.send("khongco@x.vn", NUDGE)
    assert busy.value.kind == "retry" and missing.value.kind == "blocked"
    assert len(smtp.to("loan@x.vn")) == 1


async def test_a_server_that_is_down_is_a_retry():
    async with FakeSMTP() as smtp:
        port = smtp.port
    closed = EmailChannel(SmtpConfig("127.0.0.1", "n@x.vn", port, "none", timeout=5))
    with pytest.raises(ChannelError) as down:
        await closed.send("loan@x.vn", NUDGE)
    assert down.value.kind == "retry"


def test_a_long_first_line_is_cut_for_the_subject():
    long = "⚠️ Quá hạn: " + "rất dài " * 40
    assert len(subject_of(long)) == 150 and subject_of(long).endswith("…")
    assert subject_of("\n\n  Báo cáo  \nsau") == "Báo cáo"


def test_smtp_settings_name_the_key_and_never_echo_the_password():
    from bot.app.settings import ConfigError, parse_settings

    with pytest.raises(ConfigError) as bad:
        parse_settings(
            {
                "NHACVIEC_SMTP_HOST": "mail.example.gov.vn",
                "NHACVIEC_SMTP_SECURITY": "ssl3",
                "NHACVIEC_SMTP_PASSWORD": "bi-mat-123",
            }
        )
    keys = dict(bad.value.problems)
    assert set(keys) == {"NHACVIEC_SMTP_SECURITY", "NHACVIEC_SMTP_FROM", "NHACVIEC_SMTP_PASSWORD"}
    assert "starttls, tls, none" in keys["NHACVIEC_SMTP_SECURITY"]
    assert "bi-mat-123" not in str(bad.value)
    good = parse_settings(
        {"NHACVIEC_SMTP_HOST": "mail.example.gov.vn", "NHACVIEC_SMTP_FROM": "nv@example.gov.vn"}
    )
    assert good.smtp_security == "starttls" and good.smtp_port is None


async def test_the_message_is_well_formed_mime_utf8_with_an_encoded_vietnamese_subject():
    invite = ChatInvite("vHF_z1AmHduCT8SMsUY3pQ", "13/03/2024 08:30", "https://t.me/b?start=x")
    async with FakeSMTP() as smtp:
        await channel(smtp).send("loan@stp.example.gov.vn", NUDGE, invite=invite)
    (raw,) = smtp.raw_to("loan@stp.example.gov.vn")
    head, _, _ = raw.partition(b"\r\n\r\n")
    # On the wire: 7-bit throughout (any relay takes it), the subject as RFC 2047 encoded
    # words of UTF-8, no line longer than SMTP allows.
    assert raw.isascii() and head.isascii()
    subject = next(line for line in head.split(b"\r\n") if line.startswith(b"Subject:"))
    assert b"=?utf-8?" in subject.lower()
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    mail = message_from_bytes(raw, policy=policy.default)
    assert mail["Subject"] == "⏰ Nhắc nhiệm vụ: còn 3 ngày đến hạn"
    assert mail.get_content_type() == "multipart/alternative"
    plain, page = mail.get_payload()
    assert (plain.get_content_type(), page.get_content_type()) == ("text/plain", "text/html")
    assert plain.get_content_charset() == page.get_content_charset() == "utf-8"
    assert "Trình chương trình" in plain.get_content()
    assert "/start vHF_z1AmHduCT8SMsUY3pQ" in plain.get_content()
    assert page.get_content().startswith(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
    )
    assert '<a href="https://t.me/b?start=x">' in page.get_content()
