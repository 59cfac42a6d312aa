"""SIGTERM with a long queue to one chat (issue 16, point 4): how long ``nhacviec run`` takes
to exit, and what becomes of the nudges it had claimed.

The scenario of ``tests/test_sigterm_queue.py`` (``tests.kit.long_queue``): ``--tasks``
tasks due the same morning to one official, whose check-in goes out over many pages, one a
second (Telegram's per-chat limit, the channel's limiter as shipped). ``nhacviec run`` is a
real subprocess against the fake Bot API (in this process). Each of ``--repeat`` runs starts
it, sends SIGTERM once ``--pages`` pages are out, and times the exit; it counts the queue's
nudges still claimed (held for the lease) and released (due again at once). Then the
service is started once more until the queue is sent: the time to its first page, and
whether any task was told twice. Target: every exit within 5 s, none left claimed, none
told twice.

    .venv/bin/python -m bench.sigterm [--tasks 1000] [--repeat 5] [--pages 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
from pathlib import Path

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit.long_queue import LongQueue


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", type=int, default=2)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs at the start")
    took = []
    with tempfile.TemporaryDirectory(prefix="nhacviec-bench-") as tmp:
        async with FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api:
            queue = LongQueue(Path(tmp), api, args.tasks)
            await queue.prepare()
            for run in range(1, args.repeat + 1):
                stopped = await queue.stop(pages=args.pages)
                states = queue.states()
                claimed = sum(1 for s in states if s[0] == "claimed")
                released = sum(1 for s in states if s[0] == "planned")
                sent = sum(1 for s in states if s[0] == "sent")
                took.append(stopped.took)
                print(f"run {run}: SIGTERM to exit {stopped.took:5.2f} s (exit status "
                      f"{stopped.returncode}); {stopped.pages} pages out in the run; nudges "
                      f"sent {sent}, claimed {claimed}, released {released}")  # fmt: skip
                if not released:
                    break  # the queue is out: nothing left to stop in the middle of
            first = await queue.resume()
            states = queue.states()
            twice = sum(1 for n in queue.mentions().values() if n > 1)
            told = len(queue.mentions())
    print(f"SIGTERM to exit over {len(took)} runs: median {statistics.median(took):.2f} s, "
          f"worst {max(took):.2f} s (target under 5 s)")  # fmt: skip
    left = sum(1 for s in states if s[0] != "sent")
    print(f"started again: first page after {first:.2f} s; {told} of {args.tasks} tasks told, "
          f"{twice} told twice; {left} nudges not sent")  # fmt: skip
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    asyncio.run(main())
