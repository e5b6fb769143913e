"""Dates outside what the Rego engines count stop at their YAML line (issue 15, item 4).

Before: a contractor's `valid_until: 2263-01-01` lost its finding on OPA (the time builtin
failed, so the rule was undefined) and stopped the embedded engine at lib/model.rego; a
waiver expiring 9999-12-31 was in force forever on OPA, past the 90-day cap. Now the schema
holds dates to 1900-01-01..2199-12-31: each is a SCHEMA-001 at its line, on both engines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from configrepo import edited_copy, position

from checker.engines.embedded import new_engine
from checker.policy.policyset import load_policy_set
from checker.validate.dates import FIRST_DATE, LAST_DATE

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
EXAMPLE = FIXTURES / "example"
BPO = "bindings/bpo-contractors.yaml"
PRIVILEGED = "roles/privileged.yaml"
OUT_OF_RANGE = f"is not a date from {FIRST_DATE} to {LAST_DATE} (YYYY-MM-DD)"

DATES = {
    "valid-until-past-2262": (BPO, "valid_until: 2027-02-26", "valid_until: 2263-01-01"),
    "valid-from-before-1677": (BPO, "valid_from: 2026-09-01", "valid_from: 1677-01-01"),
    "last-review-year-9999": (PRIVILEGED, "last_review: 2026-10-02", "last_review: 9999-12-31"),
    "year-0000": (BPO, "valid_until: 2027-02-26", "valid_until: 0000-01-01"),
}


@pytest.mark.parametrize("case", sorted(DATES))
def test_a_date_outside_the_readable_range_is_a_schema_finding_at_its_line(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, case: str
) -> None:
    name, old, new = DATES[case]
    repo = edited_copy(EXAMPLE, tmp_path / "repo", (name, old, new))
    key, value = new.split(": ")
    code, out, err = cli("check", "-q", "--now", NOW, *engine, str(repo))
    where = position(repo / name, new)
    path = "$.spec.accounts[0]" if name == BPO else "$.metadata"
    expected = f"{repo / name}:{where}: critical SCHEMA-001 {path}.{key}: '{value}' {OUT_OF_RANGE}"
    assert (code, err) == (1, "")
    assert expected in out.splitlines()


def test_a_waiver_that_never_expires_waives_nothing(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    case = FIXTURES / "rules" / "WVR-001" / "good"
    old = "expires: 2027-02-26  # the last day allowed: 90 days after 2026-11-28"
    repo = edited_copy(case, tmp_path / "case", ("waivers.yaml", old, "expires: 9999-12-31"))
    code, out, err = cli("check", "-q", "--now", NOW, *engine, str(repo), "fixtures/rules/_base")
    waivers, role = repo / "waivers.yaml", repo / "role.yaml"
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f'{role}:4:1: high GOV-001 role "tier1-agent": metadata has no change_ticket',
        f"{waivers}:{position(waivers, 'expires: 9999')}: critical SCHEMA-001 $.spec.expires: "
        f"'9999-12-31' {OUT_OF_RANGE}",
    ]


@pytest.mark.parametrize("now", ["2300-01-01", "1600-01-01"])
def test_an_evaluation_time_outside_the_readable_range_cannot_decide(
    cli: Cli, engine: tuple[str, ...], now: str
) -> None:
    assert cli("check", "--now", now, *engine, str(EXAMPLE)) == (
        2,
        "",
        f"rolegate: error: evaluation time (--now): {now} is outside the dates rolegate "
        f"reads ({FIRST_DATE} to {LAST_DATE})\n",
    )


def test_the_schema_and_the_rego_read_the_same_dates() -> None:
    engine = new_engine(load_policy_set())
    rego = [
        json.loads(engine.eval_rule_as_json(f"data.rolegate.lib.model.{b}_date"))
        for b in ("first", "last")
    ]
    assert rego == [str(FIRST_DATE), str(LAST_DATE)]
