"""rolegate mutate: the mutants it makes, how it counts them, its explanations file."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.authoring.mutants import OPERATORS, mutants_of
from checker.authoring.mutation import run_all, run_rule, targets
from checker.authoring.mutationexplanations import explanations_of, read_explanations
from checker.authoring.mutationreport import score
from checker.errors import GateError
from checker.policy.policyset import load_policy_set

from conftest import ROOT, CliResult
from rulepack import FRONTLINE_TEST, write

Cli = Callable[..., CliResult]

# One of each thing the operators act on, and strings and comments they must leave alone.
MODULE = """\
package rolegate.rules.acme.sample

import rego.v1

# a comment: role.spec.tier == "frontline" and 3 > 2 stay as they are
findings contains msg if {
\tsome role in input.roles
\trole.spec.tier == "frontline"
\tnot role.spec.audited
\tcount(role.spec.grants) >= 2
\tobject.get(role.spec, "mfa", false) != true
\tmsg := sprintf("role %q: tier == frontline, 3 > 2", [role.metadata.name])
}

_wide(role) if role.spec.scope > 1

_tiers := {"admin", "ops"}

_names := {name | some name in ["a", "b"]}
"""

# The frontline rule, with a second condition its tests (FRONTLINE_TEST) never try.
NAMED_RULE = """\
# METADATA
# title: Frontline role present
# description: A custom rule used by the tests; fires on every named frontline role.
# custom:
#   id: ACME-001
#   severity: high
#   subject: role
#   controls: [ACME-CTRL-1]
#   remediation: Nothing to do; it is a test.
package rolegate.rules.acme.frontline

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "tier"], result.role_subject(role), msg) if {
\tsome role in input.roles
\trole.spec.tier == "frontline"
\tcount(role.metadata.name) > 0
\tmsg := sprintf("role %q: frontline", [role.metadata.name])
}
"""
UNTESTED = (
    "drop: count(role.metadata.name) > 0 => true",
    "compare: count(role.metadata.name) > 0 => count(role.metadata.name) >= 0",
)


def test_every_operator_makes_mutants_that_differ_from_the_module() -> None:
    mutants = mutants_of(MODULE)
    assert {m.operator for m in mutants} == set(OPERATORS)
    assert all(m.source != MODULE and m.original != m.mutated for m in mutants)


def test_every_mutant_compiles_on_real_opa(real_opa: str, tmp_path: Path) -> None:
    for index, mutant in enumerate(mutants_of(MODULE)):
        path = write(tmp_path, f"m{index}/sample.rego", mutant.source)
        result = subprocess.run(
            [real_opa, "check", "--v1-compatible", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, (mutant.key, result.stdout + result.stderr)


def test_each_operator_changes_what_it_names() -> None:
    keys = {m.key for m in mutants_of(MODULE)}
    assert {
        'negate: role.spec.tier == "frontline" => not role.spec.tier == "frontline"',
        "negate: not role.spec.audited => role.spec.audited",
        "drop: count(role.spec.grants) >= 2 => true",
        "compare: count(role.spec.grants) >= 2 => count(role.spec.grants) > 2",
        "constant: count(role.spec.grants) >= 2 => count(role.spec.grants) >= 3",
        'constant: role.spec.tier == "frontline" => role.spec.tier == ""',
        'constant: object.get(role.spec, "mfa", false) != true => '
        'object.get(role.spec, "mfa", true) != true',
        "negate: _wide(role) if role.spec.scope > 1 => _wide(role) if not role.spec.scope > 1",
        'constant: _tiers := {"admin", "ops"} => _tiers := {"", "ops"}',
    } <= keys
    assert not [key for key in keys if "_names" in key]  # a comprehension is left alone


def test_assignments_and_declarations_are_neither_negated_nor_dropped() -> None:
    touched = {m.original for m in mutants_of(MODULE) if m.operator in ("negate", "drop")}
    assert not {line for line in touched if line.startswith(("some ", "msg :="))}


def test_comments_and_message_strings_are_never_changed() -> None:
    for mutant in mutants_of(MODULE):
        changed = [
            (old, new)
            for old, new in zip(MODULE.split("\n"), mutant.source.split("\n"), strict=True)
            if old != new
        ]
        assert len(changed) == 1, mutant.key
        assert not changed[0][0].lstrip().startswith("#")
        assert "3 > 2" in changed[0][1] or "3 > 2" not in changed[0][0]


def test_the_same_change_twice_is_numbered() -> None:
    twice = (
        "package p\n\nimport rego.v1\n\na if {\n\tinput.x == 1\n}\n\nb if {\n\tinput.x == 1\n}\n"
    )
    keys = [m.key for m in mutants_of(twice) if m.operator == "drop"]
    assert keys == ["drop: input.x == 1 => true", "drop: input.x == 1 => true #2"]


def _pack_target(tmp_path: Path, rule: str = NAMED_RULE) -> object:
    write(tmp_path, "rolegate/rules/acme/frontline.rego", rule)
    write(tmp_path, "rolegate/rules/acme/frontline_test.rego", FRONTLINE_TEST)
    policies = load_policy_set((tmp_path,), tests=True)
    [target] = targets(policies, lambda meta: meta.id == "ACME-001")
    return target


def test_a_mutant_a_test_fails_on_is_killed_and_one_none_fails_on_survives(
    tmp_path: Path,
) -> None:
    run = run_rule(_pack_target(tmp_path))  # type: ignore[arg-type]
    status = {o.mutant.key: o.status for o in run.outcomes}
    assert [key for key, s in status.items() if s == "survived"] == list(UNTESTED)
    assert status['negate: role.spec.tier == "frontline" => not role.spec.tier == "frontline"'] == (
        "killed"
    )
    assert run.tests == 2


def test_an_explained_survivor_is_listed_as_explained_not_survived(tmp_path: Path) -> None:
    run = run_rule(_pack_target(tmp_path))  # type: ignore[arg-type]
    explanations = explanations_of(
        {"explanations": [{"rule": "ACME-001", "mutant": UNTESTED[0], "reason": "on purpose"}]},
        "test",
    )
    [rule] = score([run], explanations).rules
    assert (rule.explained, rule.survivors) == (1, (UNTESTED[1],))
    assert rule.score == pytest.approx(100.0 * rule.killed / (rule.mutants - 1))


def test_an_explanation_of_a_mutant_that_is_killed_is_reported_stale(tmp_path: Path) -> None:
    run = run_rule(_pack_target(tmp_path))  # type: ignore[arg-type]
    killed = 'drop: role.spec.tier == "frontline" => true'
    report = score([run], explanations_of(
        {"explanations": [{"rule": "ACME-001", "mutant": killed, "reason": "wrong"}]}, "test"
    ))  # fmt: skip
    assert [e.mutant for e in report.stale] == [killed]


def test_a_test_failing_on_the_rule_as_written_stops_the_run(tmp_path: Path) -> None:
    broken = NAMED_RULE.replace('== "frontline"', '== "backoffice"')
    with pytest.raises(GateError, match="fails on the rule as written"):
        run_rule(_pack_target(tmp_path, broken))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "want a mapping with one key, explanations"),
        ({"explanations": {"rule": "x"}}, "explanations must be a list"),
        ({"explanations": ["x"]}, r"explanations\[0\]: want a mapping"),
        ({"explanations": [{"rule": "A", "mutant": "m"}]}, r"\[0\]: reason must be a non-empty"),
        ({"explanations": [{"rule": "A", "mutant": "m", "reason": " "}]}, "reason must be"),
        ({"explanations": [{"rule": "A", "mutant": "m", "reason": "r", "why": "w"}]},
         "unknown key why"),
        ({"explanations": [{"rule": "A", "mutant": "m", "reason": "r"}] * 2},
         r"\[1\]: 'm' of A twice"),
    ],
)  # fmt: skip
def test_a_bad_explanations_file_is_an_error_naming_the_entry(data: object, message: str) -> None:
    with pytest.raises(GateError, match=message):
        explanations_of(data, "explanations.yaml")


def test_an_explanations_file_that_is_not_yaml_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "explanations.yaml", "explanations: [\n")
    with pytest.raises(GateError, match="not valid YAML"):
        read_explanations(path)


def test_mutate_fails_a_rule_below_the_threshold_and_passes_it_explained(
    cli: Cli, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    _pack_target(pack)
    code, out, _ = cli("mutate", "--jobs", "1", "--format", "json", str(pack))
    assert (code, json.loads(out)["rules"][0]["survived"]) == (1, list(UNTESTED))
    entries = "".join(
        f"  - rule: ACME-001\n    mutant: {json.dumps(key)}\n    reason: not tested on purpose\n"
        for key in UNTESTED
    )
    explained = write(tmp_path, "explanations.yaml", f"explanations:\n{entries}")
    code, out, _ = cli("mutate", "--jobs", "1", "--explanations", str(explained), str(pack))
    assert code == 0
    assert out.endswith("lowest rule score 100.0% (0 below 90%)\n")


def test_mutate_with_a_bad_explanations_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    path = write(tmp_path, "explanations.yaml", "explanations:\n  - rule: ACC-001\n")
    code, out, err = cli("mutate", "--explanations", str(path), "--rule", "ACC-001")
    assert (code, out) == (2, "")
    assert "explanations[0]: mutant must be a non-empty string" in err


def test_worker_processes_judge_mutants_as_one_process_does() -> None:
    found = targets(load_policy_set(tests=True), lambda rule: rule.id in ("ACC-002", "IMP-001"))
    assert len(found) == 2
    assert run_all(found, jobs=2) == run_all(found, jobs=1)


def test_the_rule_librarys_explanations_file_reads() -> None:
    explained = read_explanations(ROOT / "bench" / "mutation-explanations.yaml")
    rules = {rule.id for rule in load_policy_set().rules}
    assert {rule for rule, _ in explained} <= rules


def test_mutate_with_a_rule_that_matches_nothing_exits_2(cli: Cli) -> None:
    assert cli("mutate", "--rule", "NOPE-.*") == (
        2,
        "",
        "rolegate: error: no rule to mutate: no rule id matches --rule\n",
    )
