"""bench/rule_ab.py compares two versions of the policies on both engines (no timing is
asserted: a version compared with itself must find the same on every side)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT, unavailable


def _rule_ab(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(ROOT / "bench" / "rule_ab.py"), "--before", str(ROOT), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_rule_ab_times_each_rule_on_both_versions_and_both_engines() -> None:
    try:
        import opa_bindings.engine  # noqa: F401
    except ImportError:
        unavailable("OPA reference (opa-golib-python-bindings) not installed")
    done = _rule_ab("--roles", "4", "--repeat", "1", "ACC-001", "decision")
    assert done.returncode == 0, done.stderr
    sides = r"before/embedded .+ ms  before/opa .+ ms  after/embedded .+ ms  after/opa .+ ms"
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["ACC-001", "decision"]
    assert all(re.fullmatch(rf"\S+\s+{sides}", line) for line in lines)


def test_rule_ab_refuses_an_unknown_rule() -> None:
    assert _rule_ab("XYZ-999").returncode == 2
