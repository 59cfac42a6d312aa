"""A real SMTP server on 127.0.0.1 (aiosmtpd) in the test's own event loop: it keeps
what it receives, and can refuse a recipient, answer 4xx for a while, or ask for a
login, so the e-mail channel meets what a provincial mail server does."""

from __future__ import annotations

import asyncio
import warnings
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage
    raw: bytes = b""  # as it came over the wire


@dataclass
class FakeSMTP:
    """``async with FakeSMTP() as smtp``: ``smtp.port``; ``smtp.inbox`` what came in."""

    login: tuple[str, str] | None = None  # required credentials, or none asked
    refuse: set[str] = field(default_factory=set)  # addresses answered 550
    busy: int = 0  # the next ``busy`` messages are answered 451 (try later)
    inbox: list[Received] = field(default_factory=list)
    port: int = 0

    async def __aenter__(self) -> FakeSMTP:
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(self._protocol, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc) -> None:
        self._server.close()
        await self._server.wait_closed()

    def _protocol(self) -> SMTP:
        with warnings.catch_warnings():  # a login without TLS: only ever on 127.0.0.1 here
            warnings.simplefilter("ignore", UserWarning)
            return self._smtp()

    def _smtp(self) -> SMTP:
        return SMTP(
            self,
            authenticator=self._authenticate if self.login else None,
            auth_required=self.login is not None,
            auth_require_tls=False,
        )

    def _authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and (
                auth_data.login.decode(),
                auth_data.password.decode(),
            )
            == self.login
        )
        return AuthResult(success=ok, handled=False)  # the server answers 535 itself

    def raw_to(self, address: str) -> list[bytes]:
        return [r.raw for r in self.inbox if address in r.recipients]

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.inbox if address in r.recipients]

    # aiosmtpd's handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        if self.busy:
            self.busy -= 1
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        raw = bytes(envelope.original_content or envelope.content)
        self.inbox.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed, raw))
        return "250 Message accepted"
