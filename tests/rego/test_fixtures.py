"""Data-driven: every fixture case is a test; a new case directory needs no new code."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from checker.authoring.cases import EXPECT_FILE, Case, load_case
from checker.authoring.testsuite import run_case

from conftest import FIXTURES

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
CASES = sorted(FIXTURES.rglob(EXPECT_FILE))


def _case_id(path: Path) -> str:
    return path.parent.relative_to(FIXTURES).as_posix()


@pytest.mark.parametrize("expect_file", CASES, ids=_case_id)
def test_case_yields_exactly_its_expected_findings(expect_file: Path) -> None:
    result = run_case(load_case(expect_file), now=NOW)
    assert (result.missing, result.unexpected) == ((), ())


@pytest.mark.parametrize(
    "expect_file", sorted(FIXTURES.glob("rules/*/bad/" + EXPECT_FILE)), ids=_case_id
)
def test_bad_case_declares_its_own_rule(expect_file: Path) -> None:
    rule_id = expect_file.parent.parent.name
    assert rule_id in {rule for rule, _, _ in load_case(expect_file).expected}


@pytest.mark.parametrize(
    "expect_file", sorted(FIXTURES.glob("rules/*/good/" + EXPECT_FILE)), ids=_case_id
)
def test_good_case_expects_nothing(expect_file: Path) -> None:
    assert load_case(expect_file).expected == ()


def test_example_repo_is_clean() -> None:
    result = run_case(Case(FIXTURES / "example", includes=(), expected=()), now=NOW)
    assert result.unexpected == ()
