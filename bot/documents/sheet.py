"""A streamed worksheet of styled cells, written at nearly the pace of plain values.

openpyxl's write-only sheet serialises each row as it is appended; a styled cell
is its slow path. Per cell it would build a ``Cell``, copy a style array and hash
it for its id, and (telling a cell from a value by the ``ValueError`` of binding
it) format the cell's ``repr`` into that error. So here, per sheet:

- every named style is looked up once, its array and its id kept (``Style``);
- one cell per column is bound to the next row's value and style and reused,
  since the row it was in is already written (``StyledSheet.row``);
- those cells carry their style's id and a constant ``repr``.

What the cells hold and how they look is what ``cell.style = name`` per new cell
gives: ``tests/test_reports.py`` reads the workbook back, cell by cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import NamedStyle
from openpyxl.worksheet.dimensions import RowDimension

# A text cell starting with one of these is a formula to a spreadsheet (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Values bound without openpyxl's type search: their data types (None is an empty cell).
_PLAIN = {int: "n", float: "n", type(None): "n"}
_DATES = (date, datetime)
LINE_POINTS = 15  # the height of a line of wrapped text
LETTERS_PER_UNIT = 1.15  # a width unit is one digit; text averages about 1.15 letters per unit


def cell_text(value):
    """``value`` safe to open in a spreadsheet: text starting like a formula gets a leading
    apostrophe (shown as typed, never evaluated); dates, numbers and None unchanged.

    The one neutraliser of both writers (CSV and XLSX).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def register_styles(book: Workbook, looks: Mapping[str, dict[str, Any]], prefix: str) -> None:
    """Named styles ``{prefix}{name}``, registered once per workbook."""
    for name, look in looks.items():
        book.add_named_style(NamedStyle(name=f"{prefix}{name}", **look))


@dataclass(frozen=True)
class Style:
    """A named style as a cell holds it: the array (shared, never changed) and its id."""

    array: Any  # openpyxl's StyleArray
    id: int
    dates: bool  # a date or time number format: date values may take it


class _RowCell(Cell):
    """A cell of one column, bound again for every row (``StyledSheet.row``)."""

    __slots__ = ("style_id",)  # set with the style: openpyxl would hash the array per cell
    has_style = True  # every cell of these sheets has one (a border at least)

    def __repr__(self) -> str:
        # Formatted into the ValueError openpyxl raises for every cell appended.
        return "<cell>"


class StyledSheet:
    """A write-only sheet whose rows are written through ``row`` (or ``append``), counted."""

    def __init__(self, ws, names: Sequence[str], prefix: str) -> None:
        self.sheet, self.rows_written = ws, 0
        self.styles: dict[str, Style] = {}
        for name in names:
            probe = WriteOnlyCell(ws)
            probe.style = f"{prefix}{name}"
            array = probe._style  # type: ignore[attr-defined]  # openpyxl private
            self.styles[name] = Style(array, probe.style_id, probe.is_date)
        self._cells: list[_RowCell] = []
        self._heights: dict[int, RowDimension] = {}

    def cell(self, value, style: str) -> Cell:
        """A cell of its own, for a row of one (a heading)."""
        cell = WriteOnlyCell(self.sheet, cell_text(value))
        if isinstance(value, str):
            cell.data_type = "s"  # see ``row``
        cell._style = self.styles[style].array  # type: ignore[attr-defined]  # openpyxl private
        return cell

    def row(self, values: Sequence, styles: Sequence[str], columns: Sequence[tuple]) -> None:
        """Append one row of ``values`` in ``styles``, as tall as its longest wrapped text;
        ``columns``: (key, width) pairs.

        Spreadsheets do not grow a written row to fit on opening (LibreOffice prints
        wrapped text over the next row), so the height is set here: lines of each
        text at its column's width, ``LINE_POINTS`` a line.
        """
        while len(self._cells) < len(values):
            self._cells.append(_RowCell(self.sheet, row=1, column=1))
        cells, lines = self._cells[: len(values)], 1
        for cell, value, name, (_, width) in zip(cells, values, styles, columns, strict=True):
            style = self.styles[name]
            cell._style, cell.style_id = style.array, style.id  # type: ignore[attr-defined,misc]
            kind = value.__class__
            if kind is not str and isinstance(value, str):  # a StrEnum: its text
                value, kind = str(value), str
            if kind is str:
                if len(value) > width:
                    per_line = max(int(width * LETTERS_PER_UNIT) - 1, 1)
                    lines = max(lines, -(-len(value) // per_line) + value.count("\n"))
                # openpyxl's binding checks the text (length, control characters)
                cell.value = "'" + value if value.startswith(FORMULA_STARTS) else value
                # Typed as a string: openpyxl would read "#N/A" as an error value.
                cell.data_type = "s"
            elif kind in _PLAIN:
                # What binding sets for these, without its type search per cell.
                cell._value, cell.data_type = value, _PLAIN[kind]  # type: ignore[attr-defined]
            elif kind in _DATES and style.dates:
                # the style has its date format
                cell._value, cell.data_type = value, "d"  # type: ignore[attr-defined]
            elif isinstance(value, date):
                # Binding would set a date format on the shared array of ``name``.
                raise ValueError(f"a date in the style {name!r}, which has no date format")
            else:
                cell.value = value
        if lines > 1:  # before the row is written
            self.sheet.row_dimensions[self.rows_written + 1] = self._height(lines)
        self.append(cells)

    def _height(self, lines: int) -> RowDimension:
        """One row dimension per height, shared by the rows of that height: the writer
        reads only its attributes (height, hidden...), never its index."""
        if lines not in self._heights:
            self._heights[lines] = RowDimension(self.sheet, height=LINE_POINTS * lines)
        return self._heights[lines]

    def append(self, row) -> None:
        self.sheet.append(row)
        self.rows_written += 1

    def __getattr__(self, name):
        return getattr(self.sheet, name)
