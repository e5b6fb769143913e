"""The check pipeline: discover, load, validate, build input, evaluate, decide."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from checker.decision import Decision, RuleResult, read_decision
from checker.discover import discover, display_path
from checker.engines import load_engine
from checker.errors import GateError
from checker.findings import SEVERITIES, Finding, severity_rank
from checker.inventory import build_input
from checker.loader import Document, load_file
from checker.policies import PolicySet, load_policy_set
from checker.references import check_references
from checker.validate import Validated, validate


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    now: datetime
    policy_dirs: tuple[Path, ...] = ()
    engine: str = "embedded"
    root: Path = Path(".")  # file names in findings are relative to this directory


@dataclass(frozen=True)
class Report:
    files: int
    documents: int
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    rules: tuple[RuleResult, ...]
    timings: dict[str, float] = field(default_factory=dict)

    def failing(self, fail_on: str) -> tuple[Finding, ...]:
        """Findings at or above the ``fail_on`` severity."""
        threshold = severity_rank(fail_on)
        return tuple(f for f in self.findings if severity_rank(f.severity) >= threshold)

    def by_severity(self) -> dict[str, int]:
        """Findings per severity, most severe first, every severity present."""
        counts = Counter(f.severity for f in self.findings)
        return {severity: counts[severity] for severity in reversed(SEVERITIES)}

    def rules_evaluated(self) -> int:
        return sum(1 for rule in self.rules if rule.status == "evaluated")


class _Stopwatch:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class Repo:
    """A config repo read and validated: what the rules will see, and what they will not."""

    files: int
    documents: tuple[Document, ...]
    validated: Validated
    problems: tuple[Finding, ...]  # YAML, schema and reference findings


def read_repo(paths: tuple[Path, ...], *, root: Path, clock: _Stopwatch | None = None) -> Repo:
    """Discover, load and validate; raises GateError when there is nothing to check."""
    clock = clock or _Stopwatch()
    with clock.stage("discover"):
        files = discover(paths)
    if not files:
        shown = " ".join(str(p) for p in paths)
        raise GateError(f"no YAML files found under {shown}; pass the config repo's directory")
    with clock.stage("load"):
        loaded = [load_file(path, display_path(path, root)) for path in files]
    documents = tuple(doc for f in loaded for doc in f.documents)
    with clock.stage("validate"):
        validated = validate(documents)
        problems = [p for f in loaded for p in f.problems]
        problems += [*validated.findings, *check_references(validated)]
    if not validated.documents and not problems:
        raise GateError(
            f"no rolegate documents (apiVersion: rolegate/v1) in {len(files)} "
            "YAML file(s); nothing to check"
        )
    return Repo(len(files), documents, validated, tuple(problems))


def run_check(options: CheckOptions) -> Report:
    clock = _Stopwatch()
    with clock.stage("policies"):
        policies = load_policy_set(options.policy_dirs)
        evaluator = load_engine(options.engine, policies)
    repo = read_repo(options.paths, root=options.root, clock=clock)
    with clock.stage("evaluate"):
        raw = evaluator.evaluate(build_input(repo.validated, now=options.now))
    with clock.stage("decide"):
        decision = _decide(raw, repo.documents, policies)
    findings = tuple(sorted([*repo.problems, *decision.findings], key=Finding.sort_key))
    return Report(
        repo.files, len(repo.documents), findings, decision.waived, decision.rules, clock.timings
    )


def _decide(raw: dict[str, Any], documents: tuple[Document, ...], policies: PolicySet) -> Decision:
    index = {(doc.file, doc.index): doc for doc in documents}
    return read_decision(raw, index, policies)
