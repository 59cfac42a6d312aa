"""python-telegram-bot's HTTP layer on aiohttp instead of httpx.

PTB lets the transport be swapped (``BaseRequest``); everything else (the Bot
API methods, parsing, errors, the rate limiter) stays PTB's. aiohttp is already
what the webhook server runs on, and a request costs the event loop less than
half of what httpx costs (bench/replies.py), which is what a morning of replies
is made of. Proxies come from the environment (``HTTPS_PROXY``), as with httpx.
"""

from __future__ import annotations

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    def __init__(
        self,
        *,
        connections: int = 16,
        read_timeout: float = 5.0,
        connect_timeout: float = 5.0,
        media_timeout: float = 20.0,
    ) -> None:
        self._connections = connections
        self._read, self._connect, self._media = read_timeout, connect_timeout, media_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float:
        return self._read

    async def initialize(self) -> None:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
                trust_env=True,
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
            self._session = None  # a PTB Application may be initialised again

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout=BaseRequest.DEFAULT_NONE,
        write_timeout=BaseRequest.DEFAULT_NONE,
        connect_timeout=BaseRequest.DEFAULT_NONE,
        pool_timeout=BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:  # usable before ``initialize``, as PTB's own is
            await self.initialize()
        files = request_data.multipart_data if request_data else None
        data: aiohttp.FormData | dict | None = None
        if files and request_data is not None:
            # File names as UTF-8, as browsers and PTB's httpx send them: aiohttp's default
            # percent-encodes them, and Telegram would show "Q%C4%90-12.pdf" for "QĐ-12.pdf".
            data = aiohttp.FormData(quote_fields=False)
            for name, value in request_data.json_parameters.items():
                data.add_field(name, value)
            for name, (filename, content, mimetype) in files.items():
                data.add_field(name, content, filename=filename, content_type=mimetype)
        elif request_data is not None:
            data = request_data.json_parameters
        read = _seconds(read_timeout, self._media if files else self._read)
        connect = _seconds(connect_timeout, self._connect)
        # Waiting for a free connection counts as connecting: nothing was sent yet.
        pool = _seconds(pool_timeout, self._connect)
        timeout = aiohttp.ClientTimeout(connect=pool, sock_connect=connect, sock_read=read)
        session = self._session
        assert session is not None  # made by ``initialize`` above
        try:
            async with session.request(method, url, data=data, timeout=timeout) as answer:
                return answer.status, await answer.read()
        except TimeoutError as error:
            raise TimedOut from error
        except aiohttp.ClientError as error:
            raise NetworkError(f"aiohttp.{type(error).__name__}: {error}") from error


def _seconds(value, default: float) -> float | None:
    return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value
