"""The fake Bot API and its load generator in a process of their own (for bench/replies.py).

Telegram's servers do not share the bot's CPU, so the bench keeps the fake out
of the measured process. Started as ``python -m bench.telegram_load``, it prints
one JSON line (url, token) and then answers JSON commands, one per line:

- ``{"op": "run", "batch": [[chat, text, reply_to], ...], "rate": r}``: push message
  ``i`` at ``start + i / r`` s (``r`` null: all at once) and wait until every chat
  got as many answers as it was sent messages; answers ``{"wall", "rps",
  "latencies"}`` (ms, scheduled push → the fake recording the answer, in order per
  chat). A push running late keeps its scheduled time, so a busy bot shows as latency.
- ``{"op": "stats"}``: ``{"recorded", "sent", "statuses"}`` over everything so far.
- ``{"op": "quit"}``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections import defaultdict

from tests.fakes.telegram_api import FakeTelegramAPI


class TimedAPI(FakeTelegramAPI):
    """The fake, also stamping (perf_counter) each recorded sendMessage, per chat."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.answers: defaultdict[int, list[float]] = defaultdict(list)
        self.expected, self.answered, self.done, self._seen = 0, 0, asyncio.Event(), 0

    def _notify(self) -> None:
        for call in self.calls[self._seen :]:
            if call.method == "sendMessage":
                self.answers[call.params["chat_id"]].append(time.perf_counter())
                self.answered += 1
        self._seen = len(self.calls)
        if self.expected and self.answered >= self.expected:
            self.done.set()
        super()._notify()


async def run(api: TimedAPI, batch: list, rate: float | None) -> dict:
    api.answers.clear()
    api.expected, api.answered, api.done = len(batch), 0, asyncio.Event()
    pushed: defaultdict[int, list[float]] = defaultdict(list)
    start = time.perf_counter()
    for i, (chat, text, reply_to) in enumerate(batch):
        at = start + i / rate if rate else start
        if (wait := at - time.perf_counter()) > 0:
            await asyncio.sleep(wait)
        push = api.push_command if text.startswith("/") else api.push_message
        push(chat, text, reply_to_message_id=reply_to)
        pushed[chat].append(at)
    await asyncio.wait_for(api.done.wait(), 60 + len(batch) / 5)
    latencies = [
        (answered - sent) * 1000
        for chat, times in pushed.items()
        for sent, answered in zip(times, api.answers[chat], strict=True)
    ]
    wall = max(max(times) for times in api.answers.values()) - start
    return {"wall": wall, "rps": len(batch) / wall, "latencies": latencies}


async def main() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**24)  # a batch is one long line
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    async with TimedAPI(per_chat_rate=None, global_rate=None) as api:
        print(json.dumps({"url": api.url, "token": api.token}), flush=True)
        while line := await reader.readline():
            command = json.loads(line)
            if command["op"] == "run":
                answer = await run(api, command["batch"], command["rate"])
            elif command["op"] == "stats":
                texts = [m.plain_text for m in api.sent_messages()]
                answer = {
                    "recorded": sum("Đã ghi nhận" in text for text in texts),
                    "sent": len(texts),
                    "statuses": {str(k): v for k, v in api.status_counts.items()},
                }
            else:
                break
            print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
