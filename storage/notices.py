"""Notices: one message to one person that no chat turn carries (an operator's import
told to the people it concerns), delivered as a part of the day's ``notice`` run.

A notice is a ``digest_parts`` row like a digest's part, so the digest runner
(``scheduler.digest.deliver_due_parts``, after every sweep round) claims it with a lease,
sends it once, retries it with backoff and records the outcome. Its recipient key is
``"<person id>:<key>"``: the key (``extension:17``) makes the notice of one thing once,
however often it is planned.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update

from storage.db import Session, upsert_insert
from storage.digests import plan_parts
from storage.models import DigestRun

NOTICE_KIND = "notice"


def recipient_key(person_id: int, key: str) -> str:
    return f"{person_id}:{key}"


def person_of(recipient: str) -> int:
    """The person a part goes to: a digest's recipient is the id, a notice's starts with it."""
    return int(recipient.partition(":")[0])


async def plan_notice(
    session: Session, person_id: int, key: str, text: str, day: date, at: datetime
) -> None:
    """``text`` to ``person_id``, due at ``at`` (``day``: its local day); once per ``key``."""
    await session.execute(
        upsert_insert(session, DigestRun)
        .values(kind=NOTICE_KIND, day=day, since=at, created_at=at)
        .on_conflict_do_nothing(index_elements=["kind", "day"])
    )
    run = await session.scalar(
        select(DigestRun.id).where(DigestRun.kind == NOTICE_KIND, DigestRun.day == day)
    )
    assert run is not None
    # The run is undelivered again until this part goes out.
    await session.execute(update(DigestRun).where(DigestRun.id == run).values(delivered_at=None))
    await plan_parts(session, run, [(recipient_key(person_id, key), text)], at)
