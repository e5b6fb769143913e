"""Loading through worker processes gives what loading in-process gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.load import loadpool, positions
from checker.load.loader import Document, LoadedFile, load_file

from conftest import FIXTURES


def _files(tmp_path: Path) -> list[tuple[Path, str]]:
    (tmp_path / "broken.yaml").write_text("a: 1\na: 2\n")  # a duplicate key: a finding
    (tmp_path / "latin1.yaml").write_bytes(b"name: Jos\xe9\n")  # not UTF-8: a finding
    paths = [*sorted((FIXTURES / "incident").rglob("*.yaml")), *sorted(tmp_path.glob("*.yaml"))]
    return [(path, path.name) for path in paths]


def _summary(path_display: tuple[Path, str]) -> object:
    loaded = load_file(*path_display)
    return [(d.index, d.data, d.locate(("metadata", "name"))) for d in loaded.documents], [
        (p.line, p.column, p.message) for p in loaded.problems
    ]


def test_a_pool_loads_every_file_as_loading_in_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _files(tmp_path)
    monkeypatch.setattr(loadpool, "PARALLEL_BYTES", 0)  # a pool even for a few files
    monkeypatch.setattr(loadpool, "CHUNK_BYTES", 2_000)  # and several batches
    monkeypatch.setattr(loadpool, "cpu_count", lambda: 2)
    pooled = loadpool.load_files(files)
    assert [
        (
            [(d.index, d.data, d.locate(("metadata", "name"))) for d in f.documents],
            [(p.line, p.column, p.message) for p in f.problems],
        )
        for f in pooled
    ] == [_summary(f) for f in files]
    assert [f.file for f in pooled] == [display for _, display in files]


def test_chunks_keep_the_order_and_every_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loadpool, "CHUNK_BYTES", 6)
    jobs = [("x" * size, str(i)) for i, size in enumerate([5, 1, 9, 2, 2, 7])]
    batches = list(loadpool.chunks(jobs))
    assert [job for batch in batches for job in batch] == jobs
    assert [len(batch) for batch in batches] == [2, 1, 3]


def _requests(files: list[LoadedFile]) -> list[tuple[Document, tuple[str | int, ...]]]:
    """Paths that exist, paths whose last part does not (the longest prefix answers), and
    a path of nothing that exists."""
    wanted: list[tuple[Document, tuple[str | int, ...]]] = []
    for loaded in files:
        for document in loaded.documents:
            wanted += [
                (document, ("metadata", "name")),
                (document, ("spec",)),
                (document, ("spec", "no-such-key", 3)),
                (document, ("nothing", 0)),
            ]
    return wanted


def test_regions_worked_out_in_a_pool_equal_those_read_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = [(path, path.name) for path in sorted((FIXTURES / "incident").rglob("*.yaml"))]
    lazily = [load_file(*f) for f in files]
    expected = [(d.index, path, d.region(path)) for d, path in _requests(lazily)]
    assert any(region != (1, 1, 0, 0) and region[2] > 0 for _, _, region in expected)

    ahead = [load_file(*f) for f in files]
    monkeypatch.setattr(loadpool, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(loadpool, "cpu_count", lambda: 2)
    monkeypatch.setattr(positions, "_node_positions", _not_in_this_process)
    loadpool.prefetch_regions(_requests(ahead))
    assert [(d.index, path, d.region(path)) for d, path in _requests(ahead)] == expected


def _not_in_this_process(text: str) -> Any:
    raise AssertionError("positions were read here, not in the workers")


def test_regions_of_a_small_repo_are_left_to_be_read_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    files = [(path, path.name) for path in sorted((FIXTURES / "incident").rglob("*.yaml"))]
    loaded = [load_file(*f) for f in files]
    monkeypatch.setattr(loadpool, "cpu_count", lambda: 2)
    monkeypatch.setattr(loadpool, "_pool", _not_in_this_process)
    loadpool.prefetch_regions(_requests(loaded))  # far below PARALLEL_BYTES: no pool
    assert loaded[0].documents[0].region(("metadata", "name"))[0] > 0
