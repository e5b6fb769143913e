"""What a check reads and says it left out, end to end on both engines: ``-v``, and the
file size limit (``--max-file-size``, ``max_file_size``) in a worker pool and at a
``--base`` revision."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.load import loadpool

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
BAD_ROLE = (FIXTURES / "rules" / "LP-001" / "bad" / "role.yaml").read_text()
LP001 = 'critical LP-001 role "tier1-agent": grant on customer names every action ("*")'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared rule-case config with a bad role, checked from inside it."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "rules" / "_base", repo)
    (repo / "role.yaml").write_text(BAD_ROLE)
    monkeypatch.chdir(repo)
    return repo


def test_v_lists_what_discovery_skipped(cli: Cli, engine: tuple[str, ...], repo: Path) -> None:
    (repo / "README.md").write_text("notes\n")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "x.yaml").write_text(BAD_ROLE)
    (repo / ".rolegate.yaml").write_text("ignore: [drafts]\n")
    code, _, err = cli("check", "-q", "-v", "--now", NOW, *engine)
    assert (code, err.splitlines()[:3]) == (
        1,
        [
            "skipped .rolegate.yaml: hidden",
            "skipped README.md: not a .yaml or .yml file",
            "skipped drafts: matches an ignore pattern of .rolegate.yaml",
        ],
    )


def big_bindings(repo: Path) -> Path:
    """A valid bindings file of about 3 KiB."""
    accounts = "".join(
        f"    - {{id: ana.s{n:03d}, person: E{n:05d}, type: individual, workforce: employee, "
        "roles: [tier1-agent], valid_from: 2025-03-10}\n"
        for n in range(25)
    )
    path = repo / "bindings.yaml"
    path.write_text(
        "apiVersion: rolegate/v1\nkind: AccountBindings\nmetadata: {name: many}\n"
        f"spec:\n  accounts:\n{accounts}"
    )
    return path


def over_limit_line(size: int, limit: str) -> str:
    return (
        f"bindings.yaml:1:1: critical YAML-001 file is {size:,} bytes, over the limit of "
        f"{1024 * int(limit[0]):,} ({limit[0]} KiB); if it is meant to be this large, raise "
        "the limit with --max-file-size or max_file_size in .rolegate.yaml"
    )


def test_the_size_limit_is_set_by_option_or_config(
    cli: Cli, engine: tuple[str, ...], repo: Path
) -> None:
    size = big_bindings(repo).stat().st_size
    assert 2048 < size <= 4096
    code, out, _ = cli("check", "-q", "--max-file-size", "2KiB", "--now", NOW, *engine)
    assert (code, out.splitlines()[0]) == (1, over_limit_line(size, "2KiB"))
    (repo / ".rolegate.yaml").write_text("max_file_size: 2KiB\n")
    assert cli("check", "-q", "--now", NOW, *engine)[1].splitlines()[0] == over_limit_line(
        size, "2KiB"
    )
    code, out, _ = cli("check", "-q", "--max-file-size", "4KiB", "--now", NOW, *engine)
    assert (code, out) == (1, f"role.yaml:18:37: {LP001}\n")


def test_the_size_limit_holds_when_workers_parse(
    cli: Cli, engine: tuple[str, ...], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loadpool, "PARALLEL_BYTES", 1)  # a pool for any repo
    monkeypatch.setattr(loadpool, "cpu_count", lambda: 2)
    size = big_bindings(repo).stat().st_size
    code, out, _ = cli("check", "-q", "--max-file-size", "2KiB", "--now", NOW, *engine)
    assert (code, out.splitlines()) == (
        1,
        [over_limit_line(size, "2KiB"), f"role.yaml:18:37: {LP001}"],
    )


def test_the_size_limit_holds_at_the_base_revision(
    cli: Cli, engine: tuple[str, ...], repo: Path
) -> None:
    """The base holds 25 accounts (about 3 KiB); the change keeps one. Read within the
    limit, the base shows 24 people losing access; over it, the base has no bindings and
    the one person left seems to gain it all."""
    bindings = big_bindings(repo)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "base")):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], check=True)
    bindings.write_text("".join(bindings.read_text().splitlines(True)[:6]))

    def diff_headline(limit: str) -> str:
        code, out, err = cli("diff", "--base", "HEAD", "--max-file-size", limit, *engine)
        assert (code, err) == (0, "")
        return out.splitlines()[0]

    assert diff_headline("4KiB").endswith(
        ": 0 roles and 24 people changed; 0 sensitive gains for people"
    )
    assert diff_headline("2KiB").endswith(
        ": 0 roles and 1 person changed; 3 sensitive gains for people"
    )
