"""Attachments made when they are sent, not in the turn that asked for them.

A chart or a spreadsheet of a whole plan takes from a fraction of a second to
several seconds to draw (bench/summary.py: 16 s for 100,000 assignments). Made
inside the turn, it would hold up the batch of turns it belongs to, and that
batch's write transaction, for as long. So the turn only says what to make
(``AttachmentRequest``, kept with the answer in the inbox instead of megabytes
of file) and the dispatcher makes it just before sending: figures from a
read-only unit of work, drawing off the event loop (``bot.documents.render``: the
service's worker process), while other chats' answers keep going out.
"""

from __future__ import annotations

import asyncio
import importlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from bot.channels.base import Attachment
from bot.documents.render import Render, in_thread
from storage import assignments, evidence, plans
from storage.db import Database
from storage.report import agency_name
from storage.summary import AS_WRITTEN, Closing, status_counts


@dataclass(frozen=True)
class AttachmentRequest:
    # the /bieudo picture, the /baocao spreadsheet, the /baocao docx report draft,
    # an evidence file sent back by /tailieu (read from the evidence folder when sent)
    kind: Literal["chart", "report", "draft", "evidence"]
    day: date  # the local day the figures are of
    lang: str
    agency_id: int | None = None  # narrowed to one agency (a leader's chart)
    year: int | None = None  # one plan year; None: the current plans
    evidence_id: int | None = None  # the ``EvidenceFile`` of an "evidence" request

    def to_json(self) -> list:
        item = [self.kind, self.day.isoformat(), self.lang, self.agency_id]
        if self.year is None and self.evidence_id is None:
            return item  # the four items answers were stored with before
        return [*item, self.year, self.evidence_id]

    @classmethod
    def from_json(cls, item: list) -> AttachmentRequest:
        kind, day, lang, agency_id, *rest = item
        year, evidence_id = [*rest, None, None][:2]
        return cls(kind, date.fromisoformat(day), lang, agency_id, year, evidence_id)


IMAGES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})  # sent as photos


async def evidence_file(db: Database, evidence_id: int) -> tuple[Attachment | None, str, str]:
    """(the evidence file as an attachment, None when its bytes are gone; its name; the
    code of its assignment). A photo goes as a photo, anything else as a document."""
    async with db.unit_of_work(dry_run=True) as session:
        row = await evidence.by_id(session, evidence_id)
        if row is None:
            return None, "", ""
        code = ""
        if row.assignment_id is not None:
            code = (await assignments.by_id(session, row.assignment_id)).code
        path, filename, content_type = Path(row.path), row.filename, row.content_type
    try:
        content = await asyncio.to_thread(path.read_bytes)
    except OSError:
        return None, filename, code
    kind: Literal["photo", "document"] = "photo" if content_type in IMAGES else "document"
    return Attachment(kind, content, filename), filename, code


async def make(
    db: Database,
    request: AttachmentRequest,
    *,
    tz: ZoneInfo,
    closing: Closing = AS_WRITTEN,
    render: Render = in_thread,
) -> Attachment:
    """Draw the chart or write the spreadsheet; ``tz`` is the calendar's time zone (the
    local day a completion falls on decides whether it was on time); ``render`` draws
    (the figures are read here, on the loop)."""
    async with db.unit_of_work(dry_run=True) as session:
        plan_ids = await plans.resolve(session, request.year) or ()
        if request.kind == "chart":
            by_group = await status_counts(
                session,
                request.day,
                by="group",
                agency_id=request.agency_id,
                plan_id=plan_ids,
                tz=tz,
                closing=closing,
            )
            scope = ""
            if request.agency_id is not None:
                scope = await agency_name(session, request.agency_id)
            png = await render(_chart, by_group, request.day, request.lang, scope)
            return Attachment("photo", png, f"tien-do-{request.day.isoformat()}.png")
        # openpyxl (python-docx for a draft): imported in a thread, the first time a second
        report = await asyncio.to_thread(_load, "bot.documents.report", request.kind)
        fmt = "docx" if request.kind == "draft" else "xlsx"
        issuer = ""
        if request.kind == "draft" and request.agency_id is not None:
            issuer = await agency_name(session, request.agency_id)
        content = await report.build_report(
            session,
            request.day,
            fmt,
            request.lang,
            # a draft is issued by the coordinator's agency about the whole plan
            agency_id=None if request.kind == "draft" else request.agency_id,
            plan_id=plan_ids,
            tz=tz,
            closing=closing,
            issuer=issuer,
            render=render,
        )
        return Attachment("document", content, report.report_filename(request.day, fmt))


def _chart(by_group, day: date, lang: str, scope: str) -> bytes:
    """Where ``render`` runs it (matplotlib's import alone takes a second, once)."""
    from bot.documents.chart import progress_chart

    return progress_chart(by_group, day, lang, scope)


def preload() -> None:
    """Import what a report needs in this process (openpyxl, python-docx): the service
    does it as it opens, not in the first report's time."""
    _load("bot.documents.report", "draft")


def _load(module: str, kind: str):
    if kind == "draft":
        importlib.import_module("bot.documents.draft")
    return importlib.import_module(module)
