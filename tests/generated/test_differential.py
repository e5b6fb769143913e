"""Differential: generated repos decide identically on the embedded engine and real OPA.

Repos come from the JSON Schemas with references that meet (generated_repos) and from
small mutations of the fixtures (fixture_mutants), edges drawn on purpose. A divergence
shrinks to a small repo: put it in test_found.py, then fix it. How many repos each test
draws: ROLEGATE_DIFF_EXAMPLES (docs/testing.md).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import generated_fixtures
import pytest
from fixture_mutants import Files, mutants, write_mutant
from generated_repos import repos, write_repo
from generated_settings import DIFF_EXAMPLES, seeded
from hypothesis import given
from two_engines import Engines, both

# A failing example of a whole repo prints long; the failure, not the warning, matters.
pytestmark = [
    pytest.mark.differential,
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]
pair, scratch = generated_fixtures.pair, generated_fixtures.scratch  # fixtures, by name


def _fresh(scratch: Path) -> Path:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    return scratch


@seeded(DIFF_EXAMPLES)
@given(files=repos())
def test_generated_repos_decide_the_same(
    files: list[list[dict[str, Any]]], pair: Engines, scratch: Path
) -> None:
    paths = write_repo(_fresh(scratch), files)
    embedded, opa = both(paths, pair)
    assert embedded == opa


@seeded(DIFF_EXAMPLES)
@given(files=mutants())
def test_fixture_mutants_decide_the_same(files: Files, pair: Engines, scratch: Path) -> None:
    paths = write_mutant(_fresh(scratch), files)
    embedded, opa = both(paths, pair)
    assert embedded == opa
