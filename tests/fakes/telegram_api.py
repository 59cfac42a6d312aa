"""A fake Telegram Bot API server: real HTTP on 127.0.0.1, Telegram's limits and errors.

Real python-telegram-bot reaches it through ``base_url``/``base_file_url``; the test
plays the user with ``push_message``/``push_command``/``push_callback`` and reads
what the bot did from ``calls``, ``sent_messages()``, ``documents`` and friends.

Media the user sends (``push_photo``/``push_document``/``push_voice``) carry a
``file_id``; ``getFile`` answers its ``file_path`` (400 "file is too big" over
20 MB, as Telegram does for bots) and ``GET /file/bot<token>/<file_path>`` serves
the bytes; ``downloads`` counts the fetches.

Errors come back as Telegram sends them: 400 for broken limits, 401 for a wrong
token, 403 for chats marked as blocking, 409 for getUpdates conflicts, 429 past a
token-bucket rate measured on an injectable monotonic clock (seconds), and
scripted 5xx or dropped connections. Only private chats exist: positive chat ids,
and in each chat one message_id sequence shared by the user and the bot.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import math
import re
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, NamedTuple

from aiohttp import web

from tests.fakes.bot_server import FakeBotServer
from tests.fakes.telegram_html import HtmlError, parse_html

DEFAULT_TOKEN = "123456:TEST-TOKEN-abcdefghijklmnop"
MAX_TEXT, MAX_CAPTION, MAX_CALLBACK_DATA, MAX_ANSWER_TEXT = 4096, 1024, 64, 200
MAX_DOWNLOAD = 20 * 2**20  # getFile refuses bigger files to bots
BLOCKED = "Forbidden: bot was blocked by the user"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_JSON_FIELDS = {"reply_markup", "commands", "scope", "entities", "caption_entities"}
_JSON_FIELDS |= {"allowed_updates", "reply_parameters", "link_preview_options"}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id"}
_BOOL_FIELDS = {"show_alert", "drop_pending_updates", "allow_sending_without_reply"}
_NGINX = "<html><head><title>{0}</title></head><body><center><h1>{0}</h1></center></body></html>"


class Call(NamedTuple):
    """One answered request: the method as PTB spells it and its decoded parameters."""

    method: str
    params: dict[str, Any]


@dataclass
class SentMessage:
    """A text message the bot sent; edits update it in place (``edits`` counts them)."""

    chat_id: int
    message_id: int
    text: str  # as sent: the HTML source when parse_mode is HTML
    parse_mode: str | None
    reply_markup: dict | None
    plain_text: str  # what the user sees
    edits: int = 0


@dataclass(frozen=True)
class UserFile:
    """A file the user sent: served at ``file_path``; ``size`` is what Telegram says."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    size: int


@dataclass
class Upload:
    """A photo or document the bot sent; ``content`` is empty when sent by file_id/URL."""

    chat_id: int
    message_id: int
    filename: str | None
    content: bytes
    mime_type: str | None
    caption: str | None
    parse_mode: str | None


class File(NamedTuple):
    """A file part of a multipart request, read eagerly."""

    filename: str | None
    content_type: str | None
    content: bytes


class ApiError(Exception):
    def __init__(self, status: int, description: str, parameters: dict | None = None):
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


