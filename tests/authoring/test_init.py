"""`rolegate init`: a new config repo that checks clean, and never overwrites by accident."""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker import __version__
from checker.authoring.editorschema import editor_schema_files
from checker.authoring.scaffold import scaffold
from checker.cli import build_parser
from checker.engines.embedded import new_engine
from checker.load.loader import load_file
from checker.policy.policyset import load_policy_set

from conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
TODAY = datetime.now(timezone.utc).date()
FILES = sorted(scaffold(today=TODAY))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)\n")

WILDCARD_ROLE = f"""\
apiVersion: rolegate/v1
kind: Role
metadata:
  name: all-access
  system: crm
  owner: support.manager
  approvers: [security.officer]
  change_ticket: CHG-0002
  last_review: {TODAY}
spec:
  tier: backoffice
  workforce: employee
  functions: [inbound_support]
  grants:
    - resource: customer
      actions: ["*"]
      scope: assigned
  channels: {{outbound: [], dial: by_reference, device: managed}}
  session: {{mfa: true, idle_timeout_minutes: 10}}
  audit: {{read_events: true}}
"""


@pytest.fixture
def repo(cli: Cli, tmp_path: Path) -> Path:
    """A freshly scaffolded config repo."""
    target = tmp_path / "access-model"
    assert cli("init", str(target))[0] == 0
    return target


def data(path: Path) -> Any:
    """The first document of a YAML file, loaded as rolegate loads it (``on`` stays text)."""
    return load_file(path, path.name).documents[0].data


