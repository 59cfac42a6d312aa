"""The sample files beside the code, and small plan files written from rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SHARED_DATA = ROOT.parent / "shared" / "data"  # beside the clone in CI, not on a user's machine
AGENCY_FILES = (DATA / "kontum-2024-agencies.csv", DATA / "kontum-2024-agency-groups.csv")
PLAN_FILE = DATA / "kontum-2024-plan.csv"
PEOPLE_FILE = DATA / "kontum-2024-people.csv"
# The second sample: a merged province in the two-level shape, in the office's own format.
QN_AGENCY_FILES = (DATA / "quangngai-2026-agencies.csv", DATA / "quangngai-2026-agency-groups.csv")
QN_PLAN_FILE = DATA / "quangngai-2026-plan.csv"
QN_PEOPLE_FILE = DATA / "quangngai-2026-people.csv"
HEADER = "code,group,title,lead_agency,cooperating_agencies,deadline,recurrence,deliverable"

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.is_dir(), reason="../shared/data is not beside this clone"
)


def write_plan(folder: Path, *rows: str, name: str = "plan.csv") -> Path:
    """A plan file in ``folder``: ``HEADER`` and then ``rows``, one CSV line each."""
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def write_plan_rows(folder: Path, rows: Iterable[Sequence[object]], name: str = "plan.csv") -> Path:
    """A plan file in ``folder``: ``HEADER`` and then ``rows``, each a sequence of fields
    (quoted as CSV needs: agency names hold commas)."""
    path = folder / name
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER.split(","))
        writer.writerows(rows)
    return path
