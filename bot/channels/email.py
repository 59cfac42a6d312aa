"""E-mail as a channel: messages out through an SMTP server, nothing in.

For people with an address in the people file and no chat that works: their
check-ins, digests and escalations go by e-mail (``bot.outbound`` chooses; this
module only sends). A message becomes one e-mail, multipart/alternative with a
plain-text part and a Vietnamese HTML part, its first line the subject; an
attachment (a report, a chart) goes as a MIME part. An e-mail has no buttons and
cannot be answered here, so choices are not shown: the footer says where to
answer (Zalo or Telegram) and, when the sender gives one, the link to link a chat.

SMTP answers map to ``ChannelError`` as the ledger expects: a refused recipient
(5xx) is ``blocked`` (the address does not work: recorded, shown to
coordinators), a 4xx, a lost connection or a timeout ``retry``; refused
credentials or sender are an operator's matter, logged as an error and retried
late, so the ledger's try limit ends them and coordinators see it, never silence.
"""

from __future__ import annotations

import asyncio
import html
import logging
import mimetypes
import uuid
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr
from typing import Literal

import aiosmtplib

from bot.channels.base import ChannelError, Incoming, IncomingHandler, Menus, Outgoing
from bot.texts import t

log = logging.getLogger("nhacviec.email")

Security = Literal["starttls", "tls", "none"]
SECURITIES: tuple[Security, ...] = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
SUBJECT_LIMIT = 150
OPERATOR_RETRY = timedelta(minutes=15)  # credentials or sender refused: an operator fixes it


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    sender: str  # the From address
    port: int | None = None  # None: the usual port of ``security``
    security: Security = "starttls"
    username: str | None = None
    password: str | None = None
    sender_name: str = "Hệ thống nhắc việc"
    timeout: float = 30.0

    @property
    def port_or_default(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]


def subject_of(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= SUBJECT_LIMIT:
        return first
    return first[: SUBJECT_LIMIT - 1].rstrip() + "…"


@dataclass(frozen=True)
class ChatInvite:
    """How the recipient links a chat, shown at the end of an e-mail to a person with no
    chat that works: the code of their live invite (None: an invite they were handed,
    whose code is not kept), when it expires (as shown, dd/mm/yyyy), the Telegram deep
    link (None without Telegram or its bot name) and whether Zalo is on."""

    code: str | None
    expires: str
    telegram_link: str | None = None
    zalo: bool = False

    def lines(self, lang: str) -> list[str]:
        """The block as lines of text, the first its heading."""
        if self.code is None:
            return [t(lang, "email_invite_given", expires=self.expires)]
        lines = [t(lang, "email_invite_head", expires=self.expires)]
        if self.telegram_link:
            lines.append(t(lang, "email_invite_telegram", link=self.telegram_link))
        # The bare code too: on Zalo, or typed where a link cannot be opened.
        key = "email_invite_zalo" if self.zalo else "email_invite_code"
        lines.append(t(lang, key, code=self.code))
        return lines

    def html(self, lang: str) -> str:
        """The block in HTML: the deep link a link, the code in bold."""
        lines = [html.escape(line) for line in self.lines(lang)]
        if self.telegram_link:
            link = html.escape(self.telegram_link)
            lines = [line.replace(link, f'<a href="{link}">{link}</a>') for line in lines]
        if self.code:
            code = html.escape(self.code)
            lines = [line.replace(code, f"<b>{code}</b>") if "href" not in line else line
                     for line in lines]  # fmt: skip
        return f'<p style="background: #f3f6fa; padding: 8px">{"<br>".join(lines)}</p>'


def html_of(text: str, footer: str, invite: str = "") -> str:
    """The message as a small HTML page: the first line a heading, each further
    paragraph (lines separated by a blank line) kept with its line breaks; ``invite``
    (HTML) before the footer."""
    lines = text.splitlines()
    title = html.escape(lines[0]) if lines else ""
    paragraphs = "\n".join(lines[1:]).strip().split("\n\n")
    body = "".join(
        f"<p>{'<br>'.join(html.escape(line) for line in p.splitlines())}</p>"
        for p in paragraphs
        if p.strip()
    )
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>"
        '<body style="font-family: Arial, sans-serif; font-size: 15px; line-height: 1.5">'
        f'<h3 style="margin: 0 0 12px">{title}</h3>{body}{invite}'
        f'<hr><p style="color: #555; font-size: 13px">{html.escape(footer)}</p>'
        "</body></html>"
    )


