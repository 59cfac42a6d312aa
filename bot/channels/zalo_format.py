"""Zalo's ``parse_mode="html"``: plain message text with its heading and codes in bold.

A message is plain text (``Outgoing.text``); on Zalo its look is read from it:
the first line of a message of several lines is its heading, and a line that
starts with an assignment code and a dash ("2.1 — Báo cáo…", "• 1.4#2024-Q2 — …")
has the code and title in bold. Everything else is escaped, so what the user
reads is the same text. Zalo's length limit counts the text as shown (tags
removed): ``html`` returns None when there is nothing to style.
"""

from __future__ import annotations

import html
import re

PARSE_MODE = "html"
_HEADING_MAX = 160  # a longer first line is a sentence, not a heading
# "• 1.4 — title", "2.1@dakha — title", "3.12#2024-Q2 — title": the code and the title
_CODE_LINE = re.compile(r"^(\s*(?:[•\-]\s*)?)(\d{1,2}\.\d{1,3}[^\s—]*\s+—\s+.+)$")


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def html_text(text: str) -> str | None:
    """``text`` with Zalo HTML bold runs, or None when no line is styled."""
    lines = text.split("\n")
    out: list[str] = []
    styled = False
    for index, line in enumerate(lines):
        match = _CODE_LINE.match(line)
        if match:
            out.append(f"{_escape(match[1])}<b>{_escape(match[2])}</b>")
            styled = True
        elif index == 0 and len(lines) > 1 and line.strip() and len(line) <= _HEADING_MAX:
            out.append(f"<b>{_escape(line)}</b>")
            styled = True
        else:
            out.append(_escape(line))
    return "\n".join(out) if styled else None
