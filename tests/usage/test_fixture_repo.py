"""fixtures/usage: a repo with logs in the neutral format and two vendor formats (its
.rolegate.yaml names them), where every USE rule fires, the same on both engines; and the
vendor logs read as the formats reference's expected results say."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest

from checker.importers import load_importer
from checker.usage.aggregate import summarize

from conftest import FIXTURES, NOW, ROOT

Cli = Callable[..., tuple[int, str, str]]
REPO = FIXTURES / "usage"
# The formats reference's samples: the exports and expected results are copied in
# tests/data/importers, the usage logs in fixtures/usage/logs.
SAMPLES = ROOT / "tests" / "data" / "importers"
EXPECTED = [
    ("USE-002", "amazon-connect/accounts.yaml", 86),
    ("USE-002", "amazon-connect/accounts.yaml", 100),
    ("USE-002", "amazon-connect/accounts.yaml", 121),
    ("USE-001", "amazon-connect/roles/admin.yaml", 22),
    ("USE-001", "amazon-connect/roles/qualityanalyst.yaml", 21),
    ("USE-004", "crm/accounts.yaml", 8),
    ("USE-005", "crm/accounts.yaml", 8),
    ("USE-002", "crm/accounts.yaml", 23),
    ("USE-001", "crm/crm-agent.yaml", 18),
    ("USE-003", "crm/crm-agent.yaml", 23),
    ("USE-005", "logs/crm-events.csv", 1),
    ("USE-001", "zendesk/roles/administrator-built-in.yaml", 19),
    ("USE-001", "zendesk/roles/administrator-built-in.yaml", 28),
    ("USE-001", "zendesk/roles/billing-specialist.yaml", 16),
    ("USE-001", "zendesk/roles/quality-reviewer.yaml", 16),
    ("USE-001", "zendesk/roles/quality-reviewer.yaml", 22),
    ("USE-001", "zendesk/roles/senior-agent-legacy.yaml", 16),
    ("USE-001", "zendesk/roles/team-lead.yaml", 19),
    ("USE-001", "zendesk/roles/tier-1-agent-bpo.yaml", 16),
    ("USE-001", "zendesk/roles/tier-1-agent.yaml", 16),
]


def _use_findings(out: str) -> list[tuple[str, str, int, str]]:
    return [
        (f["rule"], f["file"].removeprefix("fixtures/usage/"), f["line"], f["message"])
        for f in json.loads(out)["findings"]
        if f["rule"].startswith("USE-")
    ]


@pytest.mark.usefixtures("in_root")
def test_every_use_rule_fires_on_the_usage_repo_on_both_engines(
    cli: Cli, engine: tuple[str, ...]
) -> None:
    code, out, err = cli("check", "--format", "json", "--now", NOW, *engine, "fixtures/usage")
    assert (code, err) == (1, "")
    found = _use_findings(out)
    assert [(rule, file, line) for rule, file, line, _ in found] == EXPECTED
    messages = {message for *_, message in found}
    assert (
        'account "paulo.mendes": opened 42 distinct records on crm in the hour from '
        "2026-11-15T00:00:00Z, over the system's bulk_access_per_hour of 30"
    ) in messages
    assert (
        'role "crm-agent": customer.phone is shown full but its holders only used it masked '
        "or reveal_on_demand in the 90 days to 2026-11-28: lower it to reveal_on_demand"
    ) in messages


@pytest.mark.usefixtures("in_root")
def test_the_report_counts_what_it_skipped_and_could_not_map(cli: Cli) -> None:
    code, out, _ = cli("check", "--now", NOW, "fixtures/usage")
    assert code == 1
    notes = [line for line in out.splitlines() if line.startswith("note:")]
    assert notes == [
        "note: usage: 3 logs, 150 events of 19 accounts on 3 systems (2026-07-02 to 2026-11-20)",
        "note: usage: fixtures/usage/logs/crm-events.csv: 2 rows skipped (missing account: 1, "
        "unparsable time (ISO 8601 with an offset expected): 1), e.g. "
        "fixtures/usage/logs/crm-events.csv:99: missing account; "
        "fixtures/usage/logs/crm-events.csv:100: unparsable time (ISO 8601 with an offset "
        "expected)",
        "note: usage: fixtures/usage/logs/zendesk/access_logs.jsonl: 1 row skipped (refused by "
        "the platform (status 403): 1), e.g. fixtures/usage/logs/zendesk/access_logs.jsonl:3: "
        "refused by the platform (status 403)",
        "note: usage: fixtures/usage/logs/zendesk/access_logs.jsonl: 2 events not mapped to a "
        "grant (GET /api/v2/access_logs: 1, GET /api/v2/search: 1)",
    ]


# Vendor permissions whose evidence lands on a resource:action no other evidence does, so
# that "used" can be read off the summary (ticket_merge, profile and organization edits
# share case:update / customer:update at rolegate's level: docs/usage.md).
ZENDESK = {
    "ticket_deletion": ("case", "delete"),
    "export_views": ("case", "export"),
    "view_deleted_tickets": ("case", "list"),
    "end_user_list_access": ("customer", "list"),
}
CONNECT = {"BasicAgentAccess": ("interaction", "read"), "OutboundCallAccess": ("customer", "dial")}


def _held(vendor: str, folder: Path, active_only: bool) -> set[tuple[str, str]]:
    export = load_importer(vendor).read([folder])
    perms = {role.id: role.permissions for role in export.roles}
    return {
        (user.account.lower(), permission.split("=")[0])
        for user in export.users
        if user.active or not active_only
        for role in user.role_ids
        for permission in perms.get(role, ())
        if permission in ("end_user_list_access=full",) or "=" not in permission
    }


@pytest.mark.parametrize(
    ("vendor", "folder", "log", "evidence"),
    [
        ("zendesk", "zendesk", "access_logs.jsonl", ZENDESK),
        ("amazon-connect", "amazon-connect", "contact-records.jsonl", CONNECT),
    ],
)
def test_vendor_logs_read_as_the_expected_results_say(
    vendor: str, folder: str, log: str, evidence: dict[str, tuple[str, str]]
) -> None:
    expected = json.loads((SAMPLES / folder / "expected.json").read_text())
    unused = {tuple(pair) for pair in expected["unused"] if pair[1] in evidence}
    summary = summarize(
        [str(REPO / "logs" / folder / log)], now=datetime(2026, 11, 28, tzinfo=timezone.utc)
    )
    used = {(g["account"], g["resource"], g["action"]) for g in summary.grants}
    held = {(a, p) for a, p in _held(vendor, SAMPLES / folder, True) if p in evidence}
    assert unused <= held
    assert {(a, p) for a, p in held if (a, *evidence[p]) not in used} == unused
