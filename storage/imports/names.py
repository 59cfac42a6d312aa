"""Resolving agency names typed in files: exact after NFC, then suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from storage.textfold import fold


class NameIndex:
    """Declared names looked up exactly; near misses get the closest suggestions.

    Matching is exact on the NFC form (a typo never silently becomes another
    agency); suggestions ignore accents and case, so "So Tu phap" suggests
    "Sở Tư pháp".
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = sorted(set(names))
        self._by_fold: dict[str, list[str]] = {}
        for name in self._names:
            self._by_fold.setdefault(fold(name), []).append(name)

    def __contains__(self, name: str) -> bool:
        return name in self._by_fold.get(fold(name), ())

    def suggest(self, name: str, limit: int = 3) -> tuple[str, ...]:
        key = fold(name)
        if key in self._by_fold:
            return tuple(self._by_fold[key][:limit])
        folded = difflib.get_close_matches(key, list(self._by_fold), n=limit, cutoff=0.6)
        contains = [k for k in self._by_fold if key and (key in k or k in key)]
        out: list[str] = []
        for k in folded + contains:
            for real in self._by_fold[k]:
                if real not in out:
                    out.append(real)
        return tuple(out[:limit])
