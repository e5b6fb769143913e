"""The check pipeline: discover, load, validate, build input, evaluate, decide."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from checker.decision import Decision, read_decision, wanted_regions
from checker.engines import EngineInput, EngineSettings, Evaluator, load_engine
from checker.errors import GateError
from checker.findings import Finding, Ignored
from checker.inventory import add_base, build_input
from checker.load.base import BaseSource
from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.loader import Document, release_texts
from checker.load.loadpool import prefetch_regions
from checker.load.patterns import PathPatterns
from checker.policy.policyset import PolicySet, load_policy_set
from checker.processes import Parcel, return_freed_memory
from checker.repo import Repo, Stopwatch, read_repo
from checker.result import Report
from checker.review.placed import read_review
from checker.review.request import ReviewRequest, review_input

if TYPE_CHECKING:  # usage logs are read only with --usage: a plain check never imports them
    from checker.usage.summary import Summary

# From this many documents, what outlives the load is copied out of the load's memory
# before the evaluation (processes.Parcel); below, the copy would not be worth it.
COMPACT_DOCUMENTS = 1000


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
    # --usage: logs or a summary (files, folders, globs); without, the usage rules are
    # not evaluated. A pattern relative to usage_base when that is set.
    usage: tuple[str, ...] = ()
    usage_base: Path | None = None
    suggest: tuple[str, ...] = ()  # roles to right-size by their usage (rolegate suggest)
    cache_dir: Path | None = None  # parsed and validated files remembered here (None: none)


class _Kept(NamedTuple):
    """What the check keeps of the repo through the evaluation: no document's data."""

    files: int
    problems: tuple[Finding, ...]
    documents: tuple[Document, ...]
    ignored: tuple[Ignored, ...]
    skipped: tuple[Ignored, ...]
    sources: tuple[tuple[str, Path], ...]

    @classmethod
    def of(cls, repo: Repo) -> _Kept:
        documents = _without_data(repo.documents)
        ignored = repo.validated.ignored
        return cls(repo.files, repo.problems, documents, ignored, repo.skipped, repo.sources)


class LoadedPolicies(NamedTuple):
    """Policies compiled on an engine; golden cases reuse them across many checks."""

    policies: PolicySet
    evaluator: Evaluator


def load_policies(options: CheckOptions) -> LoadedPolicies:
    policies = load_policy_set(options.policy_dirs)
    return LoadedPolicies(policies, load_engine(options.engine, policies, options.engine_settings))


def run_check(options: CheckOptions, *, loaded: LoadedPolicies | None = None) -> Report:
    clock = Stopwatch()
    with clock.stage("policies"):
        policies, evaluator = loaded or load_policies(options)
    repo = read_repo(
        options.paths,
        root=options.root,
        ignore=options.ignore,
        strict=options.strict,
        max_file_bytes=options.max_file_bytes,
        clock=clock,
        cache_dir=options.cache_dir,
    )
    with clock.stage("usage"):
        usage = _usage(options)
    engine_input = _engine_input(repo, options, evaluator, clock, usage)
    # From here on only the documents' positions are needed, not their data.
    kept = _Kept.of(repo)
    release_texts(kept.documents)  # read again, and checked unchanged, for findings' lines
    del repo
    if len(kept.documents) >= COMPACT_DOCUMENTS:  # out of the load's memory
        parcel = Parcel(kept)
        del kept
        kept = parcel.unpacked()
    files, problems, documents, ignored, skipped, sources = kept
    return_freed_memory()
    with clock.stage("evaluate"):
        raw = evaluator.evaluate(engine_input)
    return_freed_memory()  # the engines' working memory, before findings are placed
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
    from checker.usage.aggregate import summarize

    return summarize(options.usage, now=options.now, base=options.usage_base, root=options.root)


def _engine_input(
    repo: Repo,
    options: CheckOptions,
    evaluator: Evaluator,
    clock: Stopwatch,
    usage: Summary | None = None,
) -> EngineInput:
    """The input document as the engine reads it; the objects it is built from are not
    kept, so they can be let go before the evaluation."""
    input_document = build_input(
        repo.validated, now=options.now, usage=usage.to_input() if usage else None
    )
    if options.review is not None:
        input_document["review"] = review_input(options.review, input_document)
    if options.suggest:
        input_document["suggest"] = list(options.suggest)
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
