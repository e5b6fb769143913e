"""Rule packs: where Rego source comes from — a directory, or a bundle tarball (.tar.gz).

A tarball (an OPA bundle, or any gzipped tar of ``.rego`` files) is read in memory, never
extracted: its ``.rego`` members become files named ``archive.tar.gz:path/inside.rego``.
Members that could point outside the archive (``..``, links, devices) are refused, so a
pack cannot smuggle in anything but Rego text. ``opa build`` writes member names with a
leading ``/``; that is stripped, since nothing is written to disk.
"""

from __future__ import annotations

import os
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from checker.errors import GateError
from checker.files import display_path

BUNDLE_SUFFIXES = (".tar.gz", ".tgz")
MAX_BUNDLE_BYTES = 16 * 1024 * 1024  # of Rego text read from one tarball


@dataclass(frozen=True)
class RegoFile:
    path: Path  # on disk; for a tarball member, the archive's path joined with the member's
    display: str  # how messages name it: relative to the working directory where possible
    text: str


def read_pack(source: Path, *, tests: bool) -> list[RegoFile]:
    """The ``.rego`` files of a pack, sorted; ``*_test.rego`` only with ``tests``."""
    if source.is_dir():
        return _from_directory(source, tests=tests)
    if source.is_file() and source.name.endswith(BUNDLE_SUFFIXES):
        return [f for f in _from_tarball(source) if tests or not _is_test(f.path.name)]
    if source.exists():
        raise GateError(
            f"{source}: not a policy directory or a bundle tarball (.tar.gz); "
            "pass a directory of .rego files or a .tar.gz bundle"
        )
    raise GateError(f"{source}: policy directory not found")


def _is_test(name: str) -> bool:
    return name.endswith("_test.rego")


def _from_directory(directory: Path, *, tests: bool) -> list[RegoFile]:
    """Its ``.rego`` files; the unit tests are not even read unless asked for (the
    built-in pack has as many as rules, and every check reads the pack)."""
    found = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        wanted = (n for n in sorted(names) if n.endswith(".rego") and (tests or not _is_test(n)))
        found += [_read(Path(root, name)) for name in wanted]
    return found


def _read(path: Path) -> RegoFile:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GateError(f"{path}: cannot read policy file: {error}") from error
    return RegoFile(path, display_path(path), text)


def _from_tarball(archive: Path) -> list[RegoFile]:
    shown = display_path(archive)
    try:
        with tarfile.open(archive, "r:gz") as bundle:
            members = [(m, _inside(m, shown)) for m in bundle.getmembers()]
            rego = sorted((inside, m) for m, inside in members if inside.endswith(".rego"))
            _check_size(shown, [m for _, m in rego])
            return [_member(bundle, m, archive, inside, shown) for inside, m in rego]
    except (OSError, tarfile.TarError, EOFError) as error:
        raise GateError(f"{shown}: cannot read bundle: {error}") from error


def _inside(member: tarfile.TarInfo, shown: str) -> str:
    """The member's path inside the archive ("" for a directory); GateError unless safe."""
    name = member.name.removeprefix("/")
    parts = PurePosixPath(name).parts
    if name.startswith("/") or ".." in parts or "\\" in name:
        raise GateError(f"{shown}: unsafe member name {member.name!r}; rebuild the bundle")
    if member.isdir():
        return ""
    if not member.isfile():
        raise GateError(
            f"{shown}:{name}: links and special files are not allowed in a bundle; "
            "rebuild it with regular files only"
        )
    if not parts:
        raise GateError(f"{shown}: unsafe member name {member.name!r}; rebuild the bundle")
    return "/".join(parts)


def _check_size(shown: str, members: list[tarfile.TarInfo]) -> None:
    total = sum(m.size for m in members)
    if total > MAX_BUNDLE_BYTES:
        raise GateError(
            f"{shown}: {total:,} bytes of Rego, over the limit of {MAX_BUNDLE_BYTES:,}; "
            "is this the right bundle?"
        )


def _member(
    bundle: tarfile.TarFile, member: tarfile.TarInfo, archive: Path, inside: str, shown: str
) -> RegoFile:
    handle = bundle.extractfile(member)
    if handle is None:  # pragma: no cover - _inside admits regular files only
        raise GateError(f"{shown}:{inside}: cannot read bundle member")
    try:
        text = handle.read().decode("utf-8")
    except UnicodeDecodeError as error:
        raise GateError(f"{shown}:{inside}: not valid UTF-8: {error}") from error
    return RegoFile(archive / inside, f"{shown}:{inside}", text)
