"""docs/reliability.md names the test behind every class of bad input: those tests exist.

A row that names a test file, a test function (``file.py::name``) or a hostile-corpus case
(a backticked kebab-case name) must point at something real, so the page cannot promise
a regression test that was renamed or removed.
"""

from __future__ import annotations

import re
from pathlib import Path

from test_hostile import CORPUS

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
TEST_COLUMN = re.compile(r"\|([^|]*)\|\s*$", re.MULTILINE)
TEST_FILE = re.compile(r"`(?:tests/[\w/]+/)?(test_\w+\.py)(?:::(\w+))?`")
CORPUS_CASE = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)+)`")


def _test_cells() -> list[str]:
    return [cell for cell in TEST_COLUMN.findall(PAGE) if "test" in cell or "`" in cell]


def test_every_named_test_file_and_function_exists() -> None:
    by_name = {path.name: path for path in (ROOT / "tests").rglob("test_*.py")}
    named = [match for cell in _test_cells() for match in TEST_FILE.findall(cell)]
    assert len(named) >= 20
    for file_name, function in named:
        assert file_name in by_name, file_name
        if function:
            assert f"def {function}(" in by_name[file_name].read_text(), function


def test_every_named_corpus_case_exists() -> None:
    cases = [case for cell in _test_cells() for case in CORPUS_CASE.findall(cell)]
    assert len(cases) >= 15
    assert sorted(set(cases) - set(CORPUS)) == []


def test_every_corpus_case_is_on_the_page() -> None:
    assert sorted(case for case in CORPUS if f"`{case}`" not in PAGE) == []
