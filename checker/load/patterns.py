"""Glob patterns over paths, as ``.rolegate.yaml`` gives them: ``ignore`` (paths not to
check) and ``strict`` (paths where every YAML document must be rolegate's).

Patterns are relative to the config file's directory. A pattern with a ``/`` matches the
path of a file or of any directory above it (``vendor/*`` or ``drafts/old``); one without
matches a file or directory name anywhere (``*.draft.yaml``, ``tmp``). ``*`` also
matches ``/``, as in :func:`fnmatch.fnmatchcase`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path


@dataclass(frozen=True)
class PathPatterns:
    base: Path
    patterns: tuple[str, ...]

    def matches(self, path: Path) -> bool:
        """Whether a pattern matches the path of ``path`` or of a directory above it."""
        parts = _relative_parts(path, self.base)
        prefixes = ["/".join(parts[:end]) for end in range(1, len(parts) + 1)]
        for raw in self.patterns:
            pattern = raw.removeprefix("./").strip("/")
            names = prefixes if "/" in pattern else parts
            if any(fnmatchcase(name, pattern) for name in names):
                return True
        return False


def _relative_parts(path: Path, base: Path) -> list[str]:
    try:  # realpath never raises, not even on a link loop
        relative = Path(os.path.realpath(path)).relative_to(os.path.realpath(base))
    except ValueError:
        relative = path
    return [part for part in relative.as_posix().split("/") if part not in ("", ".")]
