"""A Delivery that records what it was handed and answers as scripted."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from scheduler.delivery import DeliveryResult, NudgeToSend


class RecordingDelivery:
    """Implements ``scheduler.delivery.Delivery``.

    ``answer(nudge, now)`` decides each result (default: sent, with a fresh
    message id); ``delay`` yields to the event loop so concurrent sweeps interleave.
    """

    def __init__(
        self,
        answer: Callable[[NudgeToSend, datetime], DeliveryResult] | None = None,
        *,
        channel: str = "recording",
        delay: float = 0.0,
    ) -> None:
        self.delivered: list[tuple[NudgeToSend, datetime]] = []
        self._answer = answer
        self._channel = channel
        self._delay = delay

    async def deliver(self, nudge: NudgeToSend, now: datetime) -> DeliveryResult:
        if self._delay:
            await asyncio.sleep(self._delay)
        self.delivered.append((nudge, now))
        if self._answer is not None:
            return self._answer(nudge, now)
        return DeliveryResult.sent(self._channel, str(len(self.delivered)))

    def sent_ids(self) -> list[int]:
        return [n.nudge_id for n, _ in self.delivered]
