"""A fake Zalo Bot Platform API: real HTTP on 127.0.0.1, Zalo's envelope, limits and errors.

What it does, after the reference (shared/reference/chat-platforms.md, section 1):

- ``POST|GET /bot{token}/{method}``, parameters from the query, JSON or a form; method
  names are case-sensitive (an unknown one is a 404). Answers are the envelope
  ``{"ok": true, "result": …}`` or ``{"ok": false, "error_code": N, "description": …}``
  with HTTP status N.
- ``getUpdates`` hands out ONE queued update ``{event_name, message}`` and forgets it
  (no offset). Idle, it waits up to ``timeout`` seconds (capped by ``max_long_poll``),
  then answers ``error_code`` 408 "Request timeout" with HTTP ``idle_http_status``:
  408 by default (what the envelope says), 200 to play the other reading. An update is
  not handed to a poll whose client already hung up. With a webhook set, getUpdates
  is refused (400): polling and webhook are mutually exclusive.
- IDs are strings (hex, like Zalo's), dates epoch milliseconds.
- ``sendMessage``: text 1-2000 characters, else 400. ``sendPhoto``: ``photo`` is a URL
  the fake GETs (loopback only, with aiohttp) and which must answer 200 with an image;
  caption ≤ 2000. ``setWebhook`` needs an HTTPS url and a secret of 8-256 characters.
- Errors: 401 for a wrong token, 403 ("Internal server error", as Zalo's own table
  says) for a chat marked blocked, 404 for a chat the bot never heard from when
  ``known_chats`` is a set, 429 "Quota exceeded" (no retry_after) and any other status
  by ``fail_next``, everything down with ``go_down``. ``camel_case_errors`` spells the
  code ``errorCode`` with HTTP 200, as some answers do.

As documented in 2026 (the reference's "2026 update"):

- ``sendMessage`` takes ``parse_mode`` ``html`` (tags b, i, u, s; entities &lt; &gt;
  &amp; &quot;; a broken one is a 400) or ``markdown``; the length limit counts the text
  as shown. ``refuse_formatting`` plays a platform where formatting is not live: any
  ``parse_mode`` is a 400. ``sent()`` keeps the text as shown, and ``bold`` what was bold.
- ``setWebhook`` probes the URL at once and answers ``result.verification``
  ``{ok, url, outcome, hint}``. With ``probe_to`` set (an http URL on loopback standing
  for the HTTPS one) the fake really POSTs an empty body there with the secret header
  and ``User-Agent: Java/17.0.8``, following no redirect: 2xx ``webhook.ok``, 403, 404,
  5xx, other (3xx…), or ``webhook.err.unreachable``; else ``probe_outcome`` is the
  outcome. The URL is saved whatever the outcome. ``verification=False`` answers as
  before 2026 (no verification).
- ``testWebhook`` re-runs the probe, ``test_webhook_quota`` times; past it the answer is
  ``{"ok": false, "errorCode": 426}``.
- Media the user sends are served by the fake itself at ``{url}/media/…`` (photos
  ``photo_url``, voice ``voice_url``) until ``expire_media`` (Zalo's URLs expire).

The test plays the user with ``push_text``/``push_image``/``push_voice``/``push`` and
reads what the bot did from ``calls``, ``sent(chat_id)``, ``photos`` and ``wait_for``.
"""

from __future__ import annotations

import asyncio
import copy
import html
import re
import secrets
import socket
import struct
import time
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from tests.fakes.bot_server import FakeBotServer

DEFAULT_TOKEN = "1234567890123456789:FakeZaloSecretToken_abcdefgh"
MAX_TEXT = 2000
SECRET_HEADER = "X-Bot-Api-Secret-Token"
DESCRIPTIONS = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Internal server error",  # sic: Zalo's table (2026)
    404: "Not found",
    408: "Request timeout",
    426: "Test webhook quota exceeded",
    429: "Quota exceeded",
    500: "Internal server error",
}
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00fake photo\xff\xd9"
_NGINX = "<html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>"


class Call(NamedTuple):
    """One answered request: the method as asked for, its parameters, the HTTP status."""

    method: str
    params: dict[str, Any]
    status: int | str  # "dropped" when the connection was closed without an answer


