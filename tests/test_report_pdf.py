"""The workbook as LibreOffice prints it: A4 pages that each hold every column.

Converted with ``soffice --headless --convert-to pdf``; pages counted with ``pdfinfo``
and read with ``pdftotext -layout``. Skipped, saying why, where LibreOffice or
poppler-utils is missing (``.ci/run`` installs both).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime

import pytest

from bot.documents.report import DETAIL_COLUMNS, OVERDUE_COLUMNS, to_xlsx
from bot.texts import t
from storage.enums import Status
from storage.report import ReportPlan, ReportRow
from storage.summary import StatusCounts
from tests.kit import TZ

TODAY = date(2024, 7, 1)
MISSING = [tool for tool in ("soffice", "pdfinfo", "pdftotext") if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{', '.join(MISSING)} not installed: apt-get install libreoffice-calc poppler-utils",
)
STATUSES = [Status.DONE, Status.IN_PROGRESS, Status.BLOCKED, Status.NOT_STARTED]


def rows(n: int) -> list[ReportRow]:
    """``n`` assignments with long titles, cooperators and reasons, a third overdue."""
    out = []
    for i in range(n):
        status = STATUSES[i % 4]
        out.append(
            ReportRow(
                assignment_id=i + 1,
                assignment=f"{i % 7 + 1}.{i + 1}@so{i % 20}",
                task=f"{i % 7 + 1}.{i + 1}",
                title="Rà soát, đơn giản hóa thủ tục hành chính nội bộ giữa các cơ quan "
                f"hành chính nhà nước trên địa bàn tỉnh, đợt {i + 1}",
                group=i % 7 + 1,
                agency_id=i % 20,
                agency=f"Sở Khoa học và Công nghệ {i % 20}",
                deadline=date(2024, 3 + i % 6, 28),
                status=status,
                timeliness="overdue" if i % 3 == 0 and status != Status.DONE else "",
                percent=(i * 10) % 100,
                updated_at=datetime(2024, 6, 20, 2, 0, tzinfo=UTC),
                updated_by="Nguyễn Văn An",
                plan_deadline=date(2024, 3 + i % 6, 28),
                deliverable="Báo cáo",
                cooperators="Sở Tư pháp; Văn phòng UBND tỉnh",
                note="Chờ ý kiến thẩm định của Sở Tư pháp" if status == Status.BLOCKED else "",
                evidence=f"{i + 100}/BC-SKHCN",
            )
        )
    return out


def counts(key, label) -> StatusCounts:
    return StatusCounts(key, label, 30, 10, 2, 5, 5, 3, 1, 4)


@pytest.fixture(scope="module")
def pdf_pages(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("pdf")
    book = to_xlsx(
        rows(150),
        [counts(g, "") for g in range(1, 8)],
        [counts(a, f"Sở Khoa học và Công nghệ {a}") for a in range(20)],
        StatusCounts(None, "", 600, 200, 40, 100, 100, 60, 20, 80),
        TODAY,
        "vi",
        tz=TZ,
        plan=ReportPlan(2024, "Kế hoạch CCHC năm 2024 (Quyết định số 12/QĐ-UBND)"),
    )
    (folder / "report.xlsx").write_bytes(book)
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless"),
            *("--convert-to", "pdf", "--outdir", str(folder), str(folder / "report.xlsx")),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = folder / "report.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info.stdout)
    assert size and float(size[1]) > float(size[2])  # landscape
    assert abs(float(size[1]) - 842) < 3 and abs(float(size[2]) - 595) < 3  # A4 in points
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout)[1])
    pages = []
    for page in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        pages.append(text)
    return pages


def holds_every_column(page: str, columns) -> bool:
    """Every header's first word is on the page as often as headers start with it."""
    firsts = [t("vi", f"col_{name}").split()[0] for name, _ in columns]
    words = re.findall(r"\w+", page)
    return all(words.count(w) >= firsts.count(w) for w in set(firsts))


def test_every_page_holds_every_column(pdf_pages):
    detail = [p for p in pdf_pages if "Rà soát" in p and "Số ngày" not in p]
    overdue = [p for p in pdf_pages if "Số ngày" in p]
    assert len(detail) >= 3 and overdue  # the 150 rows take several pages
    assert all(holds_every_column(p, DETAIL_COLUMNS) for p in detail)
    assert all(holds_every_column(p, OVERDUE_COLUMNS) for p in overdue)
    # the last column on every page: nothing is cut off at the right
    assert all("cuối" in p for p in detail + overdue)
    assert all("BC-SKHCN" in p for p in detail)  # the evidence column's values
    assert len(pdf_pages) < 20  # not the 118 portrait pages of one column each


def test_the_title_block_opens_the_report(pdf_pages):
    first = " ".join(pdf_pages[0].split())
    assert "BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NĂM 2024" in first
    assert "(Tính đến ngày 01/07/2024)" in first and "12/QĐ-UBND" in first
    assert "I. THEO NHÓM NHIỆM VỤ" in first
