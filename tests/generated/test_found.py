"""What the generated runs found, each kept as a regression test with its shrunk input.

1. A lone CR, NEL, U+2028 or U+2029 is a line break to YAML but not to every editor, diff
   or to rolegate's own line numbers: text after one in a comment was read as YAML a
   reviewer never saw. Now the file is a YAML-001 finding at the character.
2. regorus 0.13 prints ``%d`` of a negative number as ``--1`` (OPA: ``-1``): the embedded
   engine reads each bare ``%d`` as ``%v`` (checker/engines/verbs.py), and refuses a
   custom pack's format it cannot rewrite, naming --engine opa.
3. ``%q`` of a character newer than Unicode 15.0 is escaped by OPA (Go's tables) and
   printed as is by regorus. IMP-001 quoted an unmapped permission, free vendor text,
   with ``%q``, so such a permission gave two messages; it quotes it itself now. A custom
   rule that prints such a character fails closed on the embedded engine
   (checker/engines/printing.py; tests/engines/test_printing.py measures every code point).
4. libyaml places a syntax error at the end of a file without a final newline on the
   line after the last: the finding now stays inside the file (property 2).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import generated_fixtures
import pytest
from edge_values import ODD_BREAKS
from two_engines import Engines, both

from checker.load.loader import load_text

from conftest import NOW, CliResult
from rulepack import FRONTLINE_RULE, TIER_LINE, write

Cli = Callable[..., CliResult]
CASE = ("fixtures/rules/LP-001/good", "fixtures/rules/_base")
ROLE = "fixtures/rules/LP-001/good/role.yaml"


@pytest.mark.parametrize("mark", ODD_BREAKS, ids=lambda c: f"U+{ord(c):04X}")
def test_an_odd_line_break_is_a_yaml_finding_at_it(mark: str) -> None:
    loaded = load_text(f"a: 1\n# note{mark}b: 2\n", "f.yaml")
    assert loaded.documents == ()
    [finding] = loaded.problems
    assert (finding.rule, finding.line, finding.column) == ("YAML-001", 2, 7)
    assert f"U+{ord(mark):04X} is not allowed" in finding.message


@pytest.mark.parametrize("mark", ODD_BREAKS, ids=lambda c: f"U+{ord(c):04X}")
def test_an_odd_line_break_inside_a_quoted_value_is_a_finding_too(mark: str) -> None:
    loaded = load_text(f"a: 'x{mark}y'\n", "f.yaml")
    assert [(p.rule, p.line, p.column) for p in loaded.problems] == [("YAML-001", 1, 6)]


def test_crlf_line_ends_still_load() -> None:
    loaded = load_text("a: 1\r\nb: 2\r\n", "f.yaml")
    assert (loaded.problems, [d.data for d in loaded.documents]) == ((), [{"a": 1, "b": 2}])


@pytest.mark.parametrize("text", ["a:\n  b: 1\n\u00e9", "a: [x]\nb"])
def test_a_syntax_error_at_the_end_of_a_file_is_inside_it(text: str) -> None:
    [problem] = load_text(text, "f.yaml").problems
    last = text.split("\n")[-1]
    assert (problem.line, problem.column) == (text.count("\n") + 1, len(last) + 1)


NEGATIVE_RULE = FRONTLINE_RULE.replace(
    'msg := sprintf("role %q: frontline", [role.metadata.name])',
    'msg := sprintf("role %q: %d days", [role.metadata.name, -1])',
)


@pytest.mark.usefixtures("in_root")
def test_a_negative_number_under_d_prints_alike(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    write(tmp_path, "rolegate/rules/acme/frontline.rego", NEGATIVE_RULE)
    code, out, err = cli("check", "-q", "--now", NOW, *engine, "--policy", str(tmp_path), *CASE)
    assert (code, out, err) == (
        1,
        f'{ROLE}:{TIER_LINE}:3: high ACME-001 role "tier1-agent": -1 days\n',
        "",
    )


UNREWRITABLE = FRONTLINE_RULE.replace(
    'msg := sprintf("role %q: frontline", [role.metadata.name])',
    'form := "role %q: %d"\n\tmsg := sprintf(form, [role.metadata.name, -1])',
)


@pytest.mark.usefixtures("in_root")
def test_a_format_the_embedded_engine_cannot_rewrite_fails_closed(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    rule = write(tmp_path, "rolegate/rules/acme/frontline.rego", UNREWRITABLE)
    code, out, err = cli("check", "-q", "--now", NOW, *engine, "--policy", str(tmp_path), *CASE)
    if engine:  # OPA prints the format as written
        assert (code, out, err) == (
            1,
            f'{ROLE}:{TIER_LINE}:3: high ACME-001 role "tier1-agent": -1\n',
            "",
        )
        return
    assert (code, out) == (2, "")
    assert err == (
        f"rolegate: error: {rule}:20: sprintf: the format is not a literal string; the "
        "embedded engine (regorus 0.13) prints %d of a negative number otherwise than OPA; "
        "write %v, or run with --engine opa\n"
    )


pair = generated_fixtures.pair  # the fixture, by name

UNMAPPED = """\
apiVersion: rolegate/v1
kind: Role
metadata: {name: tier1-agent, system: crm}
spec:
  tier: frontline
  workforce: employee
  grants: []
  unmapped: [{vendor: zendesk, permission: "\U0001cc00"}]
"""


def test_an_unmapped_permission_newer_than_unicode_15_decides_alike(
    pair: Engines, tmp_path: Path
) -> None:
    (tmp_path / "role.yaml").write_text(UNMAPPED, encoding="utf-8")
    embedded, opa = both((tmp_path,), pair)
    assert embedded == opa
    assert embedded[0] == 1
