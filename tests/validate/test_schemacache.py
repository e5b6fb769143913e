"""A repo read through the cache: the same documents and findings as without it, with
the unchanged files neither parsed nor validated again, and a verdict that depends on
what changed (a file, the declared actions) worked out again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from checker.load import loadpool
from checker.repo import Repo, read_repo
from checker.validate import documents

from conftest import FIXTURES


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "example", repo)
    return repo


def _read(repo: Path, cache: Path | None) -> Repo:
    return read_repo((repo,), root=repo, cache_dir=cache)


def _seen(repo: Repo) -> Any:
    return (
        [(d.file, d.index, d.data) for d in repo.documents],
        [(k, d.file, d.index) for k, d in repo.validated.documents],
        [(p.file, p.line, p.column, p.message) for p in repo.problems],
    )


class _Counted:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.parsed: list[str] = []
        self.validators = 0
        parse, validators = loadpool.parse, documents.Validators

        def counted_parse(text: str, display: str) -> Any:
            self.parsed.append(display)
            return parse(text, display)

        def counted_validators(*args: Any, **kwargs: Any) -> Any:
            self.validators += 1
            return validators(*args, **kwargs)

        monkeypatch.setattr(loadpool, "parse", counted_parse)
        monkeypatch.setattr(documents, "Validators", counted_validators)


def test_a_warm_run_reads_what_a_run_without_cache_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, cache = _repo(tmp_path), tmp_path / "cache"
    (repo / "broken.yaml").write_text("a: 1\na: 2\n")  # a finding: never remembered
    uncached = _seen(_read(repo, None))
    assert _seen(_read(repo, cache)) == uncached
    counted = _Counted(monkeypatch)
    assert _seen(_read(repo, cache)) == uncached
    assert counted.parsed == ["broken.yaml"]
    assert counted.validators == 0


def test_an_edited_file_is_read_and_validated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, cache = _repo(tmp_path), tmp_path / "cache"
    _read(repo, cache)
    role = repo / "roles" / "frontline.yaml"
    role.write_text(role.read_text().replace("actions: [verify]", "actions: [verfy]"))
    counted = _Counted(monkeypatch)
    warm = _read(repo, cache)
    assert counted.parsed == ["roles/frontline.yaml"]
    assert counted.validators == 1
    assert _seen(warm) == _seen(_read(repo, None))
    assert any("verfy" in p.message for p in warm.problems)


def test_the_verdicts_depend_on_the_declared_actions(tmp_path: Path) -> None:
    repo, cache = _repo(tmp_path), tmp_path / "cache"
    assert not _read(repo, cache).problems
    catalog = repo / "catalog" / "data-catalog.yaml"
    catalog.write_text(catalog.read_text().replace("[schedule_callback]", "[]"))
    warm = _read(repo, cache)  # the roles' files are unchanged, their verdict is not
    assert _seen(warm) == _seen(_read(repo, None))
    assert any("schedule_callback" in p.message for p in warm.problems)


def test_a_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo, cache = _repo(tmp_path), tmp_path / "cache"
    _read(repo, cache)
    cache.chmod(0o777)
    counted = _Counted(monkeypatch)
    _read(repo, cache)
    assert len(counted.parsed) == len(list(repo.rglob("*.yaml")))
    assert counted.validators == 1
