"""`rolegate new-rule`: the skeleton keeps the contract and fails until it is written."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.authoring.regotest import find_tests, run_tests
from checker.policy import metadata
from checker.policy.policyset import builtin_policy_dir, load_policy_set

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
RULE = "pack/policies/rolegate/rules/acme/idle_timeout.rego"
TEST = "pack/policies/rolegate/rules/acme/idle_timeout_test.rego"
PREFIX = "rolegate.rules.acme.idle_timeout_test"
NEW_RULE = (
    "new-rule",
    "ACME-001",
    "--title",
    "Frontline session idles longer than ten minutes",
    "--area",
    "acme",
    "--name",
    "idle_timeout",
    "--severity",
    "high",
    "--dir",
    "pack",
    "--now",
    NOW,
)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1))


@pytest.mark.usefixtures("in_tmp")
def test_scaffold_fails_until_written_then_passes(cli: Cli) -> None:
    code, out, err = cli(*NEW_RULE)
    assert (code, err) == (0, "")
    assert out.splitlines()[:3] == [
        "wrote 10 files under pack:",
        "  policies/rolegate/rules/acme/idle_timeout.rego",
        "  policies/rolegate/rules/acme/idle_timeout_test.rego",
    ]
    assert cli("test", "pack") == (
        1,
        f"FAIL {PREFIX}.test_bad_role_fires ({TEST}:25)\n"
        f"PASS {PREFIX}.test_good_role_passes\n"
        "FAIL pack/fixtures/rules/ACME-001/bad\n"
        "    missing: ACME-001 role.yaml:5\n"
        "PASS pack/fixtures/rules/ACME-001/good\n"
        "2 passed, 2 failed\n",
        "",
    )
    # The author writes the condition, and makes the bad examples break it.
    _edit(Path(RULE), "\tfalse\n", "\trole.spec.session.idle_timeout_minutes > 10\n")
    _edit(
        Path(TEST),
        "_bad := _good\n",
        '_bad := object.union(_good, {"spec": {"session": {"idle_timeout_minutes": 12}}})\n',
    )
    bad_role = Path("pack/fixtures/rules/ACME-001/bad/role.yaml")
    _edit(bad_role, "idle_timeout_minutes: 10", "idle_timeout_minutes: 12")
    assert cli("test", "pack") == (
        0,
        f"PASS {PREFIX}.test_bad_role_fires\n"
        f"PASS {PREFIX}.test_good_role_passes\n"
        "PASS pack/fixtures/rules/ACME-001/bad\n"
        "PASS pack/fixtures/rules/ACME-001/good\n"
        "4 passed, 0 failed\n",
        "",
    )
    base = "pack/fixtures/rules/_base"
    assert cli("check", "-q", "--policy", "pack", "--now", NOW, str(bad_role.parent), base) == (
        1,
        f'{bad_role}:5:3: high ACME-001 role "tier1-agent": TODO say what is wrong\n',
        "",
    )
    assert "ACME-001  high      Frontline session idles longer than ten minutes" in (
        cli("rules", "--policy", "pack")[1].splitlines()
    )


@pytest.mark.usefixtures("in_tmp")
@pytest.mark.parametrize(
    ("subject", "file", "line"),
    [("role", "role.yaml", 5), ("account", "bindings.yaml", 8), ("system", "system.yaml", 5)],
)
def test_every_subject_fails_only_where_it_must(
    cli: Cli, subject: str, file: str, line: int
) -> None:
    args = ("new-rule", "ACME-002", "--title", "A rule", "--area", "acme", "--subject", subject)
    assert cli(*args, "--dir", "pack", "--now", NOW)[0] == 0
    prefix = f"rolegate.rules.acme.a_rule_test.test_{{}}_{subject}_"
    assert cli("test", "pack")[1].splitlines() == [
        f"FAIL {prefix.format('bad')}fires (pack/policies/rolegate/rules/acme/a_rule_test.rego:"
        f"{_line_of('pack/policies/rolegate/rules/acme/a_rule_test.rego', 'test_bad_')})",
        f"PASS {prefix.format('good')}passes",
        "FAIL pack/fixtures/rules/ACME-002/bad",
        f"    missing: ACME-002 {file}:{line}",
        "PASS pack/fixtures/rules/ACME-002/good",
        "2 passed, 2 failed",
    ]


def _line_of(path: str, start: str) -> int:
    lines = Path(path).read_text().splitlines()
    return next(n for n, text in enumerate(lines, 1) if text.startswith(start))


@pytest.mark.usefixtures("in_tmp")
def test_scaffold_keeps_the_rule_contract(cli: Cli) -> None:
    title = 'Agents: "no" deletes #1'
    cli("new-rule", "ACME-003", "--title", title, "--area", "acme", "--dir", "pack")
    policies = Path("pack/policies")
    [rule] = [r for r in load_policy_set((policies,)).rules if r.id == "ACME-003"]
    assert (rule.title, rule.severity, rule.subject, rule.name) == (
        title,
        "medium",
        "role",
        "agents_no_deletes_1",
    )
    for path in policies.rglob("*.rego"):
        package = metadata.package_of(path.read_text())
        assert package is not None
        assert package[0] == ".".join(path.relative_to(policies).with_suffix("").parts)
    names = [t.name for t in find_tests(load_policy_set((policies,), tests=True))]
    assert {n for n in names if "agents_no_deletes" in n or "role" in n} >= {
        "test_bad_role_fires",
        "test_good_role_passes",
    }
    expect = Path("pack/fixtures/rules/ACME-003/bad/expect.yaml").read_text()
    assert re.search(r"rule: ACME-003, file: role.yaml, line: 5", expect)


@pytest.mark.usefixtures("in_tmp")
def test_refuses_to_overwrite(cli: Cli) -> None:
    assert cli(*NEW_RULE)[0] == 0
    before = Path(RULE).read_text()
    assert cli(*[a if a != "ACME-001" else "ACME-009" for a in NEW_RULE]) == (
        2,
        "",
        f"rolegate: error: {RULE} already exists; new-rule never overwrites: "
        "pick another --name or ID, or remove the old files\n",
    )
    assert Path(RULE).read_text() == before


@pytest.mark.usefixtures("in_tmp")
def test_refuses_an_id_in_use(cli: Cli) -> None:
    assert cli("new-rule", "LP-001", "--title", "x", "--area", "acme") == (
        2,
        "",
        "rolegate: error: rule id LP-001 is already used by "
        f"{builtin_policy_dir()}/rolegate/rules/least_privilege/wildcard_grant.rego:1\n",
    )
    assert cli(*NEW_RULE)[0] == 0
    code, _, err = cli(*[a if a != "idle_timeout" else "other" for a in NEW_RULE])
    assert (code, err) == (2, f"rolegate: error: rule id ACME-001 is already used by {RULE}:1\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("acme-1", "--title", "x", "--area", "a"), "'acme-1' is not a rule id like ACME-001"),
        (("ACME-001", "--title", "x", "--area", "Bad-Area"), "'Bad-Area' is not snake_case"),
        (("ACME-001", "--title", " ", "--area", "a"), "a title is one non-empty line"),
        (("ACME-001", "--area", "a"), "the following arguments are required: --title"),
    ],
)
def test_bad_arguments_are_usage_errors(cli: Cli, args: tuple[str, ...], message: str) -> None:
    code, out, err = cli("new-rule", *args)
    assert (code, out) == (2, "")
    assert message in err


def test_base_config_is_the_builtin_cases_base(cli: Cli, in_tmp: Path) -> None:
    cli(*NEW_RULE)
    base = FIXTURES / "rules" / "_base"
    assert {p.name: p.read_text() for p in (in_tmp / "pack/fixtures/rules/_base").iterdir()} == {
        p.name: p.read_text() for p in base.glob("*.yaml")
    }


def _opa_engine() -> Any:
    try:
        from opa_bindings.engine import OpaEngine
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI"):
            raise
        pytest.skip("OPA reference (opa-golib-python-bindings) not installed; see .ci/run")
    return OpaEngine()


@pytest.mark.usefixtures("in_tmp")
def test_skeletons_are_valid_rego_for_opa_with_the_same_results(cli: Cli) -> None:
    opa = _opa_engine()
    for number, subject in enumerate(("role", "account", "system"), 1):
        args = ("--area", "acme", "--subject", subject, "--dir", "pack")
        cli("new-rule", f"ACME-00{number}", "--title", f"{subject} rule", *args)
    policies = load_policy_set((Path("pack"),), tests=True)
    for rego in policies.files:
        opa.add_policy(rego.display, rego.text)
    opa.add_data(policies.data())
    tests = [t for t in find_tests(policies) if ".acme." in t.package]
    [values] = opa.eval_query(
        "; ".join(f"t{i} := [v | v := {t.rule}]" for i, t in enumerate(tests))
    )
    on_opa = {t.name: values[f"t{i}"] == [True] for i, t in enumerate(tests)}
    embedded = {r.test.name: r.passed for r in run_tests(policies, tests).results}
    assert (
        on_opa
        == embedded
        == {
            f"test_{kind}_{subject}_{verdict}": kind == "good"
            for subject in ("role", "account", "system")
            for kind, verdict in (("bad", "fires"), ("good", "passes"))
        }
    )
