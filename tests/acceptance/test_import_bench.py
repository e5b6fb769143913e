"""bench/import_gen.py and bench/import_run.py work on a tiny size (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

BENCH = ROOT / "bench"


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BENCH / script), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)


def test_generator_is_deterministic_and_imports(tmp_path: Path) -> None:
    for out in ("a", "b"):
        done = _run(
            "import_gen.py", "--roles", "20", "--users", "50", "--seed", "4", str(tmp_path / out)
        )
        assert done.returncode == 0, done.stderr
    for name in ("custom_roles.json", "users.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    users = json.loads((tmp_path / "a" / "users.json").read_text())["users"]
    assert len(users) == 50


def test_runner_reports_seconds() -> None:
    done = _run("import_run.py", "--roles", "10", "--users", "20")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["roles"], result["users"], len(result["seconds"])) == (10, 20, 1)
