"""Charts and workbooks drawn in a process of their own, so the event loop keeps serving.

A chart (matplotlib) or a workbook (openpyxl, python-docx) of a whole plan is seconds of
pure-Python CPU. In a worker thread it still shares the interpreter lock with the event
loop: every callback waits its turn for the lock, and under load the loop stalls
(bench/stalls.py: callbacks over 100 ms while a chart was drawn, and a /tonghop waiting
~18 s in debug mode behind the chart its chat asked first). In another process the
loop and its lock stay free.

``Renderer`` keeps one such process, started the first time it is needed ("spawn": a
fresh interpreter, no copy of the service's loop, sockets or locks) and ended on
``close`` at once, a drawing under way or not (a stop must not wait for a big
workbook). It is handed a module-level function (pickled by name) and plain data (the
figures, the rows) and gives back the file's bytes, as the function would have.

``in_thread`` is the same interface on a worker thread, for one-shot callers (the CLI,
the demo, tests of the documents) for which a process costs more than it saves.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import multiprocessing
import signal
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from bot import texts

log = logging.getLogger("nhacviec.render")
T = TypeVar("T")


class Render(Protocol):
    """Runs ``fn(*args, **kwargs)`` off the event loop; its result."""

    def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Awaitable[T]: ...


async def in_thread(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn`` in a worker thread of this process."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def _started(address: str) -> None:
    """In the worker, first: the texts address people as the service's do; Ctrl-C in a
    terminal reaches the whole process group, and the service, not the worker, stops."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    texts.use_address(address)


class Renderer:
    """One worker process (``processes``), started lazily, for the drawing of documents."""

    def __init__(self, processes: int = 1) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    async def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        pool = self._pool
        if pool is None:
            pool = self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_started,
                initargs=(texts.address_in_use(),),
            )
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(pool, functools.partial(fn, *args, **kwargs))
        except BrokenProcessPool:  # the worker died (killed, out of memory): a new one next
            log.warning("action=render_worker_lost")
            if self._pool is pool:
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
            raise

    def pids(self) -> list[int]:
        """The worker processes' ids (none before the first drawing)."""
        processes = getattr(self._pool, "_processes", None) or {}
        return sorted(processes)

    def close(self) -> None:
        """End the worker now, whatever it is drawing (its caller gets an error)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        # Python 3.14 has pool.terminate_workers(); before it, the processes are terminated
        # one by one (shutdown alone would wait for the drawing under way at exit).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
