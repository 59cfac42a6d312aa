"""Importing the directory: agencies, collectives (group labels) and people.

Each import validates the whole input first and writes only when there is
no problem at all; the caller's unit of work makes it all-or-nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from storage import assignments
from storage import people as directory_people
from storage.enums import AgencyKind, Role, Status
from storage.imports.names import NameIndex
from storage.imports.problems import ImportFailed, Problem
from storage.imports.tabular import Table, missing_columns, too_long
from storage.models import Agency, Collective, Person, collective_members
from storage.textfold import fold

SHORT_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
PHONE = re.compile(r"^\+?[0-9 .-]{8,20}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AGENCY_COLUMNS = ("name", "short_code", "kind")
COLLECTIVE_COLUMNS = ("group_label", "member")
PEOPLE_COLUMNS = ("full_name", "title", "agency", "role")
# The database columns' lengths (storage.models Agency, Collective, Person).
AGENCY_LENGTHS = {"name": 200, "short_code": 40, "parent": 200}
COLLECTIVE_LENGTHS = {"group_label": 200, "member": 200}
PEOPLE_LENGTHS = {"full_name": 200, "title": 200, "agency": 200, "phone": 40, "email": 200}
# Role names as officials write them in a Vietnamese directory, folded.
ROLE_ALIASES = {
    "chuyen vien": Role.OFFICIAL,
    "can bo": Role.OFFICIAL,
    "lanh dao": Role.LEADER,
    "dieu phoi": Role.COORDINATOR,
    "dieu phoi vien": Role.COORDINATOR,
    "quan tri": Role.ADMIN,
    "quan tri vien": Role.ADMIN,
    "lanh dao don vi": Role.LEADER,
    "dau moi": Role.OFFICIAL,
    "can bo dau moi": Role.OFFICIAL,
    "chuyen vien dau moi": Role.OFFICIAL,
    "thanh vien": Role.OFFICIAL,
}
# Agency kinds as a Vietnamese directory writes them, folded. The two-level shape
# (since 1/7/2025) has no district: xã, phường and đặc khu are all commune level.
KIND_ALIASES = {
    "tinh": AgencyKind.PROVINCE,
    "ubnd tinh": AgencyKind.PROVINCE,
    "cap tinh": AgencyKind.PROVINCIAL_AGENCY,
    "so": AgencyKind.PROVINCIAL_AGENCY,
    "so ban nganh": AgencyKind.PROVINCIAL_AGENCY,
    "so, ban, nganh": AgencyKind.PROVINCIAL_AGENCY,
    "co quan cap tinh": AgencyKind.PROVINCIAL_AGENCY,
    "huyen": AgencyKind.DISTRICT,
    "cap huyen": AgencyKind.DISTRICT,
    "xa": AgencyKind.COMMUNE,
    "phuong": AgencyKind.COMMUNE,
    "dac khu": AgencyKind.COMMUNE,
    "cap xa": AgencyKind.COMMUNE,
    "xa, phuong, dac khu": AgencyKind.COMMUNE,
    "khac": AgencyKind.OTHER,
}


@dataclass
class ImportReport:
    """What an import added, changed, and found in the store but not in the file."""

    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0
    absent: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)  # absent people made inactive
    focal: int = 0  # assignments given a focal person by the file's ``focal_for`` column


@dataclass
class DirectoryReport:
    agencies: ImportReport = field(default_factory=ImportReport)
    collectives: ImportReport = field(default_factory=ImportReport)


def _parse_kind(raw: str) -> AgencyKind | None:
    try:
        return AgencyKind(raw.strip().lower())
    except ValueError:
        return KIND_ALIASES.get(fold(raw).replace("/", ", "))


def parse_role(raw: str) -> Role | None:
    key = fold(raw)
    try:
        return Role(key)
    except ValueError:
        return ROLE_ALIASES.get(key)


async def import_directory(
    session: AsyncSession, tables: list[Table], *, today: date | None = None
) -> DirectoryReport:
    """Declare agencies and collectives from one or more tables (told apart by columns)."""
    agency_tables, collective_tables, problems = [], [], []
    for table in tables:
        if all(c in table.columns for c in COLLECTIVE_COLUMNS):
            problems += too_long(table, COLLECTIVE_LENGTHS)
            collective_tables.append(table)
        elif "name" in table.columns or "short_code" in table.columns:
            problems += [p for p in missing_columns(table, AGENCY_COLUMNS)]
            problems += too_long(table, AGENCY_LENGTHS)
            agency_tables.append(table)
        else:
            problems += missing_columns(table, AGENCY_COLUMNS)
    if problems:
        raise ImportFailed(", ".join(t.source for t in tables), problems)

    query = select(Agency).options(selectinload(Agency.parent))
    existing = {a.name: a for a in (await session.scalars(query)).all()}
    report = DirectoryReport()
    declared = await _apply_agencies(session, agency_tables, existing, report.agencies)
    await _apply_collectives(session, collective_tables, declared, report.collectives, today)
    return report


async def _apply_agencies(session, tables, existing, report) -> dict[str, Agency]:
    rows: dict[str, tuple] = {}
    problems: list[Problem] = []
    codes_in_file: dict[str, str] = {}
    for table in tables:
        for row in table.rows:
            name, code = row.cells.get("name", ""), row.cells.get("short_code", "").lower()
            kind = _parse_kind(row.cells.get("kind", ""))
            parent = row.cells.get("parent", "")
            bad = []
            if not name:
                bad.append(Problem("empty_value", row.number, "name"))
            elif name in rows:
                bad.append(Problem("duplicate_name", row.number, "name", name))
            if not SHORT_CODE.match(code):
                bad.append(Problem("bad_short_code", row.number, "short_code", code))
            elif code in codes_in_file and codes_in_file[code] != name:
                bad.append(Problem("duplicate_short_code", row.number, "short_code", code))
            if kind is None:
                hint = tuple(k.value for k in AgencyKind)
                bad.append(
                    Problem("bad_choice", row.number, "kind", row.cells.get("kind", ""), hint)
                )
            problems += bad
            if not bad:
                codes_in_file[code] = name
                rows[name] = (row.number, code, kind, parent)
    index = NameIndex([*existing, *rows])
    # An ended agency's code is free again (the unique index covers agencies in being).
    taken = {a.short_code: a.name for a in existing.values() if a.ended_on is None}
    for name, (number, code, _kind, parent) in rows.items():
        if parent and parent not in index:
            problems.append(
                Problem("unknown_agency", number, "parent", parent, index.suggest(parent))
            )
        if parent == name:
            problems.append(Problem("self_parent", number, "parent", parent))
        if code in taken and taken[code] != name and taken[code] not in rows:
            problems.append(
                Problem("duplicate_short_code", number, "short_code", code, (taken[code],))
            )
    problems += _parent_cycles(rows, existing)
    if problems:
        raise ImportFailed(", ".join(t.source for t in tables), problems)

    parent_of = {name: parent for name, (_n, _c, _k, parent) in rows.items()}
    for name, (_number, code, kind, parent) in rows.items():
        agency = existing.get(name)
        if agency is None:
            report.added.append(name)
        else:
            old_parent = agency.parent.name if agency.parent else ""
            changes = tuple(
                f
                for f, old, new in (
                    ("short_code", agency.short_code, code),
                    ("kind", agency.kind, kind),
                    ("parent", old_parent, parent),
                )
                if old != new
            )
            if changes:
                report.changed.append((name, changes))
            else:
                report.unchanged += 1
    # Short codes may move between agencies in one file; park every code on a
    # unique placeholder first so no intermediate state breaks uniqueness.
    for n, (name, (_number, _code, kind, _parent)) in enumerate(rows.items()):
        agency = existing.get(name)
        if agency is None:
            agency = existing[name] = Agency(name=name, kind=kind)
            session.add(agency)
        agency.short_code, agency.kind = f"~{n}", kind
    await session.flush()
    for name, (_number, code, _kind, _parent) in rows.items():
        existing[name].short_code = code
        parent = parent_of[name]
        existing[name].parent_id = existing[parent].id if parent else None
    await session.flush()
    return existing


def _parent_cycles(rows: dict[str, tuple], existing: dict[str, Agency]) -> list[Problem]:
    """Agencies that would be their own ancestor (A → B → A), once each, at the row of the
    first one of the loop; a parent kept from the store counts too."""
    parent_of = {a.name: a.parent.name for a in existing.values() if a.parent is not None}
    parent_of |= {name: parent for name, (_n, _c, _k, parent) in rows.items() if parent}
    problems: list[Problem] = []
    reported: set[str] = set()
    for start in rows:
        path, name = [start], parent_of.get(start)
        while name and name not in path and len(path) <= len(parent_of):
            path.append(name)
            name = parent_of.get(name)
        if name == start and len(path) > 1 and not reported & set(path):
            reported |= set(path)
            loop = " → ".join([*path, start])
            problems.append(Problem("parent_cycle", rows[start][0], "parent", loop))
    return problems


DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def parse_day(raw: str) -> date | None:
    """dd/mm/yyyy (also d/m/yyyy, with '.' or '-') or ISO; None when it is not a day."""
    try:
        if match := DMY.match(raw.strip()):
            day, month, year = map(int, match.groups())
            return date(year, month, day)
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


async def _apply_collectives(session, tables, agencies, report, today=None) -> None:
    """The collectives and their members. A member's join day is the file's
    ``joined_on`` when given; else a member new to a collective that already existed
    joins ``today``; a founding member has none (the plan gives it every period)."""
    wanted: dict[str, list[Agency]] = {}
    days: dict[tuple[str, int], date] = {}  # (label, agency id) -> the join day written
    problems: list[Problem] = []
    index = NameIndex(agencies)
    for table in tables:
        for row in table.rows:
            label, member = row.cells.get("group_label", ""), row.cells.get("member", "")
            member_type = row.cells.get("member_type", "")
            joined_text = row.cells.get("joined_on", "")
            joined = parse_day(joined_text) if joined_text else None
            if joined_text and joined is None:
                problems.append(Problem("bad_date", row.number, "joined_on", joined_text))
            if not label:
                problems.append(Problem("empty_value", row.number, "group_label"))
                continue
            if member not in agencies:
                problems.append(
                    Problem("unknown_agency", row.number, "member", member, index.suggest(member))
                )
                continue
            if member_type and _parse_kind(member_type) != agencies[member].kind:
                hint = (agencies[member].kind.value,)
                problems.append(
                    Problem("kind_mismatch", row.number, "member_type", member_type, hint)
                )
                continue
            members = wanted.setdefault(label, [])
            if agencies[member] not in members:
                members.append(agencies[member])
                if joined is not None:
                    days[(label, agencies[member].id)] = joined
    if problems:
        raise ImportFailed(", ".join(t.source for t in tables), problems)
    query = select(Collective).options(selectinload(Collective.members))
    existing = {c.label: c for c in (await session.scalars(query))}
    stored = {
        (cid, aid): day
        for cid, aid, day in await session.execute(
            select(
                collective_members.c.collective_id,
                collective_members.c.agency_id,
                collective_members.c.joined_on,
            )
        )
    }
    join_days: list[tuple[Collective, int, date]] = []
    for label, members in wanted.items():
        collective = existing.get(label)
        written = [(a.id, days[(label, a.id)]) for a in members if (label, a.id) in days]
        if collective is None:
            collective = Collective(label=label, members=members)
            session.add(collective)
            report.added.append(label)
            join_days += [(collective, aid, day) for aid, day in written]
            continue
        changes: tuple[str, ...] = ()
        joining = {a.id for a in members} - {a.id for a in collective.members}
        if {a.id for a in collective.members} != {a.id for a in members}:
            changes += ("members",)
        collective.members = members
        if today is not None:  # a new member with no day written joins today
            join_days += [
                (collective, aid, today) for aid in sorted(joining) if (label, aid) not in days
            ]
        moved = [(aid, day) for aid, day in written if stored.get((collective.id, aid)) != day]
        if any(aid not in joining for aid, _ in moved):
            changes += ("joined_on",)
        join_days += [(collective, aid, day) for aid, day in moved]
        if changes:
            report.changed.append((label, changes))
        else:
            report.unchanged += 1
    await session.flush()
    # The plan's periods due before a member's join day are not its own (storage.imports.plan).
    for collective, agency_id, day in join_days:
        await session.execute(
            update(collective_members)
            .where(
                collective_members.c.collective_id == collective.id,
                collective_members.c.agency_id == agency_id,
            )
            .values(joined_on=day)
        )


async def import_people(
    session: AsyncSession,
    table: Table,
    now: datetime,
    *,
    deactivate_missing: bool = False,
) -> ImportReport:
    """Add or update people, matched by (agency, full name). Nobody is deleted.

    Active people not in the file are reported as ``absent``; with
    ``deactivate_missing`` they are deactivated (``storage.people.deactivate``:
    no more nudges, chat links closed) and listed as ``deactivated`` too.
    """
    problems = missing_columns(table, PEOPLE_COLUMNS) or too_long(table, PEOPLE_LENGTHS)
    if problems:
        raise ImportFailed(table.source, problems)
    agencies = {a.name: a for a in (await session.scalars(select(Agency))).all()}
    collectives = set((await session.scalars(select(Collective.label))).all())
    index = NameIndex(agencies)
    wanted: dict[tuple[int, str], dict] = {}
    focal: dict[tuple[int, str], tuple[int, list[str]]] = {}  # person → (row, task codes)
    for row in table.rows:
        cells = row.cells
        name, agency_name = cells.get("full_name", ""), cells.get("agency", "")
        role, phone = parse_role(cells.get("role", "")), cells.get("phone", "")
        email = cells.get("email", "")
        bad = []
        if not name:
            bad.append(Problem("empty_value", row.number, "full_name"))
        if agency_name in collectives:
            bad.append(Problem("collective_not_agency", row.number, "agency", agency_name))
        elif agency_name not in agencies:
            hint = index.suggest(agency_name)
            bad.append(Problem("unknown_agency", row.number, "agency", agency_name, hint))
        if role is None:
            hint = tuple(r.value for r in Role)
            bad.append(Problem("bad_choice", row.number, "role", cells.get("role", ""), hint))
        if phone and not PHONE.match(phone):
            bad.append(Problem("bad_phone", row.number, "phone", phone))
        if email and not EMAIL.match(email):
            bad.append(Problem("bad_email", row.number, "email", email))
        if not bad:
            key = (agencies[agency_name].id, name)
            if key in wanted:
                bad.append(Problem("duplicate_person", row.number, "full_name", name))
            wanted[key] = {"title": cells.get("title", ""), "role": role, "phone": phone or None}
            if "email" in table.columns:
                wanted[key]["email"] = email or None
            codes = _focal_codes(cells.get("focal_for", ""))
            if codes and role is not Role.OFFICIAL:
                bad.append(Problem("focal_not_official", row.number, "focal_for", name))
            elif codes:
                focal[key] = (row.number, codes)
        problems += bad
    if problems:
        raise ImportFailed(table.source, problems)

    report = ImportReport()
    by_id = {a.id: a.name for a in agencies.values()}
    existing = {(p.agency_id, p.full_name): p for p in (await session.scalars(select(Person)))}
    for (agency_id, name), fields in wanted.items():
        label = f"{name} ({by_id[agency_id]})"
        person = existing.get((agency_id, name))
        if person is None:
            session.add(Person(full_name=name, agency_id=agency_id, created_at=now, **fields))
            report.added.append(label)
            continue
        changes = tuple(f for f, v in fields.items() if getattr(person, f) != v)
        if not person.active:
            changes += ("active",)
        for f, v in fields.items():
            setattr(person, f, v)
        person.active, person.deactivated_at = True, None
        if changes:
            report.changed.append((label, changes))
        else:
            report.unchanged += 1
    missing = sorted(
        (p for key, p in existing.items() if key not in wanted and p.active),
        key=lambda p: (by_id[p.agency_id], p.full_name),
    )
    report.absent = [f"{p.full_name} ({by_id[p.agency_id]})" for p in missing]
    await session.flush()
    if focal:
        report.focal = await _set_focal(session, focal, table.source)
    if deactivate_missing:
        for person in missing:
            await directory_people.deactivate(session, person, now)
        report.deactivated = list(report.absent)
    return report


def _focal_codes(cell: str) -> list[str]:
    """ "1.1; 1.7#2024-Q2" → the task codes (a period after "#" names only that one)."""
    return [code for code in re.split(r"[;,\s]+", cell.strip()) if code]


async def _set_focal(
    session: AsyncSession, focal: dict[tuple[int, str], tuple[int, list[str]]], source: str
) -> int:
    """Each person the focal person of the open periods of their agency's tasks named in
    ``focal_for`` (every period of a recurring task unless "#period" names one). A code
    naming no task of the person's agency is a problem of that row: nothing is kept."""
    people = {
        (p.agency_id, p.full_name): p.id for p in (await session.scalars(select(Person))).all()
    }
    problems, count = [], 0
    for key, (row_number, codes) in focal.items():
        for code in codes:
            task_code, _, period = code.partition("#")
            found = await assignments.for_code(session, task_code, key[0])
            if period:
                found = [a for a in found if a.period.lower() == period.lower()]
            if not found:
                problems.append(Problem("focal_unknown_task", row_number, "focal_for", code))
                continue
            for assignment in found:
                if assignment.status is not Status.DONE:
                    assignment.focal_person_id = people[key]
                    count += 1
    if problems:
        raise ImportFailed(source, problems)
    return count
