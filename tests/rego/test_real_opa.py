"""The rule library on the real `opa` command line: `opa test` and `opa check --strict`.

CI runs both as steps of their own too (.ci/run); here they run wherever a real OPA is
found (conftest.real_opa), so a rule that only the real OPA refuses is caught before CI.
"""

from __future__ import annotations

import subprocess

from checker.authoring.regotest import find_tests
from checker.policy.policyset import load_policy_set

from conftest import ROOT

POLICIES = ROOT / "policies"


def _opa(binary: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([binary, *args], capture_output=True, text=True, check=False)


def test_opa_test_passes_every_rego_unit_test(real_opa: str) -> None:
    done = _opa(real_opa, "test", str(POLICIES))
    tests = len(find_tests(load_policy_set(tests=True)))
    assert (done.returncode, done.stdout.strip(), done.stderr) == (0, f"PASS: {tests}/{tests}", "")


def test_opa_check_strict_finds_nothing(real_opa: str) -> None:
    done = _opa(real_opa, "check", "--strict", str(POLICIES))
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
