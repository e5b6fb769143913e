"""Discovery: which files a check reads, which it refuses, and what it skips and why."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.errors import GateError
from checker.load.discover import Discovery, discover, repository_root
from checker.load.patterns import PathPatterns


def found(paths: list[Path], base: Path, ignore: PathPatterns | None = None) -> dict[str, list]:
    """A discovery as relative paths: files, refused and skipped (path, reason) pairs."""
    result: Discovery = discover(paths, ignore=ignore)

    def shown(path: Path) -> str:
        return path.relative_to(base).as_posix()

    return {
        "files": [shown(p) for p in result.files],
        "refused": [(shown(e.path), e.reason) for e in result.refused],
        "skipped": [(shown(e.path), e.reason) for e in result.skipped],
    }


def touch(*paths: Path) -> None:
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a: 1\n")


def test_suffixes_in_any_case_are_yaml_and_the_rest_is_listed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    touch(
        repo / "a.YAML", repo / "b.Yml", repo / "c.yaml", repo / "notes.md", repo / ".hidden.yaml"
    )
    touch(repo / ".github" / "ci.yml")
    assert found([repo], tmp_path) == {
        "files": ["repo/a.YAML", "repo/b.Yml", "repo/c.yaml"],
        "refused": [],
        "skipped": [
            ("repo/.github", "hidden"),
            ("repo/.hidden.yaml", "hidden"),
            ("repo/notes.md", "not a .yaml or .yml file"),
        ],
    }


def test_a_linked_directory_inside_the_repository_is_walked_after_the_tree(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()  # the repository is tmp_path; the check is of config/
    touch(tmp_path / "shared" / "roles.yaml", tmp_path / "config" / "z.yaml")
    (tmp_path / "config" / "a-shared").symlink_to("../shared")
    assert found([tmp_path / "config"], tmp_path)["files"] == [
        "config/z.yaml",
        "config/a-shared/roles.yaml",
    ]


def test_a_directory_reached_twice_is_read_once_and_a_loop_ends(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    touch(repo / "roles" / "r.yaml")
    (repo / "again").symlink_to("roles")
    (repo / "roles" / "loop").symlink_to("..")
    assert found([repo], tmp_path) == {
        "files": ["repo/roles/r.yaml"],
        "refused": [],
        "skipped": [
            ("repo/again", f"a link to {repo / 'roles'}, read there"),
            ("repo/roles/loop", f"a link to {repo}, read there"),
        ],
    }


def test_a_file_under_two_names_is_read_once(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    touch(repo / "z-real.yaml")
    (repo / "a-link.yaml").symlink_to("z-real.yaml")
    os.link(repo / "z-real.yaml", repo / "hard.yaml")
    assert found([repo], tmp_path) == {
        "files": ["repo/hard.yaml"],
        "refused": [],
        "skipped": [
            ("repo/z-real.yaml", f"the same file as {repo / 'hard.yaml'}"),
            ("repo/a-link.yaml", f"the same file as {repo / 'hard.yaml'}"),
        ],
    }


def test_links_that_leave_the_repository_are_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    touch(repo / "ok.yaml", tmp_path / "outside" / "role.yaml", tmp_path / "outside" / "x.txt")
    (repo / "role.yaml").symlink_to("../outside/role.yaml")
    (repo / "dir").symlink_to(tmp_path / "outside")
    (repo / "notes.txt").symlink_to("../outside/x.txt")
    hint = "copy what it holds into the repository, or list the link under ignore in .rolegate.yaml"
    assert found([repo], tmp_path) == {
        "files": ["repo/ok.yaml"],
        "refused": [
            (
                "repo/dir",
                "symbolic link to a directory outside the repository "
                f"(-> {tmp_path / 'outside'}), not followed; {hint}",
            ),
            (
                "repo/role.yaml",
                "symbolic link to a file outside the repository (-> ../outside/role.yaml), "
                f"not followed; {hint}",
            ),
        ],
        "skipped": [("repo/notes.txt", "not a .yaml or .yml file")],
    }


def test_a_second_checked_path_brings_its_links_inside(tmp_path: Path) -> None:
    touch(tmp_path / "outside" / "role.yaml")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / "dir").symlink_to("../outside")
    result = found([tmp_path / "repo", tmp_path / "outside"], tmp_path)
    assert (result["files"], result["refused"]) == (["repo/dir/role.yaml"], [])


def test_broken_links_and_loops_named_as_yaml_are_taken_for_the_loader_to_refuse(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "gone.yaml").symlink_to("nothing-here.yaml")
    (repo / "loop-a.yaml").symlink_to("loop-b.yaml")
    (repo / "loop-b.yaml").symlink_to("loop-a.yaml")
    (repo / "loop-dir").symlink_to("loop-dir")
    assert found([repo], tmp_path) == {
        "files": ["repo/gone.yaml", "repo/loop-a.yaml", "repo/loop-b.yaml"],
        "refused": [],
        "skipped": [("repo/loop-dir", "not a .yaml or .yml file")],
    }


def test_a_directory_that_cannot_be_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    touch(repo / "locked" / "role.yaml", repo / "ok.yaml")
    scandir = os.scandir

    def refuse_locked(path: str | os.PathLike[str]) -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_locked)
    assert found([repo], tmp_path)["refused"] == [
        ("repo/locked", "cannot read directory: Permission denied")
    ]


def test_ignored_paths_are_not_walked_and_are_listed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    touch(repo / "drafts" / "a.yaml", repo / "b.wip.yaml", repo / "c.yaml")
    ignore = PathPatterns(repo, ("drafts", "*.wip.yaml"))
    reason = "matches an ignore pattern of .rolegate.yaml"
    assert found([repo], tmp_path, ignore) == {
        "files": ["repo/c.yaml"],
        "refused": [],
        "skipped": [("repo/b.wip.yaml", reason), ("repo/drafts", reason)],
    }


def test_a_path_named_explicitly_is_taken_whatever_it_is(tmp_path: Path) -> None:
    touch(tmp_path / "notes.txt")
    os.mkfifo(tmp_path / "pipe")
    result = found([tmp_path / "notes.txt", tmp_path / "pipe"], tmp_path)
    assert result["files"] == ["notes.txt", "pipe"]


def test_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GateError, match="gone: no such file or directory"):
        discover([tmp_path / "gone"])


def test_the_repository_is_where_git_is_else_the_checked_directory(tmp_path: Path) -> None:
    touch(tmp_path / "a" / "b" / "c.yaml")
    assert repository_root(tmp_path / "a" / "b") == tmp_path / "a" / "b"
    (tmp_path / "a" / ".git").mkdir()
    assert repository_root(tmp_path / "a" / "b" / "c.yaml") == tmp_path / "a"
