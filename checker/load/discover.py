"""Find the YAML files of a config repo."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from checker.errors import GateError
from checker.load.patterns import PathPatterns

YAML_SUFFIXES = (".yaml", ".yml")


def discover(paths: Iterable[Path], *, ignore: PathPatterns | None = None) -> list[Path]:
    """YAML files under ``paths`` (hidden directories skipped), sorted, without repeats.

    A file named explicitly is taken whatever its name; a path that does not exist is an
    error, not an empty result. Files ``ignore`` matches are left out, named or not.
    """
    found: dict[Path, None] = {}
    for path in paths:
        if path.is_file():
            found.setdefault(path, None)
        elif path.is_dir():
            found.update(dict.fromkeys(_walk(path)))
        else:
            raise GateError(f"{path}: no such file or directory")
    return [path for path in found if ignore is None or not ignore.matches(path)]


def _walk(directory: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [
            Path(root, n)
            for n in sorted(names)
            if n.endswith(YAML_SUFFIXES) and not n.startswith(".")
        ]
    return files
