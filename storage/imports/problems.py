"""Problems found in an input file, and the all-or-nothing failure that carries them."""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_LISTED = 20


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file.

    ``row`` counts like a spreadsheet (the header is row 1); ``column`` is the
    header name. ``code`` names the kind of problem (texts are the chat/CLI
    side's business) and ``hint`` holds the extra facts it needs, such as the
    closest declared agency names.
    """

    code: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    hint: tuple[str, ...] = field(default=())


class ImportFailed(Exception):
    """Nothing was written; ``problems`` says why (all of them, in file order)."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = sorted(problems, key=lambda p: (p.row or 0, p.column or ""))
        super().__init__(f"{source}: {len(problems)} problem(s)")