class EmailChannel:
    name = "email"
    max_text = 100_000
    has_buttons = False
    interactive = False

    def __init__(self, config: SmtpConfig, *, lang: str = "vi") -> None:
        self.config = config
        self.lang = lang
        self._stopped = asyncio.Event()
        self._domain = config.sender.rpartition("@")[2] or "nhacviec.local"

    def compose(
        self,
        address: str,
        message: Outgoing,
        link: str | None = None,
        *,
        key: str = "",
        invite: ChatInvite | None = None,
    ) -> EmailMessage:
        """The e-mail for ``message``; ``link``: where the person links a chat (a bare
        link, in the footer); ``invite``: how, in full, with their code; ``key``: the
        local part of its Message-ID (the id the ledger keeps)."""
        footer = t(self.lang, "email_footer")
        if link:
            footer += " " + t(self.lang, "email_link", link=link)
        text = message.text
        if invite is not None:
            text += "\n\n" + "\n".join(invite.lines(self.lang))
        mail = EmailMessage()
        mail["From"] = formataddr((self.config.sender_name, self.config.sender))
        mail["To"] = address
        mail["Subject"] = subject_of(message.text)
        mail["Message-ID"] = f"<{key or uuid.uuid4().hex}@{self._domain}>"
        mail.set_content(f"{text}\n\n-- \n{footer}\n")
        block = invite.html(self.lang) if invite is not None else ""
        mail.add_alternative(html_of(message.text, footer, block), subtype="html")
        if message.attachment is not None:
            kind, _ = mimetypes.guess_type(message.attachment.filename)
            main, _, sub = (kind or "application/octet-stream").partition("/")
            mail.add_attachment(
                message.attachment.content,
                maintype=main,
                subtype=sub,
                filename=message.attachment.filename,
            )
        return mail

    async def start(self, handler: IncomingHandler) -> None:
        """Nothing comes in by e-mail: the footer sends people to their chat."""

    async def stop(self) -> None:
        self._stopped.set()

    async def wait_closed(self) -> None:
        await self._stopped.wait()

    async def send(
        self, chat_id: str, message: Outgoing, *, invite: ChatInvite | None = None
    ) -> str:
        """E-mail ``message`` to the address ``chat_id`` (with ``invite``: how to link a
        chat); the id the ledger keeps (32 characters: the Message-ID is ``<id@sender's
        domain>``)."""
        key = uuid.uuid4().hex
        await self.deliver(self.compose(chat_id, message, key=key, invite=invite))
        return key

    async def deliver(self, mail: EmailMessage) -> None:
        c = self.config
        try:
            await aiosmtplib.send(
                mail,
                hostname=c.host,
                port=c.port_or_default,
                username=c.username,
                password=c.password,
                use_tls=c.security == "tls",
                start_tls=True if c.security == "starttls" else False,
                timeout=c.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            if codes and all(code >= 500 for code in codes):  # the mailbox does not exist
                raise ChannelError("blocked", f"recipient refused: {codes}") from None
            raise ChannelError("retry", f"recipient refused: {codes}") from None
        except aiosmtplib.SMTPAuthenticationError as exc:
            log.error("action=smtp_login_refused code=%s (check NHACVIEC_SMTP_USER)", exc.code)
            raise ChannelError("retry", "SMTP login refused", OPERATOR_RETRY) from None
        except aiosmtplib.SMTPSenderRefused as exc:
            log.error("action=smtp_sender_refused code=%s (check NHACVIEC_SMTP_FROM)", exc.code)
            raise ChannelError("retry", "SMTP sender refused", OPERATOR_RETRY) from None
        except aiosmtplib.SMTPResponseException as exc:
            if exc.code >= 500:
                raise ChannelError("bad_request", f"SMTP {exc.code}") from None
            raise ChannelError("retry", f"SMTP {exc.code}") from None
        except (aiosmtplib.SMTPException, OSError) as exc:  # connection, TLS, timeout
            raise ChannelError("retry", f"SMTP unreachable: {type(exc).__name__}") from None

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """A sent e-mail cannot change."""

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        """No choices are pressed by e-mail."""

    async def set_commands(self, menus: Menus) -> None:
        """E-mail has no command menu."""
