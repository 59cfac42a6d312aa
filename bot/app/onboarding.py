"""Onboarding and the people lifecycle, for operators: invites for everyone at once,
who has not linked yet, deactivating and transferring a person.

Each action is one unit of work and raises ``admin.UserError`` for what the
operator must fix, like the rest of ``bot.app.admin``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.app.admin import UserError, find_person
from bot.texts import t
from storage import people
from storage.db import Database
from storage.invites import create_invite
from storage.textfold import fold

MAX_INVITE_DAYS = 60


@dataclass(frozen=True)
class InviteRow:
    person: str
    agency: str
    role: str
    link: str
    code: str
    expires_at: datetime


async def _agency_id(session, agency: str | None, lang: str) -> int | None:
    if not agency:
        return None
    for candidate in await people.agencies(session):
        if fold(agency) in (fold(candidate.name), fold(candidate.short_code)):
            return candidate.id
    raise UserError(t(lang, "agency_not_found", name=agency))


async def invite_all(
    db: Database,
    lang: str,
    now: datetime,
    *,
    username: str | None,
    agency: str | None = None,
    days: int = 7,
) -> tuple[list[InviteRow], int]:
    """A fresh invite for every active person who has not linked a chat yet (of one
    agency when given): (the invites, how many people were skipped as linked)."""
    if not 1 <= days <= MAX_INVITE_DAYS:
        raise UserError(t(lang, "invite_days_bad", most=MAX_INVITE_DAYS))
    async with db.unit_of_work() as session:
        agency_id = await _agency_id(session, agency, lang)
        everyone = await people.active_with_agency(session, agency_id=agency_id)
        waiting = {p.id for p in await people.unlinked(session, agency_id=agency_id)}
        rows = []
        for person in everyone:
            if person.id not in waiting:
                continue
            code, invite = await create_invite(session, person, now, timedelta(days=days))
            rows.append(
                InviteRow(
                    person.full_name,
                    person.agency.name,
                    t(lang, f"person_role_{person.role.value}"),
                    f"https://t.me/{username or '<bot>'}?start={code}",
                    code,
                    invite.expires_at,
                )
            )
        return rows, len(everyone) - len(rows)


def _headers(lang: str) -> list[str]:
    return [
        t(lang, "invites_col_person"),
        t(lang, "invites_col_agency"),
        t(lang, "invites_col_role"),
        t(lang, "invites_col_link"),
        t(lang, "invites_col_code"),
        t(lang, "invites_col_expires"),
    ]


def _cells(row: InviteRow, tz: ZoneInfo) -> list[str]:
    expires = row.expires_at.astimezone(tz).strftime("%d/%m/%Y %H:%M")
    return [row.person, row.agency, row.role, row.link, row.code, expires]


def invites_csv(rows: list[InviteRow], lang: str, tz: ZoneInfo) -> bytes:
    """UTF-8 with a BOM, so that Excel shows the Vietnamese names right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_headers(lang))
    writer.writerows(_cells(row, tz) for row in rows)
    return out.getvalue().encode("utf-8-sig")


def qr_png(text: str) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=4, border=2)
    return out.getvalue()


def invites_xlsx(rows: list[InviteRow], lang: str, tz: ZoneInfo, *, linkable: bool) -> bytes:
    """One row a person and, beside it, a QR code of their Telegram link (of their
    bare code when no bot name is known, for Zalo and the console)."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = t(lang, "invites_sheet")
    sheet.append([*_headers(lang), t(lang, "invites_col_qr")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for width, column in zip((28, 32, 14, 60, 28, 18, 22), "ABCDEFG", strict=True):
        sheet.column_dimensions[column].width = width
    for number, row in enumerate(rows, start=2):
        sheet.append(_cells(row, tz))
        sheet.row_dimensions[number].height = 120
        for cell in sheet[number]:
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        image = Image(io.BytesIO(qr_png(row.link if linkable else row.code)))
        image.width = image.height = 150
        sheet.add_image(image, f"G{number}")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_invites(
    path: Path, rows: list[InviteRow], lang: str, tz: ZoneInfo, *, linkable: bool
) -> None:
    if path.suffix.lower() == ".xlsx":
        content = invites_xlsx(rows, lang, tz, linkable=linkable)
    elif path.suffix.lower() == ".csv":
        content = invites_csv(rows, lang, tz)
    else:
        raise UserError(t(lang, "invites_bad_suffix", path=path))
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise UserError(t(lang, "cannot_write", path=path, detail=exc.strerror)) from None


@dataclass(frozen=True)
class Waiting:
    person: str
    agency: str
    role: str
    invited_until: datetime | None  # the live invite's expiry, if any


async def unlinked(db: Database, lang: str, *, agency: str | None = None) -> list[Waiting]:
    """Active people with no linked chat, by agency then name."""
    async with db.unit_of_work() as session:
        agency_id = await _agency_id(session, agency, lang)
        invites = await people.invite_expiries(session)
        return [
            Waiting(
                p.full_name,
                p.agency.name,
                t(lang, f"person_role_{p.role.value}"),
                invites.get(p.id),
            )
            for p in await people.unlinked(session, agency_id=agency_id)
        ]


async def count_active(db: Database, lang: str, *, agency: str | None = None) -> int:
    async with db.unit_of_work() as session:
        agency_id = await _agency_id(session, agency, lang)
        return len(await people.active_with_agency(session, agency_id=agency_id))


async def deactivate(
    db: Database, name: str, lang: str, now: datetime, *, agency: str | None = None
) -> tuple[str, int]:
    """(the person's name and agency, chat links closed)."""
    async with db.unit_of_work() as session:
        person = await find_person(session, name, lang, agency=agency)
        label = f"{person.full_name} ({person.agency.name})"
        if not person.active:
            raise UserError(t(lang, "person_inactive", name=label))
        return label, await people.deactivate(session, person, now)


async def transfer(
    db: Database, name: str, to_agency: str, lang: str, *, agency: str | None = None
) -> tuple[str, str, str]:
    """(the person, the agency they left, the agency they joined)."""
    async with db.unit_of_work() as session:
        person = await find_person(session, name, lang, agency=agency)
        target_id = await _agency_id(session, to_agency, lang)
        assert target_id is not None
        old = person.agency.name
        if target_id == person.agency_id:
            raise UserError(t(lang, "transfer_same", name=person.full_name, agency=old))
        if await people.namesake(session, target_id, person.full_name):
            raise UserError(t(lang, "transfer_namesake", name=person.full_name))
        await people.transfer(session, person, await people.agency_by_id(session, target_id))
        new = (await people.agency_by_id(session, target_id)).name
        return person.full_name, old, new
