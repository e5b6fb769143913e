"""Validation stage: sort documents by kind and check each against its schema."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checker.findings import SCHEMA_ERROR, Finding
from checker.load.loader import Document
from checker.validate.schema import API_VERSION, KIND_FILES, Validators


@dataclass(frozen=True)
class Validated:
    """The documents that passed their schema, by kind, and the findings of the rest."""

    documents: tuple[tuple[str, Document], ...]
    findings: tuple[Finding, ...]
    foreign: int  # YAML documents that are not rolegate documents (left alone)

    def of_kind(self, kind: str) -> list[Document]:
        return [doc for k, doc in self.documents if k == kind]


def is_rolegate(data: Any) -> bool:
    """A document is rolegate's if it says so by apiVersion or by a known kind."""
    if not isinstance(data, dict):
        return False
    api, kind = data.get("apiVersion"), data.get("kind")
    return (isinstance(api, str) and api.startswith("rolegate/")) or (
        isinstance(kind, str) and kind in KIND_FILES
    )


def validate(documents: Iterable[Document]) -> Validated:
    ours = [doc for doc in documents if is_rolegate(doc.data)]
    validators = Validators(_declared_actions(ours))
    valid: list[tuple[str, Document]] = []
    findings: list[Finding] = []
    for doc in ours:
        problems = _header_problems(doc) or _schema_problems(validators, doc)
        findings.extend(problems)
        if not problems:
            valid.append((doc.data["kind"], doc))
    return Validated(tuple(valid), tuple(findings), foreign=_count_foreign(documents, ours))


def _count_foreign(documents: Iterable[Document], ours: list[Document]) -> int:
    return sum(1 for doc in documents if doc.data is not None) - len(ours)


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
    api, kind = doc.data.get("apiVersion"), doc.data.get("kind")
    if api != API_VERSION:
        return [
            _finding(
                doc, ("apiVersion",), f"$.apiVersion: {api!r} is not supported; use {API_VERSION!r}"
            )
        ]
    if not isinstance(kind, str) or kind not in KIND_FILES:
        known = ", ".join(KIND_FILES)
        return [_finding(doc, ("kind",), f"$.kind: unknown kind {kind!r}; expected one of {known}")]
    return []


def _schema_problems(validators: Validators, doc: Document) -> list[Finding]:
    return [
        _finding(doc, error.path, error.message)
        for error in validators.errors(doc.data["kind"], doc.data)
    ]


def _finding(doc: Document, path: tuple[str | int, ...], message: str) -> Finding:
    line, column = doc.locate(path)
    return SCHEMA_ERROR.finding(doc.file, line, column, message, path)
