"""Build the one input document that the rules evaluate (shape: docs/input.md).

With ``--base``, ``add_base`` puts the base version's inventory into it as ``base`` and,
for ``--new-only``, the fingerprints of the base's own findings as ``base_fingerprints``;
rolegate.main then marks the findings the base already had.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from checker import __version__
from checker.engines import EngineInput, Evaluator
from checker.errors import GateError
from checker.load.base import BaseSource
from checker.load.loader import Document
from checker.validate.dates import out_of_range
from checker.validate.documents import Validated, validate
from checker.validate.patterns import evaluated

INPUT_KEYS = {
    "DataCatalog": "catalogs",
    "JobFunctions": "job_functions",
    "Role": "roles",
    "System": "systems",
    "AccountBindings": "bindings",
    "OrgPolicy": "org_policies",
    "Waiver": "waivers",
}


def build_input(
    validated: Validated, *, now: datetime, usage: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Every valid document, grouped by kind, each with its source file and index; with
    ``usage`` (--usage), the usage summary as ``usage``."""
    problem = out_of_range(date(now.year, now.month, now.day))  # a datetime, or a date
    if problem is not None:
        raise GateError(f"evaluation time (--now): {problem}")
    document: dict[str, Any] = {
        "context": {"now": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "rolegate_version": __version__},
        **{key: [] for key in INPUT_KEYS.values()},
    }
    for kind, doc in validated.documents:
        source = {"file": doc.file, "document": doc.index}
        document[INPUT_KEYS[kind]].append({**doc.data, "source": source, **_derived(kind, doc)})
    if usage is not None:
        document["usage"] = usage
    return document


def _derived(kind: str, doc: Document) -> dict[str, Any]:
    """What rolegate adds to a document beside its source: an OrgPolicy's patterns as the
    engines evaluate them (validate/patterns.py)."""
    if kind == "OrgPolicy":
        return {"regexes": evaluated(doc.data["spec"])}
    return {}


def base_inventory(source: BaseSource) -> dict[str, Any]:
    """The base as the input holds it: the input's shape without ``context``."""
    documents = [doc for loaded in source.files() for doc in loaded.documents]
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    inventory = build_input(validate(documents), now=epoch)
    del inventory["context"]
    return inventory


def add_base(
    document: dict[str, Any], source: BaseSource, *, evaluator: Evaluator | None = None
) -> dict[str, Any]:
    """The input with ``base``; with ``evaluator`` (--new-only), ``base_fingerprints`` too."""
    inventory = base_inventory(source)
    with_base = {**document, "base": inventory}
    if evaluator is not None:
        decision = evaluator.evaluate(EngineInput.of({**inventory, "context": document["context"]}))
        with_base["base_fingerprints"] = _fingerprints(decision)
    return with_base


def _fingerprints(decision: dict[str, Any]) -> list[str]:
    """The fingerprints of the base's findings; not its waived ones, so a change that
    drops a waiver brings the finding back as new."""
    findings = decision.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise GateError("malformed decision for the base: findings without fingerprints")
    return sorted({f["fingerprint"] for f in findings})
