"""A small aiohttp server for the channels' webhooks (Telegram, Zalo).

Each route is a POST path with a secret header. A request whose secret is
missing or wrong gets 403 and is not processed. A valid one has its JSON body
handed to the route's handler, which stores it durably; only then is it
answered 200. When the handler raises the answer is 500, so the platform sends
the update again: nothing is lost. An empty body (a platform's probe) gets 200.

GET routes serve what is not a platform's: ``/healthz`` rides on every webhook server
of the process (``serve_everywhere``), so a reverse proxy or a load balancer can ask
the port it already forwards.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)

BodyHandler = Callable[[dict], Awaitable[None]]
GetHandler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_everywhere: dict[str, GetHandler] = {}  # path → handler, added to each server made


def serve_everywhere(path: str, handler: GetHandler) -> Callable[[], None]:
    """Serve GET ``path`` on every ``WebhookServer`` made from now on; returns the undo."""
    _everywhere[path] = handler

    def undo() -> None:
        if _everywhere.get(path) is handler:
            del _everywhere[path]

    return undo


def parse_listen(listen: str) -> tuple[str, int]:
    """``"HOST:PORT"`` (``"[::1]:8080"`` for IPv6) → (host, port)."""
    host, sep, port = listen.rpartition(":")
    if not sep or not port.isdigit():
        raise ValueError(f"listen address {listen!r} is not HOST:PORT")
    return host.strip("[]") or "0.0.0.0", int(port)


class WebhookServer:
    """``add_route`` before ``start``; ``port`` is the bound port (useful with port 0)."""

    def __init__(self, listen: str) -> None:
        self.host, self._port = parse_listen(listen)
        self._app = web.Application(client_max_size=10 * 2**20)
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        self.paths: list[str] = []  # the GET routes
        for path, handler in _everywhere.items():
            self.add_get(path, handler)

    def add_get(self, path: str, handler: GetHandler) -> None:
        self._app.router.add_get(path, handler, allow_head=False)
        self.paths.append(path)

    def add_route(
        self, path: str, handler: BodyHandler, *, secret_header: str, secret: str
    ) -> None:
        async def receive(request: web.Request) -> web.Response:
            given = request.headers.get(secret_header, "")
            if not hmac.compare_digest(given.encode(), secret.encode()):
                log.warning("action=webhook_refused path=%s remote=%s", path, request.remote)
                return web.Response(status=403, text="forbidden")
            raw = await request.read()
            if not raw.strip():
                return web.Response(text="ok")
            try:
                body = json.loads(raw)
            except ValueError:
                body = None
            if not isinstance(body, dict):
                log.warning("action=webhook_bad_body path=%s", path)
                return web.Response(status=400, text="bad request")
            try:
                await handler(body)
            except Exception:
                log.exception("action=webhook_handler_failed path=%s", path)
                return web.Response(status=500, text="try again")
            return web.Response(text="ok")

        self._app.router.add_post(path, receive)

    async def start(self) -> None:
        self._runner = web.AppRunner(self._app, access_log=None, shutdown_timeout=5.0)
        await self._runner.setup()
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self._port))
        except OSError:
            sock.close()
            await self._runner.cleanup()
            raise
        await web.SockSite(self._runner, sock).start()
        self.port = sock.getsockname()[1]
        log.info("action=webhook_listening host=%s port=%s", self.host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
