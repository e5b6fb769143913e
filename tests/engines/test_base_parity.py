"""With a base, OPA and the embedded engine decide the same: change rules, access diff,
waivers and the pre-existing marks (--new-only) included."""

from __future__ import annotations

import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.engines import ENTRY_POINT, EngineInput
from checker.engines.embedded import EmbeddedEvaluator
from checker.inventory import add_base, build_input
from checker.load.base import DirBase
from checker.policy.policyset import load_policy_set
from checker.repo import read_repo

from conftest import FIXTURES

try:
    from opa_bindings.engine import OpaEngine
except ImportError:  # pragma: no cover - depends on the environment
    if os.environ.get("CI"):
        raise
    pytest.skip("OPA reference not installed; see .ci/run", allow_module_level=True)

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
POLICIES = load_policy_set()
BASE_CASES = [p for p in sorted(FIXTURES.rglob(EXPECT_FILE)) if load_case(p).base]


@pytest.fixture(scope="module")
def opa() -> Any:
    engine = OpaEngine()
    for rego in POLICIES.files:
        engine.add_policy(rego.display, rego.text)
    engine.add_data(POLICIES.data())
    return engine


def _normal(value: Any) -> Any:
    """Sets come back as lists in whatever order an engine keeps them: sort them all."""
    if isinstance(value, dict):
        return {key: _normal(item) for key, item in value.items()}
    if isinstance(value, list):
        return sorted(
            (_normal(item) for item in value), key=lambda v: json.dumps(v, sort_keys=True)
        )
    return value


def _decide_both(opa: Any, document: dict[str, Any]) -> tuple[Any, Any]:
    ours = EmbeddedEvaluator(POLICIES).evaluate(EngineInput.of(document))
    [theirs] = opa.eval_query(f"decision := {ENTRY_POINT}", document)
    return _normal(ours), _normal(theirs["decision"])


def _input(head: Path, includes: tuple[Path, ...], base: DirBase, *, new_only: bool) -> Any:
    repo = read_repo((head, *includes), root=head)
    document = build_input(repo.validated, now=NOW)
    evaluator = EmbeddedEvaluator(POLICIES) if new_only else None
    return add_base(document, base, evaluator=evaluator)


@pytest.mark.parametrize(
    "expect_file", BASE_CASES, ids=lambda p: p.parent.relative_to(FIXTURES).as_posix()
)
def test_change_rule_cases_decide_the_same(opa: Any, expect_file: Path) -> None:
    case = load_case(expect_file)
    assert case.base is not None
    base = DirBase(case.base, case.directory, case.includes)
    ours, theirs = _decide_both(opa, _input(case.directory, case.includes, base, new_only=False))
    assert ours == theirs


@pytest.mark.parametrize("new_only", [False, True])
def test_example_with_a_sensitive_change_decides_the_same(
    opa: Any, tmp_path: Path, new_only: bool
) -> None:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(FIXTURES / "example", base)
    role = base / "roles" / "frontline.yaml"
    role.write_text(role.read_text().replace("phone: masked", "phone: full", 1))
    shutil.copytree(base, head)
    role = head / "roles" / "frontline.yaml"
    role.write_text(role.read_text().replace("scope: assigned", "scope: all", 1))
    bindings = head / "bindings" / "employees.yaml"
    bindings.write_text(bindings.read_text().replace("[retention-agent]", "[tier1-agent]", 1))
    document = _input(head, (), DirBase(base, head), new_only=new_only)
    ours, theirs = _decide_both(opa, document)
    assert ours == theirs
    assert len(ours["access_diff"]["roles"]) == 1
    assert any(f["pre_existing"] for f in ours["findings"]) is new_only
