"""How the matches of a regex can open, read off the parsed pattern: so that a clause whose
second word no phrase opening on a word can have there is not scanned for them at all.

``starts(regex)`` gives strings one of which every match of ``regex`` starts with, each up to
its second space (or shorter, where the pattern is not plain literals: a class, ``\\w``, a long
repeat). Look-arounds are passed over: they only narrow what matches, so the strings stay a
necessary condition. ``heads_after(regex, word)`` turns them into what the word after ``word``
must start with, in a match opening on ``word`` followed by a space.
"""

from __future__ import annotations

import re
from re import _parser  # type: ignore[attr-defined]

_MOST = 2_000  # strings followed at once; past it the pattern gates nothing (None)
_ZERO_WIDTH = (_parser.AT, _parser.ASSERT, _parser.ASSERT_NOT)
_REPEATS = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, _parser.POSSESSIVE_REPEAT)

# a string so far, and whether what follows in the pattern may still be added to it
_State = tuple[str, bool]


class _TooMany(Exception):
    pass


def starts(regex: re.Pattern[str]) -> set[str] | None:
    """Strings one of which every match of ``regex`` starts with (None: too many to say)."""
    if regex.flags & re.IGNORECASE:
        return None
    try:
        found = _sequence(_parser.parse(regex.pattern, regex.flags).data, {("", True)})
    except _TooMany:
        return None
    return {text for text, _ in found}


def heads_after(regex: re.Pattern[str], word: str) -> frozenset[str] | None:
    """What the word after ``word`` starts with in every match of ``regex`` that opens on
    ``word`` and a space, one of these (non-empty) strings; None: anything may follow. A
    match here may stand in a text with some words blanked out (blanks are spaces): only its
    other characters are sure to be the text's own."""
    found = starts(regex)
    if found is None:
        return None
    heads = set()
    for text in found:
        if any(ch != " " and ch != w for ch, w in zip(text, word, strict=False)):
            continue  # it cannot open on this word
        if len(text) <= len(word):
            return None  # the match may end with the word, or say nothing more of it
        if text[len(word)] != " ":
            continue  # the word is followed by a space here
        head = text[len(word) + 1 :].split(" ", 1)[0]
        if not head:
            return None
        heads.add(head)
    return frozenset(heads)


def _sequence(items: list, states: set[_State]) -> set[_State]:
    for op, av in items:
        if not any(going for _, going in states):
            break
        states = _item(op, av, states)
        if len(states) > _MOST:
            raise _TooMany
    return states


def _item(op, av, states: set[_State]) -> set[_State]:
    if op in _ZERO_WIDTH:
        return states  # consumes nothing; what it asks only narrows the matches
    if op is _parser.LITERAL:
        return {_add(state, chr(av)) for state in states}
    if op is _parser.IN and all(kind is _parser.LITERAL for kind, _ in av):
        return {_add(state, chr(ch)) for state in states for _, ch in av}
    if op is _parser.SUBPATTERN and not av[1] & re.IGNORECASE:
        return _sequence(av[3].data, states)
    if op is _parser.ATOMIC_GROUP:
        return _sequence(av.data, states)  # (matches what the group as such matches, or less)
    if op is _parser.BRANCH:
        return set().union(*(_sequence(branch.data, states) for branch in av[1]))
    if op in _REPEATS:
        low, high, item = av
        followed = min(high, low + 3)  # repeats followed (more: the strings end there)
        out, current = set(), states
        for count in range(followed + 1):
            if count >= low and (count < followed or followed == high):
                out |= current  # the repeat may stop here, and the pattern go on
            elif count >= low:
                out |= {(text, False) for text, _ in current}
            if count < followed:
                current = _sequence(item.data, current)
        return out
    return {(text, False) for text, _ in states}  # anything else: the strings end here


def _add(state: _State, ch: str) -> _State:
    text, going = state
    if not going:
        return state
    text += ch
    return text, text.count(" ") < 2  # up to the second space: the word after the first
