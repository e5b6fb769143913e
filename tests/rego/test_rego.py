"""The Rego unit tests, run through the embedded engine: one pytest case per test rule."""

from __future__ import annotations

import pytest

from checker.authoring.regotest import RegoTest, find_tests, run_tests
from checker.policy.policyset import load_policy_set

POLICIES = load_policy_set(tests=True)
RESULTS = {result.test: result for result in run_tests(POLICIES).results}


def _test_id(test: RegoTest) -> str:
    return f"{test.package.removeprefix('rolegate.')}.{test.name}"


@pytest.mark.parametrize("test", list(RESULTS), ids=_test_id)
def test_rego(test: RegoTest) -> None:
    result = RESULTS[test]
    assert result.passed, f"{test.file}:{test.line}: {test.name} failed {result.error}".rstrip()


def test_tests_were_found() -> None:
    assert len(find_tests(POLICIES)) >= 2 * len(POLICIES.rules)
