"""No module binds one top-level name twice: the later binding silently replaces the earlier
one, so a rule written against the first pattern runs with the second (a reader pattern was
lost that way once). A name declared with an annotation and filled later is let through."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def rebound(source: str) -> list[tuple[str, list[int]]]:
    """(name, lines) of each top-level name bound more than once in ``source``."""
    bindings: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [node.name]
        else:
            continue
        for name in names:
            bindings[name].append((type(node).__name__, node.lineno))
    return [
        (name, [line for _, line in found])
        for name, found in bindings.items()
        if len(found) > 1 and [kind for kind, _ in found] != ["AnnAssign", "Assign"]
    ]


def test_no_module_binds_a_top_level_name_twice():
    found = {
        str(path.relative_to(ROOT)): names
        for package in ("bot", "scheduler", "storage")
        for path in sorted((ROOT / package).rglob("*.py"))
        if (names := rebound(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_the_check_sees_a_name_bound_twice():
    source = "import re\n_A = re.compile('x')\n_B = 1\n_A = re.compile('y')\n"
    assert rebound(source) == [("_A", [2, 4])]
    assert rebound("_K: frozenset[str] = frozenset()\n_K = frozenset({'a'})\n") == []
