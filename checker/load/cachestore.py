"""A folder of cached values, each a JSON file named by the hash of its key.

What is cached is only ever a shortcut: a value that cannot be read back (a missing
entry, a truncated or edited file, another format) is a miss and is worked out again,
never an error, so the folder is safe to delete at any time. Entries are written to a
temporary file and renamed into place, so a reader never sees half an entry, and each
holds a hash of its own body, so a damaged one reads as a miss. A folder that another
user could write to is not used at all: its entries would be another user's word about
what a file holds.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Bump when what an entry holds changes shape: older entries then read as misses.
FORMAT = 1
PACKAGE = Path(__file__).resolve().parents[1]
_CODE_SUFFIXES = frozenset({".py", ".rego", ".json", ".yaml"})


@functools.cache
def code_stamp(package: Path = PACKAGE) -> str:
    """The rolegate code that worked the values out (each file's path, size and change
    time): a checkout edited in place keeps its version number, so the version alone
    would let it read what older code cached."""
    digest = hashlib.sha256()
    for folder, subfolders, names in sorted(os.walk(package)):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in sorted(names):
            if os.path.splitext(name)[1] in _CODE_SUFFIXES:
                info = os.stat(os.path.join(folder, name))
                where = os.path.relpath(os.path.join(folder, name), package)
                digest.update(f"{where}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def default_folder(environment: Mapping[str, str]) -> Path | None:
    """$ROLEGATE_CACHE_DIR, else $XDG_CACHE_HOME/rolegate, else ~/.cache/rolegate (None
    when there is no home directory to find: then nothing is cached)."""
    chosen = environment.get("ROLEGATE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    xdg = environment.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "rolegate"
    try:
        return Path.home() / ".cache" / "rolegate"
    except RuntimeError:
        return None


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class CacheStore:
    """Entries under ``folder``; ``salt`` (the versions of whatever shaped the values)
    is part of every key, so a new rolegate or schema never reads an old entry."""

    folder: Path
    salt: str

    def get(self, kind: str, key: str) -> Any | None:
        """The value stored under (kind, key), or None when there is none to trust."""
        try:
            raw = self._path(kind, key).read_bytes()
        except OSError:
            return None
        return _unpacked(raw)

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a value (JSON data); a failure to write is only a lost shortcut."""
        path = self._path(kind, key)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_atomically(path, _packed(value))
        except OSError:
            return

    def _path(self, kind: str, key: str) -> Path:
        text = f"{FORMAT}\0{code_stamp()}\0{self.salt}\0{kind}\0{key}"
        name = hashlib.sha256(text.encode()).hexdigest()
        return self.folder / name[:2] / f"{name[2:]}.json"


def open_store(folder: Path, salt: str) -> CacheStore | None:
    """The store in ``folder`` (made, private to this user, when missing), or None when
    the folder cannot be used safely: not ours, or writable by others."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or not private(info):
        return None
    return CacheStore(folder, salt)


def private(info: os.stat_result) -> bool:
    """Owned by this user, and nobody else may write to it."""
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _packed(value: Any) -> bytes:
    body = json.dumps(value, separators=(",", ":"), allow_nan=False).encode()
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _unpacked(raw: bytes) -> Any | None:
    digest, newline, body = raw.partition(b"\n")
    if not newline or hashlib.sha256(body).hexdigest().encode() != digest:
        return None
    try:
        return json.loads(body)
    except ValueError:
        return None


def _write_atomically(path: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise
