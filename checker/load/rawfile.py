"""Read a config file's bytes: regular files only, never more than the limit, never blocking.

A named pipe would block the read forever and a device (``/dev/zero``) never ends, so both
are refused by type before they are opened, and again on the open descriptor in case the
path was swapped in between. A regular file is read with a bound one byte past the limit,
so a file that grows (or under-reports its size, as ``/proc`` files do) is still refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from checker.load.limits import over_limit

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class UnreadableFile(Exception):
    """Why a file cannot be read; the loader turns it into a finding at the file."""


def read_bytes(path: Path, *, limit: int) -> bytes:
    """The whole content of the regular file at ``path`` (links followed), at most
    ``limit`` bytes; raises UnreadableFile otherwise."""
    try:
        _refuse_special(os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _cannot_read(error) from error
    try:
        with os.fdopen(descriptor, "rb") as handle:
            size = os.fstat(handle.fileno())
            _refuse_special(size.st_mode)
            if size.st_size > limit:
                raise UnreadableFile(over_limit(size.st_size, limit))
            raw = handle.read(limit + 1)
    except OSError as error:
        raise _cannot_read(error) from error
    if len(raw) > limit:
        raise UnreadableFile(over_limit(len(raw), limit, at_least=True))
    return raw


def _refuse_special(mode: int) -> None:
    for test, kind in _KINDS:
        if test(mode):
            raise UnreadableFile(f"not a regular file ({kind}); rolegate reads regular files only")


def _cannot_read(error: OSError) -> UnreadableFile:
    return UnreadableFile(f"cannot read file: {error.strerror or error}")
