"""Validating a plan table (data/README.md format) into task specifications.

Every row is checked and every problem collected before anything is written.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from storage.imports.names import NameIndex
from storage.imports.problems import ImportFailed, Problem
from storage.imports.recurrence import BadRule, Occurrence, Workday, expand, from_words, to_rule
from storage.imports.tabular import Row, Table, missing_columns, too_long
from storage.models import Agency
from storage.textfold import fold

# "recurrence" may be left out when recurrences are written in the deadline
# column ("Thời hạn hoàn thành: Hằng quý"), as offices do.
REQUIRED = ("code", "group", "title", "lead_agency", "deadline")
# The database columns' lengths (storage.models.Task); a title is TEXT.
LENGTHS = {"code": 20, "lead_agency": 200, "recurrence": 100, "deliverable": 200}
TASK_CODE = re.compile(r"^([1-7])\.(\d{1,3})$")
DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_LEAD_IN = re.compile(r"^(?:truoc|cham nhat|han chot|han|den)?(?: ngay)? ?")
_MONTH = re.compile(r"^thang (\d{1,2})(?:/| nam )(\d{4})$")
_QUARTER = re.compile(r"^quy (i|ii|iii|iv|1|2|3|4)(?:/| nam )(\d{4})$")
_YEAR = re.compile(r"^(?:nam |ca nam )?(\d{4})$")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7}


@dataclass(frozen=True)
class TaskSpec:
    row: int
    code: str
    group: int
    title: str
    lead_label: str
    leads: tuple[Agency, ...]  # one agency, or every member of a collective
    fan_out: bool
    cooperator_ids: frozenset[int]
    deadline: date | None
    recurrence: str | None
    deliverable: str


@dataclass(frozen=True)
class Directory:
    """Declared agencies by name and collectives' members by label."""

    agencies: dict[str, Agency]
    collectives: dict[str, list[Agency]]
    # (collective label, agency id) -> the day a member joined it mid-way
    joined: dict[tuple[str, int], date] = field(default_factory=dict)

    def names(self) -> NameIndex:
        return NameIndex([*self.agencies, *self.collectives])


def _parse_date(raw: str) -> date:
    """ISO, dd/mm/yyyy, or as plans write it: "Trước ngày 30/6/2026", "Tháng 9/2026"
    (its last day), "Quý II/2026" (the quarter's last day), "Năm 2026" (31/12)."""
    if match := DMY.match(raw):
        day, month, year = map(int, match.groups())
        return date(year, month, day)
    try:
        return date.fromisoformat(raw)
    except ValueError:
        pass
    words = _LEAD_IN.sub("", fold(raw).replace(",", " ").strip()).strip()
    if match := DMY.match(words):
        day, month, year = map(int, match.groups())
        return date(year, month, day)
    if match := _MONTH.match(words):
        month, year = int(match[1]), int(match[2])
        return date(year, month, calendar.monthrange(year, month)[1])
    if match := _QUARTER.match(words):
        quarter = ROMAN.get(match[1]) or int(match[1])
        year, month = int(match[2]), 3 * quarter
        return date(year, month, calendar.monthrange(year, month)[1])
    if match := _YEAR.match(words):
        return date(int(match[1]), 12, 31)
    raise ValueError(raw)


def _parse_group(raw: str) -> int | None:
    """1-7, also written "Nhóm 3" or in Roman numerals ("III")."""
    words = re.sub(r"^nhom\s*", "", fold(raw)).strip()
    number = ROMAN.get(words) or (int(words) if words.isdigit() else None)
    return number if number is not None and 1 <= number <= 7 else None


def _timing(cells: dict[str, str]) -> tuple[str, str]:
    """(deadline, recurrence) cells, a recurrence in words moved out of the deadline column."""
    deadline, recurrence = cells.get("deadline", ""), cells.get("recurrence", "")
    if deadline and not recurrence and from_words(deadline):
        return "", deadline
    return deadline, recurrence


def _resolve(label: str, directory: Directory) -> tuple[list[Agency], bool] | None:
    if label in directory.agencies:
        return [directory.agencies[label]], False
    if label in directory.collectives:
        return directory.collectives[label], True
    return None


