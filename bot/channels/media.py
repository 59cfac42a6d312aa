"""Files served by unguessable URL for a limited time (Zalo takes photos only by URL).

``MediaStore`` keeps the bytes in memory under ``secrets.token_urlsafe(24)``
(192 random bits) for ``ttl`` seconds of an injectable monotonic clock; with
``once`` a file is removed by its first download (Zalo's ``sendPhoto`` fetch,
or the person's tap on the link). The store is lost on restart, as are its
links. ``MediaServer`` is the webhook server with one more route,
``GET {prefix}/media/{token}/{filename}``: an unknown, expired or already
downloaded token, or another file name, is a 404.

Media in: ``EvidenceFolder`` writes the photos, documents and voice messages
users send (downloaded by their channel at once: Zalo's URLs expire) into
``NHACVIEC_EVIDENCE_DIR``, refusing types that are not evidence and files over
the size limit; ``Received`` is what the conversation is told.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import re
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from aiohttp import web

from bot.channels.webhook import WebhookServer

DAY = 24 * 3600.0


@dataclass(frozen=True)
class MediaItem:
    content: bytes
    filename: str
    expires: float  # on the store's monotonic clock, seconds

    @property
    def content_type(self) -> str:
        return mimetypes.guess_type(self.filename)[0] or "application/octet-stream"


class MediaStore:
    """At most ``max_items`` files (the oldest go first), each for ``ttl`` seconds."""

    def __init__(
        self,
        ttl: float = DAY,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        max_items: int = 500,
        once: bool = False,
    ) -> None:
        self.ttl, self._monotonic, self._max, self.once = ttl, monotonic, max_items, once
        self._items: OrderedDict[str, MediaItem] = OrderedDict()

    def put(self, content: bytes, filename: str) -> str:
        """Keep ``content``; returns the token of its URL."""
        self._purge()
        token = secrets.token_urlsafe(24)
        self._items[token] = MediaItem(content, filename, self._monotonic() + self.ttl)
        while len(self._items) > self._max:
            self._items.popitem(last=False)
        return token

    def get(self, token: str, filename: str) -> MediaItem | None:
        item = self._items.get(token)
        if item is None or item.filename != filename:
            return None
        if self._monotonic() >= item.expires:
            del self._items[token]
            return None
        return item

    def take(self, token: str, filename: str) -> MediaItem | None:
        """``get``, and with ``once`` the file is gone for the next request."""
        item = self.get(token, filename)
        if item is not None and self.once:
            del self._items[token]
        return item

    def __len__(self) -> int:
        return len(self._items)

    def _purge(self) -> None:
        now = self._monotonic()
        for token in [t for t, item in self._items.items() if now >= item.expires]:
            del self._items[token]


def media_path(prefix: str, token: str, filename: str) -> str:
    """The URL path of a stored file under ``prefix`` ("" or "/zalo")."""
    return f"{prefix.rstrip('/')}/media/{token}/{quote(filename, safe='')}"


class MediaServer(WebhookServer):
    """The webhook server, also serving a ``MediaStore`` (add routes before ``start``)."""

    def add_media(self, prefix: str, store: MediaStore) -> None:
        async def serve(request: web.Request) -> web.Response:
            token, filename = request.match_info["token"], request.match_info["filename"]
            # A HEAD (a link preview looking) does not use the one download up.
            item = (store.get if request.method == "HEAD" else store.take)(token, filename)
            if item is None:
                return web.Response(status=404, text="not found")
            kind = item.content_type
            disposition = "inline" if kind.startswith("image/") else "attachment"
            headers = {
                "Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(item.filename)}",
                "Cache-Control": "private, no-store",
                "X-Robots-Tag": "noindex",
            }
            return web.Response(body=item.content, content_type=kind, headers=headers)

        self._app.router.add_get(f"{prefix.rstrip('/')}/media/{{token}}/{{filename}}", serve)


# -- media in: evidence files downloaded at once ------------------------------------------

MB = 2**20
# What is taken as evidence: photos, PDF, Word/Excel/OpenDocument files, voice messages.
ACCEPTED_TYPES = frozenset(
    """image/jpeg image/png image/webp image/heic image/heif image/gif application/pdf
    application/msword application/vnd.ms-excel
    application/vnd.openxmlformats-officedocument.wordprocessingml.document
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    application/vnd.oasis.opendocument.text application/vnd.oasis.opendocument.spreadsheet
    audio/aac audio/ogg audio/mpeg audio/mp4 audio/x-m4a audio/amr audio/opus""".split()
)
_UNSAFE = re.compile(r"[^\w.\-]+", re.UNICODE)


@dataclass(frozen=True)
class Received:
    """A file a user sent, as the conversation sees it (``Incoming.media``, JSON-able).

    ``refused`` is None when the file was written to ``path``; else why not:
    ``too_big`` (over ``limit`` bytes), ``type`` (not taken as evidence) or
    ``download`` (the platform's file could not be fetched).
    """

    kind: str  # photo | document | voice
    filename: str
    content_type: str
    size: int
    path: str | None = None
    refused: str | None = None
    limit: int = 0

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Received:
        return cls(**data)


def content_type_of(filename: str, given: str | None = None) -> str:
    """The type a platform gave, else the one the file name says."""
    given = (given or "").split(";", 1)[0].strip().lower()
    return given or mimetypes.guess_type(filename)[0] or "application/octet-stream"


class EvidenceFolder:
    """Writes received files under ``root`` (``NHACVIEC_EVIDENCE_DIR``), at most
    ``max_bytes`` each, of the ``ACCEPTED_TYPES`` only; names never collide and never
    leave the folder (the sender's file name is kept only as its readable tail)."""

    def __init__(self, root: str | Path, max_bytes: int = 20 * MB) -> None:
        self.root, self.max_bytes = Path(root).resolve(), max_bytes

    def check(self, kind: str, filename: str, content_type: str, size: int | None) -> Received:
        """A refusal decided before downloading (type, or the size the platform said),
        else a ``Received`` with ``path`` None: go on and download."""
        base = Received(kind, filename, content_type, size or 0, limit=self.max_bytes)
        if content_type not in ACCEPTED_TYPES:
            return dataclasses.replace(base, refused="type")
        if size is not None and size > self.max_bytes:
            return dataclasses.replace(base, refused="too_big")
        return base

    def refused(self, kind: str, filename: str, content_type: str, reason: str) -> Received:
        return Received(kind, filename, content_type, 0, refused=reason, limit=self.max_bytes)

    def save(self, kind: str, content: bytes, filename: str, content_type: str) -> Received:
        checked = self.check(kind, filename, content_type, len(content))
        if checked.refused is not None:
            return checked
        self.root.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        tail = _UNSAFE.sub("_", filename)[-80:].lstrip(".") or "file"
        path = self.root / f"{stamp}-{secrets.token_hex(6)}-{tail}"
        partial = path.with_name(path.name + ".part")
        partial.write_bytes(content)
        partial.replace(path)  # whole or not at all
        return dataclasses.replace(checked, path=str(path))
