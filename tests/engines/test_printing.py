"""What the engines print differently (checker/engines/printing.py), measured against a
real OPA over every code point, and the guard that stops a custom rule's finding holding
such a character on the embedded engine."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ["RUST_BACKTRACE"] = "0"
import regorus

from checker.engines.printing import (
    NEWER_THAN_UNICODE_15,
    check_custom_findings,
    first_divergent,
    printed_differently,
)
from checker.errors import GateError

from conftest import NOW, CliResult
from rulepack import FRONTLINE_RULE, write

Cli = Callable[..., CliResult]
CASE = ("fixtures/rules/LP-001/good", "fixtures/rules/_base")
_SURROGATES = range(0xD800, 0xE000)
EVERY_CHARACTER = [chr(c) for c in range(0x20, 0x110000) if c not in _SURROGATES]


def _printed(rego: str, real_opa: str, tmp_path: Path) -> tuple[list[str], list[str]]:
    """Each character of EVERY_CHARACTER printed by ``rego``'s ``x``, by regorus and OPA."""
    module = write(tmp_path, "p.rego", rego)
    given = write(tmp_path, "input.json", json.dumps({"s": EVERY_CHARACTER}))
    engine = regorus.Engine()
    engine.add_policy("p.rego", rego)
    engine.set_input_from_json_file(str(given))
    embedded = json.loads(engine.eval_rule_as_json("data.p.x"))
    command = [real_opa, "eval", "-f", "raw", "-d", str(module), "-i", str(given), "data.p.x"]
    answer = subprocess.run(command, capture_output=True, text=True, check=True)
    return embedded, json.loads(answer.stdout)


def _differing(rego: str, real_opa: str, tmp_path: Path) -> set[int]:
    embedded, opa = _printed(rego, real_opa, tmp_path)
    assert len(embedded) == len(opa) == len(EVERY_CHARACTER)
    return {ord(c) for c, a, b in zip(EVERY_CHARACTER, embedded, opa, strict=True) if a != b}


def test_q_prints_alike_on_every_character_but_the_listed_ones(
    real_opa: str, tmp_path: Path
) -> None:
    rego = 'package p\n\nx := [sprintf("%q", [c]) | some c in input.s]\n'
    listed = {c for low, high in NEWER_THAN_UNICODE_15 for c in range(low, high + 1)}
    assert _differing(rego, real_opa, tmp_path) == listed


def test_every_character_printed_differently_in_a_list_is_caught(
    real_opa: str, tmp_path: Path
) -> None:
    rego = 'package p\n\nx := [sprintf("%v", [[c]]) | some c in input.s]\n'
    differing = _differing(rego, real_opa, tmp_path)
    assert len(differing) > 900_000  # control, format, private-use, unassigned, ...
    assert {c for c in differing if not printed_differently(chr(c))} == set()


def test_a_plain_string_prints_alike_under_v_and_s(real_opa: str, tmp_path: Path) -> None:
    rego = 'package p\n\nx := [sprintf("%v|%s", [c, c]) | some c in input.s]\n'
    assert _differing(rego, real_opa, tmp_path) == set()


@pytest.mark.parametrize("char", [" ", "a", "~", "\u00e9", "\u4e2d", "\U0001f600", "\u1cc0"])
def test_characters_both_engines_print_alike(char: str) -> None:
    assert not printed_differently(char)


@pytest.mark.parametrize(
    "char", ["\x7f", "\u00a0", "\u00ad", "\u200d", "\u2028", "\ue000", "\u0378", "\U0001cc00"]
)
def test_characters_the_engines_may_print_differently(char: str) -> None:
    assert printed_differently(char)
    assert first_divergent(f"ab{char}c{char}") == char


def _finding(rule: str, **texts: object) -> dict[str, object]:
    return {"rule": rule, "file": "r.yaml", "message": "m", "subject": "s", "path": [], **texts}


@pytest.mark.parametrize(
    ("texts", "part"),
    [
        ({"message": "role x: \U0001cc00"}, "message"),
        ({"subject": "role:\u00a0"}, "subject"),
        ({"path": ["spec", 0, "\u200d"]}, "path"),
    ],
)
def test_a_custom_rule_finding_holding_one_stops_the_check(
    texts: dict[str, object], part: str
) -> None:
    finding = _finding("ACME-001", **texts)
    for decision in ({"findings": [finding]}, {"waived": [{"finding": finding, "waiver": {}}]}):
        with pytest.raises(GateError) as stopped:
            check_custom_findings(decision, frozenset({"ACME-001"}))
        assert str(stopped.value).startswith(f"ACME-001: a finding's {part} (in r.yaml) holds U+")
        assert str(stopped.value).endswith("run with --engine opa")


def test_built_in_rules_and_ordinary_text_pass() -> None:
    decision = {
        "findings": [
            _finding("IMP-001", message='permission "\U0001cc00\u00a0"'),
            _finding("ACME-001", message='role "caf\u00e9 \u4e2d": frontline'),
        ]
    }
    check_custom_findings(decision, frozenset({"ACME-001"}))


NEWER_RULE = FRONTLINE_RULE.replace(
    'msg := sprintf("role %q: frontline", [role.metadata.name])',
    'msg := sprintf("role %q: frontline", [concat("", [role.metadata.name, "\\ud833\\udc00"])])',
)


@pytest.mark.usefixtures("in_root")
def test_a_custom_rule_quoting_a_newer_character_fails_closed_on_the_embedded_engine(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    write(tmp_path, "rolegate/rules/acme/frontline.rego", NEWER_RULE)
    code, out, err = cli("check", "-q", "--now", NOW, *engine, "--policy", str(tmp_path), *CASE)
    if engine:  # OPA escapes it: the message is OPA's
        assert (code, err) == (1, "")
        assert 'ACME-001 role "tier1-agent\\U0001cc00": frontline' in out
        return
    assert (code, out) == (2, "")
    assert "ACME-001: a finding's message" in err
    assert "holds U+1CC00" in err and "run with --engine opa" in err
