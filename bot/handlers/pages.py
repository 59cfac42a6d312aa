"""One pager for the lists a phone shows: /viec, /quahan, /saphan.

A list is cut into pages of at most ``PER_PAGE`` items that also fit the
platform's text limit (Telegram 4096 characters per text, edited text included;
Zalo 2000), with room kept for the title and for the numbered options a channel
without buttons appends. Pages are cut the same way on every press from the
same data, so "◀ Trước" on page 2 shows what page 1 showed. An item longer than
a page could hold is shortened, never split across pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.channels.base import Choice

PER_PAGE = 8
# Characters one text may have, per channel (bot/channels/*: max_text); others: Telegram's.
LIMITS = {"telegram": 4096, "zalo": 2000}
RESERVE = 200  # numbered options ("1 = ◀ Trước …") a channel without buttons adds
LONGEST = 99_999  # page numbers as wide as they may get, to measure the title


@dataclass(frozen=True)
class Item:
    text: str
    group: str = ""  # a heading shown once per page above the items of that group


@dataclass(frozen=True)
class Page:
    text: str
    number: int  # 1-based, within 1..pages
    pages: int


def limit_for(channel: str) -> int:
    """Characters a page may have on ``channel``, options included."""
    return LIMITS.get(channel, LIMITS["telegram"]) - RESERVE


def _clip(text: str, room: int) -> str:
    return text if len(text) <= room else text[: max(room - 1, 0)].rstrip() + "…"


def cut(items: Sequence[Item], room: int, per_page: int = PER_PAGE) -> list[list[Item]]:
    """The pages: each at most ``per_page`` items whose lines (headings included) take at
    most ``room`` characters."""
    pages: list[list[Item]] = []
    current: list[Item] = []
    used = 0
    for item in items:
        heading = len(item.group) + 1 if item.group else 0
        item = Item(_clip(item.text, room - heading - 1), item.group)
        new_group = not current or current[-1].group != item.group
        cost = len(item.text) + 1 + (heading if new_group else 0)
        if current and (len(current) >= per_page or used + cost > room):
            pages.append(current)
            current, used = [], 0
            cost = len(item.text) + 1 + heading
        current.append(item)
        used += cost
    if current or not pages:
        pages.append(current)
    return pages


def _render(title: str, items: list[Item]) -> str:
    lines, group = [title], None
    for item in items:
        if item.group and item.group != group:
            lines.append(item.group)
        group = item.group
        lines.append(item.text)
    return "\n".join(lines)


def page(
    title: Callable[[int, int], str],
    items: Sequence[Item],
    number: int,
    limit: int,
    per_page: int = PER_PAGE,
) -> Page:
    """Page ``number`` (clamped to the pages there are) of ``items`` under ``title(page,
    pages)``; its text has at most ``limit`` characters."""
    room = limit - len(title(LONGEST, LONGEST)) - 1
    pages = cut(items, room, per_page)
    number = min(max(1, number), len(pages))
    text = _render(title(number, len(pages)), pages[number - 1])
    return Page(_clip(text, limit), number, len(pages))


def navigation(
    prev_label: str, next_label: str, data: str, shown: Page, suffix: str = ""
) -> tuple[tuple[Choice, ...], ...]:
    """«◀ Trước» / «Sau ▶» for the page shown; ``data`` + ":" + page number + ``suffix``
    (what else the list needs to be cut again, such as its scope) is pressed."""
    buttons = []
    if shown.number > 1:
        buttons.append(Choice(prev_label, f"{data}:{shown.number - 1}{suffix}"))
    if shown.number < shown.pages:
        buttons.append(Choice(next_label, f"{data}:{shown.number + 1}{suffix}"))
    return (tuple(buttons),) if buttons else ()
