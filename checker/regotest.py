"""Run the Rego unit tests (``test_*`` rules in ``*_test.rego``) on the embedded engine."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker import metadata
from checker.engines.embedded import engine_message, new_engine
from checker.errors import GateError
from checker.policies import PolicySet, RegoFile

_TEST_RULE = re.compile(r"^(test_[A-Za-z0-9_]*)\b", re.M)


@dataclass(frozen=True)
class RegoTest:
    package: str
    name: str
    file: str
    line: int

    @property
    def rule(self) -> str:
        return f"data.{self.package}.{self.name}"


@dataclass(frozen=True)
class TestResult:
    test: RegoTest
    passed: bool
    error: str = ""


def find_tests(policies: PolicySet) -> list[RegoTest]:
    """Every test rule, in file order; a rule defined in several bodies counts once."""
    tests: dict[str, RegoTest] = {}
    for rego in policies.files:
        if rego.display.endswith("_test.rego"):
            for test in _tests_in(rego):
                tests.setdefault(test.rule, test)
    return list(tests.values())


def _tests_in(rego: RegoFile) -> Iterator[RegoTest]:
    package = metadata.package_of(rego.text)
    if package is None:
        raise GateError(f"{rego.display}:1: no package statement")
    for match in _TEST_RULE.finditer(rego.text):
        line = rego.text.count("\n", 0, match.start()) + 1
        yield RegoTest(package[0], match.group(1), rego.display, line)


def run_tests(policies: PolicySet) -> list[TestResult]:
    """Evaluate each test; it passes only if it is defined and exactly true."""
    engine = new_engine(policies)
    results = []
    for test in find_tests(policies):
        try:
            value = engine.eval_rule(test.rule)
        except Exception as error:  # a test whose evaluation fails is a failure, with why
            results.append(TestResult(test, False, engine_message(error)))
            continue
        results.append(TestResult(test, value is True))
    return results