@dataclass
class SentMessage:
    chat_id: str
    message_id: str
    text: str  # as the user reads it (tags removed)
    date: int  # ms
    parse_mode: str | None = None
    bold: tuple[str, ...] = ()  # the runs shown in bold


@dataclass
class Photo:
    chat_id: str
    message_id: str
    url: str
    caption: str | None
    content: bytes  # what the URL served (empty when not fetched)
    content_type: str | None


class ApiError(Exception):
    def __init__(self, status: int, description: str | None = None) -> None:
        self.status = status
        self.description = description or DESCRIPTIONS.get(status, "Error")
        super().__init__(self.description)


def _new_id() -> str:
    return secrets.token_hex(10)  # like "e4ea2cd5189df1c3a88c"


def _ms() -> int:
    return int(time.time() * 1000)


class FakeZaloAPI(FakeBotServer):
    """``async with FakeZaloAPI() as api:`` serves the Bot API at ``api.url``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        max_long_poll: float | None = None,
        idle_http_status: int = 408,
        known_chats: Iterable[str] | None = None,
        fetch_photos: bool = True,
        refuse_formatting: bool = False,
        camel_case_errors: bool = False,
        probe_outcome: str = "webhook.ok",
        verification: bool = True,
        test_webhook_quota: int = 3,
    ) -> None:
        super().__init__()
        self.token, self.max_long_poll, self.idle_http_status = (
            token,
            max_long_poll,
            idle_http_status,
        )
        self.known_chats = None if known_chats is None else set(known_chats)
        self.fetch_photos = fetch_photos
        self.refuse_formatting, self.camel_case_errors = refuse_formatting, camel_case_errors
        self.probe_outcome, self.verification = probe_outcome, verification
        self.probe_to: str | None = None  # where the probe really goes (see the docstring)
        self.probes: list[dict] = []  # the headers of each real probe
        self.test_webhook_quota = test_webhook_quota
        self.media: dict[str, tuple[bytes, str]] = {}  # served at {url}/media/{name}
        self.bot = {"id": token.split(":")[0], "account_name": "Bot Nhắc việc"}
        self.bot |= {"account_type": "BASIC", "can_join_groups": False}
        self.photos: list[Photo] = []
        self.webhook: dict[str, Any] = {"url": "", "updated_at": _ms()}
        self.status_counts: Counter = Counter()
        self._sent: list[SentMessage] = []
        self._updates: list[dict] = []

    # -- the user side --------------------------------------------------------------------

    def push(self, chat_id: str, event_name: str, content: dict, *, user: dict | None = None):
        """Queue one update for getUpdates; returns it (a copy)."""
        if self.known_chats is not None:
            self.known_chats.add(chat_id)
        message = {
            "message_id": _new_id(),
            "date": _ms(),
            "from": user or self.user(chat_id),
            "chat": {"id": chat_id, "chat_type": "PRIVATE"},
        } | content
        update = {"event_name": event_name, "message": message}
        self._updates.append(update)
        self._notify()
        return copy.deepcopy(update)

    def push_update(self, update: dict) -> None:
        """Queue a ready-made update again (Zalo resending one)."""
        self._updates.append(copy.deepcopy(update))
        self._notify()

    def push_text(self, chat_id: str, text: str, **kwargs: Any) -> dict:
        return self.push(chat_id, "message.text.received", {"text": text}, **kwargs)

    def push_image(
        self, chat_id: str, caption: str | None = None, *, content: bytes | None = None
    ) -> dict:
        """As live webhooks show it: ``photo_url`` and ``message_type`` CHAT_PHOTO; the fake
        serves ``content`` (a tiny JPEG by default) there as ``image/jpeg``."""
        content = JPEG if content is None else content
        url = self.serve_media(f"{_new_id()}.jpg", content, "image/jpeg")
        fields = {"photo_url": url, "message_type": "CHAT_PHOTO"}
        fields |= {"caption": caption} if caption else {}
        return self.push(chat_id, "message.image.received", fields)

    def push_voice(self, chat_id: str, content: bytes = b"\xff\xf1AAC") -> dict:
        """A voice message: ``voice_url`` to an AAC file the fake serves."""
        url = self.serve_media(f"{_new_id()}.aac", content, "audio/aac")
        return self.push(chat_id, "message.voice.received", {"voice_url": url})

    def serve_media(self, name: str, content: bytes, content_type: str) -> str:
        self.media[name] = (content, content_type)
        return f"{self.url}/media/{name}"

    def expire_media(self) -> None:
        """Every media URL handed out so far answers 404 from now on."""
        self.media.clear()

    @staticmethod
    def user(chat_id: str) -> dict:
        return {"id": chat_id, "display_name": f"Người dùng {chat_id}", "is_bot": False}

    # -- what the bot did -----------------------------------------------------------------

    def sent(self, chat_id: str | None = None) -> list[SentMessage]:
        return [m for m in self._sent if chat_id is None or m.chat_id == chat_id]

    @property
    def pending_updates(self) -> list[dict]:
        return list(self._updates)

    # -- HTTP -----------------------------------------------------------------------------

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_get("/media/{name}", self._serve_media)

    async def _serve_media(self, request: web.Request) -> web.Response:
        found = self.media.get(request.match_info["name"])
        if found is None:
            return web.Response(status=404, text="expired")
        return web.Response(body=found[0], content_type=found[1])

    def _error(self, error: ApiError) -> web.Response:
        """The envelope with HTTP status N; camelCase answers (testWebhook's 426 always)
        come with HTTP 200: only the body says what went wrong."""
        if self.camel_case_errors or error.status == 426:
            body = {"ok": False, "errorCode": error.status, "description": error.description}
            return web.json_response(body, status=200)
        body = {"ok": False, "error_code": error.status, "description": error.description}
        return web.json_response(body, status=error.status)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["method"]
        try:
            params = await _read_params(request)
        except ApiError as error:
            params, response = {}, self._error(error)
        else:
            hang = self._hang(name)
            if hang is None or hang.delivered:
                response = await self._answer(request, name, params)
            if hang is not None:  # the client's read timeout goes off; maybe it went out
                self.status_counts["timed_out"] += 1
                self.calls.append(Call(name, params, "timed_out"))
                self._notify()
                await self._wait_hang(hang)
                request.transport.close()
                return web.Response()
        if response is None:  # down: hang up without an answer
            status: int | str = "dropped"
            request.transport.close()
            response = web.Response()
        else:
            status = response.status
        self.status_counts[status] += 1
        self.calls.append(Call(name, params, status))
        self._notify()
        return response

    async def _answer(self, request, name: str, params: dict) -> web.Response | None:
        if self._down == "drop":
            return None
        if self._down is not None:
            return self._failure(self._down)
        if request.match_info["token"] != self.token:
            return self._error(ApiError(401))
        for key in (name, None):
            if self._failures[key]:
                failure = self._failures[key].popleft()
                return None if failure == "drop" else self._failure(failure)
        handler = _METHODS.get(name)
        try:
            if handler is None:
                raise ApiError(404, "Not found: unknown method")
            if name == "getUpdates":
                return await self._getUpdates(request, params)
            result = await handler(self, params)
        except ApiError as error:
            return self._error(error)
        return web.json_response({"ok": True} | ({} if result is None else {"result": result}))

    # -- checks ---------------------------------------------------------------------------

    def _chat(self, params: dict) -> str:
        chat_id = params.get("chat_id")
        if not isinstance(chat_id, str) or not chat_id:
            raise ApiError(400, "Bad request: chat_id is required")
        if self.known_chats is not None and chat_id not in self.known_chats:
            raise ApiError(404, "Not found: chat_id")
        if chat_id in self._blocked:
            raise ApiError(403)
        return chat_id

    def _failure(self, status: int) -> web.Response:
        """Zalo's envelope; 502-504 come from a proxy as HTML."""
        if status in (502, 503, 504):
            text = _NGINX.format(f"{status} Bad Gateway")
            return web.Response(status=status, text=text, content_type="text/html")
        return self._error(ApiError(status))

    @staticmethod
    def _text(value: Any, field: str, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not 1 <= len(value) <= MAX_TEXT:
            raise ApiError(400, f"Bad request: {field} must be 1-{MAX_TEXT} characters")
        return value

    # -- methods (the name after "_" is the API method) -----------------------------------

    async def _getMe(self, params: dict) -> dict:
        return self.bot

    async def _getUpdates(self, request: web.Request, params: dict) -> web.Response:
        if self.webhook["url"]:
            raise ApiError(400, "Bad request: webhook is set; call deleteWebhook first")
        try:
            timeout = float(params.get("timeout") or 30)
        except ValueError:
            raise ApiError(400, "Bad request: timeout") from None
        if self.max_long_poll is not None:
            timeout = min(timeout, self.max_long_poll)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout

        def gone() -> bool:
            return request.transport is None or request.transport.is_closing()

        while not (self._updates or self._closing or self._down or gone()):
            tick = self._tick
            try:
                await asyncio.wait_for(tick.wait(), deadline - loop.time())
            except TimeoutError:
                break
        if self._down == "drop":
            return None
        if self._down is not None:
            return self._failure(self._down)
        if self._updates and not gone():
            return web.json_response({"ok": True, "result": self._updates.pop(0)})
        body = {"ok": False, "error_code": 408, "description": DESCRIPTIONS[408]}
        return web.json_response(body, status=self.idle_http_status)

    async def _setWebhook(self, params: dict) -> dict:
        url, secret = params.get("url"), params.get("secret_token")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ApiError(400, "Bad request: url must be HTTPS")
        if not isinstance(secret, str) or not 8 <= len(secret) <= 256:
            raise ApiError(400, "Bad request: secret_token must be 8-256 characters")
        self.webhook = {"url": url, "secret_token": secret, "updated_at": _ms()}
        result: dict[str, Any] = {"url": url, "updated_at": self.webhook["updated_at"]}
        if self.verification:  # saved whatever the probe finds
            result["verification"] = await self._probe()
        return result

    async def _testWebhook(self, params: dict) -> dict:
        if not self.webhook["url"]:
            raise ApiError(400, "Bad request: no webhook is set")
        if self.test_webhook_quota <= 0:
            raise ApiError(426)
        self.test_webhook_quota -= 1
        return await self._probe()

    async def _probe(self) -> dict:
        """What Zalo's probe of the webhook found: ``{ok, url, outcome, hint}``."""
        outcome = self.probe_outcome
        if self.probe_to is not None:
            headers = {"User-Agent": "Java/17.0.8", SECRET_HEADER: self.webhook["secret_token"]}
            self.probes.append(headers)
            try:
                timeout = aiohttp.ClientTimeout(total=5)
                async with aiohttp.ClientSession(timeout=timeout) as session:
                    async with session.post(
                        self.probe_to, data=b"", headers=headers, allow_redirects=False
                    ) as response:
                        status = response.status
            except aiohttp.ClientError:
                outcome = "webhook.err.unreachable"
            else:
                outcome = _OUTCOMES.get(status, "webhook.http.5xx" if status >= 500 else None)
                outcome = outcome or ("webhook.ok" if 200 <= status < 300 else "webhook.http.other")
        hints = {
            "webhook.http.403": "Firewall/WAF? The probe's User-Agent is Java/<version>.",
            "webhook.http.other": "Redirects are not followed.",
        }
        return {
            "ok": outcome == "webhook.ok",
            "url": self.webhook["url"],
            "outcome": outcome,
            "hint": hints.get(outcome, ""),
        }

    async def _deleteWebhook(self, params: dict) -> dict:
        self.webhook = {"url": "", "updated_at": _ms()}
        return dict(self.webhook)

    async def _getWebhookInfo(self, params: dict) -> dict:
        return {"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]}

    async def _sendMessage(self, params: dict) -> dict:
        chat_id = self._chat(params)
        parse_mode, bold = params.get("parse_mode"), ()
        raw = params.get("text")
        if parse_mode is not None:
            if self.refuse_formatting or parse_mode not in ("html", "markdown"):
                raise ApiError(400, f"Bad request: parse_mode {parse_mode!r} is not supported")
            if parse_mode == "html" and isinstance(raw, str):
                raw, bold = _parse_html(raw)
        text = self._text(raw, "text")
        message = SentMessage(chat_id, _new_id(), text, _ms(), parse_mode, bold)
        self._sent.append(message)
        return {"message_id": message.message_id, "date": message.date}

    async def _sendPhoto(self, params: dict) -> dict:
        chat_id = self._chat(params)
        caption = self._text(params.get("caption"), "caption", required=False)
        url = params.get("photo")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad request: photo must be a URL")
        content, kind = b"", None
        if self.fetch_photos:
            content, kind = await _fetch_image(url)
        photo = Photo(chat_id, _new_id(), url, caption, content, kind)
        self.photos.append(photo)
        return {"message_id": photo.message_id, "date": _ms()}

    async def _sendSticker(self, params: dict) -> dict:
        self._chat(params)
        if not params.get("sticker"):
            raise ApiError(400, "Bad request: sticker is required")
        return {"message_id": _new_id(), "date": _ms()}

    async def _sendChatAction(self, params: dict) -> None:
        self._chat(params)
        if params.get("action") != "typing":
            raise ApiError(400, "Bad request: action")


_METHODS = {  # case-sensitive, as on Zalo
    name: getattr(FakeZaloAPI, f"_{name}")
    for name in """getMe getUpdates setWebhook deleteWebhook getWebhookInfo testWebhook
    sendMessage sendPhoto sendSticker sendChatAction""".split()
}
_OUTCOMES = {403: "webhook.http.403", 404: "webhook.http.404"}
_TAG = re.compile(r"<(/?)([a-z]+)>")
_ENTITY = re.compile(r"&(?!(?:lt|gt|amp|quot);)")


def _parse_html(text: str) -> tuple[str, tuple[str, ...]]:
    """Zalo HTML → (the text shown, the bold runs); a broken one is a 400."""
    if _ENTITY.search(text) or re.search(r"<(?!/?[a-z]+>)", text):
        raise ApiError(400, "Bad request: can't parse html")
    stack: list[tuple[str, int]] = []
    plain, bold, last = "", [], 0
    for match in _TAG.finditer(text):
        plain += html.unescape(text[last : match.start()])
        last = match.end()
        closing, tag = match[1] == "/", match[2]
        if tag not in ("b", "i", "u", "s"):
            raise ApiError(400, f"Bad request: unsupported tag <{tag}>")
        if not closing:
            stack.append((tag, len(plain)))
        elif not stack or stack[-1][0] != tag:
            raise ApiError(400, "Bad request: can't parse html")
        else:
            _, start = stack.pop()
            if tag == "b":
                bold.append(plain[start:])
    if stack:
        raise ApiError(400, "Bad request: can't parse html")
    plain += html.unescape(text[last:])
    return plain, tuple(bold)


async def _read_params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "Bad request: invalid JSON") from None
        if not isinstance(body, dict):
            raise ApiError(400, "Bad request: invalid JSON")
        params |= body
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        params |= {k: v for k, v in (await request.post()).items() if isinstance(v, str)}
    return params


async def _fetch_image(url: str) -> tuple[bytes, str | None]:
    """GET a photo URL as Zalo would; only loopback is reached (tests never go outside)."""
    host = urlsplit(url).hostname or ""
    if not (host.startswith("127.") or host == "localhost"):
        return b"", None
    timeout = aiohttp.ClientTimeout(total=5)
    try:
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(url) as response:
                content, kind = await response.read(), response.content_type
                if response.status != 200:
                    raise ApiError(400, f"Bad request: photo URL answered {response.status}")
    except aiohttp.ClientError as exc:
        raise ApiError(400, f"Bad request: photo URL unreachable ({type(exc).__name__})") from None
    if not kind.startswith("image/") or not content.startswith((b"\x89PNG", b"\xff\xd8\xff")):
        raise ApiError(400, "Bad request: photo URL is not an image")
    return content, kind


async def post_webhook(url: str, body: dict | bytes | None, secret: str | None) -> int:
    """POST ``body`` (a dict as JSON, bytes as they are) to a webhook, as Zalo does; the status.

    ``secret`` None sends no ``X-Bot-Api-Secret-Token`` header.
    """
    headers = {} if secret is None else {SECRET_HEADER: secret}
    async with aiohttp.ClientSession() as session:
        if isinstance(body, dict):
            request = session.post(url, json=body, headers=headers)
        else:
            headers["Content-Type"] = "application/json"
            request = session.post(url, data=body or b"", headers=headers)
        async with request as response:
            await response.read()
            return response.status


def tiny_png(width: int = 1, height: int = 1) -> bytes:
    """A real, valid grey PNG (what a chart would be, only smaller)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress((b"\x00" + b"\x80" * width) * height)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def free_port() -> int:
    """A loopback port free right now (for a ``public_url`` known before the server starts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
