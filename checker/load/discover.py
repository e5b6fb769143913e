"""Find the YAML files of a config repo, and say what was left out and why.

A directory is walked in sorted order, hidden entries (``.git``, ``.github``) and paths
``.rolegate.yaml`` ignores left out; a file is YAML by its suffix, ``.yaml`` or ``.yml``
in any case. Symbolic links are followed while their target stays inside the repository
(the directory holding ``.git`` above the checked path; without git, the checked
directory itself): a link to a directory is walked after the plain tree, once, so a loop
or a second link to the same place reads nothing twice; a file reached twice is read
once. A link that leaves the repository, to a YAML file or to a directory, is not
followed but refused: a finding, since what it holds would otherwise go unchecked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import GateError
from checker.load.patterns import PathPatterns

YAML_SUFFIXES = (".yaml", ".yml")

Identity = tuple[int, int]  # device and inode: one file or directory, whatever its names


def is_yaml_name(name: str) -> bool:
    """Whether a file name says YAML: ``.yaml`` or ``.yml``, in any case."""
    return name.lower().endswith(YAML_SUFFIXES)


@dataclass(frozen=True)
class Entry:
    """A path discovery did not read, and why."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Discovery:
    files: tuple[Path, ...]  # to load, in walking order
    refused: tuple[Entry, ...]  # not read, and each a finding: what it holds goes unchecked
    skipped: tuple[Entry, ...]  # left out on purpose; ``check -v`` lists them


def discover(paths: Iterable[Path], *, ignore: PathPatterns | None = None) -> Discovery:
    """The YAML files under ``paths``, and what was left out.

    A path named explicitly is taken whatever its name or type (the loader refuses what is
    not a regular file); a path that does not exist is an error, not an empty result.
    Paths ``ignore`` matches are left out, named or not.
    """
    paths = list(paths)
    for path in paths:
        if not os.path.lexists(path):
            raise GateError(f"{path}: no such file or directory")
    walk = _Walk(ignore, tuple({repository_root(path) for path in paths}))
    for path in paths:
        if walk.ignored(path):
            continue
        if path.is_dir():
            walk.tree(path)
        else:
            walk.file(path)
    return Discovery(tuple(walk.files), tuple(walk.refused), tuple(walk.skipped))


def repository_root(path: Path) -> Path:
    """The real directory links may lead to: the nearest one holding ``.git`` at or above
    ``path``, else ``path`` itself (its directory, for a file)."""
    real = Path(os.path.realpath(path))
    start = real if real.is_dir() else real.parent
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


@dataclass
class _Walk:
    ignore: PathPatterns | None
    boundaries: tuple[Path, ...]  # the repositories of the checked paths: links stay inside
    files: list[Path] = field(default_factory=list)
    refused: list[Entry] = field(default_factory=list)
    skipped: list[Entry] = field(default_factory=list)
    _seen: dict[Identity, Path] = field(default_factory=dict)
    _links: list[Path] = field(default_factory=list)  # file links, read after the tree

    def ignored(self, path: Path) -> bool:
        if self.ignore is not None and self.ignore.matches(path):
            self.skipped.append(Entry(path, "matches an ignore pattern of .rolegate.yaml"))
            return True
        return False

    def file(self, path: Path) -> None:
        """Take a file, unless the same file was taken under another name."""
        identity = _identity(path)
        if identity is not None and identity in self._seen:
            self.skipped.append(Entry(path, f"the same file as {self._seen[identity]}"))
            return
        if identity is not None:
            self._seen[identity] = path
        self.files.append(path)

    def tree(self, top: Path) -> None:
        """Every YAML file under ``top``: the plain tree first, then the files links
        name, then the directories links name (each walked the same way)."""
        directories: list[Path] = [top]
        links: list[Path] = []
        while directories or links or self._links:
            if directories:
                directory = directories.pop()
                if self._first_visit(directory):
                    directories += reversed(self._list(directory, links))
            elif self._links:
                for path in self._links:
                    self.file(path)
                self._links.clear()
            else:
                directories.append(links.pop(0))

    def _first_visit(self, directory: Path) -> bool:
        identity = _identity(directory)
        if identity is None:
            self.refused.append(Entry(directory, "cannot read directory"))
            return False
        if identity in self._seen:
            self.skipped.append(Entry(directory, f"a link to {self._seen[identity]}, read there"))
            return False
        self._seen[identity] = directory
        return True

    def _list(self, directory: Path, links: list[Path]) -> list[Path]:
        """Take the files of ``directory``; return its subdirectories to walk now (links
        to directories are added to ``links``, walked once the plain tree is done)."""
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            self.refused.append(Entry(directory, f"cannot read directory: {error.strerror}"))
            return []
        subdirectories: list[Path] = []
        for entry in entries:
            path = Path(directory, entry.name)
            if entry.name.startswith("."):
                self.skipped.append(Entry(path, "hidden"))
            elif not self.ignored(path):
                walk = self._take(entry, path)
                (links if entry.is_symlink() else subdirectories).extend(walk)
        return subdirectories

    def _take(self, entry: os.DirEntry[str], path: Path) -> list[Path]:
        """Take a file or note why not; a directory is returned, to be walked."""
        is_link, is_dir = entry.is_symlink(), _is_dir(entry)
        if is_link and (is_dir or is_yaml_name(entry.name)) and _escapes(path, self.boundaries):
            self.refused.append(Entry(path, _outside_message(path, is_dir=is_dir)))
        elif is_dir:
            return [path]
        elif not is_yaml_name(entry.name):
            self.skipped.append(Entry(path, "not a .yaml or .yml file"))
        elif is_link:
            self._links.append(path)
        else:
            self.file(path)
        return []


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether an entry is a directory, or a link to one; a link loop is not (the loader
    says why it cannot be read)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _identity(path: Path) -> Identity | None:
    """Device and inode of what ``path`` names (links followed), None when it cannot be
    read (a broken link, a loop, no permission)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _escapes(path: Path, boundaries: tuple[Path, ...]) -> bool:
    """Whether a link leads outside every one of ``boundaries``; a broken link leads
    nowhere (the loader says why it cannot be read)."""
    if _identity(path) is None:
        return False
    target = Path(os.path.realpath(path))
    return not any(target.is_relative_to(boundary) for boundary in boundaries)


def _outside_message(path: Path, *, is_dir: bool) -> str:
    what = "a directory" if is_dir else "a file"
    return (
        f"symbolic link to {what} outside the repository (-> {os.readlink(path)}), not "
        "followed; copy what it holds into the repository, or list the link under ignore "
        "in .rolegate.yaml"
    )
