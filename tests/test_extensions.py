"""Extension decisions as storage operations: the same for the chat and any other caller."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from storage import extensions
from storage.enums import ExtensionState, Status
from storage.models import Assignment, ExtensionRequest, Person, ProgressUpdate
from storage.progress import request_extension
from tests.kit import local
from tests.kit.summary_plan import build_plan

NOW = local(2024, 3, 20, 9)
LATER = local(2024, 3, 20, 10)


@pytest.fixture
async def plan(db, tmp_path):
    await build_plan(db, tmp_path)
    return db


async def first(session, role: str, short_code: str) -> Person:
    return await session.scalar(
        select(Person)
        .where(Person.role == role, Person.agency.has(short_code=short_code))
        .order_by(Person.id)
        .limit(1)
    )


async def ask(db, code: str, short_code: str, new_deadline: date) -> tuple[int, int, int]:
    """An official asks for ``new_deadline``; (request id, official id, coordinator id)."""
    async with db.unit_of_work() as session:
        official = await first(session, "official", short_code)
        coordinator = await first(session, "coordinator", "snv")
        assignment = await session.scalar(select(Assignment).where(Assignment.code == code))
        _recorded, request = await request_extension(
            session, assignment, official.id, NOW, new_deadline=new_deadline, reason="chờ số liệu"
        )
        await session.flush()
        return request.id, official.id, coordinator.id


async def history(db, code: str) -> list[ProgressUpdate]:
    async with db.unit_of_work() as session:
        query = (
            select(ProgressUpdate)
            .join(Assignment, Assignment.id == ProgressUpdate.assignment_id)
            .where(Assignment.code == code)
            .order_by(ProgressUpdate.id)
        )
        return list((await session.scalars(query)).all())


async def test_approve_moves_the_deadline_once(plan):
    request_id, official_id, coordinator_id = await ask(plan, "2.1", "stp", date(2024, 4, 30))
    async with plan.unit_of_work() as session:
        everyone = (
            await session.scalars(
                select(Person).where(Person.role == "coordinator").order_by(Person.id)
            )
        ).all()
        everyone[-1].active = False  # left the post: no longer asked
        told = await extensions.coordinators(session)
        assert coordinator_id in {p.id for p in told} and len(everyone) > 1
        assert {p.id for p in told} == {p.id for p in everyone[:-1]}
        decision = await extensions.approve(
            session, request_id, coordinator_id, LATER, note="Đồng ý đến 30/04/2024"
        )
        assert decision is not None and decision.assignment.agency.short_code == "stp"
    async with plan.unit_of_work() as session:
        assignment = await session.scalar(select(Assignment).where(Assignment.code == "2.1"))
        request = await session.get(ExtensionRequest, request_id)
        assert await extensions.pending_request(session, assignment.id) is None
    assert assignment.deadline == date(2024, 4, 30) and assignment.plan_deadline == date(
        2024, 3, 29
    )
    assert (assignment.status, assignment.percent) == (Status.IN_PROGRESS, 50)
    assert request.state is ExtensionState.APPROVED
    assert (request.decided_by_id, request.decided_at) == (coordinator_id, LATER)
    last = (await history(plan, "2.1"))[-1]
    assert (last.source, last.person_id, last.note) == (
        "extension",
        coordinator_id,
        "Đồng ý đến 30/04/2024",
    )
    assert last.status is Status.IN_PROGRESS and last.created_at == LATER
    # Decided already: neither a second approval nor a rejection changes anything.
    async with plan.unit_of_work() as session:
        assert await extensions.approve(session, request_id, coordinator_id, LATER) is None
        assert await extensions.reject(session, request_id, official_id, LATER, reason="x") is None
    assert len(await history(plan, "2.1")) == 2  # the request and the approval


async def test_reject_keeps_the_deadline_with_the_reason(plan):
    request_id, _official_id, coordinator_id = await ask(plan, "2.3", "snv", date(2024, 5, 15))
    async with plan.unit_of_work() as session:
        assignment = await session.scalar(select(Assignment).where(Assignment.code == "2.3"))
        pending = await extensions.pending_request(session, assignment.id)
        assert pending is not None and pending.id == request_id
        assert assignment.status is Status.EXTENSION_REQUESTED
        decision = await extensions.reject(
            session, request_id, coordinator_id, LATER, reason="Đề nghị hoàn thành đúng hạn"
        )
        assert decision is not None and decision.request.id == request_id
    async with plan.unit_of_work() as session:
        assignment = await session.scalar(select(Assignment).where(Assignment.code == "2.3"))
        request = await session.get(ExtensionRequest, request_id)
    assert assignment.deadline == date(2024, 3, 20)
    assert assignment.status is Status.NOT_STARTED  # nothing done yet: back to not started
    assert request.state is ExtensionState.REJECTED and request.decided_by_id == coordinator_id
    assert request.decision_note == "Đề nghị hoàn thành đúng hạn"
    last = (await history(plan, "2.3"))[-1]
    assert (last.source, last.note) == ("extension", "Đề nghị hoàn thành đúng hạn")
    async with plan.unit_of_work() as session:
        assert await extensions.approve(session, request_id, coordinator_id, LATER) is None
    async with plan.unit_of_work() as session:
        assignment = await session.scalar(select(Assignment).where(Assignment.code == "2.3"))
    assert assignment.deadline == date(2024, 3, 20)  # a late approval moves nothing
