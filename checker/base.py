"""The base version of the config repo (``--base``), put into the input for the rules.

A base source reads the files as they were: ``GitBase`` from a git revision, ``DirBase``
from a directory (golden cases). ``add_base`` puts the base inventory into the input as
``base`` and, for ``--new-only``, the fingerprints of the base's own findings as
``base_fingerprints``; rolegate.main then marks the findings the base already had.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from checker.discover import discover, display_path
from checker.engines import EngineInput, Evaluator
from checker.errors import GateError
from checker.findings import YAML_ERROR
from checker.ignore import IgnoreRules
from checker.inventory import build_input
from checker.loader import MAX_FILE_BYTES, LoadedFile, load_file, load_text
from checker.validate import validate


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
    ignore: IgnoreRules | None = None

    @property
    def label(self) -> str:
        return self.ref

    def files(self) -> list[LoadedFile]:
        from checker.gitrepo import revision_files

        return [
            _load_blob(content, display_path(path, self.root))
            for path, content in revision_files(self.ref, self.paths)
            if self.ignore is None or not self.ignore.skips(path)
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


def _load_blob(content: bytes, display: str) -> LoadedFile:
    if len(content) > MAX_FILE_BYTES:
        return _unreadable(display, f"file is {len(content):,} bytes at the base")
    try:
        return load_text(content.decode("utf-8-sig"), display)
    except UnicodeDecodeError:
        return _unreadable(display, "not valid UTF-8 at the base")


def _unreadable(display: str, message: str) -> LoadedFile:
    return LoadedFile(display, (), (YAML_ERROR.finding(display, 1, 1, message),))


def base_inventory(source: BaseSource) -> dict[str, Any]:
    """The base as the input holds it: the input's shape without ``context``."""
    documents = [doc for loaded in source.files() for doc in loaded.documents]
    epoch = datetime(1970, 1, 1, tzinfo=timezone.utc)
    inventory = build_input(validate(documents), now=epoch)
    del inventory["context"]
    return inventory


def add_base(
    document: dict[str, Any], source: BaseSource, *, evaluator: Evaluator | None = None
) -> dict[str, Any]:
    """The input with ``base``; with ``evaluator`` (--new-only), ``base_fingerprints`` too."""
    inventory = base_inventory(source)
    with_base = {**document, "base": inventory}
    if evaluator is not None:
        decision = evaluator.evaluate(EngineInput.of({**inventory, "context": document["context"]}))
        with_base["base_fingerprints"] = _fingerprints(decision)
    return with_base


def _fingerprints(decision: dict[str, Any]) -> list[str]:
    """The fingerprints of the base's findings; not its waived ones, so a change that
    drops a waiver brings the finding back as new."""
    findings = decision.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise GateError("malformed decision for the base: findings without fingerprints")
    return sorted({f["fingerprint"] for f in findings})
