"""The OrgPolicy's generic_account_patterns as the engines evaluate them.

Each pattern must be in the dialect both engines read alike (regexes.py; the schema's
``format: regex`` checks it, at the pattern's line), and all of them together must stay
small enough for the embedded engine: ACC-001 matches an account id against every
pattern at once, joined into one alternation. The input hands the engines each pattern
in its portable spelling (``regexes``: pattern as written -> pattern as evaluated).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.validate.regexclass import RegexError
from checker.validate.regexes import MAX_SIZE, portable, too_large

KEY = "generic_account_patterns"
_JOIN = 40  # what each "|(?:...)" of the alternation adds, by the same estimate


def joined_problems(document: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, message) when the document's patterns, each portable, are too large together."""
    patterns = _patterns(document)
    try:
        size = sum(portable(p).size + _JOIN for p in patterns)
    except RegexError:
        return  # the schema reports that pattern at its own line
    if size > MAX_SIZE:
        yield ("spec", KEY), f"$.spec.{KEY}: together {too_large(size)}; drop or shorten some"


def evaluated(spec: dict[str, Any]) -> dict[str, str]:
    """Each pattern as written -> as the engines evaluate it (of a valid document)."""
    return {p: portable(p).text for p in spec.get(KEY, [])}


def _patterns(document: Any) -> list[str]:
    spec = document.get("spec") if isinstance(document, dict) else None
    found = spec.get(KEY) if isinstance(spec, dict) else None
    return [p for p in found if isinstance(p, str)] if isinstance(found, list) else []
