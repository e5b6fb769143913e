"""The check pipeline: discover, load, validate, build input, evaluate, decide."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from checker.decision import Decision, read_decision, wanted_regions
from checker.engines import EngineInput, EngineSettings, Evaluator, load_engine
from checker.errors import GateError
from checker.files import display_path
from checker.findings import Finding
from checker.inventory import add_base, build_input
from checker.load.base import BaseSource
from checker.load.discover import discover
from checker.load.ignore import IgnoreRules
from checker.load.loader import Document
from checker.load.loadpool import load_files, prefetch_regions
from checker.policy.policyset import PolicySet, load_policy_set
from checker.result import Report
from checker.usage.aggregate import summarize
from checker.usage.summary import Summary
from checker.validate.documents import Validated, validate
from checker.validate.references import check_references


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[Path, ...]
    now: datetime
    policy_dirs: tuple[Path, ...] = ()
    engine: str = "embedded"
    engine_settings: EngineSettings = field(default_factory=EngineSettings)
    root: Path = Path(".")  # file names in findings are relative to this directory
    ignore: IgnoreRules | None = None  # paths .rolegate.yaml says to skip
    base: BaseSource | None = None  # --base: the version to compare with (input.base)
    new_only: bool = False  # --new-only: findings the base has too are pre-existing
    # --usage: logs or a summary (files, folders, globs); without, the usage rules are
    # not evaluated. A pattern relative to usage_base when that is set.
    usage: tuple[str, ...] = ()
    usage_base: Path | None = None
    suggest: tuple[str, ...] = ()  # roles to right-size by their usage (rolegate suggest)


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


def read_repo(
    paths: tuple[Path, ...],
    *,
    root: Path,
    ignore: IgnoreRules | None = None,
    clock: _Stopwatch | None = None,
) -> Repo:
    """Discover, load and validate; raises GateError when there is nothing to check."""
    clock = clock or _Stopwatch()
    with clock.stage("discover"):
        files = discover(paths, ignore=ignore)
    if not files:
        shown = " ".join(str(p) for p in paths)
        raise GateError(f"no YAML files found under {shown}; pass the config repo's directory")
    with clock.stage("load"):
        loaded = load_files([(path, display_path(path, root)) for path in files])
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


class LoadedPolicies(NamedTuple):
    """Policies compiled on an engine; golden cases reuse them across many checks."""

    policies: PolicySet
    evaluator: Evaluator


def load_policies(options: CheckOptions) -> LoadedPolicies:
    policies = load_policy_set(options.policy_dirs)
    return LoadedPolicies(policies, load_engine(options.engine, policies, options.engine_settings))


def run_check(options: CheckOptions, *, loaded: LoadedPolicies | None = None) -> Report:
    clock = _Stopwatch()
    with clock.stage("policies"):
        policies, evaluator = loaded or load_policies(options)
    repo = read_repo(options.paths, root=options.root, ignore=options.ignore, clock=clock)
    with clock.stage("usage"):
        usage = _usage(options)
    engine_input = _engine_input(repo, options, evaluator, clock, usage)
    # From here on only the documents' positions are needed, not their data.
    files, problems, documents = repo.files, repo.problems, _without_data(repo.documents)
    del repo
    with clock.stage("evaluate"):
        raw = evaluator.evaluate(engine_input)
    with clock.stage("decide"):
        decision = _decide(raw, documents, policies)
    findings = tuple(sorted([*problems, *decision.findings], key=Finding.sort_key))
    return Report(
        files,
        len(documents),
        findings,
        decision.waived,
        decision.rules,
        clock.timings,
        engine_input,
        rule_meta=policies.rules,
        subjects=decision.subjects,
        access_diff=decision.access_diff,
        base=options.base.label if options.base else "",
        new_only=options.new_only,
        notes=tuple(usage.notes()) if usage else (),
        suggestions=_suggestions(raw),
    )


def _suggestions(raw: dict[str, Any]) -> dict[str, Any]:
    found = raw.get("suggestions", {})
    if not isinstance(found, dict):
        raise GateError("malformed decision: 'suggestions' is not an object")
    return found


def _usage(options: CheckOptions) -> Summary | None:
    if not options.usage:
        return None
    return summarize(options.usage, now=options.now, base=options.usage_base, root=options.root)


def _engine_input(
    repo: Repo,
    options: CheckOptions,
    evaluator: Evaluator,
    clock: _Stopwatch,
    usage: Summary | None = None,
) -> EngineInput:
    """The input document as the engine reads it; the objects it is built from are not
    kept, so they can be let go before the evaluation."""
    input_document = build_input(
        repo.validated, now=options.now, usage=usage.to_input() if usage else None
    )
    if options.suggest:
        input_document["suggest"] = list(options.suggest)
    if options.base is not None:
        with clock.stage("base"):
            compare = evaluator if options.new_only else None
            input_document = add_base(input_document, options.base, evaluator=compare)
    return EngineInput.of(input_document)


def _without_data(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    return tuple(replace(document, data=None) for document in documents)


def _decide(raw: dict[str, Any], documents: tuple[Document, ...], policies: PolicySet) -> Decision:
    index = {(doc.file, doc.index): doc for doc in documents}
    prefetch_regions(
        (index[(file, number)], path)
        for file, number, path in wanted_regions(raw)
        if (file, number) in index
    )
    return read_decision(raw, index, policies)
