"""Which documents passed their schema before, remembered by their file's text.

A document's verdict depends on its text, on the schemas, and on the action names the
repo's DataCatalogs declare (they extend the vocabulary), so an entry is keyed by all
three: the file's hash here, the schemas through the cache store's salt (``salt``), the
declared actions through a hash of their sorted names. Only passes are remembered: a
document with problems is validated again, so its findings are worded at their lines.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from checker import __version__
from checker.load.cachestore import CacheStore
from checker.load.loader import Document, positions_of
from checker.validate.schema import KIND_FILES, schema_text

KIND = "valid"


def salt() -> str:
    """What shapes a cached value: rolegate's version and the text of every schema."""
    schemas = hashlib.sha256()
    for name in ["common", *KIND_FILES.values()]:
        schemas.update(schema_text(name).encode())
    # checker.__version__, not importlib.metadata: its import and look-up cost every cached
    # run tens of milliseconds (the store's key also holds a stamp of the code itself)
    return f"rolegate {__version__} schemas {schemas.hexdigest()}"


class SchemaVerdicts:
    """The passes remembered for one run's declared actions, and the new ones to add."""

    def __init__(self, store: CacheStore, declared_actions: Iterable[str]) -> None:
        self._store = store
        self._actions = hashlib.sha256("\0".join(sorted(declared_actions)).encode()).hexdigest()
        self._known: dict[str, set[int]] = {}
        self._passed: dict[str, set[int]] = {}

    def passed_before(self, document: Document) -> bool:
        digest = _file_digest(document)
        if digest is None:
            return False
        if digest not in self._known:
            self._known[digest] = _indices(self._store.get(KIND, self._key(digest)))
        return document.index in self._known[digest]

    def passed(self, document: Document) -> None:
        """Note that ``document`` passed; ``save`` writes what is new."""
        digest = _file_digest(document)
        if digest is not None:
            self._passed.setdefault(digest, set()).add(document.index)

    def save(self) -> None:
        for digest, indices in self._passed.items():
            if not indices <= self._known.get(digest, set()):
                self._store.put(KIND, self._key(digest), sorted(indices))

    def _key(self, digest: str) -> str:
        return f"{digest}:{self._actions}"


def _file_digest(document: Document) -> str | None:
    """The hash of the text the document was read from (None for one built in memory)."""
    positions = positions_of(document)
    return None if positions is None else positions.digest


def _indices(entry: Any) -> set[int]:
    if not isinstance(entry, list):
        return set()
    return {index for index in entry if type(index) is int}
