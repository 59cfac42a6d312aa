"""The rooms keep their jobs: ``storage/`` owns every query; ``bot/`` and ``scheduler/`` call it.

``bot/`` talks, ``scheduler/`` decides when, ``storage/`` remembers: the first two
import storage, never the reverse, and the scheduler never imports the bot.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CALLERS = ("bot", "scheduler")
SQL_CALL = re.compile(r"\b(select|update|insert|delete)\(")

# Lines (path, stripped text) let through; an allowance that matches nothing fails too.
ALLOWED: set[tuple[str, str]] = set()


def sources(*packages: str) -> list[Path]:
    return sorted(p for package in packages for p in (ROOT / package).rglob("*.py"))


def where(path: Path, line: int) -> str:
    return f"{_relative(path)}:{line}"


def sql_calls(path: Path) -> list[tuple[int, str]]:
    """(line number, stripped line) of every select(/update(/insert(/delete( in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [(n, text.strip()) for n, text in enumerate(lines, 1) if SQL_CALL.search(text)]


def imports(path: Path) -> list[tuple[int, str, str]]:
    """(line number, top-level package, stripped line) of every import in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            found.append((node.lineno, name.split(".")[0], lines[node.lineno - 1].strip()))
    return found


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_bot_and_scheduler_write_no_sql():
    offending, used = [], set()
    for path in sources(*CALLERS):
        found = sql_calls(path)
        found += [(line, text) for line, package, text in imports(path) if package == "sqlalchemy"]
        for line, text in sorted(found):
            if (_relative(path), text) in ALLOWED:
                used.add((_relative(path), text))
            else:
                offending.append(f"{where(path, line)}: {text}")
    assert not offending, "SQL outside storage/ (move it to a named storage function):\n" + (
        "\n".join(offending)
    )
    stale = sorted(ALLOWED - used)
    assert not stale, f"allowances in {Path(__file__).name} that match nothing now: {stale}"


def test_dependencies_point_inwards():
    refused = {"storage": {"bot", "scheduler"}, "scheduler": {"bot"}}
    offending = [
        f"{where(path, line)}: {text}"
        for package, banned in refused.items()
        for path in sources(package)
        for line, imported, text in imports(path)
        if imported in banned
    ]
    assert not offending, "an import against the rooms' direction:\n" + "\n".join(offending)


def test_the_checks_see_what_they_look_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy.orm import joinedload\n"
        "import sqlalchemy as sa\n"
        "def f(person, assignment):\n"
        "    rows = select(Person)\n"
        "    may_update(person, assignment)\n"
        "    settings |= {}\n"
        "    return sa.update(Person)\n",
        encoding="utf-8",
    )
    assert [line for line, _ in sql_calls(sample)] == [4, 7]
    assert [(line, package) for line, package, _ in imports(sample)] == [
        (1, "sqlalchemy"),
        (2, "sqlalchemy"),
    ]


# What each room of bot/ may import (README "Where things live"); bot.app may import anything.
ROOMS = {
    "bot.understanding": {"storage"},
    "bot.channels": {"bot.texts"},
    "bot.texts": {"storage"},
    "bot.documents": {"bot.channels", "bot.outbound", "bot.texts", "storage"},
    "bot.outbound": {"bot.channels", "bot.inbound", "bot.texts", "scheduler", "storage"},
    "bot.handlers": {
        "bot.channels",
        "bot.documents",
        "bot.inbound",
        "bot.outbound",
        "bot.texts",
        "bot.understanding",
        "scheduler",
        "storage",
    },
    "bot.inbound": {
        "bot.channels",
        "bot.documents",
        "bot.handlers",
        "bot.texts",
        "scheduler",
        "storage",
    },
}


def _room(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "bot" else parts[0]


def test_each_room_of_bot_imports_only_what_the_readme_says():
    offending = []
    for room, allowed in ROOMS.items():
        for path in sources(room.replace(".", "/")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                    names = names[:1] if node.module != "bot" else names[1:]
                elif isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                else:
                    continue
                for name in names:
                    target = _room(name)
                    if target in ("bot", "scheduler", "storage") or target.startswith("bot."):
                        if target != room and target not in allowed:
                            offending.append(f"{where(path, node.lineno)}: {room} -> {name}")
    assert not offending, "an import the rooms do not allow:\n" + "\n".join(offending)