class TokenBucket:
    """``burst`` tokens, refilled at ``rate`` per second of the injected clock."""

    def __init__(self, rate: float, burst: float, now: float) -> None:
        self.rate, self.burst, self.tokens, self.stamp = rate, burst, burst, now

    def wait(self, now: float) -> float:
        """Seconds until a token is free (0 = free now); refills first."""
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class FakeTelegramAPI(FakeBotServer):
    """``async with FakeTelegramAPI() as api:`` serves the Bot API on a free loopback port.

    ``clock`` returns monotonic seconds and drives flood control only. Rates are
    messages per second (``None`` disables that limit); ``known_chats=None`` knows
    every positive chat id. ``max_long_poll`` caps, in real seconds, how long a
    ``getUpdates`` long poll waits. ``strict_html`` also rejects an ``&`` that
    starts no entity (Telegram shows it literally).
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        clock: Callable[[], float] = time.monotonic,
        per_chat_rate: float | None = 1.0,
        per_chat_burst: int = 3,
        global_rate: float | None = 30.0,
        global_burst: int = 30,
        known_chats: Iterable[int] | None = None,
        strict_html: bool = True,
        max_long_poll: float | None = None,
    ) -> None:
        super().__init__()
        self.token, self._clock, self.strict_html = token, clock, strict_html
        self._per_chat, self._global = (per_chat_rate, per_chat_burst), (global_rate, global_burst)
        self._buckets: dict[object, TokenBucket] = {}
        self.known_chats = None if known_chats is None else set(known_chats)
        self.max_long_poll = max_long_poll
        self.bot_user = {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "Nhắc việc"}
        self.bot_user |= {"username": "nhacviec_test_bot", "can_join_groups": True}
        self.documents: list[Upload] = []
        self.photos: list[Upload] = []
        self.callback_answers: list[dict] = []
        self.commands: dict[str, list[dict]] = {}  # language_code ("" = default) → commands
        self.webhook: dict[str, Any] = {"url": ""}
        self.status_counts: Counter = Counter()  # HTTP status → answers; "dropped" too
        self.confirmed_update_id = 0  # the highest update_id getUpdates confirmed
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._last_message_id: defaultdict[int, int] = defaultdict(int)
        self._updates: list[dict] = []
        self._update_ids = itertools.count(1000)
        self._query_ids = itertools.count(7_000_000)
        self._file_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._poll_generation = 0
        # Flood control as Telegram keeps it: a 429 opens a ban window for its scope.
        self.ban_on_429 = True
        self.bans: dict[int | None, float] = {}  # None = the whole bot → until (clock)
        self.request_times: list[tuple[float, int]] = []  # message requests: (clock, chat)
        self.ban_violations: list[tuple[float, int, str]] = []  # requests inside a ban
        self._scripted_bans: deque[tuple[int, str]] = deque()
        self.user_files: dict[str, UserFile] = {}  # file_id → what the user sent
        self.downloads: Counter = Counter()  # file_path → GETs answered 200

    max_body = 50 * 2**20  # a report as a document

    @property
    def base_url(self) -> str:
        return f"{self.url}/bot"  # PTB appends "{token}/{method}"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # -- the user side --------------------------------------------------------------------

    def push_message(
        self,
        chat_id: int,
        text: str,
        *,
        from_user: dict | None = None,
        reply_to_message_id: int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """Queue the user's message for getUpdates; returns the Update as a dict."""
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if reply_to_message_id is not None:
            content["reply_to_message"] = self._quote(chat_id, reply_to_message_id)
        message = self._new_message(chat_id, from_user or self.user(chat_id), content)
        return self._push({"message": copy.deepcopy(message)})

    def push_command(self, chat_id: int, command: str, **kwargs: Any) -> dict:
        """Like Telegram, marks the leading ``/name`` (``/start CODE``) as a bot_command."""
        name = command.split(maxsplit=1)[0]
        entity = {"type": "bot_command", "offset": 0, "length": _utf16(name)}
        return self.push_message(chat_id, command, entities=[entity], **kwargs)

    def push_callback(
        self, chat_id: int, message_id: int, data: str, *, from_user: dict | None = None
    ) -> str:
        """The user presses a button under the bot's message; returns the query id."""
        message = self._quote(chat_id, message_id)
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {"id": query_id, "from": from_user or self.user(chat_id), "message": message}
        self._push({"callback_query": query | {"chat_instance": str(chat_id), "data": data}})
        return query_id

    def _media(
        self,
        chat_id: int,
        field: str,
        described: dict | list,
        file: UserFile,
        caption: str | None,
        reply_to_message_id: int | None,
    ) -> dict:
        self.user_files[file.file_id] = file
        content: dict[str, Any] = {field: described}
        if caption:
            content["caption"] = caption
        if reply_to_message_id is not None:
            content["reply_to_message"] = self._quote(chat_id, reply_to_message_id)
        message = self._new_message(chat_id, self.user(chat_id), content)
        return self._push({"message": copy.deepcopy(message)})

    def _user_file(self, kind: str, content: bytes, extension: str, size: int | None) -> UserFile:
        n = next(self._file_ids)
        said = len(content) if size is None else size
        return UserFile(
            f"{kind}-in-{n}", f"u-in-{n}", f"{kind}s/file_{n}.{extension}", content, said
        )

    def push_photo(
        self,
        chat_id: int,
        content: bytes,
        *,
        caption: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict:
        """A photo as Telegram sends it: several sizes, the largest last (its file here)."""
        file = self._user_file("photo", content, "jpg", None)
        small = {"file_id": f"{file.file_id}-s", "file_unique_id": f"{file.file_unique_id}-s"}
        sizes = [
            small | {"file_size": 1000, "width": 90, "height": 60},
            {
                "file_id": file.file_id,
                "file_unique_id": file.file_unique_id,
                "file_size": file.size,
                "width": 1280,
                "height": 853,
            },
        ]
        return self._media(chat_id, "photo", sizes, file, caption, reply_to_message_id)

    def push_document(
        self,
        chat_id: int,
        content: bytes,
        file_name: str,
        mime_type: str,
        *,
        caption: str | None = None,
        reply_to_message_id: int | None = None,
        file_size: int | None = None,
    ) -> dict:
        """A file; ``file_size`` may claim more than ``content`` (a big file, cheaply)."""
        extension = file_name.rsplit(".", 1)[-1] if "." in file_name else "bin"
        file = self._user_file("document", content, extension, file_size)
        described = {
            "file_id": file.file_id,
            "file_unique_id": file.file_unique_id,
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": file.size,
        }
        return self._media(chat_id, "document", described, file, caption, reply_to_message_id)

    def push_voice(
        self,
        chat_id: int,
        content: bytes,
        *,
        caption: str | None = None,
        reply_to_message_id: int | None = None,
    ) -> dict:
        """A voice message: OGG/Opus, as Telegram's apps record them."""
        file = self._user_file("voice", content, "oga", None)
        described = {
            "file_id": file.file_id,
            "file_unique_id": file.file_unique_id,
            "duration": 3,
            "mime_type": "audio/ogg",
            "file_size": file.size,
        }
        return self._media(chat_id, "voice", described, file, caption, reply_to_message_id)

    @staticmethod
    def user(chat_id: int) -> dict:
        return {"id": chat_id, "is_bot": False, "first_name": f"User {chat_id}"}

    # -- what the bot did -----------------------------------------------------------------

    def sent_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        return [m for m in self._sent.values() if chat_id is None or m.chat_id == chat_id]

    @property
    def pending_updates(self) -> list[dict]:
        return list(self._updates)

    # -- HTTP -----------------------------------------------------------------------------

    def _add_routes(self, app: web.Application) -> None:
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)

    async def _download(self, request: web.Request) -> web.Response:
        path = request.match_info["path"]
        file = next((f for f in self.user_files.values() if f.file_path == path), None)
        if request.match_info["token"] != self.token or file is None:
            return web.Response(status=404, text="Not Found")
        self.downloads[path] += 1
        return web.Response(body=file.content, content_type="application/octet-stream")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        handler = _METHODS.get(request.match_info["method"].lower())
        name = handler.__name__.removeprefix("_") if handler else request.match_info["method"]
        try:
            params = await _read_params(request)
        except ApiError as error:
            params, response = {}, self._error(error)
        else:
            await self._pass_holds(name, params)
            hang = self._hang(name)
            if hang is None or hang.delivered:
                response = await self._answer(request, handler, name, params)
            if hang is not None:  # the client's read timeout goes off; maybe it went out
                self.calls.append(Call(name, params))
                self.status_counts["timed_out"] += 1
                self._notify()
                await self._wait_hang(hang)
                request.transport.close()
                return web.Response()
        if response is None:  # Telegram is down: hang up without an answer
            self.status_counts["dropped"] += 1
            request.transport.close()
            response = web.Response()
        else:
            self.status_counts[response.status] += 1
        self.calls.append(Call(name, params))
        self._notify()
        return response

    async def _answer(self, request, handler, name: str, params: dict) -> web.Response | None:
        if self._down == "drop":
            return None
        if self._down is not None:
            return _server_error(self._down)
        if request.match_info["token"] != self.token:
            return self._error(ApiError(401, "Unauthorized"))
        for key in (name, None):
            if self._failures[key]:
                return _server_error(self._failures[key].popleft())
        try:
            if handler is None:
                raise ApiError(404, "Not Found")
            result = await handler(self, params)
        except ApiError as error:
            return self._error(error)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(error: ApiError) -> web.Response:
        body = {"ok": False, "error_code": error.status, "description": error.description}
        if error.parameters:
            body["parameters"] = error.parameters
        return web.json_response(body, status=error.status)

    # -- checks ---------------------------------------------------------------------------

    def _chat(self, params: dict) -> int:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        known = self.known_chats is None or chat_id in self.known_chats
        if not isinstance(chat_id, int) or chat_id <= 0 or not known:
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self._blocked:
            raise ApiError(403, BLOCKED)
        return chat_id

    def _text(self, text: Any, parse_mode: str | None, caption: bool = False):
        """(plain text, entities) after Telegram's parsing and length checks."""
        text = "" if text is None else str(text)
        plain, entities = text, []
        if (parse_mode or "").lower() == "html":
            try:
                plain, entities = parse_html(text, strict=self.strict_html)
            except HtmlError as error:
                raise ApiError(400, f"Bad Request: can't parse entities: {error}") from None
        if caption and len(plain) > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        if not caption and not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if not caption and len(plain) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        return plain, entities

    @staticmethod
    def _markup(markup: Any) -> dict | None:
        """The inline keyboard as a Message echoes it (reply keyboards are not echoed)."""
        if not markup:
            return None
        if not isinstance(markup, dict):
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        rows = markup.get("inline_keyboard")
        for button in itertools.chain.from_iterable(rows or []):
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return None if rows is None else {"inline_keyboard": rows}

    def _flood(self, chat_id: int) -> None:
        """Count the request, refuse it inside a ban window (again 429, and recorded in
        ``ban_violations``), else take one token from the global and the chat's bucket;
        a refusal opens a ban of ``retry_after`` seconds for its scope (bot or chat)."""
        now = self._clock()
        self.request_times.append((now, chat_id))
        for scope in (None, chat_id):
            until = self.bans.get(scope, 0.0)
            if now < until:
                self.ban_violations.append((now, chat_id, "bot" if scope is None else "chat"))
                self._refuse(math.ceil(until - now))
        if self._scripted_bans:
            retry_after, scope = self._scripted_bans.popleft()
            self.bans[None if scope == "bot" else chat_id] = now + retry_after
            self._refuse(retry_after)
        buckets = []
        for key, (rate, burst) in ((None, self._global), (chat_id, self._per_chat)):
            if rate is not None:
                buckets.append((key, self._buckets.setdefault(key, TokenBucket(rate, burst, now))))
        waits = [(bucket.wait(now), key) for key, bucket in buckets]
        wait, key = max(waits, key=lambda pair: pair[0], default=(0.0, None))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            if self.ban_on_429:
                self.bans[key] = now + retry_after
            self._refuse(retry_after)
        for _, bucket in buckets:
            bucket.tokens -= 1

    @staticmethod
    def _refuse(retry_after: int) -> None:
        raise ApiError(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )

    def ban_next(self, retry_after: int, scope: str = "bot") -> None:
        """Refuse the next message request with 429 and open a ``retry_after`` ban for
        ``scope``: "bot" (every chat) or "chat" (that request's chat)."""
        self._scripted_bans.append((retry_after, scope))

    def busiest_window(self, chat_id: int | None = None, seconds: float = 1.0) -> int:
        """The most message requests (refused ones too) in any window of ``seconds``."""
        times = sorted(t for t, chat in self.request_times if chat_id in (None, chat))
        most, start = 0, 0
        for end, stamp in enumerate(times):
            while stamp - times[start] >= seconds:
                start += 1
            most = max(most, end - start + 1)
        return most

    # -- messages -------------------------------------------------------------------------

    def _new_message(self, chat_id: int, sender: dict, content: dict) -> dict:
        self._last_message_id[chat_id] += 1
        message_id = self._last_message_id[chat_id]
        chat = {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        message = {"message_id": message_id, "date": int(time.time()), "chat": chat}
        message |= {"from": sender} | content
        self._messages[(chat_id, message_id)] = message
        return message

    def _quote(self, chat_id: int, message_id: int) -> dict:
        if (chat_id, message_id) not in self._messages:
            raise KeyError(f"no message {message_id} in chat {chat_id}")
        message = copy.deepcopy(self._messages[(chat_id, message_id)])
        message.pop("reply_to_message", None)  # Telegram never nests replies further
        return message

    def _push(self, payload: dict) -> dict:
        update = {"update_id": next(self._update_ids)} | payload
        self._updates.append(update)
        self._notify()
        return copy.deepcopy(update)

    def _send(self, params: dict, chat_id: int, content: dict, markup: dict | None) -> dict:
        reply = params.get("reply_parameters") or {}
        reply_id = reply.get("message_id", params.get("reply_to_message_id"))
        if reply_id is not None and (chat_id, reply_id) in self._messages:
            content["reply_to_message"] = self._quote(chat_id, reply_id)
        elif reply_id is not None and not (
            reply.get("allow_sending_without_reply") or params.get("allow_sending_without_reply")
        ):
            raise ApiError(400, "Bad Request: message to be replied not found")
        self._flood(chat_id)
        if markup:
            content["reply_markup"] = markup
        return self._new_message(chat_id, self.bot_user, content)

    async def _upload(self, params: dict, kind: str) -> tuple[dict, Upload]:
        chat_id = self._chat(params)
        caption = params.get("caption")
        plain, entities = self._text(caption, params.get("parse_mode"), caption=True)
        markup = self._markup(params.get("reply_markup"))
        file = params.get(kind)
        if file is None or file == "":
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        content = {"caption": plain, "caption_entities": entities} if plain else {}
        message = self._send(params, chat_id, content, markup)
        name, mime, data = file if isinstance(file, File) else (None, None, b"")
        parse_mode = params.get("parse_mode")
        upload = Upload(chat_id, message["message_id"], name, data, mime, caption, parse_mode)
        file_ids = {"file_id": f"{kind}-{message['message_id']}", "file_size": len(data)}
        file_ids["file_unique_id"] = f"u{chat_id}-{message['message_id']}"
        if kind == "photo":
            message["photo"] = [file_ids | {"width": 640, "height": 480}]
        else:
            message["document"] = file_ids | {"file_name": name, "mime_type": mime}
        return message, upload

    # -- methods (the name after "_" is the Bot API method) -------------------------------

    async def _getMe(self, params: dict) -> dict:
        return self.bot_user

    async def _getUpdates(self, params: dict) -> list[dict]:
        if self.webhook["url"]:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                           "use deleteWebhook to delete the webhook first")  # fmt: skip
        offset = params.get("offset") or 0
        if offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            self.confirmed_update_id = max(self.confirmed_update_id, offset - 1)
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older long poll gets its 409
        timeout = float(params.get("timeout") or 0)
        if self.max_long_poll is not None:
            timeout = min(timeout, self.max_long_poll)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self._updates and not self._closing and self._down is None:
            tick = self._tick
            try:
                await asyncio.wait_for(tick.wait(), deadline - loop.time())
            except TimeoutError:
                break
            if generation != self._poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                               "make sure that only one bot instance is running")  # fmt: skip
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        return copy.deepcopy(self._updates[:limit])

    async def _setWebhook(self, params: dict) -> bool:
        url = params.get("url") or ""
        if url and not url.startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.webhook = {"url": url} | {k: v for k, v in params.items() if k != "url"}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _deleteWebhook(self, params: dict) -> bool:
        self.webhook = {"url": ""}
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _getWebhookInfo(self, params: dict) -> dict:
        info = {"url": self.webhook["url"], "has_custom_certificate": False}
        return info | {"pending_update_count": len(self._updates)}

    async def _setMyCommands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[params.get("language_code") or ""] = commands
        return True

    async def _getMyCommands(self, params: dict) -> list[dict]:
        return self.commands.get(params.get("language_code") or "", [])

    async def _sendMessage(self, params: dict) -> dict:
        chat_id = self._chat(params)
        text, parse_mode = params.get("text"), params.get("parse_mode")
        plain, entities = self._text(text, parse_mode)
        markup = self._markup(params.get("reply_markup"))
        content = {"text": plain, "entities": entities} if entities else {"text": plain}
        message = self._send(params, chat_id, content, markup)
        key = (chat_id, message["message_id"])
        self._sent[key] = SentMessage(*key, text, parse_mode, markup, plain)
        return message

    def _editable(self, params: dict) -> tuple[dict, SentMessage | None]:
        chat_id = self._chat(params)
        message = self._messages.get((chat_id, params.get("message_id")))
        if message is None or message["from"] != self.bot_user:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message, self._sent.get((chat_id, message["message_id"]))

    def _apply_edit(self, message: dict, content: dict, markup: dict | None) -> dict:
        """Edit in place; omitting reply_markup removes the keyboard, as on Telegram."""
        if "text" in content and "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        after = {k: message.get(k) for k in ("text", "entities")} | content
        after["reply_markup"] = markup
        if after == {k: message.get(k) for k in after}:
            raise ApiError(400, NOT_MODIFIED)
        self._flood(message["chat"]["id"])
        for key, value in after.items():
            if value:
                message[key] = value
            else:
                message.pop(key, None)
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    async def _editMessageText(self, params: dict) -> dict:
        message, sent = self._editable(params)
        text, parse_mode = params.get("text"), params.get("parse_mode")
        plain, entities = self._text(text, parse_mode)
        markup = self._markup(params.get("reply_markup"))
        result = self._apply_edit(message, {"text": plain, "entities": entities or None}, markup)
        if sent:
            sent.text, sent.parse_mode, sent.plain_text = text, parse_mode, plain
            sent.reply_markup, sent.edits = markup, sent.edits + 1
        return result

    async def _editMessageReplyMarkup(self, params: dict) -> dict:
        message, sent = self._editable(params)
        markup = self._markup(params.get("reply_markup"))
        result = self._apply_edit(message, {}, markup)
        if sent:
            sent.reply_markup, sent.edits = markup, sent.edits + 1
        return result

    async def _answerCallbackQuery(self, params: dict) -> bool:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_queries:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired "
                           "or query ID is invalid")  # fmt: skip
        if len(params.get("text") or "") > MAX_ANSWER_TEXT:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._open_queries.discard(query_id)
        self.callback_answers.append(params)
        return True

    async def _sendPhoto(self, params: dict) -> dict:
        message, upload = await self._upload(params, "photo")
        self.photos.append(upload)
        return message

    async def _sendDocument(self, params: dict) -> dict:
        message, upload = await self._upload(params, "document")
        self.documents.append(upload)
        return message

    async def _sendChatAction(self, params: dict) -> bool:
        self._chat(params)
        return True

    async def _getFile(self, params: dict) -> dict:
        file = self.user_files.get(str(params.get("file_id") or ""))
        if file is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if file.size > MAX_DOWNLOAD:
            raise ApiError(400, "Bad Request: file is too big")
        return {
            "file_id": file.file_id,
            "file_unique_id": file.file_unique_id,
            "file_size": file.size,
            "file_path": file.file_path,
        }


