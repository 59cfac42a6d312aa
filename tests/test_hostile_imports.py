"""Hostile and careless import files (issue 17, point 6): every one is refused with its row
and column, nothing is written, on both databases; files are bounded before parsing.

The files are made here, small: a zip bomb's declared size is what is refused, so it
needs no real 300 MB; each test is bounded in time by the reading never inflating it.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook

from bot.texts import describe_problem
from storage.imports import tabular
from storage.imports.directory import import_directory
from storage.imports.problems import ImportFailed
from storage.imports.tabular import read_table
from storage.models import Agency, Person, Task
from tests.kit import (
    AGENCY_FILES,
    HEADER,
    count,
    declare_agencies,
    load_people,
    load_plan,
    write_plan,
)

GOOD = "1.1,1,Ban hành kế hoạch,Sở Nội vụ,,2024-01-31,,Kế hoạch"


def problems(info) -> list[tuple]:
    return [(p.code, p.row, p.column) for p in info.value.problems]


async def refused_plan(db, path) -> list[tuple]:
    await declare_agencies(db)
    with pytest.raises(ImportFailed) as info:
        await load_plan(db, path)
    assert await count(db, Task) == 0
    for problem in info.value.problems:  # every one said in both languages
        assert describe_problem("vi", problem) and describe_problem("en", problem)
    return problems(info)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (GOOD.replace("Kế hoạch", "x" * 300), ("too_long", 2, "deliverable")),
        (GOOD.replace("Sở Nội vụ", "S" * 250), ("too_long", 2, "lead_agency")),
        (GOOD.replace("Ban hành", "Ban\x00hành"), ("control_character", 2, "title")),
        (GOOD.replace("Ban hành", "Ban\x1bhành"), ("control_character", 2, "title")),
    ],
)
async def test_a_value_the_database_cannot_hold_is_named(db, tmp_path, row, expected):
    assert expected in await refused_plan(db, write_plan(tmp_path, row))


async def test_a_huge_csv_field_is_a_problem_not_a_traceback(db, tmp_path):
    path = write_plan(tmp_path, GOOD, GOOD.replace("Ban hành", "x" * 140_000))
    assert await refused_plan(db, path) == [("bad_csv_line", 3, None)]
    path = write_plan(tmp_path, GOOD.replace("Ban hành", "x" * 20_000))
    assert await refused_plan(db, path) == [("cell_too_long", 2, "title")]


async def test_a_column_named_twice_is_refused(db, tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(f"{HEADER},title\n{GOOD},Another title\n", encoding="utf-8")
    assert await refused_plan(db, path) == [("duplicate_column", 1, "title")]


def test_files_are_bounded_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 1000)
    big = write_plan(tmp_path, *[GOOD] * 20)
    with pytest.raises(ImportFailed) as info:
        read_table(big, key_column="code")
    assert problems(info) == [("file_too_big", None, None)]
    monkeypatch.setattr(tabular, "MAX_FILE_BYTES", 10**6)
    monkeypatch.setattr(tabular, "MAX_ROWS", 10)
    with pytest.raises(ImportFailed) as info:
        read_table(big, key_column="code")
    assert problems(info) == [("too_many_rows", None, None)]


def workbook_bytes() -> bytes:
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(GOOD.split(","))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, change) -> bytes:
    """The workbook ``data`` with each part's bytes passed through ``change(name, bytes)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_it_inflates(tmp_path):
    # 1 MB of one byte repeated inflates to 300 MB: its declared size is enough to refuse it.
    bomb = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook_bytes())) as src, zipfile.ZipFile(bomb, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_DEFLATED)
        padding = zipfile.ZipInfo("xl/media/padding.bin")
        padding.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(padding, "w", force_zip64=True) as part:
            chunk = b"\0" * 2**20
            for _ in range(300):
                part.write(chunk)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb.getvalue())
    assert path.stat().st_size < 2 * 2**20
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed) as info:
            read_table(path, key_column="code")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problems(info) == [("workbook_too_big", None, None)]
    assert peak < 50 * 2**20


def test_an_xlsx_with_xml_entities_is_refused(tmp_path):
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )

    def change(name: str, data: bytes) -> bytes:
        if name != "xl/worksheets/sheet1.xml":
            return data
        return lol + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)

    path = tmp_path / "entities.xlsx"
    path.write_bytes(rezip(workbook_bytes(), change))
    with pytest.raises(ImportFailed) as info:
        read_table(path, key_column="code")
    assert [(p.code, p.value) for p in info.value.problems] == [
        ("xml_entities", "xl/worksheets/sheet1.xml")
    ]


def test_a_control_character_in_a_workbook_is_refused(tmp_path):
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(GOOD.split(","))
    path = tmp_path / "nul.xlsx"
    book.save(path)
    data = rezip(
        path.read_bytes(),
        # in the code cell: ASCII, so however the writer escaped the rest (lxml writes
        # character references) the control character lands in the XML
        lambda name, d: d.replace(b"<t>1.1</t>", b"<t>1&#x1;1</t>") if "sheet" in name else d,
    )
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as info:
        read_table(path, key_column="code")
    assert problems(info)[0][0] in ("bad_workbook", "control_character")


async def test_an_agency_parent_cycle_is_refused(db, tmp_path):
    path = tmp_path / "cycle.csv"
    path.write_text(
        "name,short_code,kind,parent\n"
        "Sở A,soa,provincial_agency,Sở B\n"
        "Sở B,sob,provincial_agency,Sở C\n"
        "Sở C,soc,provincial_agency,Sở A\n"
        "Sở D,sod,provincial_agency,\n",
        encoding="utf-8",
    )
    table = read_table(path, key_column=("name", "group_label"))

    with pytest.raises(ImportFailed) as info:
        async with db.unit_of_work() as session:
            await import_directory(session, [table])
    assert [(p.code, p.row, p.column, p.value) for p in info.value.problems] == [
        ("parent_cycle", 2, "parent", "Sở A → Sở B → Sở C → Sở A")
    ]
    assert await count(db, Agency) == 0


async def test_a_long_person_name_is_named(db, tmp_path):
    await declare_agencies(db, AGENCY_FILES)
    path = tmp_path / "p.csv"
    path.write_text(
        f"full_name,title,agency,role,phone\n{'N' * 250},Chuyên viên,Sở Nội vụ,official,\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as info:
        await load_people(db, path)
    assert problems(info) == [("too_long", 2, "full_name")]
    assert await count(db, Person) == 0
