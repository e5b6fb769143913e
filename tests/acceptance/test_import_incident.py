"""The seed incident, end to end through an import: a Zendesk-like export of the
over-privileged agent role imports into a repo that `rolegate check` blocks with the same
least-privilege and data findings as fixtures/incident, plus the export finding."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from conftest import FIXTURES, NOW, ROOT

Cli = Callable[..., tuple[int, str, str]]
CASE = ROOT / "tests" / "data" / "importers" / "incident-zendesk"
FAMILIES = ("LP-", "DATA-", "EXP-")


def _rules(cli: Cli, repo: Path, role: str) -> tuple[int, set[str]]:
    code, out, _ = cli("check", "--now", NOW, "--format", "json", str(repo))
    findings = json.loads(out)["findings"]
    return code, {
        f["rule"]
        for f in findings
        if f["subject"] == f"role:{role}" and f["rule"].startswith(FAMILIES)
    }


def test_imported_incident_is_blocked_like_the_incident(tmp_path: Path, cli: Cli) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(CASE / "repo", repo)
    hand_written = (repo / "job-functions.yaml").read_bytes()
    code, _, err = cli(
        "import",
        "zendesk",
        str(CASE / "export"),
        "-o",
        str(repo),
        "--mapping",
        str(CASE / "mapping.yaml"),
    )
    assert code == 0, err
    assert (repo / "job-functions.yaml").read_bytes() == hand_written
    assert not (repo / "catalog" / "job-functions.yaml").exists()  # the team's own is kept
    incident_code, incident = _rules(cli, FIXTURES / "incident", "tier1-agent")
    imported_code, imported = _rules(cli, repo, "tier1-agent")
    assert (incident_code, imported_code) == (1, 1)
    assert incident == {"LP-002", "LP-005", "DATA-001"}
    assert imported >= incident | {"EXP-001"}