_METHODS = {  # Telegram matches method names case-insensitively
    name.lower(): getattr(FakeTelegramAPI, f"_{name}")
    for name in """getMe getUpdates setWebhook deleteWebhook getWebhookInfo setMyCommands
    getMyCommands sendMessage editMessageText editMessageReplyMarkup answerCallbackQuery
    sendPhoto sendDocument sendChatAction getFile""".split()
}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _server_error(status: int) -> web.Response:
    """Telegram answers 500 in JSON; 502–504 come from its nginx as HTML."""
    if status in (502, 503, 504):
        html = _NGINX.format(f"{status} {HTTPStatus(status).phrase}")
        return web.Response(status=status, text=html, content_type="text/html")
    body = {"ok": False, "error_code": status, "description": "Internal Server Error"}
    return web.json_response(body, status=status)


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Query, JSON, form or multipart parameters, decoded as the Bot API does.

    PTB posts form fields (multipart when uploading): strings as they are, everything else
    JSON-encoded, so chat_id arrives as "42" and reply_markup as a JSON string.
    """
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json" and request.can_read_body:
        try:
            raw |= await request.json()
        except ValueError:
            raise ApiError(400, "Bad Request: can't parse JSON") from None
    elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        for key, value in (await request.post()).items():
            if isinstance(value, web.FileField):
                value = File(value.filename, value.content_type, value.file.read())
            raw[key] = value
    params = {}
    for key, value in raw.items():
        if isinstance(value, str) and key in _JSON_FIELDS:
            try:
                value = json.loads(value)
            except ValueError:
                raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
        elif isinstance(value, str) and key in _INT_FIELDS and re.fullmatch(r"-?\d+", value):
            value = int(value)
        elif isinstance(value, str) and key in _BOOL_FIELDS:
            value = value.lower() in ("true", "1")
        params[key] = value
    return params
