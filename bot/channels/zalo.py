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
presses one of the chat's last options (kept in the database when the service
gives ``numbered`` a memory, so a restart keeps them). With ``public_url`` a file
is served for ``file_link_seconds`` (minutes) at an unguessable URL from the
same aiohttp server as the webhook, and removed after its first download (a
photo goes by ``sendPhoto``: Zalo fetches it; a document as a link); without
it the text says where to get the file. Sends to one chat are paced to one
per ``per_chat_interval`` seconds; Zalo publishes no rate limits, 429 has no
``retry_after``.

As documented in 2026 (shared/reference/chat-platforms.md, "2026 update"):
texts go with ``parse_mode="html"`` (heading, codes and titles in bold,
``bot.channels.zalo_format``) and, when Zalo refuses a formatted send, again as
plain text, formatting then off for the channel. ``setWebhook`` answers with
the probe's ``verification``: unless its outcome is ``webhook.ok`` start-up
stops with ``StartRefused`` naming the outcome and the fix (no false "webhook
mode"); an answer without one is checked with ``testWebhook``, whose daily
quota (426) leaves the webhook unverified, said in the log and in ``health``.
Both ``error_code`` and ``errorCode`` are read. 401 (token invalid) stops the
channel: polling ends, sends fail at once as ``retry`` (the ledger keeps the
nudges), ``health`` says ``token_rejected`` and ``on_health`` is told (the
service tells coordinators on another channel). 403 is "Internal server
error" in Zalo's table: retried, not read as a block.
"""

from __future__ import annotations

import asyncio
import dataclasses
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

from bot.channels import zalo_format
from bot.channels.base import (
    Attachment,
    ChannelError,
    Choice,
    Incoming,
    IncomingHandler,
    Menus,
    Outgoing,
    StartRefused,
    TokenRejected,
    split_text,
)
from bot.channels.health import board
from bot.channels.media import (
    EvidenceFolder,
    MediaServer,
    MediaStore,
    Received,
    content_type_of,
    media_path,
)
from bot.channels.numbered import NumberedOptions, flatten
from bot.channels.pacing import Limiter, backoff
from bot.texts import t

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://bot-api.zaloplatforms.com"
SECRET_HEADER = "X-Bot-Api-Secret-Token"
IDLE = 408  # getUpdates: nothing arrived within the timeout
RECENT_IDS = 2000  # message ids remembered for deduplication
_SECRET = re.compile(r"[!-~]{8,256}")  # Zalo: 8-256 characters; printable ASCII for a header
TOKEN_INVALID = 401
QUOTA_TEST_WEBHOOK = 426  # testWebhook's daily quota is used up
FILE_LINK_SECONDS = 600.0  # how long a file link lives when nobody downloads it
# setWebhook's verification outcomes (2026) → the text that says what to do
WEBHOOK_FIXES = {
    "webhook.http.403": "zalo_webhook_fix_403",
    "webhook.http.404": "zalo_webhook_fix_404",
    "webhook.http.5xx": "zalo_webhook_fix_5xx",
    "webhook.http.other": "zalo_webhook_fix_other",
    "webhook.err.tls": "zalo_webhook_fix_tls",
    "webhook.err.unreachable": "zalo_webhook_fix_unreachable",
}
HealthListener = Callable[[str, str], Awaitable[None]]  # (channel name, health)


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
        file_link_seconds: float = FILE_LINK_SECONDS,
        on_health: HealthListener | None = None,
        evidence: EvidenceFolder | None = None,
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
        self.media = MediaStore(file_link_seconds, monotonic=monotonic, once=True)
        # "ok", "token_rejected" (401: stopped until the token is fixed), or
        # "webhook_unverified" (testWebhook over its quota): read by the service.
        self.health = "ok"
        self.on_health = on_health
        self._formatting = True  # off after Zalo refused a formatted send
        self.evidence = evidence  # where photos and voice messages go (None: refused)
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
        self.health = "ok"
        try:
            if self._webhook_url:
                params = {"url": self._webhook_url, "secret_token": self._webhook_secret}
                result = await self._call("setWebhook", params)
                await self._check_webhook(result)
            else:
                await self._call("deleteWebhook")
        except ZaloError as error:
            await self.stop()
            if error.code == TOKEN_INVALID:  # the token is wrong, retrying will not help
                raise TokenRejected("ZALO_BOT_TOKEN") from None
            raise channel_error(error) from error
        except StartRefused:
            await self.stop()
            raise
        if not self._webhook_url:
            self._poll_task = asyncio.create_task(self._poll(), name="zalo-poll")
        mode = "webhook" if self._webhook_url else "polling"
        log.info("action=zalo_started mode=%s media=%s", mode, bool(self._public_url))

    async def _check_webhook(self, result: Any) -> None:
        """Stop start-up unless Zalo's probe reached the webhook (it keeps the URL anyway)."""
        verification = result.get("verification") if isinstance(result, dict) else None
        if not isinstance(verification, dict):  # an older answer: ask for the probe again
            try:
                verification = await self._call("testWebhook")
            except ZaloError as error:
                if error.code != QUOTA_TEST_WEBHOOK:
                    raise
                self.health = "webhook_unverified"
                log.warning("action=zalo_webhook_unverified reason=test_quota code=426")
                return
        if not isinstance(verification, dict) or verification.get("ok") is True:
            return
        outcome = str(verification.get("outcome") or "webhook.http.other")
        hint = str(verification.get("hint") or "")
        log.error(
            "action=zalo_webhook_refused outcome=%s url=%s hint=%r",
            outcome,
            verification.get("url") or self._webhook_url,
            hint,
        )
        fix = t(self._lang, WEBHOOK_FIXES.get(outcome, "zalo_webhook_fix_any"), hint=hint)
        raise StartRefused(
            "zalo_webhook_refused", outcome=outcome, url=self._webhook_url or "", fix=fix
        )

    async def _reject_token(self, where: str) -> None:
        """401 while running: retrying never helps. Stop asking, say it once."""
        if self.health == "token_rejected":
            return
        self.health = "token_rejected"
        log.error(
            "action=zalo_token_rejected where=%s fix=%r",
            where,
            "check ZALO_BOT_TOKEN (reset in Zalo Bot Manager?) and restart the service",
        )
        if self.on_health is not None:
            try:
                await self.on_health(self.name, self.health)
            except Exception:
                log.exception("action=health_listener_failed")

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
                    board.ok(self.name)
                    continue
                if error.code == TOKEN_INVALID:  # stop polling: the token must be fixed
                    board.trouble(self.name, error)
                    await self._reject_token("getUpdates")
                    return
                failures += 1  # 403, 429, 5xx, network: wait, then ask again
                board.trouble(self.name, error)
                delay = backoff(failures)
                log.warning(
                    "action=poll_failed error=%s failures=%s retry_in=%s", error, failures, delay
                )
                await self._sleep(delay)
                continue
            failures = 0
            board.ok(self.name)
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
        self._pending.add(key)
        if (found := media_of(update)) is not None:  # now: the URL expires
            # A caption is a reply, never a number pressing an option: the file comes first.
            received = await self._download(*found)
            incoming = dataclasses.replace(incoming, media=received.to_dict())
        else:
            incoming = await self.numbered.press(incoming)
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

    async def _download(self, kind: str, url: str, filename: str) -> Received:
        """Fetch a photo or voice message into the evidence folder (or say why not)."""
        folder = self.evidence
        guessed = content_type_of(filename)
        if folder is None:
            return Received(kind, filename, guessed, 0, refused="download")
        checked = folder.check(kind, filename, guessed, None)
        if checked.refused is not None:
            return checked
        try:
            async with self._http().stream("GET", url, timeout=30.0) as response:
                if response.status_code != 200:
                    raise httpx.HTTPStatusError("", request=response.request, response=response)
                content_type = content_type_of(filename, response.headers.get("content-type"))
                said = response.headers.get("content-length")
                if said and said.isdigit() and int(said) > folder.max_bytes:
                    return folder.check(kind, filename, content_type, int(said))
                content = bytearray()
                async for chunk in response.aiter_bytes():
                    content += chunk
                    if len(content) > folder.max_bytes:
                        return folder.check(kind, filename, content_type, len(content))
        except httpx.HTTPError as exc:
            log.warning("action=media_not_downloaded kind=%s error=%s", kind, type(exc).__name__)
            return folder.refused(kind, filename, guessed, "download")
        if content_type == "application/octet-stream":
            content_type = guessed
        try:
            save = folder.save
            return await asyncio.to_thread(save, kind, bytes(content), filename, content_type)
        except OSError as exc:  # the folder is not writable: said to the sender, logged here
            log.error("action=media_not_saved folder=%s error=%r", folder.root, exc)
            return folder.refused(kind, filename, content_type, "download")

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
                    "zalo_file_link_once" if url else "zalo_no_file",
                    filename=attachment.filename,
                    url=url,
                    minutes=max(1, round(self.media.ttl / 60)),
                )
                text = f"{text}\n\n{note}" if text.strip() else note
        parts = self._parts(text, options, message.first_number, message.numbers_in_text)
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
                sent = await self._send_text(chat_id, part)
            await self.numbered.shown(chat_id, sent, options, message.first_number)
        return sent

    async def _send_text(self, chat_id: str, text: str) -> str:
        """One part, formatted while Zalo takes it; refused formatted, again as plain text."""
        styled = zalo_format.html_text(text) if self._formatting else None
        if styled is not None:
            params = {"chat_id": chat_id, "text": styled, "parse_mode": zalo_format.PARSE_MODE}
            try:
                return await self._paced(chat_id, "sendMessage", params)
            except ChannelError as error:
                if error.kind != "bad_request":
                    raise
                refused = error.detail
        plain = await self._paced(chat_id, "sendMessage", {"chat_id": chat_id, "text": text})
        if styled is not None:  # the plain text went where the formatted one did not
            self._formatting = False
            log.warning("action=zalo_formatting_off error=%s", refused)
        return plain

    def _parts(
        self, text: str, options: list[Choice], start: int = 1, listed: bool = False
    ) -> list[str]:
        parts = [part for part in split_text(text, self.max_text) if part.strip()]
        if options:
            block = self.numbered.block(options, start, listed=listed)
            if parts and len(parts[-1]) + 2 + len(block) <= self.max_text:
                parts[-1] = f"{parts[-1]}\n\n{block}"
            else:
                parts += split_text(block, self.max_text)
        return parts

    def _publish(self, attachment: Attachment) -> str | None:
        """The file's public URL until its first download or ``file_link_seconds``, or None
        without ``public_url``."""
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
        if self.health == "token_rejected":  # nothing reaches Zalo until the token is fixed
            raise ChannelError("retry", f"{method}: zalo channel stopped: ZALO_BOT_TOKEN rejected")
        await self._limiter.acquire(chat_id)
        try:
            result = await self._call(method, params)
        except ZaloError as error:
            if error.code == 429:  # no retry_after: the limiter backs off and slows down
                self._limiter.refused(chat_id, None)
            if error.code == TOKEN_INVALID:
                await self._reject_token(method)
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
        code = body.get("error_code", body.get("errorCode"))  # both spellings occur
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
    if event == "message.image.received":  # a caption is read like any reply
        text = message.get("caption")
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


def media_of(update: dict) -> tuple[str, str, str] | None:
    """(kind, URL, file name) of an image or voice message; None for anything else."""
    message = update.get("message") or {}
    event = update.get("event_name")
    if event == "message.image.received":
        kind, url = "photo", message.get("photo_url") or message.get("photo")
    elif event == "message.voice.received":
        kind, url = "voice", message.get("voice_url")
    else:
        return None
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    name = urlsplit(url).path.rsplit("/", 1)[-1]
    if "." not in name:
        name = f"{name or 'zalo'}.{'jpg' if kind == 'photo' else 'aac'}"
    prefix = "anh" if kind == "photo" else "ghi-am"
    return kind, url, f"{prefix}-zalo-{name}"


def channel_error(error: ZaloError) -> ChannelError:
    """4xx bad_request but 401, 403, 408, 429; those, 5xx and no answer retry.

    403 is "Internal server error" in Zalo's own table (2026): not a block.
    """
    code, detail = error.code, str(error)
    if code is not None and 400 <= code < 500 and code not in (401, 403, IDLE, 429):
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
