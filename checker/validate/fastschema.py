"""A fast yes-or-no answer to "is this document valid against its kind's schema?".

jsonschema (pure Python) explains every problem in check-jsonschema's words, but spends
milliseconds on each document; jsonschema-rs (compiled) answers valid or not in
microseconds. A repo is almost all valid documents, so validation asks jsonschema-rs
first and jsonschema only about the documents jsonschema-rs rejects: a document is
valid exactly when jsonschema finds no problem in it, as before.

That holds as long as jsonschema-rs never accepts what jsonschema rejects. Where the two
read a schema differently they may, so those kinds always go to jsonschema (they are a
handful of documents in any repo). Format "regex" is read alike: both ask
validate/regexes.py (only what both Rego engines read alike, which jsonschema-rs's own
ECMA-262 check knows nothing of), and the OrgPolicy's patterns' joint size, which
schema.py checks after jsonschema, is checked here too; so an OrgPolicy, in every repo,
needs no jsonschema (whose import costs a small check more than its validation).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checker.validate.patterns import joined_problems
from checker.validate.regexclass import RegexError
from checker.validate.regexes import portable

# Kind -> why jsonschema-rs may accept a document that jsonschema rejects.
EXACT_ONLY = {
    # pattern [^\s]: Python's \s also matches \x1c-\x1f and \x85, Rust's does not
    "Waiver": "target's pattern uses \\s",
}


def portable_regex(instance: str) -> bool:
    """``format: regex`` as jsonschema reads it here (schema.py): in the shared dialect."""
    try:
        portable(instance)
    except RegexError:
        return False
    return True


class FastGate:
    """Compiled validators of the kinds outside EXACT_ONLY, built once per run."""

    def __init__(self, schemas: dict[str, dict[str, Any]], shared: Iterable[dict[str, Any]]):
        import jsonschema_rs

        resources = [(s["$id"], s) for s in [*shared, *schemas.values()]]
        registry = jsonschema_rs.Registry(resources)
        formats = {"regex": portable_regex}
        self._validators = {
            kind: jsonschema_rs.validator_for(
                s, registry=registry, validate_formats=True, formats=formats
            )
            for kind, s in schemas.items()
            if kind not in EXACT_ONLY
        }

    def valid(self, kind: str, document: Any) -> bool:
        """True when the document is certainly valid; False means "ask jsonschema"."""
        validator = self._validators.get(kind)
        if validator is None or not validator.is_valid(document):
            return False
        return kind != "OrgPolicy" or not any(joined_problems(document))
