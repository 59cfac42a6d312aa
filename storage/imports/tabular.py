"""Read a CSV or XLSX table into rows of text cells, with spreadsheet row numbers."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

from storage.imports.problems import ImportFailed, Problem
from storage.textfold import nfc


@dataclass(frozen=True)
class Row:
    number: int  # spreadsheet row: the header is row 1
    cells: dict[str, str]
    raw: dict[str, object]  # XLSX cell values before they became text


@dataclass(frozen=True)
class Table:
    source: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def read_table(path: Path, *, key_column: str | tuple[str, ...]) -> Table:
    """Read ``path`` (.csv or .xlsx). A workbook's data sheet is the first one
    whose header has ``key_column`` (or one of several).

    Raises ``ImportFailed`` for a file that cannot be read as a table at all.
    """
    source = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(source, [Problem("unreadable_file", value=str(exc.strerror))]) from None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(source, data, key_column)
    if path.suffix.lower() in (".csv", ".txt", ""):
        return _read_csv(source, data)
    raise ImportFailed(source, [Problem("unknown_file_type", value=path.suffix)])


def _header(cells: Sequence[object]) -> list[str]:
    return [nfc(str(c)).lower() if c is not None else "" for c in cells]


def _read_csv(source: str, data: bytes) -> Table:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise ImportFailed(source, [Problem("bad_encoding", row=line, value=bad)]) from None
    records = list(csv.reader(io.StringIO(text, newline="")))
    if not records:
        raise ImportFailed(source, [Problem("empty_file")])
    columns = _header(records[0])
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines at the end of a hand-edited file
        cells = {col: nfc(record[i]) if i < len(record) else "" for i, col in enumerate(columns)}
        rows.append(Row(number, cells, dict(cells)))
    return Table(source, tuple(columns), tuple(rows))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return nfc(str(value))


def _read_xlsx(source: str, data: bytes, key_column: str | tuple[str, ...]) -> Table:
    from openpyxl import load_workbook

    keys = (key_column,) if isinstance(key_column, str) else key_column
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise ImportFailed(source, [Problem("bad_workbook")]) from None
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            if first is None or not set(keys) & set(_header(list(first))):
                continue
            columns = _header(list(first))
            out = []
            for number, values in enumerate(rows, start=2):
                raw: dict[str, object] = {
                    col: values[i] if i < len(values) else None for i, col in enumerate(columns)
                }
                cells = {col: _cell_text(v) for col, v in raw.items()}
                if any(cells.values()):
                    out.append(Row(number, cells, raw))
            return Table(f"{source} [{sheet.title}]", tuple(columns), tuple(out))
        sheets = tuple(ws.title for ws in workbook.worksheets)
        wanted = " / ".join(keys)
        raise ImportFailed(source, [Problem("no_data_sheet", value=wanted, hint=sheets)])
    finally:
        workbook.close()


def missing_columns(table: Table, required: tuple[str, ...]) -> list[Problem]:
    return [
        Problem("missing_column", row=1, column=col, value=", ".join(c for c in table.columns if c))
        for col in required
        if col not in table.columns
    ]
