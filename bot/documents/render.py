"""Charts and workbooks drawn in a process of their own, so the event loop keeps serving.

A chart (matplotlib) or a workbook (openpyxl, python-docx) of a whole plan is seconds of
pure-Python CPU. In a worker thread it still shares the interpreter lock with the event
loop: every callback waits its turn for the lock, and under load the loop stalls
(bench/stalls.py: callbacks over 100 ms while a chart was drawn, and a /tonghop waiting
~18 s in debug mode behind the chart its chat asked first). In another process the
loop and its lock stay free.

``Renderer`` keeps one such process ("spawn": a fresh interpreter, no copy of the
service's loop, sockets or locks), started by ``start`` (the service's open) or else
the first time it is needed, and again after it died; it imports the drawing
libraries (``LIBRARIES``) as it starts, so the first chart or report does not wait
for them (a second or more: bench/stalls.py). It is ended on ``close`` at once, a
drawing under way or not (a stop must not wait for a big workbook). It is handed a
module-level function (pickled by name) and plain data (the figures, the rows) and
gives back the file's bytes, as the function would have.

``in_thread`` is the same interface on a worker thread, for one-shot callers (the CLI,
the demo, tests of the documents) for which a process costs more than it saves.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from bot import texts

log = logging.getLogger("nhacviec.render")
T = TypeVar("T")

# What the worker's drawings import (matplotlib, openpyxl, python-docx under them).
LIBRARIES = ("bot.documents.chart", "bot.documents.report", "bot.documents.draft")


class Render(Protocol):
    """Runs ``fn(*args, **kwargs)`` off the event loop; its result."""

    def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Awaitable[T]: ...


async def in_thread(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """``fn`` in a worker thread of this process."""
    return await asyncio.to_thread(fn, *args, **kwargs)


def _started(address: str) -> None:
    """In the worker, first: the texts address people as the service's do; Ctrl-C in a
    terminal reaches the whole process group, and the service, not the worker, stops;
    then the drawing libraries are imported."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    texts.use_address(address)
    threading.Thread(target=_end_with_parent, name="end-with-parent", daemon=True).start()
    import matplotlib

    matplotlib.use("Agg")  # no GUI backend looked for (the chart draws on Agg anyway)
    for module in LIBRARIES:
        # One that fails raises again, with its own message, in the drawing needing it;
        # the others still serve.
        with contextlib.suppress(Exception):
            importlib.import_module(module)


def _end_with_parent() -> None:
    """In the worker: exit once the service's process is gone. Killed (SIGKILL, out of
    memory) it never closes the pool, and the worker, waiting on a queue it holds both
    ends of, would wait for ever."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)


def loaded(*modules: str) -> list[str]:
    """Which of ``modules`` the process running it has imported (run by a renderer)."""
    return [module for module in modules if module in sys.modules]


class Renderer:
    """One worker process (``processes``) for the drawing of documents."""

    def __init__(self, processes: int = 1) -> None:
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the worker now (if none runs): it imports the libraries while the
        service opens, not while the first chart is waited for. Returns at once."""
        if self._pool is None:
            # A pool starts its processes with the first job: this one does nothing.
            self._running().submit(loaded)

    def _running(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_started,
                initargs=(texts.address_in_use(),),
            )
        return self._pool

    async def __call__(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
        call = functools.partial(fn, *args, **kwargs)
        loop = asyncio.get_running_loop()
        pool = self._running()
        try:
            future = loop.run_in_executor(pool, call)
        except BrokenProcessPool:  # it died while idle: nothing of this drawing ran yet
            self._lost(pool)
            pool = self._running()
            future = loop.run_in_executor(pool, call)
        try:
            return await future
        except BrokenProcessPool:  # it died drawing (killed, out of memory): a new one next
            self._lost(pool)
            raise

    def _lost(self, pool: ProcessPoolExecutor) -> None:
        log.warning("action=render_worker_lost")
        if self._pool is pool:
            self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)

    def pids(self) -> list[int]:
        """The worker processes' ids (none before ``start`` or the first drawing)."""
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
