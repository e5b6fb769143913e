"""Run the Rego unit tests (``test_*`` rules in ``*_test.rego``) on the embedded engine."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from checker.engines.embedded import engine_message, new_engine
from checker.errors import GateError
from checker.policy import metadata
from checker.policy.policyset import PolicySet, RegoFile

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

    @property
    def title(self) -> str:
        """How output names the test: ``package.name``."""
        return f"{self.package}.{self.name}"


@dataclass(frozen=True)
class TestResult:
    __test__ = False  # not a pytest test class

    test: RegoTest
    passed: bool
    error: str = ""
    output: tuple[str, ...] = ()  # what the test print()ed, ``file:line: text`` each


@dataclass(frozen=True)
class TestRun:
    __test__ = False  # not a pytest test class

    results: tuple[TestResult, ...]
    coverage: dict[str, Any] | None  # regorus's coverage report, when asked for


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


def run_tests(
    policies: PolicySet, selected: Sequence[RegoTest] | None = None, *, coverage: bool = False
) -> TestRun:
    """Evaluate each test (all of them unless ``selected``); a test passes only if it is
    defined and exactly true. Raises GateError if the policies do not compile."""
    engine = new_engine(policies)
    engine.set_gather_prints(True)
    engine.set_enable_coverage(coverage)
    _compile(engine)
    tests = find_tests(policies) if selected is None else selected
    results = tuple(_run(engine, test) for test in tests)
    report = json.loads(engine.get_coverage_report_as_json()) if coverage else None
    return TestRun(results, report)


def _compile(engine: Any) -> None:
    """regorus compiles on the first evaluation; do it now, so a compile error is one."""
    try:
        engine.eval_query("true")
    except Exception as error:  # regorus raises RuntimeError for every kind of failure
        raise GateError(f"policy does not compile: {engine_message(error)}") from error


def _run(engine: Any, test: RegoTest) -> TestResult:
    try:
        value = engine.eval_rule(test.rule)
    except Exception as error:  # a test whose evaluation fails is a failure, with why
        return TestResult(test, False, engine_message(error), _prints(engine))
    return TestResult(test, value is True, "", _prints(engine))


def _prints(engine: Any) -> tuple[str, ...]:
    return tuple(str(line) for line in engine.take_prints())
