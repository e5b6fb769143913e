"""Waivers end to end: a waiver in force moves its finding to `waived` (reported, never
dropped); once it expires the finding fails again and the waiver is a finding itself; a
waiver that covers nothing is reported."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.policy.policyset import load_policy_set

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
_ALL_RULES = load_policy_set().rules
USAGE_RULES = sum(1 for rule in _ALL_RULES if rule.area == "usage")
RULES = len(_ALL_RULES) - USAGE_RULES  # evaluated: the usage rules need --usage
NOTE = f"note: {USAGE_RULES} usage rules not evaluated: no usage logs (--usage)\n"
GOV001 = 'role.yaml:4:1: high GOV-001 role "tier1-agent": metadata has no change_ticket'


@pytest.fixture
def waived_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A role missing its change ticket (GOV-001) and a waiver in force for it."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURES / "rules" / "WVR-001" / "good", repo)
    shutil.copytree(FIXTURES / "rules" / "_base", repo / "base")
    (repo / "expect.yaml").unlink()
    monkeypatch.chdir(repo)
    return repo


def test_waiver_in_force_passes_and_shows_the_waived_finding(cli: Cli, waived_repo: Path) -> None:
    assert cli("check", "--now", NOW, ".") == (
        0,
        f"{GOV001} (waived by tier1-ticket-backfill until 2027-02-26)\n"
        f"{NOTE}6 files, {RULES} rules: 0 findings, 1 waived; passed (fail-on high)\n",
        "",
    )


def test_expired_waiver_flips_the_exit_code_from_0_to_1(cli: Cli, waived_repo: Path) -> None:
    assert cli("check", "-q", "--now", NOW, ".")[0] == 0
    waivers = waived_repo / "waivers.yaml"
    waivers.write_text(waivers.read_text().replace("expires: 2027-02-26", "expires: 2026-11-27"))
    assert cli("check", "--now", NOW, ".") == (
        1,
        f"{GOV001}\n"
        'waivers.yaml:13:3: high WVR-001 waiver "tier1-ticket-backfill": expired on 2026-11-27, '
        "so GOV-001 on role:tier1-agent applies again\n"
        f"{NOTE}6 files, {RULES} rules: 2 findings (2 high); failed (fail-on high)\n",
        "",
    )


def test_time_passing_expires_a_waiver(cli: Cli, waived_repo: Path) -> None:
    assert cli("check", "-q", "--now", "2027-02-26", ".")[0] == 0  # its last day
    assert cli("check", "-q", "--now", "2027-02-27", ".")[0] == 1


def test_orphan_waiver_is_reported(cli: Cli, waived_repo: Path) -> None:
    waivers = waived_repo / "waivers.yaml"
    waivers.write_text(waivers.read_text().replace("target: role:tier1-agent", "target: role:x"))
    assert cli("check", "--fail-on", "low", "--now", NOW, ".") == (
        1,
        f"{GOV001}\n"
        'waivers.yaml:9:3: low WVR-002 waiver "tier1-ticket-backfill": no GOV-001 finding on '
        "role:x to cover\n"
        f"{NOTE}6 files, {RULES} rules: 2 findings (1 high, 1 low); failed (fail-on low)\n",
        "",
    )


def test_json_lists_the_waived_finding_with_its_waiver(cli: Cli, waived_repo: Path) -> None:
    code, out, _ = cli("check", "--format", "json", "--now", NOW, ".")
    report = json.loads(out)
    assert (code, report["findings"], report["summary"]["waived"]) == (0, [], 1)
    [waived] = report["waived"]
    assert (waived["finding"]["rule"], waived["finding"]["line"]) == ("GOV-001", 4)
    assert waived["waiver"] == {
        "name": "tier1-ticket-backfill",
        "file": "waivers.yaml",
        "line": 6,
        "reason": "The change predates the ticketing system; the ticket is being backfilled.",
        "ticket": "SEC-311",
        "approved_by": "ana.dpo",
        "expires": "2027-02-26",
    }


def test_quiet_hides_waived_findings(cli: Cli, waived_repo: Path) -> None:
    assert cli("check", "-q", "--now", NOW, ".") == (0, "", "")
