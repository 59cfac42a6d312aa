"""The progress chart: a real PNG of the right size, drawn with Vietnamese glyphs."""

from __future__ import annotations

import io
import struct
import warnings
from datetime import date

from matplotlib.font_manager import FontProperties, findfont
from PIL import Image

from bot.documents.chart import FONT, progress_chart
from storage.summary import StatusCounts, status_counts
from tests.kit.summary_plan import TODAY, build_plan

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OVERDUE_RED = (0xD3, 0x2F, 0x2F)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert (length, kind) == (13, b"IHDR")
    return struct.unpack(">II", data[16:24])


def render(by_group, lang="vi") -> tuple[bytes, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = progress_chart(by_group, TODAY, lang)
    return data, caught


def colours(data: bytes) -> set[tuple[int, int, int]]:
    image = Image.open(io.BytesIO(data)).convert("RGB")
    return {rgb for _, rgb in image.getcolors(maxcolors=image.width * image.height)}


def test_the_font_has_the_vietnamese_glyphs():
    assert findfont(FontProperties(family=FONT), fallback_to_default=False).endswith(
        "DejaVuSans.ttf"
    )


async def test_chart_of_the_plan(db, tmp_path):
    await build_plan(db, tmp_path)
    async with db.unit_of_work() as session:
        by_group = await status_counts(session, TODAY, by="group")
    data, caught = render(by_group)
    assert [str(w.message) for w in caught] == []  # no "Glyph … missing from font(s)"
    assert png_size(data) == (1200, 700)
    seen = colours(data)
    assert len(seen) > 50  # anti-aliased text and bars, not a blank canvas
    assert OVERDUE_RED in seen  # groups 2 and 7 have overdue assignments
    # Strict: any warning at all fails the render.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        progress_chart(by_group, date(2024, 12, 31), "en")


def test_every_glyph_of_the_vietnamese_labels():
    counts = StatusCounts(3, "", 10, 1, 2, 3, 1, 1, 1, 1)
    data, caught = render([counts])
    assert not [w for w in caught if "Glyph" in str(w.message)]
    assert png_size(data) == (1200, 700)


async def test_an_empty_plan_still_renders(db):
    async with db.unit_of_work() as session:
        by_group = await status_counts(session, TODAY, by="group")
    assert by_group == []
    for lang in ("vi", "en"):
        data, caught = render(by_group, lang)
        assert caught == []
        assert png_size(data) == (1200, 700)
        assert len(colours(data)) > 10  # title, axes and labels are drawn
        assert OVERDUE_RED in colours(data)  # the legend still shows every segment
