"""What a check reads and says it left out, end to end on both engines: foreign YAML in the
summary and the JSON report, ``--strict`` and ``strict``, ``-v``, and the file size limit
(``--max-file-size``, ``max_file_size``) in a worker pool and at a ``--base`` revision."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.load import loadpool

from conftest import EVALUATED_RULES, FIXTURES, NOW, USAGE_NOTE, CliResult

Cli = Callable[..., CliResult]
BAD_ROLE = (FIXTURES / "rules" / "LP-001" / "bad" / "role.yaml").read_text()
FOREIGN = "services:\n  web: {}\n---\napiVersion: apps/v1\nkind: Deployment\n---\n- a\n"
LP001 = 'critical LP-001 role "tier1-agent": grant on customer names every action ("*")'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared rule-case config with a bad role, checked from inside it."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "rules" / "_base", repo)
    (repo / "role.yaml").write_text(BAD_ROLE)
    monkeypatch.chdir(repo)
    return repo


def test_a_repo_without_foreign_yaml_reads_as_it_always_did(
    cli: Cli, engine: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES / "example")
    assert cli("check", "--now", NOW, *engine) == (
        0,
        f"{USAGE_NOTE}11 files, {EVALUATED_RULES} rules: 0 findings; passed (fail-on high)\n",
        "",
    )
    code, out, _ = cli("check", "--now", NOW, "--format", "json", *engine)
    assert (code, "ignored" in out) == (0, False)


def test_foreign_documents_are_counted_in_the_summary_and_listed_with_v(
    cli: Cli, engine: tuple[str, ...], repo: Path
) -> None:
    (repo / "ci.yaml").write_text(FOREIGN)
    code, out, err = cli("check", "-v", "--now", NOW, *engine)
    assert (code, out) == (
        1,
        f"role.yaml:18:37: {LP001}\n"
        f"{USAGE_NOTE}"
        f"6 files, {EVALUATED_RULES} rules: 1 finding (1 critical); failed (fail-on high); 3 YAML "
        "documents ignored as not rolegate's (another tool's apiVersion or kind: 1, no "
        "apiVersion or kind: 1, not a mapping: 1)\n",
    )
    assert err.splitlines()[:3] == [
        "ignored ci.yaml:1: not rolegate's (keys 'services')",
        "ignored ci.yaml:4: not rolegate's (apiVersion 'apps/v1')",
        "ignored ci.yaml:7: not rolegate's (a list)",
    ]


def test_the_json_report_lists_foreign_documents(
    cli: Cli, engine: tuple[str, ...], repo: Path
) -> None:
    (repo / "ci.yaml").write_text(FOREIGN)
    report = json.loads(cli("check", "--format", "json", "--now", NOW, *engine)[1])
    assert (report["summary"]["ignored"], report["summary"]["ignored_by_reason"]) == (
        3,
        {"another tool's apiVersion or kind": 1, "no apiVersion or kind": 1, "not a mapping": 1},
    )
    assert report["ignored"][1] == {
        "file": "ci.yaml",
        "line": 4,
        "reason": "another tool's apiVersion or kind",
        "detail": "apiVersion 'apps/v1'",
    }


def test_strict_paths_from_the_config_make_foreign_documents_findings(
    cli: Cli, engine: tuple[str, ...], repo: Path
) -> None:
    (repo / "roles").mkdir()
    (repo / "roles" / "notes.yaml").write_text("owner: maria\n")
    (repo / "ci.yaml").write_text("services: {}\n")
    (repo / ".rolegate.yaml").write_text("strict: [roles]\n")
    code, out, _ = cli("check", "-q", "--now", NOW, *engine)
    assert (code, out.splitlines()) == (
        1,
        [
            f"role.yaml:18:37: {LP001}",
            "roles/notes.yaml:1:1: critical SCHEMA-001 $: not a rolegate document (keys "
            "'owner'); strict mode (--strict, or strict in .rolegate.yaml) wants every YAML "
            "document to be rolegate's: remove it, or list its file under ignore in "
            ".rolegate.yaml",
        ],
    )
    code, out, _ = cli("check", "-q", "--strict", "--now", NOW, *engine)
    assert [line.split(" $:")[0] for line in out.splitlines()] == [
        "ci.yaml:1:1: critical SCHEMA-001",
        f"role.yaml:18:37: {LP001}",
        "roles/notes.yaml:1:1: critical SCHEMA-001",
    ]


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
