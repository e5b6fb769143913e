"""Validation stage: sort documents by kind and check each against its schema."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from checker.findings import SCHEMA_ERROR, Finding, Ignored
from checker.load.cachestore import CacheStore
from checker.load.loader import Document
from checker.validate.intent import Intent, header_key, intent, near_kind
from checker.validate.schema import API_VERSION, KIND_FILES, Validators, json_path
from checker.validate.schemacache import SchemaVerdicts

STRICT_HINT = (
    "strict mode (--strict, or strict in .rolegate.yaml) wants every YAML document to be "
    "rolegate's: remove it, or list its file under ignore in .rolegate.yaml"
)


@dataclass(frozen=True)
class Validated:
    """The documents that passed their schema, by kind, the findings of the rest, and the
    YAML documents that are not rolegate's (left alone)."""

    documents: tuple[tuple[str, Document], ...]
    findings: tuple[Finding, ...]
    ignored: tuple[Ignored, ...] = ()

    def of_kind(self, kind: str) -> list[Document]:
        return [doc for k, doc in self.documents if k == kind]


def validate(
    documents: Iterable[Document],
    *,
    strict: Callable[[str], bool] | None = None,
    cache: CacheStore | None = None,
) -> Validated:
    """Check every document that is rolegate's, or meant to be (validate/intent.py).

    A foreign document is ignored, and counted; where ``strict`` says so for its file, it
    is a finding instead. With a ``cache``, a document of a file whose text passed before
    (with the same schemas and declared actions) is not validated again.
    """
    ours: list[Document] = []
    findings: list[Finding] = []
    ignored: list[Ignored] = []
    for doc in documents:
        found = intent(doc.data) if doc.data is not None else None
        if found is None:
            continue  # an empty document
        if found.kind == "rolegate":
            ours.append(doc)
        elif found.kind == "wrapped":
            findings += [_wrapped(doc, item) for item in found.items]
        elif strict is not None and strict(doc.file):
            findings.append(
                _finding(doc, (), f"$: not a rolegate document ({found.detail}); {STRICT_HINT}")
            )
        else:
            ignored.append(_ignored(doc, found))
    valid, problems = _check(ours, cache)
    return Validated(tuple(valid), (*findings, *problems), tuple(ignored))


def _check(
    ours: list[Document], cache: CacheStore | None
) -> tuple[list[tuple[str, Document]], list[Finding]]:
    declared = _declared_actions(ours)
    verdicts = SchemaVerdicts(cache, declared) if cache else None
    validators = _Lazy(lambda: Validators(declared))
    valid: list[tuple[str, Document]] = []
    findings: list[Finding] = []
    for doc in ours:
        problems = _header_problems(doc)
        if not problems and not (verdicts and verdicts.passed_before(doc)):
            problems = _schema_problems(validators.get(), doc)
        findings.extend(problems)
        if not problems:
            valid.append((doc.data["kind"], doc))
            if verdicts:
                verdicts.passed(doc)
    if verdicts:
        verdicts.save()
    return valid, findings


class _Lazy:
    """The validators, built (and their schema libraries imported) when first needed: a
    run whose every document passed before builds none."""

    def __init__(self, build: Callable[[], Validators]) -> None:
        self._build = build
        self._built: Validators | None = None

    def get(self) -> Validators:
        if self._built is None:
            self._built = self._build()
        return self._built


def _ignored(doc: Document, found: Intent) -> Ignored:
    return Ignored(doc.file, doc.locate(())[0], found.reason, found.detail)


def _wrapped(doc: Document, item: str | int) -> Finding:
    where = "list" if isinstance(item, int) else "mapping"
    return _finding(
        doc,
        (item,),
        f"{json_path((item,))}: a rolegate document inside a {where}, which rolegate does "
        "not read; write it at the top level of the file, after its own --- line",
    )


def _declared_actions(documents: list[Document]) -> set[str]:
    """Action names DataCatalogs declare; only well-formed names are taken."""
    declared: set[str] = set()
    for doc in documents:
        spec = doc.data.get("spec")
        if doc.data.get("kind") == "DataCatalog" and isinstance(spec, dict):
            actions = spec.get("actions")
            if isinstance(actions, list):
                declared.update(a for a in actions if isinstance(a, str))
    return declared


def _header_problems(doc: Document) -> list[Finding]:
    """What is wrong with apiVersion and kind: both are reported, at their keys."""
    return [problem for problem in (_api_problem(doc), _kind_problem(doc)) if problem]


def _api_problem(doc: Document) -> Finding | None:
    key = header_key(doc.data, "apiVersion")
    if key is None:
        return _finding(
            doc, ("apiVersion",), f"$.apiVersion: missing; add apiVersion: {API_VERSION}"
        )
    if key != "apiVersion":
        return _misspelt_key(doc, key, "apiVersion")
    api = doc.data[key]
    if api != API_VERSION:
        return _finding(doc, (key,), f"$.apiVersion: {api!r} is not supported; use {API_VERSION!r}")
    return None


def _kind_problem(doc: Document) -> Finding | None:
    known = ", ".join(KIND_FILES)
    key = header_key(doc.data, "kind")
    if key is None:
        return _finding(doc, ("kind",), f"$.kind: missing; add kind: one of {known}")
    if key != "kind":
        return _misspelt_key(doc, key, "kind")
    kind: Any = doc.data[key]
    if isinstance(kind, str) and kind in KIND_FILES:
        return None
    near = near_kind(kind) if isinstance(kind, str) else None
    hint = f" (did you mean {near!r}?)" if near else ""
    return _finding(doc, (key,), f"$.kind: unknown kind {kind!r}{hint}; expected one of {known}")


def _misspelt_key(doc: Document, key: str, wanted: str) -> Finding:
    return _finding(
        doc, (key,), f"{json_path((key,))}: write this key as {wanted}; keys are case-sensitive"
    )


def _schema_problems(validators: Validators, doc: Document) -> list[Finding]:
    return [
        _finding(doc, error.path, error.message)
        for error in validators.errors(doc.data["kind"], doc.data)
    ]


def _finding(doc: Document, path: tuple[str | int, ...], message: str) -> Finding:
    line, column = doc.locate(path)
    return SCHEMA_ERROR.finding(doc.file, line, column, message, path)
