"""Telegram's HTML ``parse_mode``, checked the way the Bot API server does it.

Follows tdlib's ``parse_html``: the same tags, the same error texts, byte offsets
counted in UTF-8 and entity offsets in UTF-16 code units. One deliberate
difference: tdlib keeps an ``&`` that starts no known entity as a literal
character; with ``strict=True`` (the fake's default) it is an error, so code that
forgets ``html.escape`` fails in tests instead of showing stray text to users.
"""

from __future__ import annotations

import re

TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));?")
_SPACE = " \t\n\r\f\v"
_TOKEN = re.compile(r"[A-Za-z0-9.-]*")


class HtmlError(ValueError):
    """The text is not HTML Telegram accepts; ``str(error)`` is tdlib's message."""


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entity(html: str, i: int) -> tuple[str, int] | None:
    """Decode the entity at ``html[i]`` (an ``&``): (character, next index) or None."""
    match = _ENTITY.match(html, i)
    if not match:
        return None
    hex_digits, digits, name = match.groups()
    if name is not None:
        return (NAMED[name], match.end()) if name in NAMED else None
    code = int(hex_digits, 16) if hex_digits is not None else int(digits)
    if code == 0 or code >= 0x10FFFF or match.end() - i > 10:
        return None
    return chr(code), match.end()


def parse_html(html: str, *, strict: bool = True) -> tuple[str, list[dict]]:
    """Return (plain text, entities) for ``html`` or raise ``HtmlError``."""
    out: list[str] = []
    entities: list[dict] = []
    stack: list[tuple[str, str, int, int]] = []  # tag, argument, utf16 offset, byte offset
    utf16 = 0
    i, n = 0, len(html)

    def offset(index: int) -> int:
        return len(html[:index].encode())

    while i < n:
        char = html[i]
        if char == "&":
            decoded = _entity(html, i)
            if decoded:
                out.append(decoded[0])
                utf16 += _utf16(decoded[0])
                i = decoded[1]
                continue
            if strict:
                raise HtmlError(f"Unsupported HTML entity at byte offset {offset(i)}")
        if char != "<":
            out.append(char)
            utf16 += _utf16(char)
            i += 1
            continue
        begin = i
        i += 1
        if i < n and html[i] == "/":
            if not stack:
                raise HtmlError(f"Unexpected end tag at byte offset {offset(begin)}")
            while i < n and html[i] not in _SPACE and html[i] != ">":
                i += 1
            end_name = html[begin + 2 : i].lower()
            while i < n and html[i] in _SPACE:
                i += 1
            if i >= n or html[i] != ">":
                raise HtmlError(f"Unclosed end tag at byte offset {offset(begin)}")
            tag, argument, start, _ = stack.pop()
            if end_name and end_name != tag:
                raise HtmlError(
                    f'Unmatched end tag at byte offset {offset(begin)}, expected "</{tag}>", '
                    f'found "</{end_name}>"'
                )
            if utf16 > start:
                _add_entity(entities, tag, argument, start, utf16 - start)
            i += 1
            continue
        while i < n and html[i] not in _SPACE and html[i] != ">":
            i += 1
        if i >= n:
            raise HtmlError(f"Unclosed start tag at byte offset {offset(begin)}")
        tag = html[begin + 1 : i].lower()
        if tag not in TAGS:
            raise HtmlError(f'Unsupported start tag "{tag}" at byte offset {offset(begin)}')
        argument, i = _attributes(html, i, tag, begin, offset)
        if tag == "span" and argument != "tg-spoiler":
            raise HtmlError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {offset(begin)}'
            )
        if tag == "tg-emoji" and not (argument.isdigit() and 0 < int(argument) < 2**63):
            raise HtmlError("Invalid custom emoji identifier specified")
        stack.append((tag, argument, utf16, offset(begin)))
        i += 1
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _attributes(html: str, i: int, tag: str, begin: int, offset) -> tuple[str, int]:
    """Read attributes up to the closing ``>``; return (the tag's argument, index of ``>``)."""
    n = len(html)
    argument = ""
    while True:
        while i < n and html[i] in _SPACE:
            i += 1
        if i >= n:
            raise HtmlError(f"Unclosed start tag at byte offset {offset(begin)}")
        if html[i] == ">":
            return argument, i
        name_start = i
        while i < n and html[i] not in _SPACE and html[i] not in "=>":
            i += 1
        name = html[name_start:i].lower()
        if not name:
            raise HtmlError(
                f'Empty attribute name in the tag "{tag}" at byte offset {offset(begin)}'
            )
        while i < n and html[i] in _SPACE:
            i += 1
        if i >= n:
            raise HtmlError(f'Unclosed start tag "{tag}" at byte offset {offset(begin)}')
        if tag == "blockquote" and name == "expandable" and html[i] != "=":
            argument = "expandable"
            continue
        if html[i] != "=":
            raise HtmlError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {offset(begin)}'
            )
        i += 1
        while i < n and html[i] in _SPACE:
            i += 1
        if i >= n:
            raise HtmlError(f'Unclosed start tag "{tag}" at byte offset {offset(begin)}')
        if html[i] in "'\"":
            quote, value_chars = html[i], []
            i += 1
            while i < n and html[i] != quote:
                decoded = _entity(html, i) if html[i] == "&" else None
                value_chars.append(decoded[0] if decoded else html[i])
                i = decoded[1] if decoded else i + 1
            value = "".join(value_chars)
            i += 1
        else:
            token = _TOKEN.match(html, i)
            value, token_start, i = token.group().lower(), i, token.end()
            if i < n and html[i] not in _SPACE and html[i] != ">":
                raise HtmlError(
                    f"Unexpected end of name token at byte offset {offset(token_start)}"
                )
        if (tag, name) in (("a", "href"), ("span", "class"), ("tg-emoji", "emoji-id")):
            argument = value
        elif (tag, name) == ("code", "class") and value.startswith("language-"):
            argument = value[len("language-") :]


def _add_entity(entities: list[dict], tag: str, argument: str, start: int, length: int) -> None:
    entity = {"type": TAGS[tag], "offset": start, "length": length}
    last = entities[-1] if entities else None
    same_span = last is not None and (last["offset"], last["length"]) == (start, length)
    if tag == "a":
        if not argument:
            return
        entity["url"] = argument
    elif tag == "tg-emoji":
        entity["custom_emoji_id"] = argument
    elif tag == "blockquote" and argument:
        entity["type"] = "expandable_blockquote"
    elif tag == "code" and argument:
        entity["language"] = argument  # dropped at the end unless a <pre> wraps it
    elif tag == "pre" and same_span and last["type"] == "code" and "language" in last:
        last["type"] = "pre"
        return
    entities.append(entity)
