"""Accent-insensitive text keys for matching Vietnamese names and replies."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """NFC with runs of whitespace collapsed: the form kept for display."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Lower-case, diacritics removed, đ→d, whitespace collapsed.

    ``fold("Sở Tư pháp") == fold("so tu phap") == "so tu phap"``.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SPACES.sub(" ", stripped.lower()).strip()
