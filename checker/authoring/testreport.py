"""Output of `rolegate test`: pure functions from a suite result to text or JSON.

Text is one ``PASS|FAIL name`` line per test and case, a coverage table when asked for,
and always, last, ``N passed, N failed`` — the line CI systems parse.
"""

from __future__ import annotations

import json
from typing import Any

from checker.authoring.cases import Expected
from checker.authoring.coverage import Coverage
from checker.authoring.regotest import TestResult
from checker.authoring.testsuite import CaseResult, CaseRun, SuiteResult

INDENT = "    "


def below_threshold(suite: SuiteResult, threshold: float | None) -> bool:
    return (
        threshold is not None
        and suite.coverage is not None
        and (suite.coverage.percent < threshold)
    )


def render_text(suite: SuiteResult, *, threshold: float | None, verbose: bool) -> str:
    lines = [line for result in suite.tests for line in _test_lines(result, verbose=verbose)]
    lines += [line for run in suite.cases for line in _case_lines(run)]
    if suite.coverage is not None:
        lines += _coverage_lines(suite.coverage, threshold)
    lines.append(summary(suite))
    return "".join(line + "\n" for line in lines)


def summary(suite: SuiteResult) -> str:
    return f"{suite.passed} passed, {suite.failed} failed"


def _test_lines(result: TestResult, *, verbose: bool) -> list[str]:
    test = result.test
    if result.passed:
        return [f"PASS {test.title}"]
    error = f": {result.error}" if result.error else ""
    lines = [f"FAIL {test.title} ({test.file}:{test.line}){error}"]
    if verbose:
        lines += [f"{INDENT}print: {output}" for output in result.output]
    return lines


def _case_lines(run: CaseRun) -> list[str]:
    result = run.result
    if result.passed:
        return [f"PASS {run.name}"]
    error = f": {result.error}" if result.error else ""
    lines = [f"FAIL {run.name}{error}"]
    lines += [f"{INDENT}missing: {_expected(e)}" for e in result.missing]
    lines += [f"{INDENT}unexpected: {_expected(e)}" for e in result.unexpected]
    return lines


def _expected(expected: Expected) -> str:
    rule, file, line = expected
    return f"{rule} {file}:{line}"


def _coverage_lines(coverage: Coverage, threshold: float | None) -> list[str]:
    rows = [(f.percent, f.covered, f.lines, f.file) for f in coverage.files]
    rows.append((coverage.percent, coverage.covered, coverage.lines, "total"))
    width = len(str(coverage.lines))
    lines = ["coverage (lines of policy files evaluated by the tests):"]
    lines += [
        f"{INDENT}{percent:5.1f}%  {covered:>{width}}/{total:<{width}}  {name}"
        for percent, covered, total, name in rows
    ]
    if threshold is not None and coverage.percent < threshold:
        lines.append(f"{INDENT}below --threshold {threshold:g}%: the tests fail")
    return lines


def render_json(suite: SuiteResult, *, threshold: float | None) -> str:
    document = {
        "tests": [_test_data(result) for result in suite.tests],
        "cases": [_case_data(run) for run in suite.cases],
        "coverage": _coverage_data(suite.coverage, threshold),
        "summary": {"passed": suite.passed, "failed": suite.failed},
    }
    return json.dumps(document, indent=2) + "\n"


def _test_data(result: TestResult) -> dict[str, Any]:
    test = result.test
    return {
        "name": test.title,
        "package": test.package,
        "rule": test.name,
        "file": test.file,
        "line": test.line,
        "passed": result.passed,
        "error": result.error,
        "output": list(result.output),
    }


def _case_data(run: CaseRun) -> dict[str, Any]:
    result: CaseResult = run.result
    return {
        "name": run.name,
        "passed": result.passed,
        "error": result.error,
        "missing": [_finding_data(e) for e in result.missing],
        "unexpected": [_finding_data(e) for e in result.unexpected],
    }


def _finding_data(expected: Expected) -> dict[str, Any]:
    rule, file, line = expected
    return {"rule": rule, "file": file, "line": line}


def _coverage_data(coverage: Coverage | None, threshold: float | None) -> dict[str, Any] | None:
    if coverage is None:
        return None
    return {
        "files": [
            {"file": f.file, "covered": f.covered, "lines": f.lines, "percent": f.percent}
            for f in coverage.files
        ],
        "covered": coverage.covered,
        "lines": coverage.lines,
        "percent": coverage.percent,
        "threshold": threshold,
        "below_threshold": threshold is not None and coverage.percent < threshold,
    }
