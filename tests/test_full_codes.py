"""An assignment's full code (issue 17, point 4): "1.1@stp" typed by Sở Nội vụ's official is
refused as another agency's, never taken as their own 1.1@snv."""

from __future__ import annotations

from tests.kit import NOW, World, counts
from tests.kit.chat import Chat

PLAN_ROW = '1.1,1,Ban hành kế hoạch,"Các sở, ban, ngành",,2024-03-29,,Kế hoạch'


async def test_another_agencys_full_code_is_refused_never_redirected(db, tmp_path):
    world = World(db, tmp_path)
    await world.agencies()
    await world.people()
    await world.plan(PLAN_ROW)
    await world.link(await world.person("official", "snv"), "7", at=NOW)
    chat = Chat(db)

    for text in ("/capnhat 1.1@stp xong", "1.1@stp xong", "/giahan 1.1@stp 30/06/2024 chờ"):
        (answer,) = await chat.say("7", text)
        assert "Sở Tư pháp chủ trì" in answer, text
    (answer,) = await chat.say("7", "/capnhat 1.1@khongco xong")
    assert "1.1@khongco" in answer
    updates, statuses = await counts(db)
    assert updates == 0 and statuses["1.1@snv"].value == "not_started"

    await chat.say("7", "/capnhat 1.1@SNV xong")  # their own, in any case
    updates, statuses = await counts(db)
    assert updates == 1 and statuses["1.1@snv"].value == "done"
