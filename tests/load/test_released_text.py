"""A file's text let go of during evaluation is read again for findings' lines, and a file
that changed meanwhile stops the check (exit 2) instead of placing findings wrongly."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker.check import CheckOptions, LoadedPolicies, load_policies, run_check
from checker.engines import EngineInput
from checker.errors import GateError
from checker.load.loader import release_texts
from checker.load.loadpool import load_files

from conftest import FIXTURES

ROLE = "roles/tier1-agent.yaml"


def _documents(repo: Path) -> Any:
    (loaded,) = load_files([(repo / ROLE, ROLE)])
    return loaded.documents


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "incident", repo)
    return repo


def test_an_unchanged_file_gives_the_same_lines_after_its_text_is_released(
    tmp_path: Path,
) -> None:
    repo = _repo(tmp_path)
    kept, released = _documents(repo), _documents(repo)
    release_texts(released)
    paths = [(), ("metadata", "name"), ("spec", "grants", 0, "fields")]
    for one, other in zip(kept, released, strict=True):
        assert [one.region(p) for p in paths] == [other.region(p) for p in paths]


@pytest.mark.parametrize(
    "change",
    [
        lambda text: text.replace("name:", "name: ", 1),  # the same length would not help
        lambda text: "# a comment\n" + text,
        lambda text: "",
    ],
)
def test_a_file_changed_after_its_text_was_released_stops_the_check(
    tmp_path: Path, change: Any
) -> None:
    repo = _repo(tmp_path)
    documents = _documents(repo)
    release_texts(documents)
    (repo / ROLE).write_text(change((repo / ROLE).read_text()))
    with pytest.raises(GateError, match="the file changed while rolegate was checking it"):
        documents[0].locate(("metadata", "name"))


def test_a_file_removed_after_its_text_was_released_stops_the_check(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    documents = _documents(repo)
    release_texts(documents)
    (repo / ROLE).unlink()
    with pytest.raises(GateError, match="the file changed while rolegate was checking it"):
        documents[0].locate(("metadata", "name"))


class _EditsDuringEvaluation:
    """An engine that, while it evaluates, sees the file edited under it."""

    def __init__(self, loaded: LoadedPolicies, file: Path) -> None:
        self._inner, self._file = loaded.evaluator, file

    def evaluate(self, engine_input: EngineInput) -> dict[str, Any]:
        self._file.write_text("# edited\n" + self._file.read_text())
        return self._inner.evaluate(engine_input)


def test_a_check_whose_file_changes_during_evaluation_cannot_decide(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    options = CheckOptions(paths=(repo,), now=datetime(2026, 11, 28, tzinfo=timezone.utc))
    loaded = load_policies(options)
    assert run_check(options, loaded=loaded).findings  # the incident has findings to place
    editing = LoadedPolicies(loaded.policies, _EditsDuringEvaluation(loaded, repo / ROLE))
    with pytest.raises(GateError, match=f"{repo / ROLE}: the file changed while rolegate"):
        run_check(options, loaded=editing)
