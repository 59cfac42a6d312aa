"""The DOCX report draft (Decree 30/2020/NĐ-CP layout), opened with python-docx."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from sqlalchemy import update

from bot.documents.draft import period
from bot.documents.report import build_report, report_filename
from bot.texts import group_label
from storage.models import Assignment
from tests.kit import TZ
from tests.kit.summary_plan import TODAY, build_plan


@pytest.fixture
async def plan(db, tmp_path):
    await build_plan(db, tmp_path)
    async with db.unit_of_work() as session:
        await session.execute(
            update(Assignment)
            .where(Assignment.code == "2.2")
            .values(status_note="chờ ý kiến thẩm định của Sở Tư pháp")
        )
    return db


async def draft(db, lang="vi", **kw) -> Document:
    async with db.unit_of_work() as session:
        content = await build_report(session, TODAY, "docx", lang, tz=TZ, **kw)
    return Document(io.BytesIO(content))


def cell_text(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


async def test_the_header_follows_decree_30(plan):
    doc = await draft(plan, issuer="Sở Nội vụ")
    section = doc.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    assert [round(size.mm) for size in sizes] == [210, 297, 30, 15]  # A4, Phụ lục I margins
    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert cell_text(left) == ["UBND TỈNH ……", "SỞ NỘI VỤ", "Số:        /BC-……"]
    assert cell_text(right)[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert cell_text(right)[2] == "……, ngày 20 tháng 03 năm 2024"
    assert all(run.bold for p in right.paragraphs[:2] for run in p.runs)
    paragraphs = [p.text for p in doc.paragraphs]
    title = paragraphs.index("BÁO CÁO")
    assert (
        paragraphs[title + 1] == "Tình hình thực hiện Kế hoạch cải cách hành chính quý I năm 2024"
    )
    assert doc.styles["Normal"].font.name == "Times New Roman"


async def test_the_body_gives_the_figures_in_prose_and_tables(plan):
    doc = await draft(plan)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Thực hiện Kế hoạch CCHC năm 2024, tình hình thực hiện tính đến ngày 20/03/2024" in text
    assert (
        "toàn kế hoạch có 13 nhiệm vụ; hoàn thành 4 (đúng hạn 3, trễ hạn 1), tỷ lệ hoàn thành "
        "đúng hạn 23,1%; chưa hoàn thành trong hạn 5 (đang thực hiện 2, chưa thực hiện 1, "
        "vướng mắc 1, đề nghị gia hạn 1); quá hạn 3, trong đó: vướng mắc 1, đề nghị gia hạn 1, "
        "chưa thực hiện 1; chưa đến hạn 1." in text
    )
    assert f"- {group_label('vi', 1)}: 3 nhiệm vụ; hoàn thành 3" in text
    groups, agencies = doc.tables[1], doc.tables[2]
    assert [c.text for c in groups.rows[0].cells][:3] == [
        "STT",
        "Nhóm nhiệm vụ",
        "Tổng số nhiệm vụ",
    ]
    assert [r.cells[1].text for r in groups.rows[1:]] == [
        group_label("vi", 1),
        group_label("vi", 2),
        group_label("vi", 7),
        "Tổng cộng",
    ]
    assert [r.cells[1].text for r in agencies.rows[1:]] == ["Sở Nội vụ", "Sở Tư pháp", "Tổng cộng"]
    assert agencies.rows[-1].cells[2].text == "13"
    # The table's columns are the report's buckets, the split of overdue and "chưa đến hạn".
    headers = [c.text for c in agencies.rows[0].cells]
    assert headers[-3:] == [
        "Quá hạn: đề nghị gia hạn",
        "Chưa đến hạn",
        "Tỷ lệ hoàn thành đúng hạn (%)",
    ]


async def test_overdue_tasks_come_with_their_reasons_then_the_recipients(plan):
    doc = await draft(plan)
    paragraphs = [p.text for p in doc.paragraphs]
    start = paragraphs.index("II. NHIỆM VỤ QUÁ HẠN (3 nhiệm vụ)")
    items = paragraphs[start + 1 : start + 4]
    assert items[0].startswith("1. Cổng dịch vụ công (7.3) — Sở Nội vụ chủ trì; hạn 01/03/2024")
    assert "quá hạn 19 ngày" in items[0] and items[0].endswith("Lý do: chưa báo cáo lý do.")
    assert items[1].startswith("2. Rà soát văn bản (2.2)")
    assert items[1].endswith("Lý do: chờ ý kiến thẩm định của Sở Tư pháp.")
    assert "III. ĐỀ XUẤT, KIẾN NGHỊ" in paragraphs
    recipients, signer = doc.tables[-1].rows[0].cells
    assert cell_text(recipients)[0] == "Nơi nhận:" and "- Lưu: VT." in cell_text(recipients)
    assert cell_text(signer)[0] == "GIÁM ĐỐC"


async def test_in_english_and_the_file_name(plan):
    doc = await draft(plan, "en")
    assert "REPORT" in [p.text for p in doc.paragraphs]
    assert report_filename(TODAY, "docx") == "nhacviec-bao-cao-2024-03-20.docx"


def test_the_period_follows_the_day_of_the_figures():
    days = [date(2024, 3, 31), date(2024, 6, 30), date(2024, 9, 30), date(2024, 12, 31)]
    assert [period(d) for d in days] == ["q1", "h1", "m9", "year"]
