"""The official SARIF 2.1.0 JSON Schema (OASIS, errata 01), from ../shared/data.

The schema is not copied into this repo: OASIS publishes it under its own copyright
notice (the SARIF TC's repository is governed by the OASIS IPR Policy, not an open-source
licence), the file carries no notice of its own to travel with a copy, and at 110 KB it
is not small. So a test validating against it skips on a clone without ../shared beside
it, with the reason, and fails under CI, which always has it (conftest.unavailable).
Everything else the SARIF tests assert runs everywhere.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from jsonschema import Draft4Validator

from conftest import SHARED, in_ci, unavailable

SARIF_SCHEMA = SHARED / "data" / "sarif-schema-2.1.0.json"


@functools.cache
def _validator() -> Draft4Validator | None:
    if not SARIF_SCHEMA.is_file():
        return None
    return Draft4Validator(json.loads(SARIF_SCHEMA.read_text()))


def official_sarif_validator() -> Draft4Validator:
    """The validator of the official schema; skips the test (fails it in CI) without it."""
    validator = _validator()
    if validator is None:
        unavailable(
            f"the official SARIF 2.1.0 schema is not at {SARIF_SCHEMA}; put "
            "sarif-schema-2.1.0.json (docs.oasis-open.org, SARIF v2.1.0 errata 01) there "
            "to validate rolegate's SARIF against it"
        )
    assert validator is not None
    return validator


def schema_errors(document: dict[str, Any]) -> list[str]:
    """What the official schema finds wrong with a SARIF document, sorted."""
    found = official_sarif_validator().iter_errors(document)
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in found)


def valid_sarif(text: str) -> dict[str, Any]:
    """Parse a SARIF document and, where the official schema is at hand, validate it.

    For tests whose point is elsewhere (what a report does to hostile text): without the
    schema they still check everything else instead of skipping; in CI it must be there.
    """
    document: dict[str, Any] = json.loads(text)
    if _validator() is not None or in_ci():
        assert schema_errors(document) == []
    return document
