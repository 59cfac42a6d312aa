"""The text of a CSV file as offices save it, or one refusal naming its encoding.

Read: UTF-8 (with or without a BOM), UTF-16 and UTF-32 with a BOM (Excel's
"Unicode Text"), UTF-16 without one when every other byte is NUL, and
Windows-1258 (Excel's "CSV" under Vietnamese regional settings) when the
decoded text is Vietnamese: every character beyond ASCII a Vietnamese letter
or common punctuation once its tone marks are composed. Refused by name: the
legacy font encodings TCVN3 (ABC) and VNI, whose bytes decode as Windows-1258
too but into letters Vietnamese does not have. Anything else is refused at
its first bad byte, as before.
"""

from __future__ import annotations

import codecs
import unicodedata

from storage.imports.problems import ImportFailed, Problem

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VIETNAMESE = frozenset(
    unicodedata.normalize("NFC", base + tone)
    for vowel in _VOWELS
    for base in (vowel, vowel.upper())
    for tone in _TONES
) | frozenset("đĐ")
PUNCTUATION = frozenset("\u00a0“”‘’–—…•°§²³½¼¾×")
_ASCII_VOWELS = frozenset(b"aeiouyAEIOUY")


def _is_vietnamese(text: str) -> bool:
    beyond = [c for c in unicodedata.normalize("NFC", text) if ord(c) > 127]
    return bool(beyond) and all(c in VIETNAMESE or c in PUNCTUATION for c in beyond)


def _legacy_name(data: bytes) -> str | None:
    """ "VNI" when high bytes follow vowels (marks typed after a letter), "TCVN3 (ABC)"
    when they stand for whole letters; None when too few to tell."""
    high = [i for i, b in enumerate(data) if b >= 0x80]
    if len(high) < 3:
        return None
    after_vowel = sum(1 for i in high if i and data[i - 1] in _ASCII_VOWELS)
    return "VNI" if after_vowel / len(high) > 0.7 else "TCVN3 (ABC)"


def _utf16_without_bom(data: bytes) -> str | None:
    if len(data) < 4 or len(data) % 2:
        return None
    odd, even = data[1::2].count(0), data[0::2].count(0)
    half = len(data) // 2
    if odd > 0.3 * half and even == 0:
        return "utf-16-le"
    if even > 0.3 * half and odd == 0:
        return "utf-16-be"
    return None


def decode(source: str, data: bytes) -> tuple[str, str]:
    """(text, encoding name) of ``data``, or ``ImportFailed`` naming what it is."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise _bad_byte(source, data, exc) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_error = exc
    if wide := _utf16_without_bom(data):
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass
    if _has_utf8_sequences(data[: first_error.start]):
        raise _bad_byte(source, data, first_error)  # UTF-8 with a stray byte: say where
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        text = ""
    if text and _is_vietnamese(text):
        return text, "cp1258"
    legacy = _legacy_name(data)
    if legacy:
        raise ImportFailed(source, [Problem("legacy_encoding", value=legacy)])
    raise _bad_byte(source, data, first_error)


def _has_utf8_sequences(data: bytes) -> bool:
    return any(b >= 0x80 for b in data)


def _bad_byte(source: str, data: bytes, exc: UnicodeDecodeError) -> ImportFailed:
    line = data[: exc.start].count(b"\n") + 1
    bad = data[exc.start : exc.start + 4].hex(" ")
    return ImportFailed(source, [Problem("bad_encoding", row=line, value=bad)])
