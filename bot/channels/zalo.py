"""The Zalo channel: the Zalo Bot Platform API (bot-api.zaloplatforms.com) over httpx.

Zalo keeps no offset: ``getUpdates`` hands out ONE update and forgets it, and a
webhook POST is answered 200 at once. So an update is held in memory and given
to the handler (which stores it durably) again and again, with backoff, until
the handler returns; in polling mode nothing more is fetched meanwhile, so
Zalo keeps the rest. Only a stop during that wait loses it, and the log says so
(``action=update_lost``). Updates are deduplicated on ``message_id`` in a
bounded window, and again by the dispatcher on ``update_key``.

Zalo has no buttons, reply-to, edits or documents, and takes photos only by
URL. Choices become numbered options at the end of the text; a typed number
presses one of the chat's last options. With ``public_url`` a file is served
for 24 h at an unguessable URL from the same aiohttp server as the webhook (a
photo goes by ``sendPhoto``, a document as a link); without it the text says
where to get the file. Sends to one chat are paced to one per
``per_chat_interval`` seconds; Zalo publishes no rate limits, 429 has no
``retry_after``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from bot.channels.base import (
    Attachment,
    ChannelError,
    Choice,
    Incoming,
    IncomingHandler,
    Menus,
    Outgoing,
    TokenRejected,
    split_text,
)
from bot.channels.media import MediaServer, MediaStore, media_path
from bot.channels.numbered import NumberedOptions, flatten
from bot.channels.pacing import Limiter, backoff
from bot.texts import t

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://bot-api.zaloplatforms.com"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
IDLE = 408  # getUpdates: nothing arrived within the timeout
RECENT_IDS = 2000  # message ids remembered for deduplication
_SECRET = re.compile(r"[!-~]{8,256}")  # Zalo: 8-256 characters; printable ASCII for a header


class ZaloError(Exception):
    """A failed call: ``code`` is Zalo's error_code (else the HTTP status); None: no answer."""

    def __init__(self, code: int | None, description: str) -> None:
        self.code, self.description = code, description
        super().__init__(f"{code} {description}" if code else description)


