"""Sharded evaluation: the rules split across two processes decide exactly as one does."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.engines import ENTRY_POINT, EngineInput, shards
from checker.engines.costs import libraries_read, measured, share_cost
from checker.engines.embedded import EmbeddedEvaluator, evaluate_modules, new_engine
from checker.errors import GateError
from checker.inventory import build_input
from checker.policy.policyset import load_policy_set
from checker.repo import read_repo

from conftest import FIXTURES

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
POLICIES = load_policy_set()
# The example, the incident, and the cases with waivers (the rules that run last).
REPOS = [
    ((FIXTURES / "example",), "example"),
    ((FIXTURES / "incident",), "incident"),
    *(
        ((p.parent, *load_case(p).includes), p.parent.relative_to(FIXTURES).as_posix())
        for p in sorted((FIXTURES / "rules").glob(f"WVR-*/*/{EXPECT_FILE}"))
    ),
]


def _input(paths: tuple[Path, ...]) -> dict[str, Any]:
    return build_input(read_repo(paths, root=paths[0]).validated, now=NOW)


def _one_evaluation(input_document: dict[str, Any]) -> Any:
    engine = new_engine(POLICIES)
    engine.set_input_json(json.dumps(input_document))
    return json.loads(engine.eval_rule_as_json(ENTRY_POINT))


@pytest.mark.parametrize(("paths", "name"), REPOS, ids=[name for _, name in REPOS])
def test_sharded_decision_equals_one_evaluation(paths: tuple[Path, ...], name: str) -> None:
    input_document = _input(paths)
    sharded = json.loads(
        shards.evaluate(POLICIES, EngineInput.of(input_document), evaluate_modules)
    )
    one = _one_evaluation(input_document)
    assert one["findings"] or one["waived"] or name == "example"
    assert sharded == one


REVIEWS = [
    {"view": "who_can", "action": "read", "resource": "customer", "field": "phone",
     "visibility": "", "scope": ""},
    {"view": "access", "kind": "person", "name": "E10098"},
    {"view": "all"},
]  # fmt: skip


@pytest.mark.parametrize("review", REVIEWS, ids=[r["view"] for r in REVIEWS])
def test_sharded_access_review_equals_one_evaluation(review: dict[str, Any]) -> None:
    input_document = {**_input((FIXTURES / "example",)), "review": review}
    sharded = json.loads(
        shards.evaluate(POLICIES, EngineInput.of(input_document), evaluate_modules)
    )
    one = _one_evaluation(input_document)
    assert one["access_review"]["roles"]
    assert sharded == one


def test_shares_split_every_rule_but_the_waiver_rules_once() -> None:
    first, second = shards.shares(POLICIES)
    waiver_rules = {rule.id for rule in POLICIES.rules if rule.area == "waivers"}
    ids = [rule.id for rule in (*first, *second)]
    assert sorted(ids) == sorted({rule.id for rule in POLICIES.rules} - waiver_rules)
    assert len(ids) == len(set(ids))


def test_shares_are_balanced_by_measured_cost() -> None:
    costs = measured()
    reads = libraries_read(POLICIES, costs.libraries)
    first, second = shards.shares(POLICIES)
    totals = [share_cost(share, reads, costs) for share in (first, second)]
    assert abs(totals[0] - totals[1]) <= max(costs.rules.values())


def _sized(roles: int, accounts: int) -> EngineInput:
    bindings = [{"spec": {"accounts": [{}] * accounts}}]
    return EngineInput.of({"roles": [{}] * roles, "bindings": bindings})


def test_only_a_large_repo_on_several_cpus_is_split() -> None:
    assert _sized(1000, 2000).subjects == 3000
    assert shards.worthwhile(_sized(1000, 2000), workers=2)
    assert not shards.worthwhile(_sized(1000, 1999), workers=2)
    assert not shards.worthwhile(_sized(10_000, 50_000), workers=1)


def test_embedded_engine_splits_a_large_repo_and_decides_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    input_document = _input((FIXTURES / "incident",))
    evaluator = EmbeddedEvaluator(POLICIES)
    one = evaluator.evaluate(EngineInput.of(input_document))
    split: list[bool] = []
    evaluate = shards.evaluate

    def recorded(*args: Any) -> str:
        split.append(True)
        return evaluate(*args)

    monkeypatch.setattr(shards, "SHARD_SUBJECTS", 1)
    monkeypatch.setattr(shards, "evaluate", recorded)
    monkeypatch.setattr("checker.engines.embedded.cpu_count", lambda: 2)
    assert evaluator.evaluate(EngineInput.of(input_document)) == one
    assert split == [True]


def failing_run(*_: Any) -> str:
    raise RuntimeError("error: worker share broke")


def dying_run(*_: Any) -> str:
    os._exit(3)


def test_an_engine_error_in_the_worker_fails_the_evaluation() -> None:
    input_document = _input((FIXTURES / "example",))
    with pytest.raises(RuntimeError, match="worker share broke"):
        shards.evaluate(POLICIES, EngineInput.of(input_document), _HereOr(failing_run))


def test_a_worker_that_dies_fails_the_evaluation() -> None:
    input_document = _input((FIXTURES / "example",))
    with pytest.raises(GateError, match=r"worker process stopped \(exit code 3\)"):
        shards.evaluate(POLICIES, EngineInput.of(input_document), _HereOr(dying_run))


class _HereOr:
    """Runs normally in this process, ``elsewhere`` in the worker (a spawned process)."""

    def __init__(self, elsewhere: Any) -> None:
        self.elsewhere = elsewhere
        self.pid = os.getpid()

    def __call__(self, *job: Any) -> str:
        run = evaluate_modules if os.getpid() == self.pid else self.elsewhere
        return str(run(*job))


def test_a_rule_without_findings_is_named_as_in_one_evaluation() -> None:
    rule = next(r for r in POLICIES.rules if r.id == "TR-001")
    files = tuple(
        replace(rego, text=rego.text.replace("findings contains", "found contains"))
        if rego.display == rule.file
        else rego
        for rego in POLICIES.files
    )
    policies = replace(POLICIES, files=files)
    input_document = _input((FIXTURES / "incident",))
    sharded = json.loads(
        shards.evaluate(policies, EngineInput.of(input_document), evaluate_modules)
    )
    engine = new_engine(policies)
    engine.set_input_json(json.dumps(input_document))
    one = json.loads(engine.eval_rule_as_json(ENTRY_POINT))
    assert sharded["undefined_rules"] == one["undefined_rules"] == ["TR-001"]
    assert sharded == one
