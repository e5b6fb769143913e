"""Write generated files (editor schemas, a scaffolded config repo) under a directory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from checker.errors import GateError


def write_files(directory: Path, files: Mapping[str, str]) -> list[Path]:
    """Write ``files`` (relative POSIX path -> text) under ``directory``, in order.

    Existing files are replaced; callers that must not overwrite check first. Raises
    GateError naming the file that could not be written.
    """
    written = []
    for relative, text in files.items():
        path = directory / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        except OSError as error:
            raise GateError(
                f"cannot write {path}: {error.strerror or error}; check that the directory "
                "is writable"
            ) from error
        written.append(path)
    return written
