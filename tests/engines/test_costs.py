"""Measured costs and how the rules are dealt into two shares by them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from checker.engines.costs import Costs, deal, libraries_read, measured, share_cost
from checker.policy.metadata import package_of
from checker.policy.policyset import PolicySet, RegoFile, RuleMeta, load_policy_set

POLICIES = load_policy_set()
PEOPLE = "rolegate.lib.people"


def _rule(rule_id: str, file: str = "r.rego") -> RuleMeta:
    return replace(POLICIES.rules[0], id=rule_id, file=file)


def _ids(share: tuple[RuleMeta, ...]) -> list[str]:
    return sorted(rule.id for rule in share)


def test_rules_that_read_a_costly_library_are_dealt_together() -> None:
    rules = tuple(_rule(i) for i in "ABCDE")
    reads = {"A": frozenset({"lib"}), "B": frozenset({"lib"})}
    costs = Costs(libraries={"lib": 100}, rules={"A": 10, "B": 10, "C": 40, "D": 40, "E": 40})
    first, second = deal(rules, reads, costs)
    assert sorted([_ids(first), _ids(second)]) == [["A", "B"], ["C", "D", "E"]]
    assert share_cost(first, reads, costs) == share_cost(second, reads, costs) == 120


def test_rules_are_dealt_into_equal_shares_where_they_can_be() -> None:
    rules = tuple(_rule(i) for i in "ABCDE")
    costs = Costs(libraries={}, rules={"A": 5, "B": 4, "C": 3, "D": 3, "E": 3})
    first, second = deal(rules, {}, costs)
    assert sorted([_ids(first), _ids(second)]) == [["A", "B"], ["C", "D", "E"]]


def test_a_rule_never_measured_costs_the_median() -> None:
    costs = Costs(libraries={}, rules={"A": 1, "B": 5, "C": 9})
    assert costs.of_rule("CUSTOM-001") == 5
    assert costs.of_rule("A") == 1


def test_a_rule_reads_the_libraries_its_own_module_names() -> None:
    files = (
        RegoFile(Path("a.rego"), "a.rego", "package a\nimport data.rolegate.lib.people\n"),
        RegoFile(Path("b.rego"), "b.rego", "package b\nx := data.rolegate.lib.people.roles\n"),
        RegoFile(Path("c.rego"), "c.rego", "package c\n# not data.rolegate.lib.people\n"),
        RegoFile(Path("d.rego"), "d.rego", "package d\nx := data.rolegate.lib.peoples\n"),
    )
    rules = tuple(_rule(name.upper(), f"{name}.rego") for name in "abcd")
    reads = libraries_read(PolicySet(files, rules), [PEOPLE])
    assert reads == {
        "A": frozenset({PEOPLE}),
        "B": frozenset({PEOPLE}),
        "C": frozenset(),
        "D": frozenset(),
    }


def test_only_the_person_level_rules_read_the_people_library() -> None:
    reads = libraries_read(POLICIES, [PEOPLE])
    assert sorted(rule for rule, read in reads.items() if read) == [
        "SOD-001",
        "SOD-002",
        "SOD-003",
    ]


def test_every_built_in_rule_and_library_has_a_measured_cost() -> None:
    costs = measured()
    packages = {package_of(rego.text) for rego in POLICIES.files}
    libraries = {found[0] for found in packages if found and ".lib." in found[0]}
    assert set(costs.rules) == {rule.id for rule in POLICIES.rules}
    assert set(costs.libraries) == libraries
