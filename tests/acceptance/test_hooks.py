"""The hooks this project publishes (.pre-commit-hooks.yaml) and the ones it runs on itself."""

from __future__ import annotations

import re
from importlib import metadata
from typing import Any

import pytest
import yaml

from checker.cli import build_parser

from conftest import ROOT


def load(name: str) -> Any:
    return yaml.safe_load((ROOT / name).read_text())


def local_hooks() -> dict[str, dict[str, Any]]:
    return {
        hook["id"]: hook
        for repo in load(".pre-commit-config.yaml")["repos"]
        for hook in repo["hooks"]
    }


def published_hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"]: hook for hook in load(".pre-commit-hooks.yaml")}


def test_published_hooks_run_once_per_commit_on_the_whole_repo() -> None:
    hooks = published_hooks()
    assert list(hooks) == ["rolegate", "rolegate-test"]
    for hook in hooks.values():
        assert (hook["language"], hook["pass_filenames"], hook["require_serial"]) == (
            "python",
            False,
            True,
        )
        assert hook["minimum_pre_commit_version"] == "3.0.0"
    check, test = hooks["rolegate"], hooks["rolegate-test"]
    assert (check["entry"], check.get("args"), check["types"]) == ("rolegate check", None, ["yaml"])
    assert (test["entry"], test["args"], test["files"]) == (
        "rolegate test",
        ["."],
        r"\.(rego|ya?ml)$",
    )


@pytest.mark.parametrize("hook_id", ["rolegate", "rolegate-test"])
def test_published_hook_runs_a_real_command(hook_id: str) -> None:
    hook = published_hooks()[hook_id]
    program, *argv = hook["entry"].split()
    args = build_parser().parse_args([*argv, *hook.get("args", [])])
    assert (program, args.command) == ("rolegate", argv[0])


def test_published_hook_files_pattern_matches_rules_tests_and_cases() -> None:
    pattern = re.compile(published_hooks()["rolegate-test"]["files"])
    matched = ["rules/a.rego", "rules/a_test.rego", "cases/bad/expect.yaml", "cases/x.yml"]
    assert [path for path in [*matched, "README.md", "x.rego.bak"] if pattern.search(path)] == (
        matched
    )


def test_own_hooks_need_nothing_but_pypi() -> None:
    repos = load(".pre-commit-config.yaml")["repos"]
    assert [repo["repo"] for repo in repos] == ["local"]
    assert {hook["language"] for hook in local_hooks().values()} == {"python"}


def test_own_hooks_install_the_runtime_dependencies() -> None:
    runtime = {_normal(req) for req in metadata.requires("rolegate") or [] if "extra ==" not in req}
    assert runtime
    hooks = local_hooks()
    needing = [h for h in hooks if h == "mypy" or hooks[h]["entry"].startswith("python -m checker")]
    assert needing == ["mypy", "rolegate-example", "editor-schemas"]
    for hook_id in needing:
        installed = {_normal(dep) for dep in hooks[hook_id]["additional_dependencies"]}
        assert runtime - installed == set(), f"hook {hook_id}: add these to additional_dependencies"


def _normal(requirement: str) -> str:
    return re.sub(r"\s+", "", requirement).lower()
