"""What the fake Telegram and Zalo servers share: an aiohttp server on a free loopback
port, the switches a test flips (blocked chats, failures, timeouts with or without the
call taking effect, an outage), and waiting for
the bot's calls. Each platform's fake adds its methods, checks and limits."""

from __future__ import annotations

import asyncio
import socket
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import web


@dataclass
class Hang:
    """A request answered by silence for ``seconds`` (then a hang-up): the client times
    out. ``delivered``: the platform did what was asked all the same."""

    delivered: bool
    seconds: float


@dataclass(eq=False)
class Hold:
    """One call held back by the test (``FakeBotServer.hold``): forces an interleaving."""

    method: str
    match: Callable[[dict], bool]
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self) -> None:
        self.released.set()


class FakeBotServer:
    max_body = 10 * 2**20  # bytes a request may carry

    def __init__(self) -> None:
        self.calls: list = []  # the platform's Call records, once answered
        self._blocked: set = set()
        self._failures: dict[str | None, deque] = defaultdict(deque)
        self._hangs: dict[str | None, deque[Hang]] = defaultdict(deque)
        self._down: int | str | None = None  # "drop" or an HTTP status while down
        self._holds: list[Hold] = []
        self._closing = False
        self._tick = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def __aenter__(self):
        app = web.Application(client_max_size=self.max_body)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._add_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        await web.SockSite(self._runner, sock).start()
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._closing = True  # long polls return at once
        self._notify()
        await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        raise NotImplementedError

    def _add_routes(self, app: web.Application) -> None:
        """More routes of a platform's fake (its file downloads); none by default."""

    # -- switches -------------------------------------------------------------------------

    def block_chat(self, chat_id) -> None:
        self._blocked.add(chat_id)

    def unblock_chat(self, chat_id) -> None:
        self._blocked.discard(chat_id)

    def fail_next(self, method: str | None, status: int | str = 500, count: int = 1) -> None:
        """Answer the next ``count`` calls of ``method`` (None = any) with ``status``."""
        self._failures[method].extend([status] * count)

    def time_out_next(
        self, method: str | None, *, delivered: bool, seconds: float = 30.0, count: int = 1
    ) -> None:
        """The next ``count`` calls of ``method`` (None = any) get no answer for ``seconds``
        (or until the server closes): with ``delivered`` the call took effect first."""
        self._hangs[method].extend([Hang(delivered, seconds)] * count)

    def hold(self, method: str, match: Callable[[dict], bool]) -> Hold:
        """Hold the next call of ``method`` whose parameters ``match`` until released:
        ``reached`` is set when it arrives, ``release()`` lets it be answered."""
        hold = Hold(method, match)
        self._holds.append(hold)
        return hold

    async def _pass_holds(self, method: str, params: dict) -> None:
        for hold in self._holds:
            if hold.method == method and not hold.reached.is_set() and hold.match(params):
                hold.reached.set()
                await hold.released.wait()
                return

    def _hang(self, method: str) -> Hang | None:
        for key in (method, None):
            if self._hangs[key]:
                return self._hangs[key].popleft()
        return None

    async def _wait_hang(self, hang: Hang) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + hang.seconds
        while not self._closing and loop.time() < deadline:
            tick = self._tick
            try:
                await asyncio.wait_for(tick.wait(), deadline - loop.time())
            except TimeoutError:
                break

    def go_down(self, status: int | None = None) -> None:
        """The platform is down: drop every connection (None) or answer ``status`` to all."""
        self._down = status or "drop"
        self._notify()

    def come_back(self) -> None:
        self._down = None

    # -- waiting --------------------------------------------------------------------------

    async def wait_for(
        self,
        predicate: Callable | str,
        timeout: float = 5.0,  # noqa: ASYNC109 - a plain argument reads best in tests
        *,
        since: int = 0,
    ):
        """The first call from ``calls[since:]`` matching ``predicate`` (or a method name).

        Calls are recorded once answered, refused ones too (see ``status_counts``).
        """
        if isinstance(predicate, str):
            method = predicate

            def predicate(call) -> bool:
                return call.method == method

        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        index = since
        while True:
            for call in self.calls[index:]:
                if predicate(call):
                    return call
            index = len(self.calls)
            remaining = deadline - loop.time()
            if remaining <= 0:
                seen = [(c.method, getattr(c, "status", "")) for c in self.calls[since:]]
                raise TimeoutError(f"no matching call within {timeout} s; calls: {seen}")
            tick = self._tick
            try:
                await asyncio.wait_for(tick.wait(), remaining)
            except TimeoutError:
                pass

    def _notify(self) -> None:
        self._tick.set()
        self._tick = asyncio.Event()
