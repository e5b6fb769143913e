"""The base version of the config repo (``--base``): its files as they were.

A base source reads them: ``GitBase`` from a git revision, ``DirBase`` from a directory
(golden cases). ``inventory.add_base`` puts what they hold into the input for the rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from checker.files import display_path
from checker.findings import YAML_ERROR
from checker.load.discover import discover
from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.loader import LoadedFile, load_file, load_text
from checker.load.patterns import PathPatterns

if TYPE_CHECKING:  # git is only needed with --base
    from checker.load.gitrepo import Blob


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
            _load_blob(blob, display_path(blob.path, self.root))
            for blob in revision_files(self.ref, self.paths, limit=self.limit)
            if self.ignore is None or not self.ignore.matches(blob.path)
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
        own = discover((self.directory,)).files
        shared = discover(self.includes).files
        return [load_file(p, display_path(p, self.directory)) for p in own] + [
            load_file(p, display_path(p, self.root)) for p in shared
        ]


def _load_blob(blob: Blob, display: str) -> LoadedFile:
    if blob.content is None:
        return _unreadable(display, f"at the base: {blob.problem}")
    try:
        return load_text(blob.content.decode("utf-8-sig"), display)
    except UnicodeDecodeError:
        return _unreadable(display, "not valid UTF-8 at the base")


def _unreadable(display: str, message: str) -> LoadedFile:
    return LoadedFile(display, (), (YAML_ERROR.finding(display, 1, 1, message),))
