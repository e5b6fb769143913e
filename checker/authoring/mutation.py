"""Mutation testing of rules: run each rule's unit tests on every mutant of its module.

A mutant is ``killed`` when a test of the rule fails on it (or cannot be evaluated),
``survived`` when every test still passes, ``invalid`` when it does not compile. Each rule
is evaluated with only what it needs: its module, its ``_test.rego`` and the packages they
import (transitively), on the embedded engine; rules are shared out over worker processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

from checker.authoring.mutants import Mutant, mutants_of
from checker.authoring.regotest import find_tests, run_tests
from checker.errors import GateError
from checker.policy import metadata
from checker.policy.policyset import PolicySet, RegoFile, RuleMeta
from checker.processes import spawn_context

_IMPORT = re.compile(r"^import\s+data\.([A-Za-z0-9_.]+)", re.M)


@dataclass(frozen=True)
class Target:
    """One rule to mutate, with everything its tests need."""

    rule: RuleMeta
    module: RegoFile
    tests: RegoFile
    support: tuple[RegoFile, ...]


@dataclass(frozen=True)
class Outcome:
    mutant: Mutant
    status: str  # killed, survived, invalid
    by: str = ""  # the first test that failed (killed), or why it did not compile


@dataclass(frozen=True)
class RuleRun:
    rule: RuleMeta
    tests: int
    outcomes: tuple[Outcome, ...]


def targets(policies: PolicySet, wanted: Callable[[RuleMeta], bool]) -> list[Target]:
    """The rules ``wanted`` picks; each must have a ``_test.rego`` beside it."""
    by_display = {rego.display: rego for rego in policies.files}
    packages = _packages(policies.files)
    found = []
    for rule in policies.rules:
        if not wanted(rule):
            continue
        tests = by_display.get(rule.file.removesuffix(".rego") + "_test.rego")
        if tests is None:
            raise GateError(f"{rule.file}: rule {rule.id} has no _test.rego beside it to run")
        module = by_display[rule.file]
        found.append(Target(rule, module, tests, _support(module, tests, packages)))
    return found


def _packages(files: Sequence[RegoFile]) -> dict[str, list[RegoFile]]:
    """The non-test files of each package (a package may span several files)."""
    found: dict[str, list[RegoFile]] = {}
    for rego in files:
        package = metadata.package_of(rego.text)
        if package and not rego.display.endswith("_test.rego"):
            found.setdefault(package[0], []).append(rego)
    return found


def _support(
    module: RegoFile, tests: RegoFile, packages: dict[str, list[RegoFile]]
) -> tuple[RegoFile, ...]:
    """The files of every package the module and its tests import, transitively."""
    needed: dict[str, RegoFile] = {}
    pending = [module, tests]
    while pending:
        for name in _IMPORT.findall(pending.pop().text):
            for rego in packages.get(name, []):
                if rego.display not in needed and rego.display != module.display:
                    needed[rego.display] = rego
                    pending.append(rego)
    return tuple(needed.values())


def run_all(found: Sequence[Target], *, jobs: int) -> list[RuleRun]:
    """Mutate every target, ``jobs`` rules at a time in worker processes (1: in this one)."""
    if jobs <= 1 or len(found) <= 1:
        return [run_rule(target) for target in found]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=spawn_context()) as pool:
        return list(pool.map(run_rule, found))


def run_rule(target: Target) -> RuleRun:
    """The rule's tests on the module as written (all must pass), then on each mutant."""
    tests = len(find_tests(_policies(target, target.module)))
    failed = _first_failure(target, target.module)
    if failed is not None:
        raise GateError(
            f"{target.tests.display}: {failed} fails on the rule as written; "
            "mutation testing needs passing tests"
        )
    outcomes = tuple(_outcome(target, mutant) for mutant in mutants_of(target.module.text))
    return RuleRun(target.rule, tests, outcomes)


def _outcome(target: Target, mutant: Mutant) -> Outcome:
    try:
        failed = _first_failure(target, replace(target.module, text=mutant.source))
    except GateError as error:
        return Outcome(mutant, "invalid", str(error).splitlines()[0])
    return Outcome(mutant, "survived") if failed is None else Outcome(mutant, "killed", failed)


def _first_failure(target: Target, module: RegoFile) -> str | None:
    """The first test (``package.name``) that fails on ``module``, or None."""
    run = run_tests(_policies(target, module))
    return next((r.test.title for r in run.results if not r.passed), None)


def _policies(target: Target, module: RegoFile) -> PolicySet:
    return PolicySet((*target.support, module, target.tests), (target.rule,))
