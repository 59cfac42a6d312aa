"""Read a CSV or XLSX table into rows of text cells, with spreadsheet row numbers.

A file is bounded before it is parsed: at most ``MAX_FILE_BYTES`` on disk and,
for a workbook, ``MAX_INFLATED_BYTES`` once unzipped (the sizes the zip
declares, which reading never exceeds) in at most ``MAX_ZIP_MEMBERS`` parts;
an XML part declaring a DOCTYPE or an entity is refused unread. While reading:
at most ``MAX_ROWS`` data rows and ``MAX_COLUMNS`` columns, at most
``MAX_CELL_CHARS`` characters a cell; a column named twice, and control
characters (NUL and the rest of C0 but tab and line breaks, and DEL) are
refused with their row and column: nothing reaches either database.

Files as offices save them are read too: headers in Vietnamese (``headers``),
a CSV separated by ";" or tabs (Excel under Vietnamese regional settings, or
"Unicode Text"), UTF-16 with a BOM, and Windows-1258; a file in a legacy
Vietnamese encoding (TCVN3, VNI) is refused in one message naming it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zipfile import BadZipFile

from storage.imports import headers as known
from storage.imports.encodings import decode
from storage.imports.problems import ImportFailed, Problem
from storage.textfold import nfc

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_INFLATED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELL_CHARS = 10_000  # under the csv module's own 131,072
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
XML_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


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
    encoding: str = "utf-8"  # what a CSV was read as; "" for a workbook
    delimiter: str = ","
    # The lines above the header (an office's title block: issuing body, plan name,
    # decision), each as its cells' text joined; () when the header is the first line.
    preamble: tuple[str, ...] = ()


TITLE_LINES = 10  # how far down a header is looked for under a title block


def _title_block(text: str, aliases: Sequence[known.Aliases]) -> tuple[tuple[str, ...], str]:
    """The title block above the header of a CSV, and the text from the header on.

    The header is the first of the first lines naming two known columns (under
    any separator); when none does, the first line (its problems are reported).
    """
    lines = text.split("\n", TITLE_LINES)
    try:
        return _split_title_block(lines, text, aliases)
    except csv.Error:  # a line the reader refuses: the table's own reading reports it
        return (), text


def _split_title_block(
    lines: list[str], text: str, aliases: Sequence[known.Aliases]
) -> tuple[tuple[str, ...], str]:
    for n, line in enumerate(lines[:TITLE_LINES]):
        names = [
            nfc(c).strip().lower()
            for sep in (",", ";", "\t")
            for c in next(csv.reader([line], delimiter=sep), [])
        ]
        if known.recognised(names, *aliases) >= 2:
            if n == 0:
                return (), text
            block = tuple(
                " ".join(c.strip() for c in next(csv.reader([raw]), []) if c.strip())
                for raw in lines[:n]
            )
            return tuple(b for b in block if b), "\n".join(lines[n:])
    return (), text


def read_table(
    path: Path, *, key_column: str | tuple[str, ...], aliases: Sequence[known.Aliases] = ()
) -> Table:
    """Read ``path`` (.csv or .xlsx). A workbook's data sheet is the first one
    whose header has ``key_column`` (or one of several). Headers named by one
    of ``aliases`` (``storage.imports.headers``) become their canonical column.

    Raises ``ImportFailed`` for a file that cannot be read as a table at all.
    """
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            limit = (f"{MAX_FILE_BYTES // 2**20} MB",)
            raise ImportFailed(source, [Problem("file_too_big", value=_mb(size), hint=limit)])
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(source, [Problem("unreadable_file", value=str(exc.strerror))]) from None
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(source, data, key_column, aliases)[0]
    if path.suffix.lower() in (".csv", ".txt", ""):
        return _read_csv(source, data, aliases)
    raise ImportFailed(source, [Problem("unknown_file_type", value=path.suffix)])


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _header(cells: Sequence[object], aliases: Sequence[known.Aliases] = ()) -> list[str]:
    names = [nfc(str(c)).strip().lower() if c is not None else "" for c in cells]
    while names and not names[-1]:
        names.pop()  # empty cells after the last column
    return known.canonical(names, *aliases)


def _delimiter(text: str, aliases: Sequence[known.Aliases]) -> str:
    """The separator of the header line: the one naming most known columns, then most cells."""
    first = text.split("\n", 1)[0]

    def score(sep: str) -> tuple[int, int]:
        cells = next(csv.reader([first], delimiter=sep), [])
        names = [nfc(c).lower() for c in cells]
        return known.recognised(names, *aliases), len(cells)

    return max((",", ";", "\t"), key=score)


def _header_problems(columns: list[str]) -> list[Problem]:
    if len(columns) > MAX_COLUMNS:
        return [
            Problem("too_many_columns", row=1, value=str(len(columns)), hint=(str(MAX_COLUMNS),))
        ]
    seen: set[str] = set()
    problems = []
    for column in columns:
        if column and column in seen:
            problems.append(Problem("duplicate_column", row=1, column=column))
        seen.add(column)
    return problems + [
        p for i, column in enumerate(columns) for p in _cell_problems(1, f"#{i + 1}", column)
    ]


def _cell_problems(number: int, column: str, text: str) -> list[Problem]:
    """A cell too long or with a control character, else nothing."""
    if len(text) > MAX_CELL_CHARS:
        return [Problem("cell_too_long", number, column, str(len(text)), (str(MAX_CELL_CHARS),))]
    bad = CONTROL.search(text)
    if bad:
        return [Problem("control_character", number, column, f"U+{ord(bad.group()):04X}")]
    return []


def _too_many_rows(source: str) -> ImportFailed:
    return ImportFailed(source, [Problem("too_many_rows", value=str(MAX_ROWS))])


def _read_csv(source: str, data: bytes, aliases: Sequence[known.Aliases] = ()) -> Table:
    text, encoding = decode(source, data)
    if match := re.match(r"sep=(.)\r?\n", text):  # Excel's hint line, hidden when opened
        delimiter, text = match[1], text[match.end() :]
    before = text.count("\n")
    preamble, text = _title_block(text, aliases)
    skipped = before - text.count("\n")  # title lines: rows keep their line numbers
    if not match:
        delimiter = _delimiter(text, aliases)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            if len(records) > MAX_ROWS:
                raise _too_many_rows(source)
            records.append(record)
    except csv.Error:  # a field past the csv module's limit, or broken quoting
        line = reader.line_num
        raise ImportFailed(source, [Problem("bad_csv_line", row=line)]) from None
    if not records:
        raise ImportFailed(source, [Problem("empty_file")])
    columns = _header(records[0], aliases)
    problems = _header_problems(columns)
    if problems:
        raise ImportFailed(source, problems)
    rows = []
    for number, record in enumerate(records[1:], start=2 + skipped):
        if not any(cell.strip() for cell in record):
            continue  # blank lines at the end of a hand-edited file
        cells = {col: nfc(record[i]) if i < len(record) else "" for i, col in enumerate(columns)}
        problems += [p for col, v in cells.items() for p in _cell_problems(number, col, v)]
        rows.append(Row(number, cells, dict(cells)))
    if problems:
        raise ImportFailed(source, problems)
    return Table(source, tuple(columns), tuple(rows), encoding, delimiter, preamble)


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


def read_tables(
    path: Path, *, key_column: str | tuple[str, ...], aliases: Sequence[known.Aliases] = ()
) -> list[Table]:
    """``read_table``, but every data sheet of a workbook (agencies and collectives
    on two sheets of one template); a CSV is one table."""
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file():
        size = path.stat().st_size
        if size <= MAX_FILE_BYTES:
            return _read_xlsx(path.name, path.read_bytes(), key_column, aliases, every=True)
    return [read_table(path, key_column=key_column, aliases=aliases)]


def _read_xlsx(
    source: str,
    data: bytes,
    key_column: str | tuple[str, ...],
    aliases: Sequence[known.Aliases] = (),
    *,
    every: bool = False,
) -> list[Table]:
    from openpyxl import load_workbook

    keys = (key_column,) if isinstance(key_column, str) else key_column
    _check_zip(source, data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise ImportFailed(source, [Problem("bad_workbook")]) from None
    tables: list[Table] = []
    try:
        for sheet in workbook.worksheets:
            rows = sheet.iter_rows(values_only=True)
            first = next(rows, None)
            block: list[str] = []
            # A title block is lines of one cell each (merged across, as offices write
            # it); a sheet of notes with a column of names is not one.
            while (
                first is not None
                and len(block) < TITLE_LINES
                and not set(keys) & set(_header(list(first), aliases))
                and sum(_cell_text(v).strip() != "" for v in first if v is not None) <= 1
            ):
                block.append(" ".join(_cell_text(v).strip() for v in first if v is not None))
                first = next(rows, None)
            if first is None or not set(keys) & set(_header(list(first), aliases)):
                continue
            columns = _header(list(first), aliases)
            problems = _header_problems(columns)
            if problems:
                raise ImportFailed(source, problems)
            out = []
            for number, values in enumerate(rows, start=2 + len(block)):
                if number > MAX_ROWS + 1 + len(block):
                    raise _too_many_rows(source)
                raw: dict[str, object] = {
                    col: values[i] if i < len(values) else None for i, col in enumerate(columns)
                }
                cells = {col: _cell_text(v) for col, v in raw.items()}
                problems += [p for col, v in cells.items() for p in _cell_problems(number, col, v)]
                if any(cells.values()):
                    out.append(Row(number, cells, raw))
            if problems:
                raise ImportFailed(source, problems)
            preamble = tuple(b.strip() for b in block if b.strip())
            name = f"{source} [{sheet.title}]"
            tables.append(Table(name, tuple(columns), tuple(out), "", preamble=preamble))
            if not every:
                return tables
        if tables:
            return tables
        sheets = tuple(ws.title for ws in workbook.worksheets)
        wanted = " / ".join(keys)
        raise ImportFailed(source, [Problem("no_data_sheet", value=wanted, hint=sheets)])
    except ImportFailed:
        raise
    except Exception:  # broken XML inside the zip, and whatever openpyxl makes of it
        raise ImportFailed(source, [Problem("bad_workbook")]) from None
    finally:
        workbook.close()


def _check_zip(source: str, data: bytes) -> None:
    """Refuse a workbook too big once unzipped, or with DOCTYPE/ENTITY declarations."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
        inflated = sum(part.file_size for part in parts)
        if len(parts) > MAX_ZIP_MEMBERS or inflated > MAX_INFLATED_BYTES:
            limit = (f"{MAX_INFLATED_BYTES // 2**20} MB",)
            raise ImportFailed(
                source, [Problem("workbook_too_big", value=_mb(inflated), hint=limit)]
            )
        for part in parts:
            if not part.filename.endswith((".xml", ".rels", ".vml")):
                continue
            with archive.open(part) as stream:
                tail = b""
                while chunk := stream.read(1 << 16):
                    if XML_DECLARATIONS.search(tail + chunk):
                        raise ImportFailed(source, [Problem("xml_entities", value=part.filename)])
                    tail = chunk[-16:]
    except (BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise ImportFailed(source, [Problem("bad_workbook")]) from None


def missing_columns(table: Table, required: tuple[str, ...]) -> list[Problem]:
    return [
        Problem("missing_column", row=1, column=col, value=", ".join(c for c in table.columns if c))
        for col in required
        if col not in table.columns
    ]


def too_long(table: Table, limits: dict[str, int]) -> list[Problem]:
    """A cell longer than its column's limit (the database column's length)."""
    return [
        Problem("too_long", row.number, column, str(len(row.cells[column])), (str(limit),))
        for row in table.rows
        for column, limit in limits.items()
        if len(row.cells.get(column, "")) > limit
    ]
