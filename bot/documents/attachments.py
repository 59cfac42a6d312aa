"""Attachments made when they are sent, not in the turn that asked for them.

A chart or a spreadsheet of a whole plan takes from a fraction of a second to
several seconds to draw (bench/summary.py: 16 s for 100,000 assignments). Made
inside the turn, it would hold up the batch of turns it belongs to, and that
batch's write transaction, for as long. So the turn only says what to make
(``AttachmentRequest``, kept with the answer in the inbox instead of megabytes
of file) and the dispatcher makes it just before sending: figures from a
read-only unit of work, drawing in a worker thread, while other chats' answers
keep going out.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from typing import Literal
from zoneinfo import ZoneInfo

from bot.channels.base import Attachment
from storage import plans
from storage.db import Database
from storage.report import agency_name
from storage.summary import AS_WRITTEN, Closing, status_counts


@dataclass(frozen=True)
class AttachmentRequest:
    # the /bieudo picture, the /baocao spreadsheet, the /baocao docx report draft
    kind: Literal["chart", "report", "draft"]
    day: date  # the local day the figures are of
    lang: str
    agency_id: int | None = None  # narrowed to one agency (a leader's chart)
    year: int | None = None  # one plan year; None: the current plans

    def to_json(self) -> list:
        item = [self.kind, self.day.isoformat(), self.lang, self.agency_id]
        return item if self.year is None else [*item, self.year]

    @classmethod
    def from_json(cls, item: list) -> AttachmentRequest:
        kind, day, lang, agency_id, *year = item  # answers stored before years had none
        return cls(kind, date.fromisoformat(day), lang, agency_id, year[0] if year else None)


async def make(
    db: Database, request: AttachmentRequest, *, tz: ZoneInfo, closing: Closing = AS_WRITTEN
) -> Attachment:
    """Draw the chart or write the spreadsheet; ``tz`` is the calendar's time zone (the
    local day a completion falls on decides whether it was on time)."""
    async with db.unit_of_work(dry_run=True) as session:
        plan_ids = await plans.resolve(session, request.year) or ()
        if request.kind == "chart":
            from bot.documents.chart import (
                progress_chart,  # matplotlib: loaded when a chart is asked for
            )

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
            png = await asyncio.to_thread(
                progress_chart, by_group, request.day, request.lang, scope
            )
            return Attachment("photo", png, f"tien-do-{request.day.isoformat()}.png")
        from bot.documents.report import (  # openpyxl: loaded when needed
            Format,
            build_report,
            report_filename,
        )

        fmt: Format = "docx" if request.kind == "draft" else "xlsx"
        issuer = ""
        if request.kind == "draft" and request.agency_id is not None:
            issuer = await agency_name(session, request.agency_id)
        content = await build_report(
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
        )
        return Attachment("document", content, report_filename(request.day, fmt))
