"""The labelled replies of ``replies.tsv`` and the held-out batches ``heldout_r*.tsv``, and how
a reading of one is judged.

Shared by ``tests/test_reader_corpus.py`` and ``bench/parse.py``. See the header of
``replies.tsv`` for the columns; each held-out batch was written fresh, run once as it came
(its first-run score is in its header), then tuned on. ``recent/``: batches tuned on that are
not yet up to the corpus's share fully right; ``open/``: batches tuned on in part, not yet
gated (not loaded); ``unseen/``: batches kept aside, not looked at (not loaded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.understanding.reader import Reading, read_reply
from storage.enums import Status

TODAY = date(2026, 7, 15)  # a Wednesday
DEADLINE = date(2026, 7, 31)
PLAN_START = date(2026, 1, 1)
CODES = {
    "D": Status.DONE,
    "IP": Status.IN_PROGRESS,
    "B": Status.BLOCKED,
    "X": Status.EXTENSION_REQUESTED,
    "NS": Status.NOT_STARTED,
    "U": None,
}
FILE = Path(__file__).with_name("replies.tsv")
FILES = (FILE, *sorted(FILE.parent.glob("heldout_r*.tsv")))
# The newest batches, tuned on but not yet up to the corpus's 97 %: every reply of theirs must
# still never be recorded against its meaning and every ask asked; their share fully right is
# reported by bench/parse.py beside the corpus's, not counted in it until they join.
RECENT = tuple(sorted((FILE.parent / "recent").glob("heldout_r*.tsv")))


@dataclass(frozen=True)
class Row:
    source: str  # the file's name without ".tsv"
    line: int
    split: str  # tune, held (kept aside while tuning), fresh2/fresh3 (written after tuning)
    category: str
    expected: Status | None  # for an ask row: None
    choices: frozenset[Status]  # an ask row: the statuses the reader must offer
    percent: int | None
    date: date | None  # the new deadline (extension) or the completion date (done)
    documents: tuple[str, ...]
    deadline: date
    text: str

    @property
    def asks(self) -> bool:
        return bool(self.choices)

    def read(self) -> Reading:
        return read_reply(
            self.text, today=TODAY, current_deadline=self.deadline, plan_start=PLAN_START
        )


def load(files: tuple[Path, ...] = FILES) -> list[Row]:
    return [row for file in files for row in _load(file)]


def _load(file: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith(("#", "split\t")):
            continue
        split, category, expected, percent, day, docs, deadline, text = line.split("\t")
        asked = expected.startswith("ask:")
        rows.append(
            Row(
                source=file.stem,
                line=number,
                split=split,
                category=category,
                expected=None if asked else CODES[expected],
                choices=frozenset(CODES[c] for c in expected[4:].split("|"))
                if asked
                else frozenset(),
                percent=None if percent == "-" else int(percent),
                date=None if day == "-" else date.fromisoformat(day),
                documents=() if docs == "-" else tuple(docs.split(";")),
                deadline=DEADLINE if deadline == "-" else date.fromisoformat(deadline),
                text=text,
            )
        )
    return rows


def judge(row: Row, reading: Reading) -> str:
    """right; against (a confident status the text does not mean); missed_ask (an ask row not
    asked); asked (asked where the text was clear); unread (nothing where a status was meant);
    detail (the status right, the percent, date or document not)."""
    if row.asks:
        if reading.ask and row.choices <= set(reading.alternatives):
            return "right"
        if not reading.ask and reading.status is not None and reading.status not in row.choices:
            return "against"
        return "missed_ask"
    if reading.ask:
        return "asked"
    if reading.status != row.expected:
        return "unread" if reading.status is None else "against"
    day = reading.new_date or reading.completion_date
    numbers = tuple(ref.number.upper() for ref in reading.documents)  # (kept as written:
    written = tuple(number.upper() for number in row.documents)  # "05/TTr-TYT", "05/TTR-TYT")
    if (reading.percent, day, numbers) != (row.percent, row.date, written):
        return "detail"
    return "right"
