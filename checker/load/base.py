"""The base version of the config repo (``--base``): its files as they were.

A base source reads them: ``GitBase`` from a git revision, ``DirBase`` from a directory
(golden cases). ``inventory.add_base`` puts what they hold into the input for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from checker.files import display_path
from checker.findings import YAML_ERROR
from checker.load.discover import discover
from checker.load.limits import DEFAULT_MAX_FILE_BYTES, over_limit
from checker.load.loader import LoadedFile, load_file, load_text
from checker.load.patterns import PathPatterns


class BaseSource(Protocol):
    @property
    def label(self) -> str:
        """How reports name the base, e.g. ``origin/main``."""
        ...

    def files(self) -> list[LoadedFile]:
        """The base's YAML files, named as the same files are named in the check."""
        ...


@dataclass(frozen=True)
class GitBase:
    """The paths as they are at a git revision."""

    ref: str
    paths: tuple[Path, ...]
    root: Path = Path(".")
    ignore: PathPatterns | None = None
    limit: int = DEFAULT_MAX_FILE_BYTES  # the largest file read, in bytes (as in the check)

    @property
    def label(self) -> str:
        return self.ref

    def files(self) -> list[LoadedFile]:
        from checker.load.gitrepo import revision_files

        return [
            _load_blob(content, display_path(path, self.root), self.limit)
            for path, content in revision_files(self.ref, self.paths)
            if self.ignore is None or not self.ignore.matches(path)
        ]


@dataclass(frozen=True)
class DirBase:
    """A directory holding the base version of the case directory ``root``; ``includes``
    are shared by both versions and named relative to ``root``, as in the check."""

    directory: Path
    root: Path
    includes: tuple[Path, ...] = ()

    @property
    def label(self) -> str:
        return self.directory.as_posix()

    def files(self) -> list[LoadedFile]:
        own = [load_file(p, display_path(p, self.directory)) for p in discover((self.directory,))]
        shared = [load_file(p, display_path(p, self.root)) for p in discover(self.includes)]
        return own + shared


def _load_blob(content: bytes, display: str, limit: int) -> LoadedFile:
    if len(content) > limit:
        return _unreadable(display, f"at the base: {over_limit(len(content), limit)}")
    try:
        return load_text(content.decode("utf-8-sig"), display)
    except UnicodeDecodeError:
        return _unreadable(display, "not valid UTF-8 at the base")


def _unreadable(display: str, message: str) -> LoadedFile:
    return LoadedFile(display, (), (YAML_ERROR.finding(display, 1, 1, message),))
