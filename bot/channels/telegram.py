"""The Telegram channel: python-telegram-bot v22 as transport, our own update loop.

No update is lost. An update is confirmed to Telegram (the next getUpdates
``offset``, or a 200 answer to a webhook POST) only after the handler returned,
and the handler stores it durably. A getUpdates batch is handed over at once (the
handler stores it in one go); when the handler raises for one update, the offset
stops there: it and those after it are fetched and handed over again after a
backoff, never skipped. So an update may be handled twice; ``Incoming.update_key``
dedupes.

A photo, document or voice message is fetched at once (getFile, then the file
URL) into the ``evidence`` folder before the handler sees it, its caption as the
text; ``Incoming.media`` says what was kept or why not (a type that is not
evidence, over the size limit, or the download failed).

Texts are plain; they go out as HTML with every part escaped. Every send and edit
passes the token's one ``Limiter`` (``bot.channels.pacing``): under 30 in any second,
one per ``per_chat_interval`` per chat, and nothing during the ``retry_after`` of a
429, which surfaces as ``ChannelError("retry", retry_after=…)`` and a warning.
PTB's own ``AIORateLimiter`` is not used: its leaky bucket admits bursts over 30/s.
"""

from __future__ import annotations

import asyncio
import dataclasses
import html
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, ReplyParameters, Update
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application

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
from bot.channels.health import board
from bot.channels.media import EvidenceFolder, Received, content_type_of
from bot.channels.pacing import Limiter, backoff
from bot.channels.telegram_http import AiohttpRequest
from bot.channels.webhook import WebhookServer

# PTB reads this on each access: RetryAfter.retry_after becomes a timedelta, without the
# deprecation warning. ``_timedelta`` still accepts the int an explicit "false" gives.
os.environ.setdefault("PTB_TIMEDELTA", "true")

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
ALLOWED_UPDATES = ["message", "callback_query"]
# Updates fetched at once: parsing each costs about half a millisecond, all in one step
# of the loop, so a backlog comes in slices of this size rather than Telegram's 100.
POLL_LIMIT = 25
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_CAPTION, MAX_CALLBACK_DATA, MAX_ANSWER_TEXT = 1024, 64, 200
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND_SUFFIX = re.compile(r"^(/[A-Za-z0-9_]+)@[A-Za-z0-9_]+\b")


