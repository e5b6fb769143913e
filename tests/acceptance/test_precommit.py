"""End to end with real tools: the built wheel, `rolegate init`, and pre-commit's try-repo.

Slow: it builds the wheel, installs it and pre-commit from PyPI into a fresh venv, and
each try-repo installs the hook's own environment. try-repo clones a git repo's HEAD
(plus tracked changes, but not untracked files), so the project is first copied into a
fresh repo as it stands: every file git would ship, tracked or untracked but not ignored.
That is the working tree locally and the commit under test in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

WILDCARD_ROLE = """\
apiVersion: rolegate/v1
kind: Role
metadata:
  name: all-access
  system: crm
  owner: support.manager
  approvers: [security.officer]
  change_ticket: CHG-0002
  last_review: 2026-11-01
spec:
  tier: backoffice
  workforce: employee
  functions: [inbound_support]
  grants:
    - resource: customer
      actions: ["*"]
      scope: assigned
"""

# A repo of custom rules: one rule and its unit tests (tabs, as Rego is written).
LEGACY_RULE = """\
# METADATA
# title: Legacy role still defined
# description: A role whose description marks it legacy must be retired, not kept.
# custom:
#   id: ACME-001
#   severity: medium
#   subject: role
#   controls: [ACME-IAM-7]
#   remediation: Move its holders to a current role and delete it.
package rolegate.rules.acme.legacy_role

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["metadata", "name"], result.role_subject(role), msg) if {
\tsome role in input.roles
\tcontains(object.get(role.metadata, "description", ""), "legacy")
\tmsg := sprintf("role %q is marked legacy", [role.metadata.name])
}
"""
LEGACY_RULE_TESTS = """\
package rolegate.rules.acme.legacy_role_test

import rego.v1

import data.rolegate.rules.acme.legacy_role

_input(description) := {"roles": [{
\t"source": {"file": "role.yaml", "document": 0},
\t"metadata": {"name": "old-desk", "system": "crm", "description": description},
\t"spec": {"tier": "frontline", "workforce": "employee", "grants": []},
}]}

test_legacy_role_fires if {
\tcount(legacy_role.findings) == 1 with input as _input("legacy desk")
}

test_current_role_passes if {
\tcount(legacy_role.findings) == 0 with input as _input("inbound desk")
}
"""
WRONG_TEST = """
test_wrong_expectation_fires if {
\tcount(legacy_role.findings) == 2 with input as _input("legacy desk")
}
"""


@dataclass(frozen=True)
class Tools:
    venv: Path
    project: Path  # a git repo holding the project as it stands
    env: dict[str, str]

    def run(self, program: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        """Run a program of the venv (python, rolegate, pre-commit)."""
        command = [str(self.venv / "bin" / program), *args]
        return subprocess.run(command, cwd=cwd, env=self.env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> Tools:
    base = tmp_path_factory.mktemp("precommit")
    env = _environment(base)
    project = _snapshot(ROOT, base / "project", env)
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    pip = [str(env_dir / "bin" / "python"), "-m", "pip", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(base / "dist"), str(project)], check=True)
    wheels = [str(wheel) for wheel in (base / "dist").glob("rolegate-*.whl")]
    subprocess.run([*pip, "install", *wheels, "pre-commit>=3,<5"], check=True)
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    return Tools(env_dir, project, env)


def _environment(base: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    identity = {"NAME": "rolegate tests", "EMAIL": "tests@rolegate.invalid"}
    for who in ("AUTHOR", "COMMITTER"):
        env.update({f"GIT_{who}_{key}": value for key, value in identity.items()})
    isolated = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}  # no signing etc.
    return {**env, **isolated, "PRE_COMMIT_HOME": str(base / "pre-commit-home"), "NO_COLOR": "1"}


def _snapshot(source: Path, target: Path, env: dict[str, str]) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        if (source / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
    _commit_all(target, env, init=True)
    return target


def _commit_all(repo: Path, env: dict[str, str], *, init: bool = False) -> None:
    steps = [["git", "init", "-q", "-b", "main"]] if init else []
    steps += [["git", "add", "-A"], ["git", "commit", "-q", "-m", "snapshot"]]
    for step in steps:
        subprocess.run(step, cwd=repo, env=env, check=True, capture_output=True)


def test_installed_wheel_finds_its_policies(tools: Tools) -> None:
    where = tools.run("python", "-c", "import checker; print(checker.__file__)", cwd=tools.venv)
    example = str(FIXTURES / "example")
    result = tools.run("rolegate", "check", "-q", "--now", "2026-11-28", example, cwd=tools.venv)
    assert Path(where.stdout.strip()).is_relative_to(tools.venv)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_manifest_and_configs_are_valid_for_pre_commit(tools: Tools, tmp_path: Path) -> None:
    assert tools.run("rolegate", "init", str(tmp_path), cwd=tmp_path).returncode == 0
    manifest = tools.run("pre-commit", "validate-manifest", ".pre-commit-hooks.yaml", cwd=ROOT)
    configs = tools.run(
        "pre-commit",
        "validate-config",
        str(ROOT / ".pre-commit-config.yaml"),
        str(tmp_path / ".pre-commit-config.yaml"),
        cwd=ROOT,
    )
    assert (manifest.returncode, manifest.stdout + manifest.stderr) == (0, "")
    assert (configs.returncode, configs.stdout + configs.stderr) == (0, "")


def test_hook_passes_on_the_scaffold_and_blocks_a_wildcard_grant(
    tools: Tools, tmp_path: Path
) -> None:
    repo = tmp_path / "access-model"
    assert tools.run("rolegate", "init", str(repo), cwd=tmp_path).returncode == 0
    _commit_all(repo, tools.env, init=True)
    try_repo = ("pre-commit", "try-repo", str(tools.project), "rolegate", "--all-files")

    passed = tools.run(*try_repo, "--color", "never", cwd=repo)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^rolegate check\.+Passed$", passed.stdout, re.M)

    (repo / "roles" / "all-access.yaml").write_text(WILDCARD_ROLE)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=tools.env, check=True)
    failed = tools.run(*try_repo, "--color", "never", cwd=repo)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"^rolegate check\.+Failed$", failed.stdout, re.M)
    assert " critical LP-001 " in failed.stdout


def test_test_hook_passes_on_a_rule_pack_and_blocks_a_failing_test(
    tools: Tools, tmp_path: Path
) -> None:
    rules = tmp_path / "policies" / "rolegate" / "rules" / "acme"
    rules.mkdir(parents=True)
    (rules / "legacy_role.rego").write_text(LEGACY_RULE)
    (rules / "legacy_role_test.rego").write_text(LEGACY_RULE_TESTS)
    _commit_all(tmp_path, tools.env, init=True)
    try_repo = ("pre-commit", "try-repo", str(tools.project), "rolegate-test", "--all-files")

    passed = tools.run(*try_repo, "--color", "never", cwd=tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"^rolegate test\.+Passed$", passed.stdout, re.M)

    with (rules / "legacy_role_test.rego").open("a") as tests:
        tests.write(WRONG_TEST)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, env=tools.env, check=True)
    failed = tools.run(*try_repo, "--color", "never", cwd=tmp_path)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert re.search(r"^rolegate test\.+Failed$", failed.stdout, re.M)
    assert "FAIL rolegate.rules.acme.legacy_role_test.test_wrong_expectation_fires " in (
        failed.stdout
    )
