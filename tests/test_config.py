"""The project config `.rolegate.yaml`: discovery, packs, ignores, defaults, and its errors."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.config import find_config
from checker.load.patterns import PathPatterns

from conftest import FIXTURES, NOW, CliResult
from rulepack import TIER_LINE, frontline_pack, write

Cli = Callable[..., CliResult]
FINDING = f'config/role.yaml:{TIER_LINE}:3: high ACME-001 role "tier1-agent": frontline\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repo: config/ (a clean config repo), rules/ (a pack); the cwd is its root."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(FIXTURES / "rules" / "_base", tmp_path / "config")
    shutil.copy(FIXTURES / "rules" / "LP-001" / "good" / "role.yaml", tmp_path / "config")
    frontline_pack(tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _config(repo: Path, text: str) -> Path:
    return write(repo, ".rolegate.yaml", text)


def test_found_by_walking_up_to_the_repository_root(repo: Path) -> None:
    config = _config(repo, "policies: [rules]\n")
    (repo / "config" / "deep" / "er").mkdir(parents=True)
    assert find_config(repo / "config" / "deep" / "er") == config
    assert find_config(repo / "config" / "role.yaml") == config


def test_search_stops_at_the_repository_root(repo: Path) -> None:
    _config(repo, "policies: [rules]\n")
    (repo / "config" / ".git").mkdir()
    assert find_config(repo / "config") is None


def test_policies_add_the_pack_to_check_and_rules(cli: Cli, repo: Path) -> None:
    _config(repo, "policies: [rules]   # relative to this file\n")
    assert cli("check", "-q", "--now", NOW, "config") == (1, FINDING, "")
    assert "ACME-001  high      Frontline role present" in cli("rules")[1]


def test_config_found_from_the_checked_path_not_the_cwd(
    cli: Cli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config(repo, "policies: [rules]\n")
    monkeypatch.chdir(repo.parent)
    code, out, _ = cli("check", "-q", "--now", NOW, f"{repo.name}/config")
    assert (code, out) == (1, f"{repo.name}/{FINDING}")


def test_ignore_skips_files_and_directories(cli: Cli, repo: Path) -> None:
    _config(repo, "ignore: [drafts, '*.wip.yaml']\n")
    write(repo, "config/drafts/role.yaml", "kind: Role\n")
    write(repo, "config/next.wip.yaml", "not: [valid\n")
    code, out, _ = cli("check", "--now", NOW, "config")
    assert (code, out.splitlines()[-1].split(",")[0]) == (0, "5 files")


def test_ignore_patterns() -> None:
    rules = PathPatterns(Path("/repo"), ("drafts", "config/old/*", "*.wip.yaml", "./a/b"))
    skipped = {
        "/repo/config/drafts/x.yaml": True,
        "/repo/config/old/roles/x.yaml": True,
        "/repo/config/x.wip.yaml": True,
        "/repo/a/b/c.yaml": True,
        "/repo/config/older/x.yaml": False,
        "/repo/config/x.yaml": False,
        "/repo/b/a/c.yaml": False,
        "/elsewhere/drafts/x.yaml": True,
    }
    assert {path: rules.matches(Path(path)) for path in skipped} == skipped


def test_fail_on_from_config_and_the_command_line_wins(cli: Cli, repo: Path) -> None:
    _config(repo, "policies: [rules]\nfail_on: critical\n")
    assert cli("check", "-q", "--now", NOW, "config") == (0, "", "")
    assert cli("check", "-q", "--fail-on", "high", "--now", NOW, "config") == (1, FINDING, "")


def test_format_from_config_and_the_command_line_wins(cli: Cli, repo: Path) -> None:
    _config(repo, "format: json\n")
    code, out, _ = cli("check", "--now", NOW, "config")
    assert (code, json.loads(out)["summary"]["findings"]) == (0, 0)
    assert cli("check", "--format", "text", "--now", NOW, "config")[1].endswith("(fail-on high)\n")


def test_formats_from_config_write_reports_unless_the_command_line_names_one(
    cli: Cli, repo: Path
) -> None:
    _config(
        repo, "policies: [rules]\nformats:\n  - {format: sarif, output: out/gate.sarif}\n  - text\n"
    )
    (repo / "out").mkdir()
    assert cli("check", "-q", "--now", NOW, "config") == (1, FINDING, "")
    sarif = json.loads((repo / "out" / "gate.sarif").read_text())
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["ACME-001"]
    (repo / "out" / "gate.sarif").unlink()
    code, out, _ = cli("check", "--format", "json", "--now", NOW, "config")
    assert (code, json.loads(out)["summary"]["findings"]) == (1, 1)
    assert not (repo / "out" / "gate.sarif").exists()


def test_explicit_config(cli: Cli, repo: Path) -> None:
    other = write(repo, "ci/gate.yaml", "policies: [../rules]\n")
    assert cli("check", "-q", "--config", str(other), "--now", NOW, "config") == (1, FINDING, "")


def test_explicit_config_missing(cli: Cli, repo: Path) -> None:
    assert cli("check", "--config", "nope.yaml", "config") == (
        2,
        "",
        "rolegate: error: nope.yaml: config file not found; check the --config path\n",
    )


CONFIG_ERRORS = {
    "unknown-key": (
        "policies: [rules]\npolices: [rules]\n",
        ".rolegate.yaml:2:1: unknown key 'polices'; the keys are policies, ignore, fail_on, "
        "format, formats, strict, max_file_size, usage",
    ),
    "wrong-type": (
        "policies: rules\n",
        ".rolegate.yaml:1:1: $.policies: 'rules' is not of type 'array'",
    ),
    "bad-severity": (
        "\nfail_on: severe\n",
        ".rolegate.yaml:2:1: $.fail_on: 'severe' is not one of ['low', 'medium', 'high', "
        "'critical']",
    ),
    "missing-pack": (
        "policies:\n  - rules\n  - other-rules\n",
        ".rolegate.yaml:3:5: policy pack 'other-rules' not found; paths are relative to the "
        "config file",
    ),
    "bad-format": (
        "format: sarif-ish\n",
        ".rolegate.yaml:1: format 'sarif-ish' is not one of text, json, sarif, junit, github, "
        "markdown, auto; fix it in the config file",
    ),
    "not-a-mapping": ("- rules\n", ".rolegate.yaml:1:1: $: ['rules'] is not of type 'object'"),
    "invalid-yaml": (
        "policies: [rules\n",
        ".rolegate.yaml:2:1: invalid YAML: while parsing a flow sequence did not find "
        "expected ',' or ']'",
    ),
    "format-and-formats": (
        "format: text\nformats: [json]\n",
        ".rolegate.yaml:2:1: give either format or formats, not both",
    ),
    "formats-item": (
        "formats:\n  - {format: sarif}\n",
        ".rolegate.yaml:2:5: $.formats[0]: 'output' is a required property",
    ),
    "two-to-stdout": (
        "formats: [text, github]\n",
        ".rolegate.yaml:1: several formats go to standard output (text, github); give all "
        "but one an output file",
    ),
    "size-too-large": (
        "max_file_size: 2GiB\n",
        ".rolegate.yaml:1:1: $.max_file_size: '2GiB' is outside 1 byte .. 1 GiB",
    ),
    "size-not-a-size": (
        "max_file_size: 32MB\n",
        ".rolegate.yaml:1:1: $.max_file_size: '32MB' does not match '^\\\\s*[0-9]+\\\\s*([bB]|"
        "[kKmMgG][iI][bB])?\\\\s*$'",
    ),
    "strict-not-a-list": (
        "strict: roles\n",
        ".rolegate.yaml:1:1: $.strict: 'roles' is not of type 'boolean'",
    ),
    "two-documents": (
        "policies: []\n---\nfail_on: low\n",
        ".rolegate.yaml:3: a config file holds one YAML document; remove the ---",
    ),
}


@pytest.mark.parametrize("case", sorted(CONFIG_ERRORS))
def test_config_errors_exit_2_at_their_line(cli: Cli, repo: Path, case: str) -> None:
    text, message = CONFIG_ERRORS[case]
    _config(repo, text)
    assert cli("check", "--now", NOW, "config") == (2, "", f"rolegate: error: {message}\n")


def test_several_config_errors_are_reported_together(cli: Cli, repo: Path) -> None:
    _config(repo, "fail_on: never\noutput: x.sarif\n")
    assert cli("check", "config") == (
        2,
        "",
        "rolegate: error: .rolegate.yaml:1:1: $.fail_on: 'never' is not one of ['low', "
        "'medium', 'high', 'critical']\n"
        "rolegate: error: .rolegate.yaml:2:1: unknown key 'output'; the keys are policies, "
        "ignore, fail_on, format, formats, strict, max_file_size, usage\n",
    )


def test_empty_config_changes_nothing(cli: Cli, repo: Path) -> None:
    _config(repo, "# nothing yet\n")
    assert cli("check", "-q", "--now", NOW, "config") == (0, "", "")


def test_a_size_the_command_line_cannot_take_is_a_usage_error(cli: Cli) -> None:
    code, out, err = cli("check", "--max-file-size", "2GiB")
    assert (code, out) == (2, "")
    assert err.endswith("argument --max-file-size: '2GiB' is outside 1 byte .. 1 GiB\n")
