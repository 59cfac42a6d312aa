"""Onboarding many people and the people lifecycle (issue 14 points 7 and 3), on the
second sample: invites for everyone, who has not linked, close names, deactivate,
transfer, and import-people reporting and deactivating who is missing."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.app import admin, onboarding
from scheduler.planner import planned_nudges
from storage.models import ChatLink, Invite, Person
from tests.kit import CAL, NOW, QN_AGENCY_FILES, QN_PEOPLE_FILE, QN_PLAN_FILE, RULES, TZ, World
from tests.kit.chat import Chat
from tests.kit.cli import run


@pytest.fixture
async def province(db):
    await admin.run_import_agencies(db, list(QN_AGENCY_FILES), "vi", dry_run=False)
    await admin.run_import_plan(db, QN_PLAN_FILE, "vi", NOW, dry_run=False, workday=CAL.is_workday)
    await admin.run_import_people(db, QN_PEOPLE_FILE, "vi", NOW, dry_run=False)
    return db


async def person(db, name: str) -> Person:
    async with db.unit_of_work() as session:
        return await session.scalar(select(Person).where(Person.full_name == name))


async def test_invite_all_writes_every_unlinked_person_with_a_qr_code(province, tmp_path):
    world = World(province)
    await world.link(await person(province, "Trần Văn Bình"), "c1")
    rows, skipped = await onboarding.invite_all(
        province, "vi", NOW, username="nhacviec_bot", agency=None, days=30
    )
    assert skipped == 1 and len(rows) == 46
    assert all(r.expires_at == NOW + timedelta(days=30) for r in rows)
    path = tmp_path / "loi-moi.xlsx"
    onboarding.write_invites(path, rows, "vi", TZ, linkable=True)
    sheet = load_workbook(path).worksheets[0]
    assert [c.value for c in sheet[1]][:4] == [
        "Họ và tên",
        "Cơ quan/đơn vị",
        "Vai trò",
        "Liên kết Telegram",
    ]
    assert len(sheet._images) == 46  # one QR code a person
    first = [c.value for c in sheet[2]]
    assert first[3] == f"https://t.me/nhacviec_bot?start={first[4]}"
    # the code works once: /start in a chat links that person
    chat = Chat(province, now=NOW)
    (answer,) = await chat.say("new", f"/start {first[4]}")
    assert first[0] in answer


async def test_invite_all_for_one_agency_as_csv(province, tmp_path):
    rows, _ = await onboarding.invite_all(
        province, "vi", NOW, username=None, agency="dk-lyson", days=7
    )
    path = tmp_path / "lyson.csv"
    onboarding.write_invites(path, rows, "vi", TZ, linkable=False)
    text = path.read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert len(lines) == 3 and {line[1] for line in lines[1:]} == {"UBND đặc khu Lý Sơn"}


async def test_who_has_not_linked_in_chat_and_on_the_command_line(province):
    world = World(province)
    await world.link(await person(province, "Hoàng Thị Mai"), "lead-stp")  # Sở Tư pháp
    await world.link(await person(province, "Tiêu Thị Sen"), "coord")
    await world.link(await person(province, "Phạm Minh Tuấn"), "off")
    waiting = await onboarding.unlinked(province, "vi", agency="Sở Tư pháp")
    assert [w.person for w in waiting] == ["Võ Văn Hùng"]
    chat = Chat(province, now=NOW)
    (answer,) = await chat.say("coord", "/chualienket stp")
    assert answer.splitlines() == [
        "1 người chưa liên kết tài khoản chat ở Sở Tư pháp:",
        "- Võ Văn Hùng — Chuyên viên, Sở Tư pháp",
    ]
    (everyone,) = await chat.say("coord", "/unlinked")
    assert everyone.startswith("44 người chưa liên kết")
    assert len(everyone.splitlines()) == 1 + 30 + 1  # a phone screen or two, then a count
    (own,) = await chat.say("lead-stp", "/chualienket")  # a leader sees their own agency
    assert own.splitlines()[1:] == ["- Võ Văn Hùng — Chuyên viên, Sở Tư pháp"]
    (refused,) = await chat.say("off", "/chualienket")  # an official may not ask
    assert "Võ Văn Hùng" not in refused


async def test_a_name_not_found_suggests_the_close_ones(province):
    with pytest.raises(admin.UserError) as info:
        await admin.run_invite(province, "Loan", "vi", NOW)
    assert "Nguyễn Thị Loan" in str(info.value) and "Dương Thị Loan" in str(info.value)
    with pytest.raises(admin.UserError) as info:
        await admin.run_invite(province, "Tran Van Binn", "vi", NOW)
    assert "Trần Văn Bình" in str(info.value)


async def test_a_deactivated_person_gets_nothing_and_their_chat_closes(province):
    world = World(province)
    official = await person(province, "Kiều Văn Thắng")  # official of UBND phường Cẩm Thành
    await world.link(official, "ngoc")
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    async with province.unit_of_work() as session:
        before = {n.person_id for n, _ in await planned_nudges(session, RULES, CAL, start, end)}
    assert official.id in before
    label, links = await onboarding.deactivate(province, "Kieu Van Thang", "vi", NOW)
    assert links == 1 and "UBND phường Cẩm Thành" in label
    async with province.unit_of_work() as session:
        after = {n.person_id for n, _ in await planned_nudges(session, RULES, CAL, start, end)}
        chats = (await session.scalars(select(ChatLink))).all()
    assert official.id not in after and chats == []
    (answer,) = await Chat(province, now=NOW).say("ngoc", "/viec")
    assert "Kiều Văn Thắng" not in answer  # answered as a chat that is not linked
    with pytest.raises(admin.UserError):
        await admin.run_invite(province, "Kiều Văn Thắng", "vi", NOW)


async def test_a_transferred_person_works_for_the_new_agency(province):
    await onboarding.transfer(province, "Vũ Thị Lan", "x-dakha", "vi")
    moved = await person(province, "Vũ Thị Lan")
    async with province.unit_of_work() as session:
        planned = await planned_nudges(session, RULES, CAL, date(2026, 1, 1), date(2026, 3, 31))
    codes = {code for n, code in planned if n.person_id == moved.id}
    assert codes and all("@x-dakha" in code or "@" not in code for code in codes)
    assert all("@x-dakha" in code for code in codes if code.startswith("1.2"))
    with pytest.raises(admin.UserError):
        await onboarding.transfer(province, "Vũ Thị Lan", "x-dakha", "vi")


async def test_import_people_lists_the_missing_and_can_deactivate_them(province, tmp_path):
    lines = QN_PEOPLE_FILE.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if "Lý Văn Sơn" not in line and "Tạ Văn Long" not in line]
    kept.append("Người Mới,Chuyên viên,Sở Y tế,Chuyên viên,,")
    kept = [line.replace("Trưởng phòng Cải cách hành chính", "Phó Giám đốc") for line in kept]
    path = tmp_path / "nguoi-dung.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    await World(province).link(await person(province, "Lý Văn Sơn"), "son")
    report = await admin.run_import_people(province, path, "vi", NOW, dry_run=False)
    assert report.added == ["Người Mới (Sở Y tế)"]
    assert report.changed == [("Tiêu Thị Sen (Sở Nội vụ)", ("title",))]
    assert len(report.absent) == 2 and report.deactivated == []
    assert (await person(province, "Lý Văn Sơn")).active
    dry = await admin.run_import_people(
        province, path, "vi", NOW, dry_run=True, deactivate_missing=True
    )
    assert len(dry.deactivated) == 2 and (await person(province, "Lý Văn Sơn")).active
    done = await admin.run_import_people(
        province, path, "vi", NOW, dry_run=False, deactivate_missing=True
    )
    assert sorted(done.deactivated) == sorted(report.absent)
    son = await person(province, "Lý Văn Sơn")
    assert not son.active and son.deactivated_at == NOW
    async with province.unit_of_work() as session:
        assert (await session.scalars(select(ChatLink))).all() == []
        assert (await session.scalars(select(Invite))).all() == []
    again = await admin.run_import_people(province, path, "vi", NOW, dry_run=False)
    assert again.absent == []  # the deactivated are not news any more


def test_operator_onboards_from_the_command_line(tmp_path):
    assert run(tmp_path, "init").returncode == 0
    assert run(tmp_path, "import-agencies", *map(str, QN_AGENCY_FILES)).returncode == 0
    assert run(tmp_path, "import-plan", str(QN_PLAN_FILE)).returncode == 0
    people = run(tmp_path, "import-people", str(QN_PEOPLE_FILE))
    assert people.returncode == 0 and "+ Nguyễn Thị Loan (Văn phòng UBND tỉnh)" in people.stdout
    loan = run(tmp_path, "invite", "Loan")
    assert loan.returncode == 1 and "Dương Thị Loan" in loan.stderr
    nowhere = run(tmp_path, "invite", "--all", "--out", "no/such/folder.xlsx")
    assert nowhere.returncode == 1 and "no/such/folder.xlsx" in nowhere.stderr
    invites = run(tmp_path, "invite", "--all", "--agency", "snv", "--out", "snv.xlsx")
    assert invites.returncode == 0, invites.stderr
    assert (tmp_path / "snv.xlsx").is_file() and "Đã tạo 3 lời mời" in invites.stdout
    unlinked = run(tmp_path, "people", "--unlinked", "--agency", "snv")
    assert "Lê Thị Hoa — Lãnh đạo, Sở Nội vụ (lời mời hết hạn" in unlinked.stdout
    gone = run(tmp_path, "deactivate", "Nguyễn Thị Loan")
    assert gone.returncode == 0 and "Đã ngừng kích hoạt" in gone.stdout
    moved = run(tmp_path, "transfer", "Trần Văn Bình", "--agency", "stp")
    assert moved.returncode == 0 and "sang Sở Tư pháp" in moved.stdout
    template = run(tmp_path, "template", "plan", "--out", "mau.xlsx")
    assert template.returncode == 0 and (tmp_path / "mau.xlsx").is_file()
    bad = run(tmp_path, "template", "plans", "--out", "mau.xlsx")
    assert bad.returncode == 2
