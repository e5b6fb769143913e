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


def test_wheel_ships_the_policies_and_schemas(installed: Path) -> None:
    code = (
        "import checker, checker.policies as p, checker.schema as s; "
        "print(checker.__file__); print(p.builtin_policy_dir()); "
        "print(len(s.schema_text('role')) > 0)"
    )
    out = subprocess.run(
        [str(installed / "bin" / "python"), "-c", code],
        check=True,
        capture_output=True,
        text=True,
        cwd=installed,
    ).stdout.splitlines()
    assert out[0].startswith(str(installed))
    assert out[1] == str(Path(out[0]).parent / "policies")
    assert out[2] == "True"


def test_installed_command_checks_the_example(installed: Path) -> None:
    result = subprocess.run(
        [
            str(installed / "bin" / "rolegate"),
            "check",
            "--now",
            "2026-11-28",
            str(FIXTURES / "example"),
        ],
        capture_output=True,
        text=True,
        cwd=installed,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("rules: 0 findings; passed (fail-on high)\n")


def test_installed_command_blocks_the_incident(installed: Path) -> None:
    result = subprocess.run(
        [
            str(installed / "bin" / "python"),
            "-m",
            "checker",
            "check",
            "-q",
            "--now",
            "2026-11-28",
            str(FIXTURES / "incident"),
        ],
        capture_output=True,
        text=True,
        cwd=installed,
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert " LP-002 " in result.stdout
