"""`rolegate test`: Rego unit tests and golden cases, their output, coverage and exit codes."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from contextlib import redirect_stdout
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.authoring.coverage import line_coverage
from checker.authoring.regotest import find_tests
from checker.authoring.ruledocs import builtin_cases_dir
from checker.cli import main
from checker.policy.policyset import builtin_policy_dir, load_policy_set

from conftest import FIXTURES, ROOT, CliResult
from rulepack import FRONTLINE_TEST, frontline_pack, tarball, write

Cli = Callable[..., CliResult]
BUILTIN_CASES = sorted(FIXTURES.glob(f"rules/*/*/{EXPECT_FILE}"))
TEST_FILE = "pack/rolegate/rules/acme/frontline_test.rego"
FAILING_TESTS = """
test_prints_then_fails if {
	print("role count", count(frontline.findings))
	false
}

test_errors if {
	x := 1 / (count(frontline.findings) - count(frontline.findings))
	x > 0
}
"""


@pytest.fixture(scope="module")
def builtin_run() -> tuple[int, dict[str, Any]]:
    """`rolegate test --coverage --format json` on the built-in library, run once."""
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, redirect_stdout(out):
        patch.chdir(ROOT)
        code = main(["test", "--coverage", "--format", "json"])
    return code, json.loads(out.getvalue())


def test_builtin_library_passes_every_test_and_case(builtin_run: tuple[int, Any]) -> None:
    code, report = builtin_run
    tests = find_tests(load_policy_set(tests=True))
    failing = [t["name"] for t in report["tests"] + report["cases"] if not t["passed"]]
    assert (code, failing) == (0, [])
    assert report["summary"] == {"passed": len(tests) + len(BUILTIN_CASES), "failed": 0}
    assert {c["name"] for c in report["cases"]} == {
        p.parent.relative_to(ROOT).as_posix() for p in BUILTIN_CASES
    }


def test_builtin_library_coverage_is_reported_per_policy_file(
    builtin_run: tuple[int, Any],
) -> None:
    coverage = builtin_run[1]["coverage"]
    policy_files = sorted(
        p.relative_to(ROOT).as_posix()
        for p in builtin_policy_dir().rglob("*.rego")
        if not p.name.endswith("_test.rego")
    )
    assert sorted(f["file"] for f in coverage["files"]) == policy_files
    assert coverage["lines"] == sum(f["lines"] for f in coverage["files"]) > 1000
    assert coverage["percent"] == 100 * coverage["covered"] / coverage["lines"]
    assert (coverage["threshold"], coverage["below_threshold"]) == (None, False)


@pytest.mark.usefixtures("in_root")
def test_text_output_of_builtin_cases(cli: Cli) -> None:
    assert cli("test", "--run", "LP-001/") == (
        0,
        "PASS fixtures/rules/LP-001/bad\nPASS fixtures/rules/LP-001/good\n2 passed, 0 failed\n",
        "",
    )


def _failing_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    frontline_pack(tmp_path / "pack")
    write(tmp_path, TEST_FILE, FRONTLINE_TEST + FAILING_TESTS)


PREFIX = "rolegate.rules.acme.frontline_test"
FAILING_OUTPUT = (
    f"PASS {PREFIX}.test_frontline_fires\n"
    f"PASS {PREFIX}.test_backoffice_passes\n"
    f"FAIL {PREFIX}.test_prints_then_fails ({TEST_FILE}:17)\n"
    f"FAIL {PREFIX}.test_errors ({TEST_FILE}:22): {TEST_FILE}:23:12: divide by zero\n"
    "2 passed, 2 failed\n"
)


def test_failing_tests_with_file_line_and_engine_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_pack(tmp_path, monkeypatch)
    assert cli("test", "pack") == (1, FAILING_OUTPUT, "")


def test_verbose_shows_what_failing_tests_print(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_pack(tmp_path, monkeypatch)
    expected = FAILING_OUTPUT.replace(":17)\n", f":17)\n    print: {TEST_FILE}:18: role count 0\n")
    assert cli("test", "-v", "pack") == (1, expected, "")


def test_json_output(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _failing_pack(tmp_path, monkeypatch)
    code, out, _ = cli("test", "--format", "json", "--run", "prints", "pack")
    assert (code, json.loads(out)) == (
        1,
        {
            "tests": [
                {
                    "name": f"{PREFIX}.test_prints_then_fails",
                    "package": PREFIX,
                    "rule": "test_prints_then_fails",
                    "file": TEST_FILE,
                    "line": 17,
                    "passed": False,
                    "error": "",
                    "output": [f"{TEST_FILE}:18: role count 0"],
                }
            ],
            "cases": [],
            "coverage": None,
            "summary": {"passed": 0, "failed": 1},
        },
    )


def _pack_with_case(tmp_path: Path, expected_line: int) -> Path:
    """The frontline pack plus a golden case: LP-001's good role, which it flags."""
    pack = frontline_pack(tmp_path / "pack")
    case = pack / "cases" / "frontline"
    shutil.copytree(FIXTURES / "rules" / "_base", pack / "cases" / "_base")
    case.mkdir()
    shutil.copy(FIXTURES / "rules" / "LP-001" / "good" / "role.yaml", case)
    expect = {
        "include": ["../_base"],
        "now": "2026-11-28",
        "findings": [{"rule": "ACME-001", "file": "role.yaml", "line": expected_line}],
    }
    (case / EXPECT_FILE).write_text(yaml.safe_dump(expect))
    return pack


