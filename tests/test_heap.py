"""The service freezes its start-up heap: full collections skip it (issue 16, point 4)."""

from __future__ import annotations

import gc

from bot.app.builder import build_service
from bot.app.settings import Settings
from scheduler.clock import ManualClock
from tests.fakes.recording_channel import RecordingChannel
from tests.kit import local


async def test_an_open_service_keeps_its_start_up_objects_out_of_full_collections(db):
    service = build_service(Settings(), db, ManualClock(local(2024, 3, 6, 8, 0)),
                            channels={"telegram": RecordingChannel("telegram")})  # fmt: skip
    before = object.__new__(type("Kept", (), {}))  # tracked: a class instance with a dict
    await service.open()
    try:
        assert gc.get_freeze_count() > 10_000  # the modules, the metadata, the channels
        assert before not in gc.get_objects(generation=2)  # frozen, not walked again
    finally:
        await service.close(1)
    assert gc.get_freeze_count() == 0  # given back when the service closes
