"""Parsed files remembered by the hash of their text, so an unchanged file is not parsed
again on the next run.

Only files that parsed without a problem are remembered: a problem is a finding at a line,
worked out from the text each time (they are few, and being fixed). An entry is the data
of each document, as JSON (the loader's data is JSON's: strings as keys, 64-bit integers,
finite floats), so reading it back gives the same documents as the parse did.
"""

from __future__ import annotations

from typing import Any

from checker.load.cachestore import CacheStore
from checker.load.loader import Parsed

KIND = "parsed"


def recalled(store: CacheStore, digest: str) -> Parsed | None:
    """The parse of the text whose ``content_hash`` is ``digest``, if remembered."""
    entry = store.get(KIND, digest)
    if not isinstance(entry, list) or not _well_formed(entry):
        return None
    return tuple((index, data) for index, data in entry), ()


def remember(store: CacheStore, digest: str, parsed: Parsed) -> None:
    documents, problems = parsed
    if problems:
        return
    store.put(KIND, digest, [[index, data] for index, data in documents])


def _well_formed(entry: list[Any]) -> bool:
    return all(isinstance(item, list) and len(item) == 2 and type(item[0]) is int for item in entry)