def _check_row(row: Row, directory: Directory, index: NameIndex, problems: list[Problem]):
    c = row.cells
    bad: list[Problem] = []

    def problem(code: str, column: str, hint: tuple[str, ...] = ()) -> None:
        bad.append(Problem(code, row.number, column, c.get(column, ""), hint))

    group = _parse_group(c["group"])
    code = c["code"]
    if code.isdigit() and group is not None:
        code = f"{group}.{int(code)}"  # numbered within its group, as plans print them
    deadline_text, recurrence_text = _timing(c)
    rule = to_rule(recurrence_text) if recurrence_text else ""
    if isinstance(row.raw.get("code"), float):
        problem("code_not_text", "code")  # Excel turned "1.10" into the number 1.1
    elif not TASK_CODE.match(code):
        problem("bad_code", "code")
    if group is None:
        problem("bad_group", "group")
    elif TASK_CODE.match(code) and int(code.split(".")[0]) != group:
        problem("code_group_mismatch", "code", (str(group),))
    if not c["title"]:
        problem("empty_value", "title")
    lead = _resolve(c["lead_agency"], directory) if c["lead_agency"] else None
    if not c["lead_agency"]:
        problem("empty_value", "lead_agency")
    elif lead is None:
        problem("unknown_agency", "lead_agency", index.suggest(c["lead_agency"]))
    elif not lead[0]:
        problem("empty_collective", "lead_agency")
    cooperators: set[int] = set()
    for item in (p.strip() for p in c.get("cooperating_agencies", "").split(";")):
        if not item:
            continue
        found = _resolve(item, directory)
        if found is None:
            bad.append(
                Problem(
                    "unknown_agency", row.number, "cooperating_agencies", item, index.suggest(item)
                )
            )
        else:
            cooperators.update(a.id for a in found[0])
    deadline = None
    if deadline_text and recurrence_text:
        problem("deadline_and_recurrence", "recurrence")
    elif not deadline_text and not recurrence_text:
        problem("no_deadline_or_recurrence", "deadline")
    elif deadline_text:
        try:
            deadline = _parse_date(deadline_text)
        except ValueError:
            problem("bad_date", "deadline")
    elif recurrence_text:
        try:
            expand(rule, 2024)
        except BadRule as exc:
            column = "recurrence" if c.get("recurrence") else "deadline"
            bad.append(Problem("bad_recurrence", row.number, column, recurrence_text, (str(exc),)))
    problems += bad
    if bad:
        return None
    assert group is not None and lead is not None  # either missing is a problem above
    return TaskSpec(
        row=row.number,
        code=code,
        group=group,
        title=c["title"],
        lead_label=c["lead_agency"],
        leads=tuple(lead[0]),
        fan_out=lead[1],
        cooperator_ids=frozenset(cooperators),
        deadline=deadline,
        recurrence=rule or None,
        deliverable=c.get("deliverable", ""),
    )


def check_plan(table: Table, directory: Directory) -> list[TaskSpec]:
    """Every row as a ``TaskSpec``, or ``ImportFailed`` with every problem found."""
    problems = missing_columns(table, REQUIRED)
    if problems:
        raise ImportFailed(table.source, problems)
    if not table.rows:
        raise ImportFailed(table.source, [Problem("no_rows")])
    problems = too_long(table, LENGTHS)
    index = directory.names()
    specs: list[TaskSpec] = []
    seen: dict[str, int] = {}  # code -> the row it first appears in
    for row in table.rows:
        spec = _check_row(row, directory, index, problems)
        code = spec.code if spec is not None else row.cells["code"]
        if code and code in seen:
            problems.append(Problem("duplicate_code", row.number, "code", code, (str(seen[code]),)))
        seen.setdefault(code, row.number)
        if spec is not None:
            specs.append(spec)
    if problems:
        raise ImportFailed(table.source, problems)
    return specs


def infer_year(specs: list[TaskSpec]) -> int | None:
    """The plan year: the year most one-off deadlines fall in (ties: the earlier year)."""
    years = Counter(s.deadline.year for s in specs if s.deadline)
    if not years:
        return None
    return min(years, key=lambda y: (-years[y], y))


def occurrences(spec: TaskSpec, year: int, workday: Workday | None = None) -> list[Occurrence]:
    """The task's periods in ``year``; ``workday`` places a "last working day" rule."""
    if spec.recurrence:
        return expand(spec.recurrence, year, workday)
    return [Occurrence("", spec.deadline)]


def recurrence_problems(specs: list[TaskSpec], year: int, source: str) -> None:
    """Rules valid in general may still fail in a given year (yearly:02-29)."""
    problems = []
    for spec in specs:
        if spec.recurrence:
            try:
                expand(spec.recurrence, year)
            except BadRule as exc:
                problems.append(
                    Problem("bad_recurrence", spec.row, "recurrence", spec.recurrence, (str(exc),))
                )
    if problems:
        raise ImportFailed(source, problems)
