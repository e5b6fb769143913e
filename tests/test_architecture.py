"""The layout keeps the rules ARCHITECTURE.md states: floors, no cycles, small modules.

The floors are read from ARCHITECTURE.md itself, so the document and the check cannot
drift apart.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "checker"
MAX_LINES = 250
_FLOOR = re.compile(r"^floor (\d+)\s+(.+)$", re.M)
# The check pipeline, which `rules` and `explain` must not load.
PIPELINE = ("checker.check", "checker.decision", "checker.inventory", "checker.load.loadpool")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _room(module: str) -> str:
    """The folder a module lives in (``load``), or its own name at the top (``check``)."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__"
    return parts[1]


@cache
def floors() -> dict[str, int]:
    text = (ROOT / "ARCHITECTURE.md").read_text("utf-8")
    found = {room: int(number) for number, rooms in _FLOOR.findall(text) for room in rooms.split()}
    assert found, "ARCHITECTURE.md has no floors"
    return found


def imports(module: str) -> set[str]:
    """The checker modules a module imports, anywhere in it (functions and TYPE_CHECKING
    blocks too): ``from a import b`` counts as a, and as a.b when that is a module."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found |= {name for name in names if name in MODULES and name != module}
    return found


def test_every_folder_and_top_module_has_a_floor() -> None:
    missing = sorted({_room(m) for m in MODULES} - set(floors()))
    assert missing == [], f"give these a floor in ARCHITECTURE.md: {missing}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_only_to_lower_floors(module: str) -> None:
    room, floor = _room(module), floors().get(_room(module), -1)
    upward = [
        target
        for target in sorted(imports(module))
        if _room(target) != room and floors().get(_room(target), 99) >= floor
    ]
    assert upward == [], f"{module} (floor {floor}) imports from its floor or above: {upward}"


def test_no_import_cycles() -> None:
    graph = {module: imports(module) for module in MODULES}
    cycles = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            current, trail = stack.pop()
            for target in graph[current]:
                if target == start:
                    cycles.append(" -> ".join([*trail, start]))
                elif target not in seen:
                    seen.add(target)
                    stack.append((target, [*trail, target]))
    assert cycles == []


def test_reporters_see_only_result_values() -> None:
    allowed = {"__init__", "errors", "findings", "result", "report"}
    for module in MODULES:
        if _room(module) == "report":
            wrong = {
                t
                for t in imports(module)
                if _room(t) not in allowed and t != "checker.policy.policyset"
            }
            assert wrong == set(), f"{module} imports {sorted(wrong)}"


def test_engine_modules_are_used_only_through_the_protocol() -> None:
    exception = "checker.authoring.regotest"  # `rolegate test` runs on the embedded engine
    for module in MODULES:
        if _room(module) == "engines" or module == exception:
            continue
        engine_modules = {t for t in imports(module) if t.startswith("checker.engines.")}
        assert engine_modules == set(), f"{module} imports {sorted(engine_modules)}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_are_small(module: str) -> None:
    lines = len(MODULES[module].read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module]} has {lines} lines; split it by concept"


def test_every_module_imports_on_its_own() -> None:
    """Each module in a fresh interpreter: an import cycle that only one import order
    hides fails here."""
    script = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] == 'checker']:\n"
        "        del sys.modules[loaded]\n"
        "    importlib.import_module(name)\n"
    )
    importable = sorted(m for m in MODULES if m != "checker.__main__")  # runs the command
    done = subprocess.run(
        [sys.executable, "-c", script, *importable],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("argv", [["rules"], ["explain", "LP-002"]])
def test_rule_docs_do_not_load_the_check_pipeline(argv: list[str]) -> None:
    script = (
        "import sys, contextlib, io\n"
        "from checker.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        f"print(code, *sorted(m for m in {PIPELINE!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, cwd=ROOT
    )
    assert (done.stdout, done.stderr) == ("0\n", "")