class ZaloChannel:
    name = "zalo"
    max_text = 2000
    has_buttons = False
    interactive = False

    def __init__(
        self,
        token: str,
        *,
        api_url: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        listen: str = "0.0.0.0:8080",
        public_url: str | None = None,
        poll_timeout: int = 30,
        per_chat_interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        client: httpx.AsyncClient | None = None,
        lang: str = "vi",
        limiter: Limiter | None = None,
    ) -> None:
        if webhook_url and not (webhook_secret and _SECRET.fullmatch(webhook_secret)):
            raise ValueError("a Zalo webhook needs a secret of 8-256 printable ASCII characters")
        self._token, self._api = token, (api_url or DEFAULT_API_URL).rstrip("/")
        self._webhook_url, self._webhook_secret, self._listen = webhook_url, webhook_secret, listen
        self._public_url = public_url.rstrip("/") if public_url else None
        self._poll_timeout, self._sleep = poll_timeout, sleep
        # Zalo publishes no rates: Telegram's, lowered by each 429 (pacing.Limiter).
        self._limiter = limiter or Limiter(
            29, per_chat_interval, monotonic=monotonic, sleep=sleep, name=self.name
        )
        self._client, self._own_client = client, client is None
        self.media = MediaStore(monotonic=monotonic)
        self._handler: IncomingHandler | None = None
        self._server: MediaServer | None = None
        self._poll_task: asyncio.Task | None = None
        self._tasks: set[asyncio.Task] = set()  # webhook updates being handled
        self._in_handler: set[asyncio.Task] = set()  # let these finish on stop
        self._pending: set[str] = set()  # message ids being handled
        self._recent: OrderedDict[str, None] = OrderedDict()  # message ids handled
        self.numbered = NumberedOptions(footer=t(lang, "answer_by_number"))
        self._stopping = False
        self._lang = lang  # of the channel's own words (numbered options, file links)

    @property
    def port(self) -> int | None:
        """The webhook/media server's bound port (None when it does not run)."""
        return self._server.port if self._server else None

    # -- receiving ------------------------------------------------------------------------

    async def start(self, handler: IncomingHandler) -> None:
        self._handler, self._stopping = handler, False
        if self._webhook_url or self._public_url:
            self._server = MediaServer(self._listen)
            if self._public_url:
                self._server.add_media(urlsplit(self._public_url).path, self.media)
            if self._webhook_url:
                if not self._webhook_secret:  # settings refuse WEBHOOK_URL without a secret
                    raise ValueError("a webhook needs a secret")
                self._server.add_route(
                    urlsplit(self._webhook_url).path or "/",
                    self._receive,
                    secret_header=SECRET_HEADER,
                    secret=self._webhook_secret,
                )
            await self._server.start()
        try:
            if self._webhook_url:
                params = {"url": self._webhook_url, "secret_token": self._webhook_secret}
                await self._call("setWebhook", params)
            else:
                await self._call("deleteWebhook")
        except ZaloError as error:
            await self.stop()
            if error.code == 401:  # the token is wrong, retrying will not help
                raise TokenRejected("ZALO_BOT_TOKEN") from None
            raise channel_error(error) from error
        if not self._webhook_url:
            self._poll_task = asyncio.create_task(self._poll(), name="zalo-poll")
        mode = "webhook" if self._webhook_url else "polling"
        log.info("action=zalo_started mode=%s media=%s", mode, bool(self._public_url))

    async def stop(self) -> None:
        """End polling and wait for updates being handled; one waiting for a retry is lost."""
        self._stopping = True
        if self._server is not None:
            await self._server.stop()
            self._server = None
        tasks = [t for t in (self._poll_task, *self._tasks) if t is not None]
        self._poll_task = None
        for task in tasks:
            if task not in self._in_handler:
                task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self._own_client and self._client is not None:
            await self._client.aclose()
            self._client = None
        log.info("action=zalo_stopped")

    async def wait_closed(self) -> None:
        await asyncio.Event().wait()  # never: it runs until stopped

    async def _poll(self) -> None:
        failures = 0  # in a row
        while not self._stopping:
            try:
                update = await self._call(
                    "getUpdates",
                    {"timeout": str(self._poll_timeout)},
                    read_timeout=self._poll_timeout + 5,
                )
            except ZaloError as error:
                if error.code == IDLE:  # nothing arrived: ask again at once
                    failures = 0
                    continue
                failures += 1  # 401, 403, 429, 5xx, network: wait, then ask again
                delay = backoff(failures)
                log.warning(
                    "action=poll_failed error=%s failures=%s retry_in=%s", error, failures, delay
                )
                await self._sleep(delay)
                continue
            failures = 0
            if isinstance(update, dict):
                await self._deliver(update)

    async def _receive(self, body: dict) -> None:
        """A webhook POST with the right secret: answered 200 at once, handled in a task."""
        update = body.get("result") if body.get("ok") is True else body
        if not isinstance(update, dict):
            return
        task = asyncio.create_task(self._deliver(update), name="zalo-update")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver(self, update: dict) -> None:
        """Give one update to the handler until it returns: Zalo keeps no copy of it."""
        incoming = to_incoming(update)
        if incoming is None:
            log.info("action=update_ignored event=%s", update.get("event_name"))
            return
        key = incoming.update_key
        if key in self._recent or key in self._pending:
            log.info("action=update_duplicate message_id=%s", key)
            return
        incoming = await self.numbered.press(incoming)
        self._pending.add(key)
        task = asyncio.current_task()
        assert task is not None and self._handler is not None  # in a task, once started
        try:
            failures = 0
            while True:
                self._in_handler.add(task)
                try:
                    await self._handler(incoming)
                    break
                except Exception:
                    failures += 1
                    log.exception("action=update_failed message_id=%s failures=%s", key, failures)
                finally:
                    self._in_handler.discard(task)
                if self._stopping:
                    _lost(incoming)
                    return
                try:
                    await self._sleep(backoff(failures))
                except asyncio.CancelledError:
                    _lost(incoming)
                    raise
        finally:
            self._pending.discard(key)
        self._recent[key] = None
        while len(self._recent) > RECENT_IDS:
            self._recent.popitem(last=False)

    # -- sending --------------------------------------------------------------------------

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send ``message`` in parts of ≤ 2000 characters, options last; the last part's id."""
        text, attachment = message.text, message.attachment
        options = flatten(message.choices)
        photo_url = None
        if attachment is not None:
            url = self._publish(attachment)
            if url and attachment.kind == "photo":
                photo_url = url
            else:
                note = t(
                    self._lang,
                    "zalo_file_link" if url else "zalo_no_file",
                    filename=attachment.filename,
                    url=url,
                )
                text = f"{text}\n\n{note}" if text.strip() else note
        parts = self._parts(text, options)
        if photo_url is None:
            parts = parts or [text]  # an empty text: Zalo's 400 says so
        sent = ""
        async with self._limiter.lock(chat_id):
            if photo_url is not None:
                params = {"chat_id": chat_id, "photo": photo_url}
                if len(parts) == 1:
                    params["caption"] = parts.pop()
                sent = await self._paced(chat_id, "sendPhoto", params)
            for part in parts:
                sent = await self._paced(chat_id, "sendMessage", {"chat_id": chat_id, "text": part})
            await self.numbered.shown(chat_id, sent, options)
        return sent

    def _parts(self, text: str, options: list[Choice]) -> list[str]:
        parts = [part for part in split_text(text, self.max_text) if part.strip()]
        if options:
            block = self.numbered.block(options)
            if parts and len(parts[-1]) + 2 + len(block) <= self.max_text:
                parts[-1] = f"{parts[-1]}\n\n{block}"
            else:
                parts += split_text(block, self.max_text)
        return parts

    def _publish(self, attachment: Attachment) -> str | None:
        """The file's public URL for 24 h, or None without ``public_url``."""
        if self._public_url is None:
            return None
        token = self.media.put(attachment.content, attachment.filename)
        origin = self._public_url.removesuffix(urlsplit(self._public_url).path)
        path = media_path(urlsplit(self._public_url).path, token, attachment.filename)
        return origin + path

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Zalo cannot edit: the new text goes as a new message."""
        await self.send(chat_id, message)

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        return None  # no buttons, nothing to acknowledge

    async def set_commands(self, menus: Menus) -> None:
        return None  # Zalo bots have no command menu: /help lists the commands

    async def _paced(self, chat_id: str, method: str, params: dict) -> str:
        await self._limiter.acquire(chat_id)
        try:
            result = await self._call(method, params)
        except ZaloError as error:
            if error.code == 429:  # no retry_after: the limiter backs off and slows down
                self._limiter.refused(chat_id, None)
            raise channel_error(error) from error
        finally:
            self._limiter.finished(chat_id)
        self._limiter.succeeded()
        return str((result or {}).get("message_id", ""))

    # -- HTTP -----------------------------------------------------------------------------

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(30.0, connect=10.0))
        return self._client

    async def _request(self, method: str, params: dict | None = None) -> Any:
        try:
            return await self._call(method, params)
        except ZaloError as error:
            raise channel_error(error) from error

    async def _call(self, method: str, params: dict | None = None, *, read_timeout=None) -> Any:
        """POST JSON to ``{api}/bot{token}/{method}``; the envelope's result, or ZaloError."""
        url = f"{self._api}/bot{self._token}/{method}"
        options = {} if read_timeout is None else {"timeout": read_timeout}
        try:
            response = await self._http().post(url, json=params or {}, **options)
        except httpx.HTTPError as exc:  # the token is in the URL: never log the exception's URL
            raise ZaloError(None, f"{method}: {type(exc).__name__}") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and body.get("ok") is True:
            return body.get("result")
        status = response.status_code if response.is_error else None
        if not isinstance(body, dict):
            raise ZaloError(status, f"{method}: HTTP {response.status_code}, not JSON")
        code = body.get("error_code")
        code = int(code) if isinstance(code, int | str) and str(code).isdigit() else status
        raise ZaloError(code, f"{method}: {body.get('description') or 'error'}")


