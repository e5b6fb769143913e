"""Guard against evaluation-order effects in the embedded engine.

regorus 0.13 can resolve a library's imports wrongly when, in the same query, another
module first read a constant of that library through an import alias (reproduced in
``test_known_regorus_order_effect``). The decision evaluates every rule in one query, so
for every fixture each rule's findings in the decision must equal its findings evaluated
on their own — a rule that trips the quirk fails here instead of passing silently. (The
engine now writes out the aliases that the quirk loses, checker/engines/aliases.py; this
test evaluates through it, as `rolegate check` does.)
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.engines import ENTRY_POINT
from checker.engines.embedded import new_engine
from checker.inventory import build_input
from checker.policy.policyset import PolicySet, load_policy_set
from checker.repo import read_repo

from conftest import FIXTURES

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
POLICIES = load_policy_set()
REPOS = [((FIXTURES / "example",), "example")] + [
    ((p.parent, *load_case(p).includes), p.parent.relative_to(FIXTURES).as_posix())
    for p in sorted(FIXTURES.rglob(EXPECT_FILE))
]


def _key(finding: dict[str, object]) -> str:
    return json.dumps(
        {k: finding[k] for k in ("file", "path", "subject", "message")}, sort_keys=True
    )


def _isolated(
    engine: object, policies: PolicySet, evaluated: list[dict[str, object]]
) -> dict[str, set[str]]:
    """Each rule alone; the waiver rules given the other rules' findings, as main does."""
    engine.add_data_json(json.dumps({"rolegate": {"evaluated_findings": evaluated}}))  # type: ignore[attr-defined]
    found = {}
    for rule in policies.rules:
        raw = json.loads(
            engine.eval_rule_as_json(  # type: ignore[attr-defined]
                f"data.rolegate.rules.{rule.area}.{rule.name}.findings"
            )
        )
        found[rule.id] = {_key(f) for f in raw}
    return found


@pytest.mark.parametrize(("paths", "name"), REPOS, ids=[name for _, name in REPOS])
def test_each_rule_alone_equals_its_share_of_the_decision(
    paths: tuple[Path, ...], name: str
) -> None:
    repo = read_repo(paths, root=paths[0])
    engine = new_engine(POLICIES)
    engine.set_input_json(json.dumps(build_input(repo.validated, now=NOW)))
    decision = json.loads(engine.eval_rule_as_json(ENTRY_POINT))
    together: dict[str, set[str]] = {rule.id: set() for rule in POLICIES.rules}
    findings = [*decision["findings"], *(entry["finding"] for entry in decision["waived"])]
    for finding in findings:
        together[finding["rule"]].add(_key(finding))
    about_waivers = {rule.id for rule in POLICIES.rules if rule.area == "waivers"}
    evaluated = [f for f in findings if f["rule"] not in about_waivers]
    assert together == _isolated(engine, POLICIES, evaluated)


def test_known_regorus_order_effect() -> None:
    """Documents the engine quirk; if this starts failing, regorus fixed it."""
    import regorus

    engine = regorus.Engine()
    engine.add_policy("m.rego", 'package lib.m\nimport rego.v1\nitems := {"a": 1}\n')
    engine.add_policy(
        "h.rego",
        "package lib.h\nimport rego.v1\nimport data.lib.m\nk := 4\n"
        "known(xs) := [x | some x in xs; m.items[x]]\n",
    )
    engine.add_policy(
        "r.rego",
        "package r\nimport rego.v1\nimport data.lib.h\n"
        'f(v) if v >= h.k\ng := [1 | f(4)]\nz := h.known(["a"])\n'
        "both := [g, z]\n",
    )
    engine.set_input_json("{}")
    assert engine.eval_rule("data.r.z") == ["a"]
    assert engine.eval_rule("data.r.both") == [[1], []]  # OPA gives [[1], ["a"]]
