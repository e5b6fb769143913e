"""Installed from a clone with pip (as pre-commit does), the command finds its policies."""

from __future__ import annotations

import subprocess
import venv
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with ``pip install <checkout>``: a built wheel, not an editable install."""
    env_dir = tmp_path_factory.mktemp("install") / "venv"
    venv.create(env_dir, with_pip=True)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", str(ROOT)], check=True
    )
    return env_dir


def _run(installed: Path, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a program of the venv from inside it, away from the checkout."""
    command = [str(installed / "bin" / program), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=installed)


def test_wheel_ships_the_policies_schemas_and_cases(installed: Path) -> None:
    code = (
        "import checker, checker.policy.policyset as p, checker.validate.schema as s, "
        "checker.authoring.ruledocs as r; "
        "print(checker.__file__); print(p.builtin_policy_dir()); "
        "print(len(s.schema_text('role')) > 0); print(r.builtin_cases_dir())"
    )
    out = _run(installed, "python", "-c", code).stdout.splitlines()
    package = Path(out[0]).parent
    assert package.is_relative_to(installed)
    assert out[1:] == [str(package / "policies"), "True", str(package / "rule_cases")]


def test_installed_command_checks_the_example(installed: Path) -> None:
    result = _run(installed, "rolegate", "check", "--now", "2026-11-28", str(FIXTURES / "example"))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("rules: 0 findings; passed (fail-on high)\n")


def test_installed_command_writes_the_html_review_with_its_style_and_script(
    installed: Path,
) -> None:
    """The page's CSS and script ship in the wheel as files beside the reporter."""
    page = installed / "review.html"
    incident = str(FIXTURES / "incident")
    result = _run(installed, "rolegate", "report", "--html", "-o", str(page), incident)
    assert (result.returncode, result.stderr) == (0, "")
    text = page.read_text()
    assert 'document.getElementById("review-data")' in text
    assert ".card .n {" in text


def test_installed_module_blocks_the_incident(installed: Path) -> None:
    incident = str(FIXTURES / "incident")
    result = _run(
        installed, "python", "-m", "checker", "check", "-q", "--now", "2026-11-28", incident
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert " LP-002 " in result.stdout


def test_installed_new_rule_scaffold_runs_and_fails_until_written(installed: Path) -> None:
    """The rule templates and the cases' shared base ship in the wheel."""
    new_rule = ("new-rule", "ACME-001", "--title", "Sample", "--area", "acme", "--dir", "pack")
    assert _run(installed, "rolegate", *new_rule).returncode == 0
    result = _run(installed, "rolegate", "test", "pack")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.endswith("PASS pack/fixtures/rules/ACME-001/good\n2 passed, 2 failed\n")