def test_pack_golden_case_passes_and_fails(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _pack_with_case(tmp_path, expected_line=13)
    assert cli("test", "--run", "cases", "pack") == (
        0,
        "PASS pack/cases/frontline\n1 passed, 0 failed\n",
        "",
    )
    _pack_with_case(tmp_path / "other", expected_line=12)
    assert cli("test", "--run", "cases", "other/pack") == (
        1,
        "FAIL other/pack/cases/frontline\n"
        "    missing: ACME-001 role.yaml:12\n"
        "    unexpected: ACME-001 role.yaml:13\n"
        "0 passed, 1 failed\n",
        "",
    )


def test_case_that_cannot_be_checked_fails_and_the_rest_run(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pack = _pack_with_case(tmp_path, expected_line=13)
    write(pack, f"cases/broken/{EXPECT_FILE}", "include: [../nowhere]\nfindings: []\n")
    write(pack, "cases/broken/role.yaml", "apiVersion: rolegate/v1\n")
    code, out, _ = cli("test", "--run", "cases", "pack")
    assert (code, out) == (
        1,
        "FAIL pack/cases/broken: pack/cases/broken/../nowhere: no such file or directory\n"
        "PASS pack/cases/frontline\n"
        "1 passed, 1 failed\n",
    )


def test_default_run_adds_configured_packs_and_keeps_builtin_cases_builtin(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frontline rule would flag LP-001's good case; built-in cases run without it."""
    monkeypatch.chdir(tmp_path)
    frontline_pack(tmp_path / "pack")
    write(tmp_path, ".rolegate.yaml", "policies: [pack]\n")
    code, out, _ = cli("test", "--run", "acme|LP-001/good")
    assert (code, out) == (
        0,
        f"PASS {PREFIX}.test_frontline_fires\n"
        f"PASS {PREFIX}.test_backoffice_passes\n"
        f"PASS {builtin_cases_dir()}/LP-001/good\n"
        "3 passed, 0 failed\n",
    )


def test_coverage_and_threshold(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    frontline_pack(tmp_path / "pack")
    rule = "pack/rolegate/rules/acme/frontline.rego"
    code, out, _ = cli("test", "--run", "backoffice", "--threshold", "80", "pack")
    assert (code, out) == (
        1,
        f"PASS {PREFIX}.test_backoffice_passes\n"
        "coverage (lines of policy files evaluated by the tests):\n"
        f"     50.0%  2/4  {rule}\n"
        "     50.0%  2/4  total\n"
        "    below --threshold 80%: the tests fail\n"
        "1 passed, 0 failed\n",
    )
    assert cli("test", "--threshold", "100", "pack")[0] == 0
    assert cli("test", "--coverage", "--run", "backoffice", "pack")[0] == 0


def test_compile_error_in_a_test_is_exit_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    frontline_pack(tmp_path / "pack")
    write(tmp_path, TEST_FILE, FRONTLINE_TEST + "\ntest_unsafe if {\n\ty == 1\n}\n")
    assert cli("test", "pack") == (
        2,
        "",
        f"rolegate: error: policy does not compile: {TEST_FILE}:18:5: "
        "use of undefined variable `y` is unsafe\n",
    )


def test_metadata_lint_runs_before_the_tests(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    rule = frontline_pack(tmp_path / "pack") / "rolegate/rules/acme/frontline.rego"
    rule.write_text(rule.read_text().replace("#   remediation: Nothing to do; it is a test.\n", ""))
    assert cli("test", "pack") == (
        2,
        "",
        "rolegate: error: pack/rolegate/rules/acme/frontline.rego:1: METADATA: "
        "missing custom.remediation\n",
    )


def test_nothing_to_run_is_exit_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    frontline_pack(tmp_path / "pack")
    assert cli("test", "empty") == (
        2,
        "",
        "rolegate: error: no Rego tests (test_* in *_test.rego) or golden cases "
        "(expect.yaml) found in empty; `rolegate new-rule` writes both\n",
    )
    assert cli("test", "--run", "nothing-like-this", "pack") == (
        2,
        "",
        "rolegate: error: no test or case name matches --run 'nothing-like-this' in pack\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--run", "("), "argument --run: '(' is not a regular expression: "),
        (("--threshold", "101"), "argument --threshold: '101' is not a percentage from 0 to 100"),
        (("--threshold", "x"), "argument --threshold: 'x' is not a percentage from 0 to 100"),
    ],
)
def test_bad_options_are_usage_errors(cli: Cli, args: tuple[str, ...], message: str) -> None:
    code, out, err = cli("test", *args)
    assert (code, out) == (2, "")
    assert message in err


def test_every_builtin_case_pins_its_date() -> None:
    """Golden cases must not rot with the calendar: each says when it is evaluated."""
    unpinned = [str(p) for p in FIXTURES.rglob(EXPECT_FILE) if load_case(p).now is None]
    assert unpinned == []


def test_case_date_forms(tmp_path: Path) -> None:
    expect = write(tmp_path, EXPECT_FILE, "now: 2026-11-28T10:00:00+02:00\nfindings: []\n")
    assert load_case(expect).now == datetime(2026, 11, 28, 8, tzinfo=timezone.utc)
    expect.write_text("now: 2026-11-28\nfindings: []\n")
    assert load_case(expect).now == datetime(2026, 11, 28, tzinfo=timezone.utc)


def test_line_coverage_counts_lines_once() -> None:
    report = {"files": [{"path": "a.rego", "covered": [1, 2, 2], "not_covered": [5]}]}
    coverage = line_coverage(report, ["a.rego", "b.rego"])
    assert [(f.file, f.covered, f.lines, f.percent) for f in coverage.files] == [
        ("a.rego", 2, 3, 200 / 3),
        ("b.rego", 0, 0, 100.0),
    ]
    assert (coverage.covered, coverage.lines) == (2, 3)


def test_tests_inside_a_bundle_tarball(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pack = frontline_pack(tmp_path / "pack")
    files = {
        f"/{p.relative_to(pack).as_posix()}": p.read_text() for p in sorted(pack.rglob("*.rego"))
    }
    tarball(tmp_path / "acme.tar.gz", files)
    assert cli("test", "--coverage", "acme.tar.gz") == (
        0,
        f"PASS {PREFIX}.test_frontline_fires\n"
        f"PASS {PREFIX}.test_backoffice_passes\n"
        "coverage (lines of policy files evaluated by the tests):\n"
        "    100.0%  4/4  acme.tar.gz:rolegate/rules/acme/frontline.rego\n"
        "    100.0%  4/4  total\n"
        "2 passed, 0 failed\n",
        "",
    )
