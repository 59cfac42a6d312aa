"""Charts and reports are drawn in a process of their own (issue 16, point 4): in a thread
they shared the interpreter lock with the event loop, which stalled while they were made."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.app.builder import build_service
from bot.app.settings import Settings
from bot.documents.render import Renderer, loaded
from scheduler.clock import ManualClock
from storage.enums import Channel
from storage.models import ChatLink, Person
from tests.fakes.recording_channel import RecordingChannel
from tests.kit.summary_plan import build_plan

NOW = datetime(2024, 3, 20, 2, 0, tzinfo=UTC)


def whose() -> bytes:
    """Run by the renderer: the process it ran in."""
    return str(os.getpid()).encode()


def forever(started: str) -> bytes:
    """Run by the renderer: a drawing that never ends, once it wrote ``started``."""
    Path(started).write_text("drawing")
    threading.Event().wait()
    return b""


async def until(condition, tries: int = 500) -> bool:
    """Whether ``condition()`` came true, looked at every 10 ms for at most 5 s."""
    for _ in range(tries):
        if condition():
            return True
        await asyncio.to_thread(threading.Event().wait, 0.01)
    return False


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's end waits for a reaper that may be slow)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


# A service process in short: its renderer started and ready, then waiting to be killed.
SERVICE = """
import asyncio
from bot.documents.render import Renderer, loaded

async def main():
    renderer = Renderer()
    renderer.start()
    await renderer(loaded)
    print(renderer.pids()[0], flush=True)
    await asyncio.sleep(60)

asyncio.run(main())
"""


def failing() -> bytes:
    raise ValueError("no figures")


async def test_the_renderer_runs_in_one_other_process_started_when_first_needed():
    renderer = Renderer()
    assert renderer.pids() == []  # nothing started by building it
    try:
        pid = int(await renderer(whose))
        assert pid != os.getpid() and renderer.pids() == [pid]
        assert int(await renderer(whose)) == pid  # kept for the next drawing
        with pytest.raises(ValueError, match="no figures"):  # the caller's error, as in a thread
            await renderer(failing)
        assert int(await renderer(whose)) == pid
    finally:
        renderer.close()
    assert renderer.pids() == []


async def test_closing_ends_a_drawing_under_way_at_once(tmp_path):
    renderer = Renderer()
    pid = int(await renderer(whose))
    started = tmp_path / "started"
    drawing = asyncio.ensure_future(renderer(forever, str(started)))
    assert await until(started.exists)  # the worker is in the middle of it
    renderer.close()
    # The worker is gone (a stop does not wait for a big workbook), its caller told so.
    with pytest.raises(BrokenProcessPool):
        await asyncio.wait_for(drawing, 5)
    assert await until(lambda: not alive(pid)), "the worker still runs after close"


async def test_a_killed_worker_is_replaced_by_the_next_drawing(tmp_path):
    renderer = Renderer()
    try:
        idle = int(await renderer(whose))
        os.kill(idle, signal.SIGKILL)
        assert await until(lambda: not alive(idle))
        # Killed while idle: the next drawing had not started, a new worker draws it.
        drawing = int(await renderer(whose))
        assert drawing != idle
        started = tmp_path / "started"
        lost = asyncio.ensure_future(renderer(forever, str(started)))
        assert await until(started.exists)
        os.kill(drawing, signal.SIGKILL)
        with pytest.raises(BrokenProcessPool):  # killed drawing: its caller is told
            await asyncio.wait_for(lost, 5)
        assert int(await renderer(whose)) not in (idle, drawing)
    finally:
        renderer.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_ends_with_its_service_killed():
    service = subprocess.Popen(
        [sys.executable, "-c", SERVICE], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        cwd=Path(__file__).parent.parent, text=True,
    )  # fmt: skip
    try:
        assert service.stdout is not None
        worker = int(service.stdout.readline())
        assert running(worker)
        service.kill()  # no close: nothing tells the worker to stop
        service.wait()
        for _ in range(500):  # at most 5 s
            if not running(worker):
                break
            threading.Event().wait(0.01)
        assert not running(worker), "the worker outlived its service"
    finally:
        service.kill()
        service.wait()


async def test_an_open_service_has_its_worker_ready_before_the_first_report(db):
    service = build_service(Settings(), db, ManualClock(NOW),
                            channels={"console": RecordingChannel()})  # fmt: skip
    await service.open()
    try:
        # Started by opening, before any chart or report was asked for; the libraries
        # were imported as it started (else the first chart waits a second or more).
        (worker,) = service.renderer.pids()
        libraries = ["matplotlib", "openpyxl", "docx"]
        assert await service.renderer(loaded, *libraries) == libraries
        assert service.renderer.pids() == [worker]
    finally:
        await service.close(1)
    assert await until(lambda: not alive(worker)), "the worker still runs after close"


async def test_the_services_chart_and_report_are_drawn_outside_its_process(db, tmp_path):
    await build_plan(db, tmp_path)
    async with db.unit_of_work() as session:
        person = await session.scalar(select(Person).where(Person.role == "coordinator").limit(1))
        assert person is not None
        session.add(ChatLink(person_id=person.id, channel=Channel.CONSOLE, chat_id="coord",
                             linked_at=NOW))  # fmt: skip
    channel = RecordingChannel()
    service = build_service(Settings(), db, ManualClock(NOW), channels={"console": channel})
    try:
        await service.dispatcher.receive(channel.incoming("coord", "/bieudo", "k1"))
        chart = channel.sent[-1][1].attachment
        assert chart is not None and chart.content.startswith(b"\x89PNG")
        (worker,) = service.renderer.pids()
        assert worker != os.getpid()
        await service.dispatcher.receive(channel.incoming("coord", "/baocao", "k2"))
        report = channel.sent[-1][1].attachment
        assert report is not None and report.content.startswith(b"PK")  # an XLSX is a zip
        assert service.renderer.pids() == [worker]
    finally:
        await service.close(1)
    assert service.renderer.pids() == []
