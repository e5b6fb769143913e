"""Read the YAML files of a past revision from git, never touching the working tree.

``git ls-tree`` lists the files under the paths at the revision and ``git cat-file
--batch`` reads them all in one process (the batch form of ``git show REV:PATH``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from checker.errors import GateError
from checker.load.discover import YAML_SUFFIXES

SHALLOW_HINT = (
    "fetch the history first (in GitHub Actions: actions/checkout with fetch-depth: 0; "
    "elsewhere: git fetch --unshallow)"
)


def revision_files(ref: str, paths: tuple[Path, ...]) -> list[tuple[Path, bytes]]:
    """(working-tree path, content) of each YAML file under ``paths`` at ``ref``."""
    top = toplevel(paths[0])
    commit = resolve(top, ref)
    specs = [_pathspec(top, path) for path in paths]
    listed = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", *specs)
    names = [name for name in listed.decode("utf-8").split("\0") if _wanted(name, specs)]
    found = [top / name for name in names]
    return list(zip(found, _contents(top, commit, names), strict=True))


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
            return name.endswith(YAML_SUFFIXES)
    return False


def _under(name: str, spec: str) -> PurePosixPath | None:
    try:
        return PurePosixPath(name).relative_to(spec)
    except ValueError:
        return None


def _contents(top: Path, commit: str, names: list[str]) -> list[bytes]:
    """The blobs of ``names`` at ``commit``, in order, from one ``git cat-file --batch``."""
    if not names:
        return []
    request = "".join(f"{commit}:{name}\n" for name in names).encode("utf-8")
    out = _git(top, "cat-file", "--batch", stdin=request)
    blobs, at = [], 0
    for name in names:
        header_end = out.index(b"\n", at)
        header = out[at:header_end].split()
        if len(header) != 3:
            raise GateError(f"git cannot read {name} at {commit[:12]}: {out[at:header_end]!r}")
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
