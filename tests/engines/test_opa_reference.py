"""The rules are real Rego v1: compiled, unit-tested and evaluated by OPA itself.

OPA comes in-process from PyPI (opa-golib-python-bindings: OPA 1.20's Go rego package
behind ctypes). Its wheel declares Python >= 3.14 but is pure ctypes, so .ci/run installs
it with --ignore-requires-python. Where it is missing the tests skip, except under CI,
where a missing reference is a failure: parity must never be skipped silently there.
"""

from __future__ import annotations

import copy
import json
import os
import random
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.authoring.regotest import find_tests
from checker.engines import ENTRY_POINT
from checker.engines.embedded import new_engine
from checker.inventory import build_input
from checker.policy.policyset import PolicySet, load_policy_set
from checker.repo import read_repo
from checker.validate.documents import validate

from conftest import FIXTURES

try:
    from opa_bindings.engine import OpaEngine
except ImportError:  # pragma: no cover - depends on the environment
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "OPA reference (opa-golib-python-bindings) not installed; see .ci/run",
        allow_module_level=True,
    )

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
POLICIES = load_policy_set()
WITH_TESTS = load_policy_set(tests=True)
REPOS = [((FIXTURES / "example",), "example")] + [
    ((p.parent, *load_case(p).includes), p.parent.relative_to(FIXTURES).as_posix())
    for p in sorted(FIXTURES.rglob(EXPECT_FILE))
]


def _opa(policies: PolicySet) -> Any:
    engine = OpaEngine()
    for rego in policies.files:
        engine.add_policy(rego.display, rego.text)
    engine.add_data(policies.data())
    return engine


@pytest.fixture(scope="module")
def opa() -> Any:
    return _opa(POLICIES)


UNIT_TESTS = find_tests(WITH_TESTS)


@pytest.fixture(scope="module")
def unit_results() -> dict[str, list[Any]]:
    """Every unit test's value (a list: empty when undefined), in one OPA query."""
    query = "; ".join(f"t{i} := [v | v := {test.rule}]" for i, test in enumerate(UNIT_TESTS))
    [bindings] = _opa(WITH_TESTS).eval_query(query)
    return {test.rule: bindings[f"t{i}"] for i, test in enumerate(UNIT_TESTS)}


def _normal(decision: dict[str, Any]) -> dict[str, list[str]]:
    return {
        key: sorted(json.dumps(item, sort_keys=True) for item in decision[key])
        for key in ("findings", "waived", "rules", "undefined_rules")
    }


@pytest.mark.parametrize(("paths", "name"), REPOS, ids=[name for _, name in REPOS])
def test_opa_and_embedded_decide_the_same(opa: Any, paths: tuple[Path, ...], name: str) -> None:
    repo = read_repo(paths, root=paths[0])
    document = build_input(repo.validated, now=NOW)
    embedded = new_engine(POLICIES)
    embedded.set_input_json(json.dumps(document))
    ours = json.loads(embedded.eval_rule_as_json(ENTRY_POINT))
    [theirs] = opa.eval_query(f"decision := {ENTRY_POINT}", document)
    assert _normal(theirs["decision"]) == _normal(ours)


@pytest.mark.parametrize("test", UNIT_TESTS, ids=lambda t: f"{t.package}.{t.name}")
def test_rego_unit_test_passes_on_opa(unit_results: dict[str, list[Any]], test: Any) -> None:
    assert unit_results[test.rule] == [True], f"{test.file}:{test.line}: {test.name} failed on OPA"


# Differential testing: random but seeded edits of the example repo (a value replaced or
# a key removed). Whatever passes validation must evaluate without an engine error, and
# OPA and the embedded engine must agree on it.
MUTATION_VALUES: list[Any] = [
    None,
    0,
    -1,
    10**12,
    1.5,
    True,
    "",
    "x",
    "*",
    "all",
    "full",
    "frontline",
    "contractor",
    "byod",
    "free",
    [],
    ["x"],
    {},
    {"a": 1},
    # Out of what the engines read alike (issue 15): the schema must stop each of them.
    "2263-01-01",
    "1677-09-21",
    99999999999999999999999,
    2**63,
    "^x(?=y)",
    "^\\w{3}$",
]


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else []
    )
    for key, child in children:
        found += _paths(child, (*prefix, key))
    return found


def _mutate(data: Any, rng: random.Random) -> Any:
    data = copy.deepcopy(data)
    path = rng.choice(_paths(data))
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if isinstance(parent, dict) and rng.random() < 0.4:
        del parent[path[-1]]
    else:
        parent[path[-1]] = rng.choice(MUTATION_VALUES)
    return data


@pytest.mark.parametrize("seed", range(40))
def test_mutated_example_decides_the_same_on_both_engines(opa: Any, seed: int) -> None:
    rng = random.Random(seed)
    repo = read_repo((FIXTURES / "example",), root=FIXTURES)
    documents = [
        replace(doc, data=_mutate(doc.data, rng)) if rng.random() < 0.3 else doc
        for doc in repo.documents
    ]
    document = build_input(validate(documents), now=NOW)
    embedded = new_engine(POLICIES)
    embedded.set_input_json(json.dumps(document))
    ours = json.loads(embedded.eval_rule_as_json(ENTRY_POINT))
    [theirs] = opa.eval_query(f"decision := {ENTRY_POINT}", document)
    assert _normal(theirs["decision"]) == _normal(ours)
