"""Read the YAML files of a past revision from git, never touching the working tree.

``git ls-tree`` lists the files under the paths at the revision, with their sizes, so a
file over the limit is never read; ``git cat-file --batch-check --follow-symlinks``
follows links to files inside the tree, as discovery does in the working tree (links to
directories are not walked at a revision); ``git cat-file --batch`` reads every blob in
one process (the batch form of ``git show REV:PATH``).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from checker.errors import GateError
from checker.load.discover import is_yaml_name
from checker.load.limits import over_limit

SHALLOW_HINT = (
    "fetch the history first (in GitHub Actions: actions/checkout with fetch-depth: 0; "
    "elsewhere: git fetch --unshallow)"
)


class Blob(NamedTuple):
    """A YAML file at the revision: its content, or why it cannot be read."""

    path: Path  # as in the working tree
    content: bytes | None
    problem: str = ""


class _Listed(NamedTuple):
    mode: str
    oid: str
    size: int
    name: str


def revision_files(ref: str, paths: tuple[Path, ...], *, limit: int) -> list[Blob]:
    """Each YAML file under ``paths`` at ``ref``, as discovery finds them in the working
    tree: a link to a file is followed inside the repository, and a file over ``limit``
    bytes is not read."""
    top = toplevel(paths[0])
    commit = resolve(top, ref)
    specs = [_pathspec(top, path) for path in paths]
    listed = _git(top, "ls-tree", "-r", "-z", "-l", commit, "--", *specs)
    entries = [entry for entry in _entries(listed) if _wanted(entry.name, specs)]
    targets = _link_targets(top, commit, [e for e in entries if e.mode == _LINK])
    found = [targets.get(entry.name, entry) for entry in entries]
    readable = [e for e in found if isinstance(e, _Listed) and e.size <= limit]
    contents = dict(zip(readable, _contents(top, readable), strict=True))
    return [
        _blob(top / entry.name, got, contents, limit)
        for entry, got in zip(entries, found, strict=True)
    ]


_LINK = "120000"


def _entries(listed: bytes) -> list[_Listed]:
    """``ls-tree -l -z`` records: mode, type, object, size, then a tab and the name (its
    bytes as the file system would decode them); blobs only (not submodules)."""
    entries = []
    for record in listed.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        fields = meta.decode("ascii").split()
        if len(fields) == 4 and fields[1] == "blob":
            entries.append(_Listed(fields[0], fields[2], int(fields[3]), os.fsdecode(name)))
    return entries


def _link_targets(top: Path, commit: str, links: list[_Listed]) -> dict[str, _Listed | str]:
    """What each link names, followed inside the tree: the file it leads to, or why not."""
    asked = [link for link in links if "\n" not in link.name]
    request = b"".join(os.fsencode(f"{commit}:{link.name}") + b"\n" for link in asked)
    out = (
        _git(top, "cat-file", "--batch-check", "--follow-symlinks", stdin=request) if asked else b""
    )
    lines = iter(out.split(b"\n"))
    found: dict[str, _Listed | str] = {
        link.name: "cannot read a link whose name holds a newline" for link in links
    }
    for link in asked:
        header = next(lines).decode("utf-8", "replace").split()
        if len(header) == 3 and header[1] == "blob":
            found[link.name] = _Listed("100644", header[0], int(header[2]), link.name)
            continue
        if header and header[0] in ("symlink", "loop", "dangling", "notdir"):
            next(lines)  # the path it names
        found[link.name] = _LINK_PROBLEMS.get(header[0] if header else "", "not a file")
    return found


_LINK_PROBLEMS = {
    "symlink": "a symbolic link outside the repository, not followed",
    "loop": "a symbolic link loop",
    "dangling": "a symbolic link to a file that does not exist",
}


def _blob(path: Path, found: _Listed | str, contents: dict[_Listed, bytes], limit: int) -> Blob:
    if isinstance(found, str):
        return Blob(path, None, found)
    if found not in contents:
        return Blob(path, None, over_limit(found.size, limit))
    return Blob(path, contents[found])


def toplevel(path: Path) -> Path:
    """The root of the git working tree that holds ``path``."""
    directory = path if path.is_dir() else path.parent
    try:
        out = _git(directory, "rev-parse", "--show-toplevel")
    except GateError as error:
        raise GateError(
            f"{path}: not inside a git repository ({error}); --base compares with a git "
            "revision, so run rolegate in a clone of the config repo"
        ) from error
    return Path(out.decode("utf-8").strip())


def resolve(top: Path, ref: str) -> str:
    """The commit ``ref`` names; GateError saying how to fetch it when it is missing."""
    try:
        return _git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except GateError:
        pass
    shallow = _git(top, "rev-parse", "--is-shallow-repository").decode().strip() == "true"
    if shallow:
        raise GateError(f"base revision {ref!r} is not in this shallow clone; {SHALLOW_HINT}")
    raise GateError(
        f"base revision {ref!r} not found in {top}; name an existing branch, tag or commit, "
        "or fetch it first (e.g. git fetch origin main)"
    )


def _pathspec(top: Path, path: Path) -> str:
    try:
        relative = path.resolve().relative_to(top.resolve())
    except ValueError as error:
        raise GateError(
            f"{path}: outside the git repository at {top}; --base needs every path in it"
        ) from error
    return relative.as_posix()


def _wanted(name: str, specs: list[str]) -> bool:
    """Like discover: a file named explicitly, else YAML files outside hidden directories."""
    if not name:
        return False
    if name in specs:
        return True
    for spec in specs:
        inside = PurePosixPath(name) if spec == "." else _under(name, spec)
        if inside is not None and not any(p.startswith(".") for p in inside.parts):
            return is_yaml_name(name)
    return False


def _under(name: str, spec: str) -> PurePosixPath | None:
    try:
        return PurePosixPath(name).relative_to(spec)
    except ValueError:
        return None


def _contents(top: Path, entries: list[_Listed]) -> list[bytes]:
    """The blobs of ``entries``, in order, from one ``git cat-file --batch`` (asked for by
    object, so no file name can break the request)."""
    if not entries:
        return []
    request = "".join(f"{entry.oid}\n" for entry in entries).encode("ascii")
    out = _git(top, "cat-file", "--batch", stdin=request)
    blobs, at = [], 0
    for entry in entries:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) != 3:
            raise GateError(f"git cannot read {entry.name}: {out[at:header_end]!r}")
        size = int(header[2])
        blobs.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return blobs


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(cwd), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError as error:
        raise GateError("git is not installed or not on PATH; --base needs it") from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GateError(message[-1] if message else f"git {args[0]} failed")
    return done.stdout
