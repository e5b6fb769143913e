"""The built-in policies as the embedded engine reads them, worked out once and shipped.

The embedded engine reads rewritten policies (aliases.py, verbs.py). For the built-in
pack the rewrite is the same on every run: it depends only on the policy texts and on
regorus's parser, yet it costs a cold check more than everything else together (one
regorus parse per module, each a large JSON tree). So ``builtin_rego.json`` beside this
module holds the rewritten texts, with a digest of the texts they were made from and the
regorus version that parsed them. Regenerate it after editing ``policies/`` or changing
regorus with

    python -m checker.engines.regenerate

(``--check`` only says whether it is current; tests/engines/test_prepared.py fails when it
is not). A policy set whose texts, all of them and in order, and regorus version match
is given the shipped texts; any other (a custom pack beside the built-ins, an edited
checkout, another regorus) is rewritten exactly as without this file. A missing or
unreadable file only loses the shortcut.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).with_name("builtin_rego.json")
_DISTRIBUTION = "gordon_to_regorus"  # regorus's Python package, as its metadata names it


def texts_digest(texts: Sequence[str]) -> str:
    """What the rewrite depends on: every text, in order (names do not matter)."""
    digest = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8", "surrogatepass")
        digest.update(f"{len(data)}:".encode() + data)
    return digest.hexdigest()


@cache
def regorus_version() -> str:
    """The installed regorus's version, from the metadata folder beside the package (no
    import of importlib.metadata, which costs a cold run tens of milliseconds), else
    through importlib.metadata; "unknown" when neither finds it."""
    import regorus

    site = Path(regorus.__file__).resolve().parent.parent
    found = sorted(site.glob(f"{_DISTRIBUTION}-*.dist-info"))
    if len(found) == 1:
        return found[0].name.removeprefix(f"{_DISTRIBUTION}-").removesuffix(".dist-info")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("gordon-to-regorus")
    except PackageNotFoundError:
        return "unknown"


def document(names: Sequence[str], texts: Sequence[str], rewritten: Sequence[str]) -> Any:
    """What builtin_rego.json holds for these sources and their rewrite."""
    return {
        "regorus": regorus_version(),
        "sources": texts_digest(texts),
        "files": list(names),
        "texts": list(rewritten),
    }


def shipped(texts: tuple[str, ...]) -> tuple[str, ...] | None:
    """The shipped rewrite of exactly these texts on this regorus, else None."""
    recorded = _read(SHIPPED)
    if recorded is None or recorded.get("sources") != texts_digest(texts):
        return None
    found = recorded.get("texts")
    if recorded.get("regorus") != regorus_version() or not isinstance(found, list):
        return None
    if len(found) != len(texts) or not all(isinstance(text, str) for text in found):
        return None
    return tuple(found)


@cache
def _read(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None
