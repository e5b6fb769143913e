"""Loading through worker processes gives what loading in-process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import loadpool
from checker.loader import load_file

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