def test_init_writes_the_repo_and_says_what_next(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "access-model"
    listing = "".join(f"  {path}\n" for path in FILES)
    assert cli("init", str(target)) == (
        0,
        f"wrote 16 files to {target}:\n{listing}"
        "next:\n"
        f"  cd {target}\n"
        "  rolegate check       # passes; edit the files to describe your systems\n"
        "  git init && pre-commit install   # check before every commit\n",
        "",
    )
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == FILES


def test_scaffold_has_every_kind_but_waiver_and_the_hook_and_ci_files() -> None:
    assert [path for path in FILES if not path.startswith("schemas/")] == [
        ".github/workflows/rolegate.yml",
        ".pre-commit-config.yaml",
        "README.md",
        "bindings/employees.yaml",
        "catalog/data-catalog.yaml",
        "catalog/job-functions.yaml",
        "org-policy.yaml",
        "roles/support-agent.yaml",
        "systems/crm.yaml",
    ]


def test_scaffold_checks_clean_even_at_fail_on_low(cli: Cli, repo: Path) -> None:
    code, out, err = cli("check", "--fail-on", "low", str(repo))
    assert (code, err) == (0, "")
    assert out.endswith(" rules: 0 findings; passed (fail-on low)\n")
    # the usage rules, without logs, are not evaluated: a note says so before the summary
    assert out.splitlines()[-1].startswith("6 files, ")


def test_scaffold_fails_once_a_wildcard_role_is_added(cli: Cli, repo: Path) -> None:
    (repo / "roles" / "all-access.yaml").write_text(WILDCARD_ROLE)
    code, out, err = cli("check", "-q", str(repo))
    assert (code, err) == (1, "")
    assert re.search(r"^\S*roles/all-access\.yaml:\d+:\d+: critical LP-001 ", out, re.M)


def test_scaffold_is_dated_today_and_pinned_to_this_version(repo: Path) -> None:
    assert data(repo / "roles" / "support-agent.yaml")["metadata"]["last_review"] == str(TODAY)
    account = data(repo / "bindings" / "employees.yaml")["spec"]["accounts"][0]
    assert account["valid_from"] == str(TODAY)
    hook_repo = data(repo / ".pre-commit-config.yaml")["repos"][0]
    assert hook_repo["rev"] == f"v{__version__}"
    workflow = (repo / ".github" / "workflows" / "rolegate.yml").read_text()
    assert f'pip install "rolegate=={__version__}"' in workflow
    assert not re.search(r"__[A-Z]+__", "".join(p.read_text() for p in repo.rglob("*.y*ml")))


def test_scaffold_uses_the_rolegate_hook_this_project_publishes(repo: Path) -> None:
    manifest = data(ROOT / ".pre-commit-hooks.yaml")
    hooks = data(repo / ".pre-commit-config.yaml")["repos"][0]["hooks"]
    assert hooks == [{"id": "rolegate"}]
    assert "rolegate" in [hook["id"] for hook in manifest]


def test_scaffold_workflow_checks_against_the_base_and_uploads_sarif(repo: Path) -> None:
    workflow = data(repo / ".github" / "workflows" / "rolegate.yml")
    steps = workflow["jobs"]["rolegate"]["steps"]
    assert workflow["on"] == {"pull_request": None, "push": {"branches": ["main"]}}
    assert workflow["permissions"]["security-events"] == "write"
    assert steps[0] == {"uses": "actions/checkout@v4", "with": {"fetch-depth": 0}}
    pull_request = next(s for s in steps if s.get("if") == "github.event_name == 'pull_request'")
    assert pull_request["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert pull_request["run"] == (
        'rolegate check --base "origin/$BASE_REF" --format sarif --output rolegate.sarif'
    )
    upload = steps[-1]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v3"
    assert upload["with"]["sarif_file"] == "rolegate.sarif"
    assert upload["if"].startswith("always()")


def test_scaffold_workflow_runs_commands_this_rolegate_accepts(repo: Path) -> None:
    steps = data(repo / ".github" / "workflows" / "rolegate.yml")["jobs"]["rolegate"]["steps"]
    commands = [s["run"] for s in steps if s.get("run", "").startswith("rolegate ")]
    parsed = [build_parser().parse_args(shlex.split(command)[1:]) for command in commands]
    assert [(args.command, args.base) for args in parsed] == [
        ("check", "origin/$BASE_REF"),
        ("check", None),
    ]
    assert all(command.endswith(" --format sarif --output rolegate.sarif") for command in commands)


def test_scaffold_modelines_name_its_own_self_contained_schemas(repo: Path) -> None:
    schemas = editor_schema_files()
    for path in sorted(repo.rglob("*.yaml")):
        if path.name.startswith("."):
            continue
        found = MODELINE.match(path.read_text())
        assert found, path
        target = (path.parent / found["target"]).resolve()
        assert target.parent == repo / "schemas"
        assert json.loads(schemas[target.name])["properties"]["kind"]["const"] == data(path)["kind"]
        assert target.read_text() == schemas[target.name]


def test_scaffold_org_policy_states_the_built_in_defaults(repo: Path) -> None:
    engine = new_engine(load_policy_set())
    defaults = json.loads(engine.eval_rule_as_json("data.rolegate.lib.defaults.org_policy"))
    assert data(repo / "org-policy.yaml")["spec"] == defaults


def test_init_refuses_to_overwrite_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    role = tmp_path / "roles" / "support-agent.yaml"
    role.parent.mkdir()
    role.write_text("# ours\n")
    assert cli("init", str(tmp_path)) == (
        2,
        "",
        f"rolegate: error: {role} already exists; rerun with --force to overwrite, "
        "or pick an empty directory\n",
    )
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [role]
    assert role.read_text() == "# ours\n"


def test_init_counts_the_other_files_it_would_overwrite(cli: Cli, repo: Path) -> None:
    code, out, err = cli("init", str(repo))
    assert (code, out) == (2, "")
    assert err == (
        f"rolegate: error: {repo / '.github/workflows/rolegate.yml'} already exists "
        "(and 15 more); rerun with --force to overwrite, or pick an empty directory\n"
    )


def test_init_force_overwrites(cli: Cli, repo: Path) -> None:
    role = repo / "roles" / "support-agent.yaml"
    role.write_text("# ours\n")
    code, out, err = cli("init", "--force", str(repo))
    assert (code, err) == (0, "")
    assert out.startswith(f"wrote 16 files to {repo}, 16 of them overwritten:\n")
    assert role.read_text() == scaffold(today=TODAY)["roles/support-agent.yaml"]


def test_init_into_a_file_is_an_error(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.write_text("")
    assert cli("init", str(target)) == (
        2,
        "",
        f"rolegate: error: {target} is not a directory; name a directory for the new repo\n",
    )


def test_init_defaults_to_the_current_directory(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("init")
    lines = out.splitlines()
    assert (code, lines[0], lines[-3]) == (0, "wrote 16 files to .:", "next:")
    assert (tmp_path / "org-policy.yaml").is_file()
