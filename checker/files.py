"""Files as rolegate names them in messages, and writes them: whole, or not at all."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from checker.errors import GateError


def display_path(path: Path, root: Path | None = None, *, link: bool = False) -> str:
    """How findings and messages name a file: relative to ``root`` (default: the working
    directory) when inside it, else as given; always text (see ``printable_name``). With
    ``link``, a symbolic link is named itself, not the file it leads to."""
    if link:
        return printable_name(
            (PurePosixPath(display_path(path.parent, root)) / path.name).as_posix()
        )
    real = Path(os.path.realpath(path))  # never raises, not even on a link loop
    try:
        shown = real.relative_to(os.path.realpath(root or Path.cwd())).as_posix()
    except ValueError:
        shown = path.as_posix()
    return printable_name(shown)


def printable_name(name: str) -> str:
    """A file name as text: the bytes of a name that is not UTF-8 (which Python keeps as
    lone surrogates, and JSON, terminals and Rego engines refuse) as ``\\xff`` escapes."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate no file system name decodes to
        raw = name.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def write_file(path: Path, content: str | bytes, *, what: str) -> None:
    """Write a file the user asked for (a report, a bundle, a scaffolded file).

    The content goes to a temporary file beside ``path``, which then replaces it, so a
    failure never leaves a half-written file. Raises GateError naming the file and what
    it was for; failing to write is an error, never a warning.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        _write_new(temporary, data, mode=_mode_of(path))
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _cannot_write(path, what, error) from error


def write_files(directory: Path, files: Mapping[str, str], *, what: str) -> list[Path]:
    """Write ``files`` (relative POSIX path -> text) under ``directory``, in order,
    creating folders as needed. Existing files are replaced; callers that must not
    overwrite check first."""
    written = []
    for relative, text in files.items():
        path = directory / relative
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise _cannot_write(path, what, error) from error
        write_file(path, text, what=what)
        written.append(path)
    return written


def _cannot_write(path: Path, what: str, error: OSError) -> GateError:
    return GateError(
        f"{path}: cannot write the {what}: {error.strerror or error}; check that the "
        "directory exists and is writable"
    )


def _mode_of(path: Path) -> int:
    """The permissions a replaced file keeps; a new file gets the usual ones (umask)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666


def _write_new(path: Path, data: bytes, *, mode: int) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    if mode != 0o666:  # a replaced file's own mode, which the umask must not narrow
        os.chmod(path, mode)
