"""The command line: exact output and exit codes, and every way the gate must fail closed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker import __version__
from checker.policy.policyset import load_policy_set

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
LP001_BAD = ("fixtures/rules/LP-001/bad", "fixtures/rules/_base")
RULE_IDS = [rule.id for rule in load_policy_set().rules]
# The usage rules are not evaluated without --usage, and the reports say so.
USAGE_RULES = sum(1 for rule in load_policy_set().rules if rule.area == "usage")
EVALUATED = len(RULE_IDS) - USAGE_RULES

RULE_HEADER = """\
# METADATA
# title: Test rule
# description: A rule used by the tests.
# custom:
#   id: TST-001
#   severity: high
#   subject: role
#   controls: [LGPD-6-III]
#   remediation: Nothing to do.
package rolegate.rules.test.sample

import rego.v1
"""


def write_rule(directory: Path, body: str, *, header: str = RULE_HEADER) -> Path:
    path = directory / "rolegate" / "rules" / "test" / "sample.rego"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + body)
    return path


@pytest.mark.usefixtures("in_root")
def test_text_output_and_exit_1_on_a_failing_finding(cli: Cli) -> None:
    assert cli("check", "--now", NOW, *LP001_BAD) == (
        1,
        (
            "fixtures/rules/LP-001/bad/role.yaml:18:37: critical LP-001 "
            'role "tier1-agent": grant on customer names every action ("*")\n'
            f"note: {USAGE_RULES} usage rules not evaluated: no usage logs (--usage)\n"
            f"6 files, {EVALUATED} rules: 1 finding (1 critical); failed (fail-on high); "
            "1 YAML document ignored as not rolegate's (no apiVersion or kind: 1)\n"
        ),
        "",
    )


@pytest.mark.usefixtures("in_root")
def test_quiet_prints_only_failing_findings(cli: Cli) -> None:
    code, out, err = cli("check", "-q", "--now", NOW, *LP001_BAD)
    assert (code, out.count("\n"), err) == (1, 1, "")


@pytest.mark.usefixtures("in_root")
def test_example_passes(cli: Cli) -> None:
    code, out, err = cli("check", "--now", NOW, "fixtures/example")
    assert (code, err) == (0, "")
    assert out.endswith(" rules: 0 findings; passed (fail-on high)\n")


@pytest.mark.usefixtures("in_root")
def test_json_output_shape(cli: Cli) -> None:
    code, out, err = cli("check", "--format", "json", "--now", NOW, *LP001_BAD)
    report = json.loads(out)
    assert (code, err) == (1, "")
    assert report["summary"] == {
        "files": 6,
        "documents": 6,
        "rules": EVALUATED,
        "rules_not_evaluated": USAGE_RULES,
        "findings": 1,
        "by_severity": {"critical": 1, "high": 0, "medium": 0, "low": 0},
        "waived": 0,
        "pre_existing": 0,
        "fail_on": "high",
        "failed": True,
        "ignored": 1,
        "ignored_by_reason": {"no apiVersion or kind": 1},
    }
    assert report["ignored"] == [
        {
            "file": "fixtures/rules/LP-001/bad/expect.yaml",
            "line": 1,
            "reason": "no apiVersion or kind",
            "detail": "keys 'findings', 'include', 'now'",
        }
    ]
    assert report["findings"] == [
        {
            "rule": "LP-001",
            "severity": "critical",
            "title": "Wildcard or super-permission grant",
            "message": 'role "tier1-agent": grant on customer names every action ("*")',
            "file": "fixtures/rules/LP-001/bad/role.yaml",
            "line": 18,
            "column": 37,
            "path": ["spec", "grants", 0, "actions", 2],
            "subject": "role:tier1-agent",
            "controls": ["LGPD-6-III", "PCI-7.2.1", "ISO27001-A.5.15", "SOC2-CC6.3"],
            "fingerprint": "b20db0592efb91f3da7bf7989e93d956",
            "pre_existing": False,
        }
    ]
    lp001 = next(rule for rule in report["rules"] if rule["id"] == "LP-001")
    assert lp001 == {
        "id": "LP-001",
        "title": "Wildcard or super-permission grant",
        "severity": "critical",
        "status": "evaluated",
        "findings": 1,
        "checked": 1,
        "passed": 0,
        "failed": 1,
    }


@pytest.mark.usefixtures("in_root")
def test_fail_on_critical_still_fails_on_a_critical(cli: Cli) -> None:
    assert cli("check", "-q", "--fail-on", "critical", "--now", NOW, *LP001_BAD)[0] == 1


def test_version(cli: Cli) -> None:
    assert cli("--version") == (0, f"rolegate {__version__}\n", "")


def test_no_command_is_usage_error(cli: Cli) -> None:
    code, out, err = cli()
    assert (code, out) == (2, "")
    assert err.startswith("usage: rolegate")


def test_bad_option_value_is_usage_error(cli: Cli) -> None:
    code, _, err = cli("check", "--fail-on", "severe")
    assert code == 2
    assert "argument --fail-on: invalid choice: 'severe'" in err


def test_bad_now_is_usage_error(cli: Cli) -> None:
    code, _, err = cli("check", "--now", "tomorrow")
    assert code == 2
    assert "'tomorrow' is not a date or time like 2026-12-01" in err


def test_missing_path(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    assert cli("check", str(missing)) == (
        2,
        "",
        f"rolegate: error: {missing}: no such file or directory\n",
    )


def test_directory_without_yaml(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert cli("check", str(tmp_path)) == (
        2,
        "",
        f"rolegate: error: no YAML files found under {tmp_path}; "
        "pass the config repo's directory\n",
    )


def test_yaml_that_is_not_rolegate_config(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text("services: {}\n")
    assert cli("check", str(tmp_path)) == (
        2,
        "",
        "rolegate: error: no rolegate documents (apiVersion: rolegate/v1) in 1 YAML "
        "file(s); nothing to check\n",
    )


def test_broken_yaml_is_a_finding_and_the_run_goes_on(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("apiVersion: rolegate/v1\nkind: Role\nkind: Role\n")
    (tmp_path / "b.yaml").write_text("roles:\n\t- x\n")
    code, out, err = cli("check", "-q", "--now", NOW, str(tmp_path))
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert lines[0].endswith("a.yaml:3:1: critical YAML-001 duplicate key 'kind'")
    assert "b.yaml:2:1: critical YAML-001 invalid YAML: " in lines[1]


def test_a_role_name_used_twice_is_a_finding_and_the_rules_still_decide(
    cli: Cli, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "example", repo)
    original = repo / "roles" / "frontline.yaml"
    changed = original.read_text().replace("scope: assigned", "scope: all", 1)
    (repo / "roles" / "zz-frontline-copy.yaml").write_text(changed)
    code, out, err = cli("check", "-q", "--now", NOW, str(repo))
    assert (code, err) == (1, "")
    assert "critical REF-001 role 'tier1-agent' is declared twice (first in " in out
    # Every role document is still judged on its own, the copy's wider scope included.
    assert 'zz-frontline-copy.yaml:21:7: high LP-005 role "tier1-agent": ' in out


def test_policy_with_syntax_error(cli: Cli, tmp_path: Path) -> None:
    rule = write_rule(tmp_path / "rules", "findings contains f if {\n\tf := \n}\n")
    code, out, err = cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example")
    assert (code, out, err) == (
        2,
        "",
        f"rolegate: error: policy does not compile: {rule}:14:7: "
        "expecting `}` while parsing set\n",
    )


def test_policy_with_unsafe_variable_fails_at_load(cli: Cli, tmp_path: Path) -> None:
    rule = write_rule(tmp_path / "rules", 'findings contains {"message": y} if {\n\ttrue\n}\n')
    code, out, err = cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example")
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: policy does not compile: {rule}:13:")
    assert "unsafe" in err


def test_rule_without_metadata(cli: Cli, tmp_path: Path) -> None:
    rule = write_rule(
        tmp_path / "rules",
        "findings := set()\n",
        header="package rolegate.rules.test.sample\n\nimport rego.v1\n",
    )
    assert cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example") == (
        2,
        "",
        f"rolegate: error: {rule}:1: rule package rolegate.rules.test.sample has no "
        "METADATA block; add one above the package line\n",
    )


def test_rule_with_incomplete_metadata(cli: Cli, tmp_path: Path) -> None:
    header = RULE_HEADER.replace("#   severity: high\n", "#   severity: severe\n").replace(
        "#   controls: [LGPD-6-III]\n", ""
    )
    rule = write_rule(tmp_path / "rules", "findings := set()\n", header=header)
    assert cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example") == (
        2,
        "",
        f"rolegate: error: {rule}:1: METADATA: missing custom.controls\n"
        f"rolegate: error: {rule}:1: METADATA: custom.severity "
        "'severe' is not one of ['low', 'medium', 'high', 'critical']\n",
    )


def test_rule_id_used_twice(cli: Cli, tmp_path: Path) -> None:
    rule = write_rule(
        tmp_path / "rules", "findings := set()\n", header=RULE_HEADER.replace("TST-001", "LP-001")
    )
    code, _, err = cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example")
    assert code == 2
    assert err.startswith("rolegate: error: rule id LP-001 is used twice: ")
    assert err.endswith(f"wildcard_grant.rego:1 and {rule}:1\n")


def test_rule_without_findings_set(cli: Cli, tmp_path: Path) -> None:
    rule = write_rule(tmp_path / "rules", "deny contains 1 if false\n")
    assert cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example") == (
        2,
        "",
        f"rolegate: error: rule package defines no `findings` set: TST-001 ({rule}:1)\n",
    )


def test_builtin_error_in_a_rule_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    write_rule(
        tmp_path / "rules",
        'findings contains {"message": x} if {\n\tsome r in input.roles\n'
        "\tx := 1 / (count(input.roles) - count(input.roles))\n}\n",
    )
    code, out, err = cli("check", "--policy", str(tmp_path / "rules"), "fixtures/example")
    assert (code, out) == (2, "")
    assert err.startswith("rolegate: error: evaluation failed: ")


@pytest.mark.usefixtures("in_root")
def test_all_rules_disabled_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    ids = RULE_IDS
    (tmp_path / "org.yaml").write_text(
        "apiVersion: rolegate/v1\nkind: OrgPolicy\nmetadata: {name: org}\n"
        f"spec:\n  disabled_rules: [{', '.join(ids)}]\n"
    )
    assert cli("check", str(tmp_path)) == (
        2,
        "",
        "rolegate: error: no rules were evaluated (all disabled?); the gate cannot decide\n",
    )


@pytest.mark.usefixtures("in_root")
def test_org_policy_severity_override_changes_the_gate(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        "apiVersion: rolegate/v1\nkind: OrgPolicy\nmetadata: {name: org}\n"
        "spec:\n  severity_overrides: {LP-001: low}\n"
    )
    bad, base = LP001_BAD
    code, out, err = cli(
        "check",
        "--now",
        NOW,
        bad,
        str(tmp_path),
        *(str(p) for p in Path(base).iterdir() if p.name != "org.yaml"),
    )
    assert (code, err) == (0, "")
    assert "role.yaml:18:37: low LP-001 " in out
