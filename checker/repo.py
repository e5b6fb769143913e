"""Read a config repo: discover its files, load them, validate the documents.

What the rules will see (valid documents) and what they will not (YAML, schema and
reference findings, paths left out), with the time each stage took.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from checker.errors import GateError
from checker.files import display_path
from checker.findings import YAML_ERROR, Finding, Ignored
from checker.load.cachestore import open_store
from checker.load.discover import Discovery, discover
from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.loader import Document
from checker.load.loadpool import load_files
from checker.load.patterns import PathPatterns
from checker.validate.documents import Validated, validate
from checker.validate.references import check_references
from checker.validate.schemacache import salt


class Stopwatch:
    """Seconds spent per stage, added up over the run (``--profile``, ``-v``)."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class Repo:
    """A config repo read and validated: what the rules will see, and what they will not."""

    files: int
    documents: tuple[Document, ...]
    validated: Validated
    problems: tuple[Finding, ...]  # YAML, schema and reference findings
    skipped: tuple[Ignored, ...] = ()  # paths discovery left out on purpose
    sources: tuple[tuple[str, Path], ...] = ()  # every file read: (name as reported, path)


def read_repo(
    paths: tuple[Path, ...],
    *,
    root: Path,
    ignore: PathPatterns | None = None,
    strict: PathPatterns | bool = False,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    clock: Stopwatch | None = None,
    cache_dir: Path | None = None,
) -> Repo:
    """Discover, load and validate; raises GateError when there is nothing to check.

    With ``cache_dir``, files parsed and validated before are taken from the cache there
    (a folder that cannot be used safely is not: the run reads everything)."""
    clock = clock or Stopwatch()
    cache = open_store(cache_dir, salt()) if cache_dir is not None else None
    with clock.stage("discover"):
        found = discover(paths, ignore=ignore)
    if not found.files and not found.refused:
        shown = " ".join(str(p) for p in paths)
        raise GateError(f"no YAML files found under {shown}; pass the config repo's directory")
    files = [(path, display_path(path, root)) for path in found.files]
    with clock.stage("load"):
        loaded = load_files(files, limit=max_file_bytes, cache=cache)
    sources = tuple((name, path) for path, name in files)
    documents = tuple(doc for f in loaded for doc in f.documents)
    with clock.stage("validate"):
        validated = validate(documents, strict=_strict_files(strict, files), cache=cache)
        problems = [*_refusals(found, root), *(p for f in loaded for p in f.problems)]
        problems += [*validated.findings, *check_references(validated)]
    if not validated.documents and not problems:
        raise GateError(
            f"no rolegate documents (apiVersion: rolegate/v1) in {len(found.files)} "
            "YAML file(s); nothing to check"
        )
    skipped = tuple(
        Ignored(display_path(e.path, root, link=True), 0, e.reason) for e in found.skipped
    )
    count = len(found.files) + len(found.refused)
    return Repo(count, documents, validated, tuple(problems), skipped, sources)


def _refusals(found: Discovery, root: Path) -> list[Finding]:
    """A path discovery refused (a link out of the repository, an unreadable directory)
    is a finding at it: what it holds would otherwise go unchecked."""
    return [
        YAML_ERROR.finding(display_path(e.path, root, link=True), 1, 1, e.reason)
        for e in found.refused
    ]


def _strict_files(
    strict: PathPatterns | bool, files: list[tuple[Path, str]]
) -> Callable[[str], bool] | None:
    """Which files (by the name findings give them) must hold rolegate documents only."""
    if strict is True:
        return lambda _: True
    if isinstance(strict, PathPatterns):
        paths = {name: path for path, name in files}
        return lambda file: strict.matches(paths[file])
    return None
