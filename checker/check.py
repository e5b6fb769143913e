"""The check pipeline: discover, load, validate, build input, evaluate, decide."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from checker.decision import Decision, read_decision, wanted_regions
from checker.engines import EngineInput, EngineSettings, Evaluator, load_engine
from checker.errors import GateError
from checker.files import display_path
from checker.findings import YAML_ERROR, Finding, Ignored
from checker.inventory import add_base, build_input
from checker.load.base import BaseSource
from checker.load.discover import Discovery, discover
from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.loader import Document
from checker.load.loadpool import load_files, prefetch_regions
from checker.load.patterns import PathPatterns
from checker.policy.policyset import PolicySet, load_policy_set
from checker.result import Report
from checker.review.placed import read_review
from checker.review.request import ReviewRequest, review_input
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
    ignore: PathPatterns | None = None  # paths .rolegate.yaml says to skip
    # Where a YAML document that is not rolegate's is a finding: True everywhere (--strict),
    # else the paths .rolegate.yaml's ``strict`` names (False: nowhere, it is ignored).
    strict: PathPatterns | bool = False
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES  # a larger file is a finding, not read
    base: BaseSource | None = None  # --base: the version to compare with (input.base)
    new_only: bool = False  # --new-only: findings the base has too are pre-existing
    review: ReviewRequest | None = None  # the access review's view to add (input.review)


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
    skipped: tuple[Ignored, ...] = ()  # paths discovery left out on purpose
    sources: tuple[tuple[str, Path], ...] = ()  # every file read: (name as reported, path)


def read_repo(
    paths: tuple[Path, ...],
    *,
    root: Path,
    ignore: PathPatterns | None = None,
    strict: PathPatterns | bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    clock: _Stopwatch | None = None,
) -> Repo:
    """Discover, load and validate; raises GateError when there is nothing to check."""
    clock = clock or _Stopwatch()
    with clock.stage("discover"):
        found = discover(paths, ignore=ignore)
    if not found.files and not found.refused:
        shown = " ".join(str(p) for p in paths)
        raise GateError(f"no YAML files found under {shown}; pass the config repo's directory")
    files = [(path, display_path(path, root)) for path in found.files]
    with clock.stage("load"):
        loaded = load_files(files, limit=max_file_bytes)
    sources = tuple((name, path) for path, name in files)
    documents = tuple(doc for f in loaded for doc in f.documents)
    with clock.stage("validate"):
        validated = validate(documents, strict=_strict_files(strict, files))
        problems = [*_refusals(found, root), *(p for f in loaded for p in f.problems)]
        problems += [*validated.findings, *check_references(validated)]
    if not validated.documents and not problems:
        raise GateError(
            f"no rolegate documents (apiVersion: rolegate/v1) in {len(found.files)} "
            "YAML file(s); nothing to check"
        )
    skipped = tuple(
        Ignored(display_path(e.path, root, link=True), 0, e.reason) for e in found.skipped
    )
    count = len(found.files) + len(found.refused)
    return Repo(count, documents, validated, tuple(problems), skipped, sources)


def _refusals(found: Discovery, root: Path) -> list[Finding]:
    """A path discovery refused (a link out of the repository, an unreadable directory)
    is a finding at it: what it holds would otherwise go unchecked."""
    return [
        YAML_ERROR.finding(display_path(e.path, root, link=True), 1, 1, e.reason)
        for e in found.refused
    ]


def _strict_files(
    strict: PathPatterns | bool, files: list[tuple[Path, str]]
) -> Callable[[str], bool] | None:
    """Which files (by the name findings give them) must hold rolegate documents only."""
    if strict is True:
        return lambda _: True
    if isinstance(strict, PathPatterns):
        paths = {name: path for path, name in files}
        return lambda file: strict.matches(paths[file])
    return None


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
    repo = read_repo(
        options.paths,
        root=options.root,
        ignore=options.ignore,
        strict=options.strict,
        max_file_bytes=options.max_file_bytes,
        clock=clock,
    )
    engine_input = _engine_input(repo, options, evaluator, clock)
    # From here on only the documents' positions are needed, not their data.
    files, problems, documents = repo.files, repo.problems, _without_data(repo.documents)
    ignored, skipped = repo.validated.ignored, repo.skipped
    sources = repo.sources
    del repo
    with clock.stage("evaluate"):
        raw = evaluator.evaluate(engine_input)
    with clock.stage("decide"):
        decision = _decide(raw, documents, policies)
        review = _review(raw, options.review, documents)
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
        ignored=ignored,
        skipped=skipped,
        access_review=review,
        sources=sources,
    )


def _engine_input(
    repo: Repo, options: CheckOptions, evaluator: Evaluator, clock: _Stopwatch
) -> EngineInput:
    """The input document as the engine reads it; the objects it is built from are not
    kept, so they can be let go before the evaluation."""
    input_document = build_input(repo.validated, now=options.now)
    if options.review is not None:
        input_document["review"] = review_input(options.review, input_document)
    if options.base is not None:
        with clock.stage("base"):
            compare = evaluator if options.new_only else None
            input_document = add_base(input_document, options.base, evaluator=compare)
    return EngineInput.of(input_document)


def _without_data(documents: tuple[Document, ...]) -> tuple[Document, ...]:
    return tuple(replace(document, data=None) for document in documents)


def _review(
    raw: dict[str, Any], request: ReviewRequest | None, documents: tuple[Document, ...]
) -> dict[str, Any]:
    if request is None:
        return {}
    index = {(doc.file, doc.index): doc for doc in documents}
    return read_review(raw.get("access_review"), request.view, index)


def _decide(raw: dict[str, Any], documents: tuple[Document, ...], policies: PolicySet) -> Decision:
    index = {(doc.file, doc.index): doc for doc in documents}
    prefetch_regions(
        (index[(file, number)], path)
        for file, number, path in wanted_regions(raw)
        if (file, number) in index
    )
    return read_decision(raw, index, policies)
