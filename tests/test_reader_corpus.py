"""The reader on the labelled corpus (tests/corpus/replies.tsv and the held-out batches
heldout_r*.tsv): every reply, and the totals.

Each reply, the recent batches' too, must not be recorded against its meaning, and each reply
labelled "ask" must be asked about with the labelled choices offered. Together the corpus's must
be at least 97 % fully right (status, percent, date and document references).
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.corpus import FILES, RECENT, judge, load

ROWS = load()
EVERY = load((*FILES, *RECENT))


def test_the_corpus_is_large_and_covers_the_categories():
    assert len(ROWS) >= 400
    assert sum(row.split == "held" for row in ROWS) >= 100
    categories = Counter(row.category for row in ROWS)
    assert min(categories.values()) >= 15, categories
    assert any(row.asks for row in ROWS)
    plain = [row.text for row in ROWS if row.text.isascii()]
    assert len(plain) >= 100  # written without diacritics too


@pytest.mark.parametrize("row", EVERY, ids=[f"{r.source}:{r.line}-{r.category}" for r in EVERY])
def test_reply_is_never_recorded_against_its_meaning(row):
    outcome = judge(row, row.read())
    assert outcome != "against", (row.text, row.read())
    if row.asks:
        assert outcome == "right", (row.text, row.read())


def test_at_least_97_percent_are_fully_right():
    outcomes = {row.text: judge(row, row.read()) for row in ROWS}
    wrong = {text: outcome for text, outcome in outcomes.items() if outcome != "right"}
    assert len(wrong) <= 0.03 * len(ROWS), wrong
