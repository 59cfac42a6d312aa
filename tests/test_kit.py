"""The test kit stays the one place tests share: no test module imports another, the
defaults are not defined again, and bench/ imports the kit as a package."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from tests.kit import ROOT

TESTS, BENCH = ROOT / "tests", ROOT / "bench"
KIT_NAMES = {"TZ", "CAL", "RULES", "HEADER"}  # what tests.kit defines once for everyone


def sources(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if ".venv" not in p.parts)


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imported_modules(tree: ast.Module):
    """(line, dotted name) of every module or name an import statement names, at any depth;
    relative imports keep their leading dots."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield node.lineno, module
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names)


def is_test_module(name: str) -> bool:
    parts = name.lstrip(".").split(".")
    ours = name.startswith(".") or parts[0] == "tests"
    return ours and any(part.startswith("test_") for part in parts)


def test_no_module_imports_a_test_module():
    found: dict[str, str] = {}  # path:line -> the first test module that line names
    for path in sources(TESTS) + sources(BENCH):
        for line, name in imported_modules(parse(path)):
            if is_test_module(name):
                found.setdefault(f"{path.relative_to(ROOT)}:{line}", name)
    lines = [f"{where}: {name}" for where, name in found.items()]
    assert lines == [], "import shared setup from tests.kit instead:\n" + "\n".join(lines)


def test_test_modules_take_the_defaults_from_the_kit():
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}: {target.id}"
        for path in sorted(TESTS.glob("test_*.py"))
        for node in parse(path).body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id in KIT_NAMES
    ]
    assert found == [], "import these from tests.kit:\n" + "\n".join(found)


def test_nothing_touches_sys_path():
    found = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sources(TESTS) + sources(BENCH)
        for node in ast.walk(parse(path))
        if isinstance(node, ast.Attribute)
        and node.attr == "path"
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    ]
    why = "tests and bench are packages; start a bench as python -m bench.NAME"
    assert found == [], why + ":\n" + "\n".join(found)


@pytest.mark.parametrize("name", sorted(p.stem for p in BENCH.glob("*.py") if p.stem != "__init__"))
def test_every_bench_imports_as_a_module_of_the_bench_package(name):
    pytest.importorskip("asyncpg")  # the postgres extra
    module = importlib.import_module(f"bench.{name}")
    assert Path(module.__file__).parent == BENCH