class TelegramChannel:
    name = "telegram"
    max_text = 4096
    has_buttons = True
    interactive = False

    def __init__(
        self,
        token: str,
        *,
        api_url: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        listen: str = "0.0.0.0:8080",
        poll_timeout: int = 30,
        per_chat_interval: float = 1.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        limiter: Limiter | None = None,
        read_timeout: float = 5.0,
        evidence: EvidenceFolder | None = None,
    ) -> None:
        if webhook_url and not (webhook_secret and _SECRET.fullmatch(webhook_secret)):
            raise ValueError("a webhook needs a secret of 1-256 characters A-Z a-z 0-9 _ -")
        api = (api_url or DEFAULT_API_URL).rstrip("/")
        self._app = (
            Application.builder()
            .token(token)
            .base_url(f"{api}/bot")
            .base_file_url(f"{api}/file/bot")
            .request(request := AiohttpRequest(read_timeout=read_timeout))
            .get_updates_request(updates_request := AiohttpRequest(connections=1))
            .updater(None)
            .job_queue(None)
            .build()
        )
        self._requests = (request, updates_request)
        self._webhook_url, self._webhook_secret = webhook_url, webhook_secret
        self._listen, self._poll_timeout = listen, poll_timeout
        self._sleep = sleep
        # Just under Telegram's 30/s: equal budgets turn arrival jitter into 429s.
        self._limiter = limiter or Limiter(
            29, per_chat_interval, monotonic=monotonic, sleep=sleep, name=self.name
        )
        self.username: str | None = None
        self.evidence = evidence  # where photos, documents and voice go (None: refused)
        self._handler: IncomingHandler | None = None
        self._server: WebhookServer | None = None
        self._poll_task: asyncio.Task | None = None
        self._offset = 0  # the next update_id to fetch: every update below it was handled
        self._confirmed = 0  # the offset last sent to Telegram
        self._busy = False  # the poll loop is inside the handler: let it finish
        self._stopping = False

    @property
    def port(self) -> int | None:
        """The webhook server's bound port (None when polling)."""
        return self._server.port if self._server else None

    # -- receiving ------------------------------------------------------------------------

    async def start(self, handler: IncomingHandler) -> None:
        self._handler, self._stopping = handler, False
        try:
            await self._app.initialize()  # getMe
        except InvalidToken:  # 401/404: the token is wrong, retrying will not help
            for request in self._requests:  # opened by initialize, left open by its failure
                await request.shutdown()
            raise TokenRejected("TELEGRAM_BOT_TOKEN") from None
        except TelegramError as exc:
            raise channel_error(exc) from exc
        await self._app.start()
        self.username = self._app.bot.username
        bot = self._app.bot
        if self._webhook_url:
            self._server = WebhookServer(self._listen)
            path = urlsplit(self._webhook_url).path or "/"
            secret = self._webhook_secret
            if not secret:  # settings refuse WEBHOOK_URL without WEBHOOK_SECRET
                raise ValueError("a webhook needs a secret")
            self._server.add_route(path, self._receive, secret_header=SECRET_HEADER, secret=secret)
            await self._server.start()
            await _call(
                bot.set_webhook,
                url=self._webhook_url,
                secret_token=self._webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        else:
            await _call(bot.delete_webhook, drop_pending_updates=False)
            self._poll_task = asyncio.create_task(self._poll(), name="telegram-poll")
        mode = "webhook" if self._webhook_url else "polling"
        log.info("action=telegram_started bot=%s mode=%s", self.username, mode)

    async def stop(self) -> None:
        """End the loop (a handler running is let finish); unhandled updates stay pending."""
        self._stopping = True
        task, self._poll_task = self._poll_task, None
        if task is not None:
            if not self._busy:
                task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                current = asyncio.current_task()
                if current is not None and current.cancelling():
                    raise
            await self._confirm()
        if self._server is not None:
            await self._server.stop()
            self._server = None
        if self._app.running:
            await self._app.stop()
        await self._app.shutdown()
        log.info("action=telegram_stopped offset=%s", self._offset)

    async def wait_closed(self) -> None:
        await asyncio.Event().wait()  # never: it runs until stopped

    async def _poll(self) -> None:
        fetch_failures = handler_failures = 0  # in a row
        while not self._stopping:
            try:
                updates = await self._app.bot.get_updates(
                    offset=self._offset or None,
                    limit=POLL_LIMIT,
                    timeout=self._poll_timeout,
                    allowed_updates=ALLOWED_UPDATES,
                )
            except TelegramError as exc:  # 5xx, timeouts, drops, 429, Conflict, InvalidToken
                fetch_failures += 1
                board.trouble(self.name, exc)
                await self._sleep(_poll_delay(exc, fetch_failures))
                continue
            fetch_failures, self._confirmed = 0, self._offset
            board.ok(self.name)
            if not updates or self._stopping:
                continue
            if await self._handle(updates):
                handler_failures = 0
            else:
                handler_failures += 1
                await self._sleep(backoff(handler_failures))  # then fetch the rest again

    async def _handle(self, updates: Sequence[Update]) -> bool:
        """Hand the batch over at once (the handler stores it together); the offset moves
        past the updates handled before the first failure, which is fetched again."""
        self._busy = True
        try:
            results = await asyncio.gather(
                *(self._deliver(update) for update in updates), return_exceptions=True
            )
        finally:
            self._busy = False
        for update, result in zip(updates, results, strict=True):
            if isinstance(result, BaseException):
                log.error("action=update_failed update_id=%s", update.update_id, exc_info=result)
                return False
            self._offset = update.update_id + 1
        return True

    async def _confirm(self) -> None:
        """Tell Telegram what was handled since the last getUpdates (fewer repeats)."""
        if self._offset <= self._confirmed:
            return
        try:
            async with asyncio.timeout(2):
                await self._app.bot.get_updates(
                    offset=self._offset, timeout=0, limit=1, allowed_updates=ALLOWED_UPDATES
                )
            self._confirmed = self._offset
        except (TelegramError, TimeoutError) as exc:
            log.warning("action=confirm_failed offset=%s error=%r", self._offset, exc)

    async def _receive(self, body: dict) -> None:
        await self._deliver(Update.de_json(body, self._app.bot))

    async def _deliver(self, update: Update) -> None:
        incoming = to_incoming(update)
        if incoming is None:
            log.debug("action=update_ignored update_id=%s", update.update_id)
            return
        assert self._handler is not None  # set by ``start`` before any update is read
        found = media_of(update)
        if found is not None:
            received = await self._download(*found)
            incoming = dataclasses.replace(incoming, media=received.to_dict())
        await self._handler(incoming)

    async def _download(
        self, kind: str, file_id: str, filename: str, content_type: str, size: int | None
    ) -> Received:
        """Fetch a file the user sent into the evidence folder (or say why not)."""
        folder = self.evidence
        if folder is None:
            return Received(kind, filename, content_type, size or 0, refused="download")
        checked = folder.check(kind, filename, content_type, size)
        if checked.refused is not None:  # the type, or the size Telegram said
            return checked
        try:
            file = await self._app.bot.get_file(file_id)
            if file.file_size is not None and file.file_size > folder.max_bytes:
                return folder.check(kind, filename, content_type, file.file_size)
            content = bytes(await file.download_as_bytearray())
        except BadRequest as exc:  # "file is too big": over the 20 MB bots may download
            log.warning("action=media_not_downloaded kind=%s error=%s", kind, exc)
            reason = "too_big" if "too big" in str(exc).lower() else "download"
            return folder.refused(kind, filename, content_type, reason)
        except TelegramError as exc:
            log.warning("action=media_not_downloaded kind=%s error=%r", kind, exc)
            return folder.refused(kind, filename, content_type, "download")
        try:
            return await asyncio.to_thread(folder.save, kind, content, filename, content_type)
        except OSError as exc:  # the folder is not writable: said to the sender, logged here
            log.error("action=media_not_saved folder=%s error=%r", folder.root, exc)
            return folder.refused(kind, filename, content_type, "download")

    # -- sending --------------------------------------------------------------------------

    async def send(self, chat_id: str, message: Outgoing) -> str:
        """Send ``message``, split into parts of ≤ 4096 characters; the last part's id."""
        markup = keyboard(message.choices)
        text, attachment = message.text, message.attachment
        parts = split_text(text, self.max_text) if text or not attachment else []
        parts = [part for part in parts if part.strip()] or parts[:1]
        reply = None
        if message.reply_to:
            reply = ReplyParameters(int(message.reply_to), allow_sending_without_reply=True)
        sent = None
        async with self._limiter.lock(chat_id):
            if attachment is not None:
                caption = None
                if text and len(text) <= MAX_CAPTION:
                    caption, parts = text, []
                sent = await self._paced(
                    chat_id, self._upload, chat_id, attachment, caption, reply,
                    None if parts else markup,
                )  # fmt: skip
                reply = None
            for index, part in enumerate(parts):
                sent = await self._paced(
                    chat_id,
                    self._app.bot.send_message,
                    chat_id=int(chat_id),
                    text=_html(part),
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup if index == len(parts) - 1 else None,
                    reply_parameters=reply if index == 0 else None,
                )
        assert sent is not None  # split_text gives at least one part
        return str(sent.message_id)

    async def _upload(self, chat_id, attachment: Attachment, caption, reply, markup):
        bot = self._app.bot
        method = bot.send_photo if attachment.kind == "photo" else bot.send_document
        return await method(
            int(chat_id),
            attachment.content,
            filename=attachment.filename,
            caption=_html(caption) if caption else None,
            parse_mode=ParseMode.HTML if caption else None,
            reply_markup=markup,
            reply_parameters=reply,
        )

    async def edit(self, chat_id: str, message_id: str, message: Outgoing) -> None:
        """Replace the text; no choices removes the keyboard. Unchanged content is fine."""
        markup = keyboard(message.choices)
        if len(message.text) > self.max_text:
            raise ValueError(f"an edited text may have at most {self.max_text} characters")
        async with self._limiter.lock(chat_id):
            try:
                await self._paced(
                    chat_id,
                    self._app.bot.edit_message_text,
                    chat_id=int(chat_id),
                    message_id=int(message_id),
                    text=_html(message.text),
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                )
            except ChannelError as error:
                if "message is not modified" not in error.detail.lower():
                    raise

    async def answer_choice(self, incoming: Incoming, text: str = "") -> None:
        """Stop the client's spinner; a query too old (handled after a restart) is let go."""
        if incoming.choice_ref is None:
            return
        try:
            await _call(
                self._app.bot.answer_callback_query,
                callback_query_id=incoming.choice_ref,
                text=text[:MAX_ANSWER_TEXT] or None,
            )
        except ChannelError as error:
            if error.kind != "bad_request" or "query is too old" not in error.detail.lower():
                raise
            log.info("action=choice_answer_expired ref=%s", incoming.choice_ref)

    async def set_commands(self, menus: Menus, *, default_language: str = "vi") -> None:
        """The command menu per language code; ``default_language``'s also with no code."""
        for language, pairs in menus.items():
            menu = [BotCommand(name, description) for name, description in pairs]
            codes = [None, language] if language == default_language else [language]
            for code in codes:
                await _call(self._app.bot.set_my_commands, commands=menu, language_code=code)

    async def _paced(self, chat: str, method: Callable[..., Awaitable], /, *args, **kwargs):
        """``method`` once the limiter lets a request to ``chat`` go; a 429 bans the bot."""
        await self._limiter.acquire(chat)
        try:
            result = await method(*args, **kwargs)
        except RetryAfter as exc:
            self._limiter.refused(chat, _timedelta(exc.retry_after).total_seconds())
            raise channel_error(exc) from exc
        except TelegramError as exc:
            raise channel_error(exc) from exc
        finally:
            self._limiter.finished(chat)
        self._limiter.succeeded()
        return result


# -- mapping ------------------------------------------------------------------------------


def to_incoming(update: Update) -> Incoming | None:
    """A private chat's text message or button press; None for anything else."""
    key, raw = str(update.update_id), update.to_dict()
    query = update.callback_query
    if query is not None:
        if query.message is None or query.data is None or query.message.chat.type != "private":
            return None
        return Incoming(
            chat_id=str(query.message.chat.id),
            received_at=datetime.now(UTC),  # a callback query carries no date
            sender_name=query.from_user.full_name,
            choice_data=query.data,
            choice_ref=query.id,
            choice_message_id=str(query.message.message_id),
            reply_to_text=getattr(query.message, "text", None) or "",
            channel="telegram",
            update_key=key,
            raw=raw,
        )
    message = update.message
    if message is None or message.chat.type != "private":
        return None
    text = message.text
    if text is None and media_of(update) is not None:
        text = message.caption or ""  # a caption is read like any reply
    if text is None:
        return None
    quoted = message.reply_to_message
    return Incoming(
        chat_id=str(message.chat.id),
        received_at=message.date.astimezone(UTC),
        sender_name=message.from_user.full_name if message.from_user else "",
        text=_COMMAND_SUFFIX.sub(r"\1", text, count=1),
        message_id=str(message.message_id),
        reply_to_message_id=str(quoted.message_id) if quoted else None,
        channel="telegram",
        update_key=key,
        raw=raw,
        reply_to_text=(quoted.text or quoted.caption or "") if quoted else "",
    )


def media_of(update: Update) -> tuple[str, str, str, str, int | None] | None:
    """(kind, file_id, file name, content type, size Telegram said) of a photo (its
    largest size), document or voice message; None for anything else."""
    message = update.message
    if message is None:
        return None
    if message.photo:
        photo = message.photo[-1]
        name = f"anh-telegram-{photo.file_unique_id}.jpg"
        return "photo", photo.file_id, name, "image/jpeg", photo.file_size
    if message.document is not None:
        doc = message.document
        name = doc.file_name or f"tep-telegram-{doc.file_unique_id}"
        return "document", doc.file_id, name, content_type_of(name, doc.mime_type), doc.file_size
    if message.voice is not None:
        voice = message.voice
        name = f"ghi-am-telegram-{voice.file_unique_id}.ogg"
        kind = content_type_of(name, voice.mime_type)
        return "voice", voice.file_id, name, kind, voice.file_size
    return None


def keyboard(choices: tuple[tuple[Choice, ...], ...]) -> InlineKeyboardMarkup | None:
    """One button row per row of choices; ValueError for data Telegram would refuse."""
    for choice in (choice for row in choices for choice in row):
        if not 1 <= len(choice.data.encode()) <= MAX_CALLBACK_DATA:
            raise ValueError(f"choice data must be 1-64 UTF-8 bytes: {choice.data!r}")
    rows = [[InlineKeyboardButton(c.label, callback_data=c.data) for c in row] for row in choices]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def channel_error(exc: TelegramError) -> ChannelError:
    detail = str(exc)
    kind: Literal["blocked", "bad_request"]
    if isinstance(exc, RetryAfter):
        return ChannelError("retry", detail, _timedelta(exc.retry_after))
    if isinstance(exc, Forbidden):
        return ChannelError("blocked", detail)
    if isinstance(exc, BadRequest):  # before NetworkError: BadRequest is one
        kind = "blocked" if "chat not found" in detail.lower() else "bad_request"
        return ChannelError(kind, detail)
    if isinstance(exc, NetworkError | InvalidToken):  # 5xx, timeouts, drops; a token to fix
        return ChannelError("retry", detail)
    return ChannelError("bad_request", detail)


async def _call(method: Callable[..., Awaitable], *args, **kwargs):
    try:
        return await method(*args, **kwargs)
    except TelegramError as exc:
        raise channel_error(exc) from exc


def _poll_delay(exc: TelegramError, failures: int) -> float:
    if isinstance(exc, RetryAfter):
        delay = _timedelta(exc.retry_after).total_seconds()
    else:
        delay = backoff(failures)
    action = "poll_conflict" if isinstance(exc, Conflict) else "poll_failed"
    log.warning("action=%s error=%r failures=%s retry_in=%s", action, exc, failures, delay)
    return delay


def _timedelta(value: timedelta | float) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=value)


def _html(text: str) -> str:
    return html.escape(text, quote=False)