# -- mapping ------------------------------------------------------------------------------


def to_incoming(update: dict) -> Incoming | None:
    """A private chat's message (``text=""`` unless a text); None without a chat, from a
    bot, or in a group."""
    message = update.get("message")
    if not isinstance(message, dict):
        return None
    sender: dict = message["from"] if isinstance(message.get("from"), dict) else {}
    chat: dict = message["chat"] if isinstance(message.get("chat"), dict) else {}
    chat_id = chat.get("id") or sender.get("id")
    group = str(chat.get("chat_type") or "PRIVATE").upper() != "PRIVATE"
    if not chat_id or group or sender.get("is_bot") is True:
        return None
    event = update.get("event_name")
    text = message.get("text") if event in ("message.text.received", None) else None
    message_id = message.get("message_id")
    if message_id:
        key = str(message_id)
    else:  # no id (seen with protected senders): a resend hashes the same
        key = "h" + hashlib.sha1(json.dumps(update, sort_keys=True).encode()).hexdigest()[:24]
    return Incoming(
        channel="zalo",
        chat_id=str(chat_id),
        update_key=key,
        received_at=_from_ms(message.get("date")),
        sender_name=str(sender.get("display_name") or sender.get("first_name") or ""),
        text=text if isinstance(text, str) else "",
        message_id=str(message_id) if message_id else None,
        raw=update,
    )


def channel_error(error: ZaloError) -> ChannelError:
    """403 blocked; other 4xx but 401, 408, 429 bad_request; those, 5xx and no answer retry."""
    code, detail = error.code, str(error)
    if code == 403:
        return ChannelError("blocked", detail)
    if code is not None and 400 <= code < 500 and code not in (401, IDLE, 429):
        return ChannelError("bad_request", detail)
    return ChannelError("retry", detail)  # 429: Zalo gives no retry_after


def _from_ms(value: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return datetime.now(UTC)


def _lost(incoming: Incoming) -> None:
    log.error(
        "action=update_lost chat_id=%s message_id=%s text=%r",
        incoming.chat_id,
        incoming.update_key,
        incoming.text[:200],
    )
