"""Numbers past their bound stop at their YAML line, the same on both engines.

Before: `idle_timeout_minutes: 99999999999999999999999` printed as 1e23 on the embedded
engine and in full on OPA (issue 15: huge integers). Every number in the schemas now has a
maximum (checker/load/numbers.py refuses what is past 64 bits before the schema sees it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from configrepo import edited_copy, position

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
EXAMPLE = FIXTURES / "example"
PRIVILEGED = "roles/privileged.yaml"

NUMBERS = {
    "idle-timeout": (
        PRIVILEGED,
        "idle_timeout_minutes: 5",
        "idle_timeout_minutes: 52560001",
        "$.spec.session.idle_timeout_minutes: 52560001 is greater than the maximum of 52560000",
    ),
    "retention": (
        "systems/crm.yaml",
        "retention_days: 730",
        "retention_days: 36501",
        "$.spec.audit.retention_days: 36501 is greater than the maximum of 36500",
    ),
    "review-interval": (
        "org-policy.yaml",
        "standard: 180",
        "standard: 9223372036854775807",
        "$.spec.thresholds.max_review_interval_days.standard: 9223372036854775807 "
        "is greater than the maximum of 36500",
    ),
}


@pytest.mark.parametrize("case", sorted(NUMBERS))
def test_a_number_past_its_bound_is_a_schema_finding_at_its_line(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, case: str
) -> None:
    name, old, new, message = NUMBERS[case]
    repo = edited_copy(EXAMPLE, tmp_path / "repo", (name, old, new))
    code, out, err = cli("check", "-q", "--now", NOW, *engine, str(repo))
    where = position(repo / name, new)
    assert (code, err) == (1, "")
    assert f"{repo / name}:{where}: critical SCHEMA-001 {message}" in out.splitlines()
