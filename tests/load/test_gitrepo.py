"""A git revision's YAML files are found as discovery finds the working tree's."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from checker.load.base import GitBase
from checker.load.gitrepo import revision_files
from checker.load.limits import over_limit


def commit_all(repo: Path) -> None:
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "base")):
        subprocess.run(
            ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            check=True,
        )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "shared").mkdir()
    (tmp_path / "roles").mkdir()
    (tmp_path / "shared" / "x.yaml").write_text("a: 1\n")
    (tmp_path / "roles" / "UPPER.YAML").write_text("b: 2\n")
    (tmp_path / "roles" / "notes.md").write_text("not yaml\n")
    (tmp_path / "roles" / "linked.yaml").symlink_to("../shared/x.yaml")
    (tmp_path / "roles" / "out.yaml").symlink_to("/etc/hostname")
    (tmp_path / "roles" / "loop.yaml").symlink_to("loop.yaml")
    commit_all(tmp_path)
    return tmp_path


def read(repo: Path, limit: int) -> dict[str, bytes | str]:
    return {
        blob.path.relative_to(repo).as_posix(): blob.content
        if blob.content is not None
        else blob.problem
        for blob in revision_files("HEAD", (repo / "roles",), limit=limit)
    }


def test_links_are_followed_inside_the_tree_and_suffixes_match_in_any_case(repo: Path) -> None:
    assert read(repo, limit=100) == {
        "roles/UPPER.YAML": b"b: 2\n",
        "roles/linked.yaml": b"a: 1\n",
        "roles/loop.yaml": "a symbolic link loop",
        "roles/out.yaml": "a symbolic link outside the repository, not followed",
    }


def test_a_file_over_the_limit_is_not_read(repo: Path) -> None:
    found = read(repo, limit=4)
    assert (found["roles/UPPER.YAML"], found["roles/linked.yaml"]) == (
        over_limit(5, 4),
        over_limit(5, 4),
    )


def test_the_base_reads_with_the_limit_it_is_given(repo: Path) -> None:
    def problems(limit: int) -> list[str]:
        base = GitBase("HEAD", (repo / "roles",), root=repo, limit=limit)
        return [p.message for f in base.files() for p in f.problems if "UPPER" in p.file]

    assert problems(100) == []
    assert problems(4) == [f"at the base: {over_limit(5, 4)}"]


def test_a_file_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    name = os.fsdecode(b"r\xff.yaml")
    (tmp_path / name).write_text("a: 1\n")
    commit_all(tmp_path)
    [blob] = revision_files("HEAD", (tmp_path,), limit=100)
    assert (blob.path, blob.content) == (tmp_path / name, b"a: 1\n")
