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
- Errors: 401 for a wrong token, 403 for a chat marked blocked, 404 for a chat the bot
  never heard from when ``known_chats`` is a set, 429 "Quota exceeded" (no retry_after)
  and any other status by ``fail_next``, everything down with ``go_down``.

The test plays the user with ``push_text``/``push_image``/``push`` and reads what the
bot did from ``calls``, ``sent(chat_id)``, ``photos`` and ``wait_for``.
"""

from __future__ import annotations

import asyncio
import copy
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
    403: "Forbidden",
    404: "Not found",
    408: "Request timeout",
    429: "Quota exceeded",
    500: "Internal server error",
}
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
    text: str
    date: int  # ms


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
    ) -> None:
        super().__init__()
        self.token, self.max_long_poll, self.idle_http_status = (
            token,
            max_long_poll,
            idle_http_status,
        )
        self.known_chats = None if known_chats is None else set(known_chats)
        self.fetch_photos = fetch_photos
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

    def push_image(self, chat_id: str, caption: str | None = None) -> dict:
        """As live webhooks show it: ``photo_url`` and ``message_type`` CHAT_PHOTO."""
        content = {"photo_url": f"https://photo-zalo.example/{_new_id()}.jpg"}
        content |= {"message_type": "CHAT_PHOTO"} | ({"caption": caption} if caption else {})
        return self.push(chat_id, "message.image.received", content)

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

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["method"]
        try:
            params = await _read_params(request)
        except ApiError as error:
            params, response = {}, _error(error)
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
            return _failure(self._down)
        if request.match_info["token"] != self.token:
            return _error(ApiError(401))
        for key in (name, None):
            if self._failures[key]:
                failure = self._failures[key].popleft()
                return None if failure == "drop" else _failure(failure)
        handler = _METHODS.get(name)
        try:
            if handler is None:
                raise ApiError(404, "Not found: unknown method")
            if name == "getUpdates":
                return await self._getUpdates(request, params)
            result = await handler(self, params)
        except ApiError as error:
            return _error(error)
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
            return _failure(self._down)
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
        return {"url": url, "updated_at": self.webhook["updated_at"]}

    async def _deleteWebhook(self, params: dict) -> dict:
        self.webhook = {"url": "", "updated_at": _ms()}
        return dict(self.webhook)

    async def _getWebhookInfo(self, params: dict) -> dict:
        return {"url": self.webhook["url"], "updated_at": self.webhook["updated_at"]}

    async def _sendMessage(self, params: dict) -> dict:
        chat_id = self._chat(params)
        text = self._text(params.get("text"), "text")
        message = SentMessage(chat_id, _new_id(), text, _ms())
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
    for name in """getMe getUpdates setWebhook deleteWebhook getWebhookInfo sendMessage
    sendPhoto sendSticker sendChatAction""".split()
}


def _error(error: ApiError) -> web.Response:
    body = {"ok": False, "error_code": error.status, "description": error.description}
    return web.json_response(body, status=error.status)


def _failure(status: int) -> web.Response:
    """Zalo's envelope; 502-504 come from a proxy as HTML."""
    if status in (502, 503, 504):
        text = _NGINX.format(f"{status} Bad Gateway")
        return web.Response(status=status, text=text, content_type="text/html")
    return _error(ApiError(status))


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
