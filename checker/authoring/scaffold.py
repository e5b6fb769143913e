"""What `rolegate init` writes: a new config repo that checks clean.

The files are templates shipped in ``checker/templates/init/``, laid out as in the new
repo; ``__TODAY__`` becomes the day of ``init`` (dates of review and access start) and
``__VERSION__`` this rolegate's version (the pre-commit rev and the CI install pin). The
repo also gets the editor schemas under ``schemas/``, which the files' modelines name.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import TYPE_CHECKING

from checker import __version__
from checker.authoring.editorschema import editor_schema_files

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SCHEMA_DIR = "schemas"
_TEMPLATES = ("templates", "init")


def scaffold(*, today: date, version: str = __version__) -> dict[str, str]:
    """Relative POSIX path -> text of every file of a new config repo, sorted by path."""
    fills = {"__TODAY__": today.isoformat(), "__VERSION__": version}
    files = {path: _fill(text, fills) for path, text in _templates()}
    files.update({f"{SCHEMA_DIR}/{name}": text for name, text in editor_schema_files().items()})
    return dict(sorted(files.items()))


def _fill(text: str, fills: dict[str, str]) -> str:
    for placeholder, value in fills.items():
        text = text.replace(placeholder, value)
    return text


def _templates() -> list[tuple[str, str]]:
    root = resources.files("checker").joinpath(*_TEMPLATES)
    return [(path, node.read_text("utf-8")) for path, node in _walk(root, "")]


def _walk(node: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found: list[tuple[str, Traversable]] = []
    for child in node.iterdir():
        path = f"{prefix}{child.name}"
        if child.is_dir():
            found += _walk(child, f"{path}/")
        else:
            found.append((path, child))
    return found
