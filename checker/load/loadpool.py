"""Load many config files: in worker processes when there is enough YAML to share out.

Parsing YAML is most of the cost of a large repo, and each file is independent, so above
``PARALLEL_BYTES`` the files are parsed by a pool of processes (one per CPU; the
embedded engine is not thread-safe, and threads would share one interpreter lock). Below
it, a pool would cost more to start than it saves, so a commit hook on a small repo
parses in-process. Either way the result is the same: the main process reads every file,
the parse gives data and problems, and positions come from the text when first asked for.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from checker.load import filecache
from checker.load.cachestore import CacheStore, content_hash
from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.loader import (
    Document,
    LoadedFile,
    Parsed,
    loaded_file,
    parse,
    positions_of,
    read_text,
)
from checker.load.positions import Positions, Region, Request, regions
from checker.load.yamldata import KeyPath
from checker.processes import cpu_count, spawn_context

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PARALLEL_BYTES = 2_000_000  # below this, parse in-process
CHUNK_BYTES = 400_000  # YAML sent to a worker at a time

Job = tuple[str, str]  # text, display name


def load_files(
    files: Sequence[tuple[Path, str]],
    *,
    limit: int = DEFAULT_MAX_FILE_BYTES,
    cache: CacheStore | None = None,
) -> list[LoadedFile]:
    """Every file (path, display name) loaded, in the order given; a file over ``limit``
    bytes is a finding, not read. The files are read here and their text sent to the
    workers, so the limit holds for a pool as for one process. With a ``cache``, a file
    whose text was parsed before is not parsed again."""
    with gc_paused():
        texts = [read_text(path, display, limit=limit) for path, display in files]
        pairs = zip(texts, files, strict=True)
        jobs = [(text, display) for text, (_, display) in pairs if isinstance(text, str)]
        parsed = iter(_parse_all(jobs) if cache is None else _parse_cached(jobs, cache))
        return [
            text if isinstance(text, LoadedFile) else loaded_file(text, display, next(parsed), path)
            for text, (path, display) in zip(texts, files, strict=True)
        ]


def _parse_cached(jobs: list[Job], cache: CacheStore) -> list[Parsed]:
    """The parse of every job: remembered ones from the cache, the others parsed (and
    remembered for next time)."""
    digests = [content_hash(text) for text, _ in jobs]
    known = [filecache.recalled(cache, digest) for digest in digests]
    fresh = _parse_all([job for job, parsed in zip(jobs, known, strict=True) if parsed is None])
    found: list[Parsed] = []
    for digest, parsed in zip(digests, known, strict=True):
        if parsed is None:
            parsed = next(fresh)
            filecache.remember(cache, digest, parsed)
        found.append(parsed)
    return found


def _parse_all(jobs: list[Job]) -> Iterator[Parsed]:
    workers = _pool_workers(sum(len(text) for text, _ in jobs))
    if not workers:
        return (parse(text, display) for text, display in jobs)
    return _parse_in_pool(jobs, workers)


def _pool_workers(text_bytes: int) -> int:
    """How many worker processes to share this much YAML among: 0 when a pool would cost
    more to start than it saves (one CPU, or less than ``PARALLEL_BYTES``)."""
    workers = cpu_count()
    return workers if workers >= 2 and text_bytes >= PARALLEL_BYTES else 0


def _parse_in_pool(jobs: list[Job], workers: int) -> Iterator[Parsed]:
    with _pool(workers) as pool:
        for batch in pool.map(parse_batch, chunks(jobs)):
            yield from batch


def parse_batch(jobs: list[Job]) -> list[Parsed]:
    return [parse(text, display) for text, display in jobs]


def prefetch_regions(wanted: Iterable[tuple[Document, KeyPath]]) -> None:
    """Work out where many findings are in worker processes, before they are reported.

    Reporting a finding reads its file's text again for positions; in a large repo with
    findings in most files that is a second parse of most of the YAML. Below
    ``PARALLEL_BYTES`` of it, nothing is done here and positions are read when asked.
    """
    requests: dict[int, tuple[Positions, list[Request]]] = {}
    for document, path in wanted:
        positions = positions_of(document)
        if positions is not None:
            requests.setdefault(id(positions), (positions, []))[1].append((document.index, path))
    files = list(requests.values())
    workers = _pool_workers(sum(positions.length for positions, _ in files))
    if not workers:
        return
    jobs = [(positions.text, asked) for positions, asked in files]
    with _pool(workers) as pool:
        found = [answer for batch in pool.map(regions_batch, chunks(jobs)) for answer in batch]
    for (positions, _), answer in zip(files, found, strict=True):
        positions.learn(answer)


def regions_batch(jobs: list[tuple[str, list[Request]]]) -> list[dict[Request, Region]]:
    return [regions(text, asked) for text, asked in jobs]


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, mp_context=spawn_context()) as pool:
        yield pool


SomeJob = TypeVar("SomeJob", bound=tuple[str, Any])  # the text to work on comes first


def chunks(jobs: list[SomeJob]) -> Iterator[list[SomeJob]]:
    """Consecutive runs of jobs of about ``CHUNK_BYTES`` of text each."""
    batch: list[SomeJob] = []
    size = 0
    for job in jobs:
        batch.append(job)
        size += len(job[0])
        if size >= CHUNK_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection while a repo's data is built (it has no cycles, and each
    collection would walk all of it); then exempt it from later collections."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
