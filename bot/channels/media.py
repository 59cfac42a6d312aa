"""Files served by unguessable URL for a limited time (Zalo takes photos only by URL).

``MediaStore`` keeps the bytes in memory under ``secrets.token_urlsafe(24)``
(192 random bits) for ``ttl`` seconds of an injectable monotonic clock; the
store is lost on restart, as are its links. ``MediaServer`` is the webhook
server with one more route, ``GET {prefix}/media/{token}/{filename}``: an
unknown or expired token, or another file name, is a 404.
"""

from __future__ import annotations

import mimetypes
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
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
    ) -> None:
        self.ttl, self._monotonic, self._max = ttl, monotonic, max_items
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
            item = store.get(request.match_info["token"], request.match_info["filename"])
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
