"""`rolegate test`: the Rego unit tests and the golden cases of some rule packs, together.

A pack's golden cases are the ``expect.yaml`` directories under it; the built-in rules'
are the shipped cases. Each case is checked with the built-in rules plus its own pack
only, so one team's rules never leak findings into another's cases.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checker.authoring.cases import EXPECT_FILE, Case, Expected, load_case
from checker.authoring.coverage import Coverage, line_coverage
from checker.authoring.regotest import TestResult, find_tests, run_tests
from checker.authoring.ruledocs import builtin_cases_dir
from checker.check import CheckOptions, LoadedPolicies, load_policies, run_check
from checker.errors import GateError
from checker.files import display_path
from checker.load.base import DirBase
from checker.policy.policyset import RegoFile, builtin_policy_dir, load_policy_set


@dataclass(frozen=True)
class SuiteOptions:
    packs: tuple[Path, ...]  # custom packs under test: directories or tarballs
    builtin: bool  # also test the built-in rules and their cases
    now: datetime  # for cases that do not pin their own date
    name_filter: re.Pattern[str] | None = None
    coverage: bool = False


@dataclass(frozen=True)
class CaseResult:
    case: Case
    missing: tuple[Expected, ...]
    unexpected: tuple[Expected, ...]
    error: str = ""  # the case could not be checked (e.g. an engine error on its input)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected and not self.error


@dataclass(frozen=True)
class CaseRun:
    name: str  # the case directory, as output names it
    result: CaseResult


@dataclass(frozen=True)
class SuiteResult:
    tests: tuple[TestResult, ...]
    cases: tuple[CaseRun, ...]
    coverage: Coverage | None

    @property
    def passed(self) -> int:
        return sum(t.passed for t in self.tests) + sum(c.result.passed for c in self.cases)

    @property
    def failed(self) -> int:
        return len(self.tests) + len(self.cases) - self.passed


def run_suite(options: SuiteOptions) -> SuiteResult:
    """Lint and compile every pack, then run the selected tests and cases.

    Raises GateError on a METADATA problem, a compile error, or nothing to run.
    """
    policies = load_policy_set(options.packs, tests=True)
    roots = _roots(options)
    tested = {f.display for f in policies.files if _inside_roots(f.path, roots)}
    tests = [
        t
        for t in find_tests(policies)
        if t.file in tested and _selected(t.title, options.name_filter)
    ]
    groups = _case_groups(options)
    if not tests and not any(cases for _, cases in groups):
        raise GateError(_nothing_message(options))
    run = run_tests(policies, tests, coverage=options.coverage)
    cases = tuple(c for packs, found in groups for c in _run_cases(packs, found, options.now))
    coverage = None
    if run.coverage is not None:
        files = [f.display for f in policies.files if _is_rule_file(f, roots)]
        coverage = line_coverage(run.coverage, files)
    return SuiteResult(run.results, cases, coverage)


def _roots(options: SuiteOptions) -> list[Path]:
    builtin = [builtin_policy_dir()] if options.builtin else []
    return [root.resolve() for root in (*builtin, *options.packs)]


def _inside_roots(path: Path, roots: Sequence[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved == root or resolved.is_relative_to(root) for root in roots)


def _is_rule_file(rego: RegoFile, roots: Sequence[Path]) -> bool:
    return not rego.path.name.endswith("_test.rego") and _inside_roots(rego.path, roots)


def _selected(name: str, name_filter: re.Pattern[str] | None) -> bool:
    return name_filter is None or name_filter.search(name) is not None


def _case_groups(options: SuiteOptions) -> list[tuple[tuple[Path, ...], list[Case]]]:
    """The cases to run, grouped by the packs to check them with."""
    groups: list[tuple[tuple[Path, ...], list[Case]]] = []
    builtin_cases = builtin_cases_dir() if options.builtin else None
    if builtin_cases is not None:
        groups.append(((), _cases_under(builtin_cases, options.name_filter)))
    for pack in options.packs:
        if pack.is_dir():
            groups.append(((pack,), _cases_under(pack, options.name_filter)))
    return groups


def _cases_under(directory: Path, name_filter: re.Pattern[str] | None) -> list[Case]:
    found = sorted(directory.rglob(EXPECT_FILE))
    return [
        load_case(f)
        for f in found
        if not _hidden(f, directory) and _selected(display_path(f.parent), name_filter)
    ]


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _run_cases(packs: tuple[Path, ...], cases: list[Case], now: datetime) -> list[CaseRun]:
    if not cases:
        return []
    loaded = load_policies(CheckOptions(paths=(), now=now, policy_dirs=packs))
    return [
        CaseRun(display_path(case.directory), _run_case(case, packs, now, loaded)) for case in cases
    ]


def _run_case(
    case: Case, packs: tuple[Path, ...], now: datetime, loaded: LoadedPolicies
) -> CaseResult:
    try:
        return run_case(case, now=now, policy_dirs=packs, loaded=loaded)
    except GateError as error:  # this case cannot be checked: it fails, the others still run
        return CaseResult(case, (), (), error=str(error))


def run_case(
    case: Case,
    *,
    now: datetime,
    policy_dirs: tuple[Path, ...] = (),
    loaded: LoadedPolicies | None = None,
) -> CaseResult:
    """Check the case (files named relative to it) and compare findings as multisets.

    The case's own ``now`` wins over ``now``; ``loaded`` reuses compiled policies, which
    must be those of ``policy_dirs``.
    """
    options = CheckOptions(
        paths=(case.directory, *case.includes),
        now=case.now or now,
        policy_dirs=policy_dirs,
        root=case.directory,
        base=DirBase(case.base, case.directory, case.includes) if case.base else None,
        usage=case.usage,
        usage_base=case.directory,
    )
    report = run_check(options, loaded=loaded)
    actual = Counter((f.rule, f.file, f.line) for f in report.findings)
    expected = Counter(case.expected)
    return CaseResult(
        case,
        tuple(sorted((expected - actual).elements())),
        tuple(sorted((actual - expected).elements())),
    )


def _nothing_message(options: SuiteOptions) -> str:
    where = " ".join(str(p) for p in options.packs) or "the built-in rules"
    if options.name_filter is not None:
        return f"no test or case name matches --run {options.name_filter.pattern!r} in {where}"
    return (
        f"no Rego tests (test_* in *_test.rego) or golden cases ({EXPECT_FILE}) found in "
        f"{where}; `rolegate new-rule` writes both"
    )
