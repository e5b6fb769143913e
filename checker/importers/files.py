"""Finding a vendor's export files among the paths given: files in any order, or folders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.errors import GateError
from checker.files import display_path


def export_files(paths: Sequence[Path], patterns: Sequence[str], vendor: str) -> list[Path]:
    """The files named, plus in each folder named the files matching ``patterns``
    (relative globs); sorted, each once. GateError when a path does not exist or a
    folder holds none."""
    found: set[Path] = set()
    for path in paths:
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            matches = {m for pattern in patterns for m in path.glob(pattern) if m.is_file()}
            if not matches:
                raise GateError(
                    f"{display_path(path)}: no {vendor} export files (expected "
                    f"{', '.join(patterns)}); pass the folder `rolegate pull` or the export wrote"
                )
            found.update(matches)
        else:
            raise GateError(f"{display_path(path)}: no such file or folder")
    return sorted(found)
