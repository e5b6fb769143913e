"""Import aliases written out for the embedded engine (checker/engines/aliases.py).

Each shape below loses an import alias on plain regorus 0.13 once the alias's package has
been worked out as a whole; written out, it decides what real OPA decides.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import regorus

from checker.engines.aliases import expand
from checker.engines.embedded import new_engine
from checker.engines.regosyntax import regorus_parser
from checker.errors import GateError
from checker.policy.packs import RegoFile
from checker.policy.policyset import PolicySet

PARSE = regorus_parser(regorus.Engine)
Modules = list[tuple[str, str]]

A = ("a.rego", "package lib.a\nimport rego.v1\nthings := {1, 2}\ng(x) := x * 2\n")


def _c(body: str, imports: str = "import data.lib.a\n") -> tuple[str, str]:
    return ("c.rego", f"package lib.c\nimport rego.v1\n{imports}k := 7\n{body}\n")


def _d(expression: str, imports: str = "import data.lib.c\n") -> tuple[str, str]:
    return ("d.rego", f"package d\nimport rego.v1\n{imports}out := {expression}\n")


# name -> (modules, the value of data.d.out on OPA); plain regorus makes each undefined.
SHAPES: dict[str, tuple[Modules, object]] = {
    "function after a rule read through an alias": (
        [A, _c("f(x) := x + count(a.things)"), _d("[c.k, c.f(1)]")],
        [7, 3],
    ),
    "private helper of the function": (
        [A, _c("f(x) := _g(x)\n_g(x) := x + count(a.things)"), _d("[c.k, c.f(1)]")],
        [7, 3],
    ),
    "alias named with as": (
        [A, _c("f(x) := x + count(z.things)", "import data.lib.a as z\n"), _d("[c.k, c.f(1)]")],
        [7, 3],
    ),
    "alias of input": (
        [_c("f(x) := x + count(xs)", "import input.xs\n"), _d("[c.k, c.f(1)]")],
        [7, 3],
    ),
    "package read with a key known at run time": (
        [
            A,
            _c("f(x) := x + count(a.things)"),
            _d('[data.lib.c[_n], data.lib.c.f(1)]\n_n := "k"', ""),
        ],
        [7, 3],
    ),
    "package split across two files": (
        [
            A,
            ("c1.rego", "package lib.c\nimport rego.v1\nk := 7\n"),
            ("c2.rego", "package lib.c\nimport rego.v1\nimport data.lib.a\nr := count(a.things)\n"),
            _d("[c.k, c.r]"),
        ],
        [7, 2],
    ),
    "package below another one": (
        [
            A,
            ("c1.rego", "package lib.c\nimport rego.v1\nk := 7\n"),
            (
                "s.rego",
                "package lib.c.s\nimport rego.v1\nimport data.lib.a\nr := count(a.things)\n",
            ),
            _d("[lib.c.k, lib.c.s.r]", "import data.lib\n"),
        ],
        [7, 2],
    ),
}


def _regorus(modules: Modules) -> object:
    engine = regorus.Engine()
    for display, text in modules:
        engine.add_policy(display, text)
    engine.set_input_json('{"xs": [1, 2]}')
    return engine.eval_rule("data.d.out")


def _opa(real_opa: str, modules: Modules, folder: Path) -> object:
    for display, text in modules:
        (folder / display).write_text(text)
    (folder / "input.json").write_text('{"xs": [1, 2]}')
    command = [real_opa, "eval", "-f", "json", "-i", str(folder / "input.json")]
    command += [arg for display, _ in modules for arg in ("-d", str(folder / display))]
    answer = json.loads(subprocess.run([*command, "data.d.out"], capture_output=True).stdout)
    return answer["result"][0]["expressions"][0]["value"]


@pytest.mark.parametrize("shape", SHAPES)
def test_plain_regorus_loses_the_alias(shape: str) -> None:
    """Documents the engine defect; if this starts failing, regorus fixed it."""
    modules, _ = SHAPES[shape]
    assert _regorus(modules) is None


@pytest.mark.parametrize("shape", SHAPES)
def test_written_out_the_embedded_engine_decides_as_opa(
    shape: str, real_opa: str, tmp_path: Path
) -> None:
    modules, expected = SHAPES[shape]
    assert _opa(real_opa, modules, tmp_path) == expected
    assert _regorus(expand(modules, PARSE)) == expected


def test_the_engine_reads_the_written_out_modules() -> None:
    modules, expected = SHAPES["function after a rule read through an alias"]
    files = tuple(RegoFile(Path(name), name, text) for name, text in modules)
    engine = new_engine(PolicySet(files, rules=()))
    engine.set_input_json("{}")
    assert engine.eval_rule("data.d.out") == expected


def test_functions_are_written_out_in_place_and_rules_keep_their_aliases() -> None:
    [_, (_, c), (_, d)] = expand([A, _c("f(x) := x + count(a.things) + a.g(1)"), _d("c.k")], PARSE)
    assert c == (
        "package lib.c\nimport rego.v1\nimport data.lib.a\nk := 7\n"
        "f(x) := x + count(data.lib.a.things) + data.lib.a.g(1)\n"
    )
    assert d == _d("c.k")[1]  # a rule of a package alone: its aliases cost nothing


def test_every_rule_of_a_shared_package_is_written_out() -> None:
    modules, _ = SHAPES["package split across two files"]
    assert expand(modules, PARSE)[2][1].endswith("r := count(data.lib.a.things)\n")


def test_keyword_imports_and_lines_stay() -> None:
    text = (
        "package lib.c\nimport future.keywords.if\n"
        'import data.lib["a-b"] as ab\n# ä comment\nf(x) := [ab.y, "ä", x]\n'
    )
    [(_, out)] = expand([("c.rego", text)], PARSE)
    assert out == text.replace("[ab.y", '[data.lib["a-b"].y')
    assert out.count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "statement",
    [
        "f(a) := a",
        "f(x) := y if { some a in x; y := a }",
        "f(x) := y if { a := x; y := a }",
        "f(x) if { every a in x { a } }",
        "a := 1",
    ],
)
def test_a_name_that_shadows_an_alias_is_refused_with_its_line(statement: str) -> None:
    text = f"package lib.c\nimport rego.v1\nimport data.lib.a\n{statement}\n"
    with pytest.raises(GateError) as raised:
        expand([("c.rego", text)], PARSE)
    assert str(raised.value).endswith(
        'or run these rules with --engine opa):\n  c.rego:4: "a" is also the import alias of line 3'
    )


def test_a_local_named_like_an_alias_stays_in_a_rule_that_keeps_its_aliases() -> None:
    text = "package lib.c\nimport rego.v1\nimport data.lib.a\nr if { some a in [1]; a == 1 }\n"
    assert expand([("c.rego", text)], PARSE) == [("c.rego", text)]
