"""Validate SARIF documents against the official 2.1.0 schema (shared/data beside the repo)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator

SARIF_SCHEMA = Path(__file__).parents[2] / "shared" / "data" / "sarif-schema-2.1.0.json"


def valid_sarif(text: str) -> dict[str, Any]:
    """Parse a SARIF document and validate it against the official 2.1.0 schema."""
    document: dict[str, Any] = json.loads(text)
    schema = json.loads(SARIF_SCHEMA.read_text())
    errors = sorted(Draft4Validator(schema).iter_errors(document), key=str)
    assert errors == [], errors[0].message if errors else ""
    return document
