"""import-agencies and import-people on the real store."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from storage.enums import AgencyKind, Role
from storage.imports.problems import ImportFailed
from storage.models import Agency, Collective, Person
from tests.kit import (
    AGENCY_FILES,
    PEOPLE_FILE,
    SHARED_DATA,
    count,
    declare_agencies,
    load_people,
    needs_shared_data,
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


async def test_sample_agencies_and_collectives_are_declared(db):
    await declare_agencies(db)
    async with db.unit_of_work() as session:
        agencies = {a.name: a for a in await session.scalars(select(Agency))}
        query = select(Collective).options(selectinload(Collective.members))
        collectives = {c.label: c for c in await session.scalars(query)}
    assert agencies["UBND huyện Đắk Hà"].short_code == "dakha"
    assert agencies["UBND huyện Đắk Hà"].kind is AgencyKind.DISTRICT
    assert agencies["Sở Tư pháp"].parent_id == agencies["UBND tỉnh Kon Tum"].id
    assert len(collectives["UBND các huyện, thành phố"].members) == 10
    assert len(collectives["Các sở, ban, ngành"].members) == 20


@needs_shared_data
async def test_shared_collectives_file_is_accepted(db):
    await declare_agencies(db, (AGENCY_FILES[0], SHARED_DATA / "kontum-2024-agency-groups.csv"))
    assert await count(db, Collective) == 2


async def test_reimporting_agencies_is_idempotent_and_reports_changes(db, tmp_path):
    await declare_agencies(db)
    await declare_agencies(db)
    assert await count(db, Agency) == 39
    edited = AGENCY_FILES[0].read_text(encoding="utf-8").replace(",dakha,", ",dak-ha,")
    from storage.imports.directory import import_directory
    from storage.imports.tabular import read_table

    async with db.unit_of_work() as session:
        report = await import_directory(
            session, [read_table(write(tmp_path, "a.csv", edited), key_column="name")]
        )
    assert report.agencies.changed == [("UBND huyện Đắk Hà", ("short_code",))]
    assert report.agencies.unchanged == 38


async def test_short_codes_can_swap_in_one_file(db, tmp_path):
    from storage.imports.directory import import_directory
    from storage.imports.tabular import read_table

    first = "name,short_code,kind,parent\nSở A,a,provincial_agency,\nSở B,b,provincial_agency,\n"
    swapped = "name,short_code,kind,parent\nSở A,b,provincial_agency,\nSở B,a,provincial_agency,\n"
    for text in (first, swapped):
        async with db.unit_of_work() as session:
            await import_directory(
                session, [read_table(write(tmp_path, "x.csv", text), key_column="name")]
            )
    async with db.unit_of_work() as session:
        codes = {a.name: a.short_code for a in await session.scalars(select(Agency))}
    assert codes == {"Sở A": "b", "Sở B": "a"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "name,short_code,kind,parent\nSở A,Sở A,provincial_agency,\n",
            ("bad_short_code", 2, "short_code", "sở a"),
        ),
        (
            "name,short_code,kind,parent\nSở A,a,department,\n",
            ("bad_choice", 2, "kind", "department"),
        ),
        (
            "name,short_code,kind,parent\nSở A,a,provincial_agency,UBND tinh\n",
            ("unknown_agency", 2, "parent", "UBND tinh"),
        ),
        (
            "name,short_code,kind,parent\nSở A,a,provincial_agency,\nSở B,a,provincial_agency,\n",
            ("duplicate_short_code", 3, "short_code", "a"),
        ),
        (
            "group_label,member,member_type\nNhóm,Sở Không Có,provincial_agency\n",
            ("unknown_agency", 2, "member", "Sở Không Có"),
        ),
    ],
)
async def test_bad_agency_rows_are_refused_whole(db, tmp_path, text, expected):
    from storage.imports.directory import import_directory
    from storage.imports.tabular import read_table

    table = read_table(write(tmp_path, "a.csv", text), key_column=("name", "group_label"))
    with pytest.raises(ImportFailed) as info:
        async with db.unit_of_work() as session:
            await import_directory(session, [table])
    assert [(p.code, p.row, p.column, p.value) for p in info.value.problems] == [expected]
    assert await count(db, Agency) == 0 and await count(db, Collective) == 0


async def test_sample_people_cover_every_lead_agency(db):
    await declare_agencies(db)
    report = await load_people(db)
    assert len(report.added) == 81
    async with db.unit_of_work() as session:
        people = (await session.scalars(select(Person).options(selectinload(Person.agency)))).all()
    by_agency: dict[str, set[Role]] = {}
    for person in people:
        by_agency.setdefault(person.agency.name, set()).add(person.role)
    import csv

    from tests.kit import PLAN_FILE

    leads = set()
    async with db.unit_of_work() as session:
        query = select(Collective).options(selectinload(Collective.members))
        groups = {c.label: [m.name for m in c.members] for c in await session.scalars(query)}
    with PLAN_FILE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            leads.update(groups.get(row["lead_agency"], [row["lead_agency"]]))
    for agency in leads:
        assert {Role.OFFICIAL, Role.LEADER} <= by_agency[agency], agency
    assert sum(p.role is Role.COORDINATOR for p in people) >= 2


async def test_people_reimport_updates_and_reports_absent(db, tmp_path):
    await declare_agencies(db)
    await load_people(db)
    lines = PEOPLE_FILE.read_text(encoding="utf-8").splitlines()
    header, first, *rest = lines
    name = first.split(",")[0]
    edited = [header, first.replace(",leader,", ",coordinator,"), *rest[:-1]]
    report = await load_people(db, write(tmp_path, "p.csv", "\n".join(edited) + "\n"))
    assert report.added == []
    assert [(label.split(" (")[0], fields) for label, fields in report.changed] == [
        (name, ("role",))
    ]
    assert len(report.absent) == 1
    assert await count(db, Person) == 81  # nobody deleted


@pytest.mark.parametrize(
    ("line", "expected", "hint"),
    [
        (
            "Nguyễn Văn A,Chuyên viên,So Tu phap,official,",
            ("unknown_agency", 2, "agency"),
            "Sở Tư pháp",
        ),
        ("Nguyễn Văn A,Chuyên viên,Sở Tư pháp,boss,", ("bad_choice", 2, "role"), None),
        (
            'Nguyễn Văn A,Chuyên viên,"UBND các huyện, thành phố",official,',
            ("collective_not_agency", 2, "agency"),
            None,
        ),
        (",Chuyên viên,Sở Tư pháp,official,", ("empty_value", 2, "full_name"), None),
        ("Nguyễn Văn A,Chuyên viên,Sở Tư pháp,official,abc", ("bad_phone", 2, "phone"), None),
    ],
)
async def test_bad_people_rows_are_named_and_nothing_is_written(db, tmp_path, line, expected, hint):
    await declare_agencies(db)
    path = write(tmp_path, "p.csv", "full_name,title,agency,role,phone\n" + line + "\n")
    with pytest.raises(ImportFailed) as info:
        await load_people(db, path)
    problem = info.value.problems[0]
    assert (problem.code, problem.row, problem.column) == expected
    if hint:
        assert problem.hint[0] == hint
    assert await count(db, Person) == 0


async def test_vietnamese_role_names_and_duplicate_people(db, tmp_path):
    await declare_agencies(db)
    text = (
        "full_name,title,agency,role\nTrần Thị B,Phó GĐ,Sở Tư pháp,Lãnh đạo\n"
        "Trần Thị B,Phó GĐ,Sở Tư pháp,leader\n"
    )
    with pytest.raises(ImportFailed) as info:
        await load_people(db, write(tmp_path, "p.csv", text))
    assert [(p.code, p.row) for p in info.value.problems] == [("duplicate_person", 3)]
    await load_people(db, write(tmp_path, "p.csv", text.rsplit("\n", 2)[0] + "\n"))
    async with db.unit_of_work() as session:
        person = await session.scalar(select(Person))
    assert person.role is Role.LEADER
