"""Every input the fuzzer (fuzz_loader.py) found a fault with, loaded again: the fault
stays fixed. A file in regressions/ is a test case; the name says what it found."""

from __future__ import annotations

from pathlib import Path

import pytest
from loader_oracle import DISPLAY, InvariantBroken, check_bytes, check_inside

from checker.findings import YAML_ERROR

REGRESSIONS = sorted((Path(__file__).parent / "regressions").iterdir())


@pytest.mark.parametrize("deep", [False, True], ids=["load", "deep"])
@pytest.mark.parametrize("case", REGRESSIONS, ids=[p.name for p in REGRESSIONS])
def test_found_input_keeps_the_loaders_promises(case: Path, deep: bool, tmp_path: Path) -> None:
    check_bytes(case.read_bytes(), tmp_path, deep=deep)


def test_a_syntax_error_at_the_end_of_a_file_without_a_final_break_is_on_its_last_line(
    tmp_path: Path,
) -> None:
    [finding] = check_bytes(b"a: 1\nb", tmp_path, deep=False)
    assert (finding.line, finding.column) == (2, 2)


def test_the_oracle_refuses_a_finding_past_the_last_line() -> None:
    finding = YAML_ERROR.finding(DISPLAY, 3, 1, "invalid YAML: past the end")
    with pytest.raises(InvariantBroken, match="outside the file"):
        check_inside(finding, (["a: 1", "b"],))


def test_the_oracle_refuses_a_finding_in_another_file() -> None:
    finding = YAML_ERROR.finding("other.yaml", 1, 1, "invalid YAML")
    with pytest.raises(InvariantBroken, match="not the file"):
        check_inside(finding, (["a: 1"],))
