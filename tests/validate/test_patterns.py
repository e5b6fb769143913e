"""generic_account_patterns: checked at their line, decided alike on both engines.

Before: a pattern only Python reads (lookahead) passed the schema and switched off ACC-001
for every pattern on OPA, since all were joined into one; `^\\w*shared\\w*$` made the
embedded engine exit 2 (its compiled-size limit) with no file or line while OPA decided
(issue 15, items 5, 8 and 9).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from configrepo import edited_copy, position

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
POLICY = "org-policy.yaml"
EMPLOYEES = "bindings/employees.yaml"
PATTERNS = "  generic_account_patterns:\n"


def _repo(tmp_path: Path, pattern: str, account: str) -> Path:
    return edited_copy(
        FIXTURES / "example",
        tmp_path / "repo",
        (POLICY, PATTERNS, f"{PATTERNS}    - '{pattern}'\n"),
        (EMPLOYEES, "- id: marcos.oliveira", f"- id: {account}"),
    )


def _check(cli: Cli, engine: tuple[str, ...], repo: Path) -> CliResult:
    return cli("check", "-q", "--now", NOW, *engine, str(repo))


def test_a_python_only_pattern_is_a_schema_finding_and_the_default_patterns_still_apply(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    repo = _repo(tmp_path, "^atendente(?=[0-9])", "atendente01")
    code, out, err = _check(cli, engine, repo)
    assert (code, err) == (1, "")
    pattern_at = position(repo / POLICY, "'^atendente")
    assert out.splitlines() == [
        f"{repo / EMPLOYEES}:{position(repo / EMPLOYEES, 'id: atendente01')}: high ACC-001 "
        'account "atendente01": id matches generic account pattern '
        "^(agent|agente|operator|operador|attendant|atendente|user|usuario|support|suporte|"
        "callcenter|cc)[-_.]?[0-9]*$",
        f"{repo / POLICY}:{pattern_at}: critical SCHEMA-001 "
        "$.spec.generic_account_patterns[0]: '^atendente(?=[0-9])' is not a 'regex': (?=...) "
        "is lookaround, which only Python has (OPA's RE2 and the embedded engine do not)",
    ]


@pytest.mark.parametrize("pattern", [r"^\w*shared\w*$", r"^\w{3}shared\d*$"])
def test_perl_classes_decide_alike_on_both_engines(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, pattern: str
) -> None:
    repo = _repo(tmp_path, pattern, "abcshared")
    code, out, err = _check(cli, engine, repo)
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{repo / EMPLOYEES}:{position(repo / EMPLOYEES, 'id: abcshared')}: high ACC-001 "
        f'account "abcshared": id matches generic account pattern {pattern}'
    ]


def test_patterns_too_large_together_are_a_schema_finding_at_the_list(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    wide = "".join(f"    - '^{c}[^a]{{25}}'\n" for c in "xyz")
    repo = edited_copy(FIXTURES / "example", tmp_path / "repo", (POLICY, PATTERNS, PATTERNS + wide))
    code, out, err = _check(cli, engine, repo)
    assert (code, err) == (1, "")
    [finding] = out.splitlines()
    assert finding.startswith(
        f"{repo / POLICY}:{position(repo / POLICY, 'generic_account_patterns:')}: critical "
        "SCHEMA-001 $.spec.generic_account_patterns: together too large for the embedded "
        "engine (compiles to about "
    )
