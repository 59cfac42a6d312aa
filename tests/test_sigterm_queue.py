"""SIGTERM with a long queue to one chat: ``nhacviec run`` stops and frees what it claimed.

Hundreds of nudges due at once to one official make one check-in of many pages, which go
out one a second (the per-chat limit), so a round takes tens of seconds. SIGTERM in the
middle must not wait for it: the process exits within 5 s, after the page in flight, and
the nudges it had claimed but not sent are due again at once (not held for the five-minute
lease, not counted as a try). Started again, it sends the rest, and nothing twice.
``bench/sigterm.py`` prints the stop time over several runs.
"""

from __future__ import annotations

from tests.fakes.telegram_api import FakeTelegramAPI
from tests.kit.long_queue import LongQueue

TASKS = 300
STOP_WITHIN = 5.0  # seconds: what an operator restarting the service would notice


async def test_sigterm_with_a_long_queue_to_one_chat_exits_and_frees_the_claims(tmp_path):
    async with FakeTelegramAPI(max_long_poll=0.5, per_chat_rate=None) as api:
        queue = LongQueue(tmp_path, api, TASKS)
        await queue.prepare()
        stopped = await queue.stop(pages=3)
        assert stopped.returncode == 0, stopped.stderr
        print(f"\nSIGTERM to exit: {stopped.took:.2f} s; {stopped.pages} pages before it")
        assert stopped.took < STOP_WITHIN
        states = queue.states()
        assert len(states) == TASKS
        assert not [s for s in states if s[0] == "claimed"]  # nothing held for the lease
        released = [s for s in states if s[0] == "planned"]
        assert released, "the whole queue went out: the stop waited for the round"
        assert all(by is None and attempts == 0 for _, by, attempts, _m in released)
        # Every page that went out is recorded with its nudges (none to be sent twice).
        pages = {m for state, _c, _a, m in states if state == "sent"}
        assert len(pages) == stopped.pages and len(pages) >= 3

        await queue.resume()  # the simulated clock starts at the same minute: no lease over
    states = queue.states()
    assert all(state == "sent" for state, *_ in states)
    mentions = queue.mentions()
    assert sorted(mentions) == list(range(1, TASKS + 1))  # every task told
    assert set(mentions.values()) == {1}, "a task was told twice"
