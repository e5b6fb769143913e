"""Library modules stay clear of a regorus quirk that silently changes decisions.

On regorus 0.13, once another package has evaluated a rule of a module, the module's
functions lose their import aliases when called from outside: a body such as
``some e in model.accounts`` becomes undefined, and a finding that depends on it is
dropped without an error. So a library module that defines rules keeps its public
functions free of import aliases (full ``data.`` references, same-module rules, or the
functions moved to a module without rules, as lib/change.rego does).

The embedded engine now writes such aliases out itself before it reads a module
(checker/engines/aliases.py, tested in tests/engines/test_aliases.py), for custom packs
too. This scan stays so that the built-in library decides right even where a bundle of it
is loaded by another regorus host without that step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.policy.policyset import builtin_policy_dir

LIBRARIES = sorted(
    p
    for p in (builtin_policy_dir() / "rolegate").rglob("*.rego")
    if "rules" not in p.relative_to(builtin_policy_dir()).parts[:2]
    and not p.name.endswith("_test.rego")
)
_HEAD = re.compile(r"^([a-z_][a-z0-9_]*)(\(|\[|\s|$)")
_IMPORT = re.compile(r"^import (data\.[\w.]+)(?: as (\w+))?$", re.M)


def _statements(text: str) -> Iterator[list[str]]:
    """Top-level statements: a line starting in column 0 and its continuation lines."""
    block: list[str] = []
    for line in text.splitlines():
        if line[:1] not in ("", " ", "\t", "}", ")", "]", "#") and block:
            yield block
            block = []
        if line and not line.startswith("#"):
            block.append(line)
    if block:
        yield block


def alias_uses(text: str) -> list[str]:
    """Public functions using an import alias, in a module that also defines rules."""
    aliases = [m.group(2) or m.group(1).rsplit(".", 1)[1] for m in _IMPORT.finditer(text)]
    functions, has_rules = [], False
    for block in _statements(text):
        head = _HEAD.match(block[0])
        if head is None or head.group(1) in ("package", "import"):
            continue
        if head.group(2) != "(":
            has_rules = True
        elif not head.group(1).startswith("_"):
            body = "\n".join(block)
            used = [a for a in aliases if re.search(rf"(?<![\w.]){a}\.", body)]
            functions += [f"{head.group(1)} uses {', '.join(used)}"] if used else []
    return functions if has_rules else []


@pytest.mark.parametrize("path", LIBRARIES, ids=lambda p: p.stem)
def test_library_functions_do_not_depend_on_import_aliases(path: Path) -> None:
    assert alias_uses(path.read_text()) == []


def test_the_scan_finds_the_pattern() -> None:
    module = (
        "package lib.x\n\nimport rego.v1\n\nimport data.lib.model\n\nlimit := 3\n\n"
        "held(role) if {\n\tsome entry in model.accounts\n}\n\n_private(x) := model.y\n"
    )
    assert alias_uses(module) == ["held uses model"]
    assert alias_uses(module.replace("limit := 3\n", "")) == []


def test_known_regorus_alias_loss() -> None:
    """Documents the quirk; if this starts failing, regorus fixed it."""
    import regorus

    engine = regorus.Engine()
    engine.add_policy("a.rego", "package lib.a\nimport rego.v1\nthings := {1, 2}\n")
    engine.add_policy(
        "c.rego",
        "package lib.c\nimport rego.v1\nimport data.lib.a\nk := 7\nf(x) := x + count(a.things)\n",
    )
    engine.add_policy(
        "d.rego",
        "package d\nimport rego.v1\nimport data.lib.c\n"
        "alone := c.f(1)\nafter_rule := [c.k, c.f(1)]\n",
    )
    engine.set_input_json("{}")
    assert engine.eval_rule("data.d.alone") == 3
    assert engine.eval_rule("data.d.after_rule") is None  # OPA gives [7, 3]
