"""Writing an import into ``-o DIR``: all of it, or nothing.

The generated folder (``DIR/<system>/``) belongs to the import and is replaced whole;
every other file in DIR is the user's and is never touched. The skeletons (a
DataCatalog and a JobFunctions to complete) are written only when DIR has no document
of their kind yet. Everything is first written to a temporary folder beside DIR and
moved into place once complete.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from checker.errors import GateError
from checker.files import write_files

_KIND = re.compile(r"^kind:\s*(\w+)\s*$", re.M)


def kinds_in(directory: Path, *, skip: str) -> set[str]:
    """The kinds of the documents in DIR's YAML files outside the folder ``skip``."""
    found: set[str] = set()
    if not directory.is_dir():
        return found
    for path in sorted(directory.rglob("*.y*ml")):
        relative = path.relative_to(directory)
        if relative.parts[0] == skip or any(p.startswith(".") for p in relative.parts):
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            found.update(_KIND.findall(path.read_text("utf-8")))
    return found


def write_repo(
    directory: Path, system: str, generated: Mapping[str, str], skeletons: Mapping[str, str]
) -> list[str]:
    """Write the import; returns the relative paths written, sorted."""
    parent = directory.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.import-", dir=parent))
    except OSError as error:
        raise GateError(f"{directory}: cannot create the output directory: {error}") from error
    try:
        files = {**generated, **skeletons}
        write_files(staging / "new", dict(files), what="imported repo")
        _move_into_place(staging, directory, system, skeletons)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(files)


def _move_into_place(
    staging: Path, directory: Path, system: str, skeletons: Mapping[str, str]
) -> None:
    new = staging / "new"
    try:
        if not directory.exists():
            os.replace(new, directory)
            return
        if (directory / system).exists():
            os.replace(directory / system, staging / "old")
        os.replace(new / system, directory / system)
        for relative in skeletons:
            (directory / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(new / relative, directory / relative)
    except OSError as error:
        if (staging / "old").exists() and not (directory / system).exists():
            os.replace(staging / "old", directory / system)  # put the previous import back
        raise GateError(f"{directory}: cannot write the imported repo: {error}") from error
