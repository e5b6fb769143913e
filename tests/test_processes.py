"""What a process keeps through a long evaluation is moved out of the load's memory by a
round trip through bytes (processes.Parcel); it must come back as the same values, and
a check that does it must report exactly what one that does not reports."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

import checker.check
from checker.check import CheckOptions, load_policies, run_check
from checker.errors import GateError
from checker.processes import Parcel

from conftest import FIXTURES


def test_a_parcel_gives_back_equal_values_with_shared_objects_still_shared() -> None:
    shared = {"file": "roles/a.yaml"}
    values = ([shared, shared], ("x", 1))
    parcel = Parcel(values)
    copy = parcel.unpacked()
    assert copy == values
    assert copy[0][0] is copy[0][1]
    assert copy[0][0] is not shared


def test_a_parcel_is_unpacked_once() -> None:
    parcel = Parcel([1, 2])
    parcel.unpacked()
    with pytest.raises(ValueError, match="unpacked already"):
        parcel.unpacked()


def _options(repo: Path) -> CheckOptions:
    return CheckOptions(paths=(repo,), now=datetime(2026, 11, 28, tzinfo=timezone.utc), root=repo)


def test_a_check_that_moves_its_documents_reports_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "incident", repo)
    options = _options(repo)
    loaded = load_policies(options)
    monkeypatch.setattr(checker.check, "COMPACT_DOCUMENTS", 10**9)
    kept = run_check(options, loaded=loaded)
    monkeypatch.setattr(checker.check, "COMPACT_DOCUMENTS", 1)
    moved = run_check(options, loaded=loaded)
    assert kept.findings  # the incident has findings to place at lines
    assert moved.findings == kept.findings
    assert (moved.documents, moved.files, moved.ignored) == (
        kept.documents,
        kept.files,
        kept.ignored,
    )


def test_moved_documents_still_notice_a_file_changed_during_evaluation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "incident", repo)
    options = _options(repo)
    loaded = load_policies(options)
    role = repo / "roles/tier1-agent.yaml"

    class Editing:
        def evaluate(self, engine_input):  # type: ignore[no-untyped-def]
            role.write_text("# edited\n" + role.read_text())
            return loaded.evaluator.evaluate(engine_input)

    monkeypatch.setattr(checker.check, "COMPACT_DOCUMENTS", 1)
    editing = checker.check.LoadedPolicies(loaded.policies, Editing())
    with pytest.raises(GateError, match="the file changed while rolegate"):
        run_check(options, loaded=editing)
