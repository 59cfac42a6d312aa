"""The progress chart (/bieudo): one stacked bar per task group, as a PNG.

Drawn with ``matplotlib.figure.Figure`` on an Agg canvas, never pyplot, so
no global backend or figure registry is touched and it is safe in a worker
thread. Every text is set in DejaVu Sans, which ships with matplotlib and has
the Vietnamese glyphs.

Segments: the buckets of ``storage.summary`` in their order (hoàn thành đúng
hạn, trễ hạn; trong hạn: đang thực hiện, chưa thực hiện, vướng mắc, đề nghị
gia hạn; quá hạn; chưa đến hạn), together the group's total. Each bar ends
with its total and "hoàn thành X%"; a segment too narrow for its number shows
none (``LABEL_MIN_SHARE``) rather than one overlapping its neighbour.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import MaxNLocator

from bot.texts import dmy, group_name, percent, t
from storage.summary import BUCKETS, StatusCounts

FONT = "DejaVu Sans"
SIZE_INCHES = (12, 7)
DPI = 100  # 1200 x 700 px

COLOURS = {
    "done_on_time": "#2e7d32",
    "done_late": "#9ccc65",
    "in_progress": "#1e88e5",
    "not_started": "#bdbdbd",
    "blocked": "#fb8c00",
    "extension_requested": "#8e24aa",
    "overdue": "#d32f2f",
    "not_due": "#eeeeee",
}
# (legend: text bucket_{key}, colour, fields of StatusCounts added together): the
# buckets of storage.summary, in their order, one segment each.
SEGMENTS = tuple((key, COLOURS[key], (key,)) for key in BUCKETS)
# A number is printed on its segment only when the segment is at least this share of
# the widest bar: a narrower one has no room, and its number would overlap the next.
LABEL_MIN_SHARE = 0.045


def _group_label(number: int, lang: str) -> str:
    wrapped = textwrap.fill(group_name(lang, number, short=True), width=26)
    return f"{t(lang, 'group', n=number)}\n{wrapped}"


def progress_chart(
    by_group: Sequence[StatusCounts], today: date, lang: str = "vi", scope: str = ""
) -> bytes:
    """A 1200 x 700 px PNG of progress by group (all seven groups, empty ones as 0).

    ``by_group`` is ``status_counts(..., by="group")``; ``today`` the local
    day shown in the title (dd/mm/yyyy); ``scope`` what the figures cover, named in
    the title (an agency's name; "" for the whole plan).
    """
    font = FontProperties(family=FONT, size=10)
    small = FontProperties(family=FONT, size=9)
    counts = {c.key: c for c in by_group}
    numbers = list(range(1, 8))

    fig = Figure(figsize=SIZE_INCHES, dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(numbers)))
    left = [0] * len(numbers)
    widest = max((c.total for c in by_group), default=0)
    for key, colour, fields in SEGMENTS:
        widths = [sum(getattr(counts[n], f) for f in fields) if n in counts else 0 for n in numbers]
        bars = ax.barh(
            positions, widths, left=left, color=colour, label=t(lang, f"bucket_{key}"), height=0.65
        )
        labels = [str(w) if w and w >= widest * LABEL_MIN_SHARE else "" for w in widths]
        ax.bar_label(bars, labels=labels, label_type="center", fontproperties=small)
        left = [a + b for a, b in zip(left, widths, strict=True)]

    totals = [counts[n].total if n in counts else 0 for n in numbers]
    largest = max(totals, default=0)
    for y, n in zip(positions, numbers, strict=True):
        total = totals[y]
        pct = percent(lang, 100 * counts[n].done / total) if total else 0
        label = t(lang, "chart_bar_total", total=total, pct=pct) if total else "0"
        ax.text(total + max(largest, 1) * 0.01, y, label, va="center", fontproperties=small)

    ax.set_yticks(positions, [_group_label(n, lang) for n in numbers])
    ax.invert_yaxis()  # group 1 on top
    ax.set_xlim(0, max(largest, 1) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(t(lang, "chart_axis"), fontproperties=font)
    for tick in (*ax.get_yticklabels(), *ax.get_xticklabels()):
        tick.set_fontproperties(font)
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    if not largest:
        ax.text(
            0.5,
            0.5,
            t(lang, "chart_empty"),
            transform=ax.transAxes,
            ha="center",
            fontproperties=font,
        )

    fig.suptitle(
        t(lang, "chart_title", scope=scope or t(lang, "scope_all"), day=dmy(today, lang)),
        fontproperties=FontProperties(family=FONT, size=15, weight="bold"),
    )
    # Anchored just above the axes: the constrained layout keeps it under the title.
    ax.legend(
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=4,
        prop=font,
        frameon=False,
        columnspacing=1.2,
        handlelength=1.8,
    )
    # supxlabel, unlike fig.text, gets its own room from the constrained layout.
    fig.supxlabel(t(lang, "chart_note"), x=0.01, ha="left", fontproperties=small, color="#555555")

    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
