"""Corrections to the ``holidays`` package's Vietnamese calendar.

The package follows the government's yearly notices on swapped days with a lag.
Each entry here records one day the state sector (cán bộ, công chức, viên chức)
actually has off or works, with where that is stated. Layering, lowest first:
the package, then this table, then the province's configuration
(``NHACVIEC_EXTRA_DAYS_OFF`` / ``NHACVIEC_EXTRA_WORKDAYS``).

Add an entry only with a source someone can check; never guess a document number.
Drop entries once the package knows them (the tests say which ones it already does),
except a ``pinned`` one: a day whose status is a decision the province may want to
revisit, kept here even while the package agrees, so that one line flips it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

_NEW_YEAR_2026 = (
    "Chính phủ đồng ý ngày 25/12/2025, Bộ Nội vụ thông báo cùng ngày: phương án nghỉ "
    "Tết Dương lịch 2026, hoán đổi thứ Sáu 02/01/2026 sang thứ Bảy 10/01/2026 "
    "(khu vực nhà nước; đưa tin: 24h.com.vn, 26/12/2025)"
)


@dataclass(frozen=True)
class Correction:
    """``day`` is a day ``off`` or a day of ``work`` for the state sector."""

    day: date
    kind: Literal["off", "work"]
    source: str
    # Kept on purpose even where the package agrees (see the module's docstring).
    pinned: bool = False

    def __post_init__(self) -> None:
        if self.kind not in ("off", "work"):
            raise ValueError(f"kind must be 'off' or 'work', not {self.kind!r}")
        if not self.source.strip():
            raise ValueError("a correction needs its source")


_CULTURE_DAY_2026 = (
    "Bộ Chính trị chọn ngày 24/11 hằng năm là Ngày Văn hóa Việt Nam, người lao động được "
    "nghỉ; là ngày nghỉ theo luật khi Bộ luật Lao động (Điều 112) được sửa đổi. Gói "
    "holidays tính là ngày nghỉ từ bản 0.106. Nếu tỉnh vẫn làm việc ngày này, đổi "
    '"off" thành "work" ở dòng dưới.'
)

CORRECTIONS: tuple[Correction, ...] = (
    Correction(date(2026, 1, 2), "off", _NEW_YEAR_2026),
    Correction(date(2026, 1, 10), "work", _NEW_YEAR_2026),
    # Ngày Văn hóa Việt Nam, Tuesday: the one line to flip.
    Correction(date(2026, 11, 24), "off", _CULTURE_DAY_2026, pinned=True),
)
