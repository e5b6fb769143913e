"""Build the one input document that the rules evaluate (shape: docs/input.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from checker import __version__
from checker.validate import Validated

INPUT_KEYS = {
    "DataCatalog": "catalogs",
    "JobFunctions": "job_functions",
    "Role": "roles",
    "System": "systems",
    "AccountBindings": "bindings",
    "OrgPolicy": "org_policies",
    "Waiver": "waivers",
}


def build_input(validated: Validated, *, now: datetime) -> dict[str, Any]:
    """Every valid document, grouped by kind, each with its source file and index."""
    document: dict[str, Any] = {
        "context": {"now": now.strftime("%Y-%m-%dT%H:%M:%SZ"), "rolegate_version": __version__},
        **{key: [] for key in INPUT_KEYS.values()},
    }
    for kind, doc in validated.documents:
        source = {"file": doc.file, "document": doc.index}
        document[INPUT_KEYS[kind]].append({**doc.data, "source": source})
    return document
