"""``rolegate who-can`` and ``rolegate access`` end to end: exact answers on the fixtures,
the same on the embedded engine and real OPA, and bad names as usage errors."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
INCIDENT = str(FIXTURES / "incident")
EXAMPLE = str(FIXTURES / "example")

WAIVER = """\
apiVersion: rolegate/v1
kind: Waiver
metadata:
  name: phone-full-until-masking
spec:
  rule: DATA-001
  target: role:tier1-agent
  reason: Masking ships with the next CRM release.
  ticket: SEC-900
  approved_by: ana.dpo
  expires: 2026-12-31
"""


@pytest.mark.usefixtures("in_root")
def test_who_sees_full_phone_numbers_in_the_incident(cli: Cli) -> None:
    code, out, err = cli(
        "who-can", "read", "customer.phone", "--visibility", "full", "--now", NOW,
        "fixtures/incident",
    )  # fmt: skip
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "who can read customer.phone (visibility full or more): 1 role, 5 accounts, "
        "4 people, 1 account naming no person"
    )
    assert lines[1] == (
        "role tier1-agent (frontline, contractor)  scope all  visibility full  "
        "fixtures/incident/roles/tier1-agent.yaml:7"
    )
    assert lines[2] == (
        "  grant 0  fixtures/incident/roles/tier1-agent.yaml:26  read  scope all  phone full"
    )
    assert (
        '  finding high DATA-001 fixtures/incident/roles/tier1-agent.yaml:26: role "tier1-agent": '
        "grant on customer.phone is full but its functions (inbound_support) need masked"
    ) in lines
    assert (
        "  account atendimento01 (shared, contractor, no person)  "
        "fixtures/incident/bindings/contact-centre-agents.yaml:10"
    ) in lines
    assert (
        "    finding high ACC-002 fixtures/incident/bindings/contact-centre-agents.yaml:10: "
        in ("\n".join(lines))
    )


def test_nobody_in_the_example_sees_full_phone_numbers_outside_break_glass(cli: Cli) -> None:
    code, out, _ = cli(
        "who-can", "read", "customer.phone", "--visibility", "reveal_on_demand", "--format",
        "json", "--now", NOW, EXAMPLE,
    )  # fmt: skip
    document = json.loads(out)
    assert code == 0
    assert [(r["role"], r["visibility"]) for r in document["roles"]] == [
        ("crm-break-glass", "reveal_on_demand"),
        ("fraud-analyst", "reveal_on_demand"),
    ]
    assert document["query"] == {
        "view": "who_can", "action": "read", "resource": "customer", "field": "phone",
        "visibility": "reveal_on_demand", "scope": "",
    }  # fmt: skip
    assert document["summary"] == {
        "roles": 2, "accounts": 2, "people": 2, "accounts_without_person": 0,
    }  # fmt: skip


def test_a_waived_finding_is_shown_as_waived(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "incident"
    shutil.copytree(INCIDENT, repo)
    (repo / "waivers.yaml").write_text(WAIVER)
    code, out, _ = cli(
        "who-can", "read", "customer.phone", "--format", "json", "--now", NOW, str(repo)
    )
    [role] = json.loads(out)["roles"]
    assert code == 0
    assert [f["rule"] for f in role["waived"]] == ["DATA-001"]
    assert "DATA-001" not in [f["rule"] for f in role["findings"]]


@pytest.mark.usefixtures("in_root")
def test_who_can_as_csv_has_a_row_per_account(cli: Cli) -> None:
    code, out, _ = cli(
        "who-can", "dial", "customer", "--format", "csv", "--now", NOW, "fixtures/incident"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert [row["account"] for row in rows] == [
        "agente07", "atendimento01", "c.bruno.alves", "c.julia.rocha", "c.thiago.moreira",
    ]  # fmt: skip
    assert {row["role"] for row in rows} == {"tier1-agent"}
    assert rows[1]["account_findings"] == (
        "ACC-002@fixtures/incident/bindings/contact-centre-agents.yaml:10;"
        "ACC-001@fixtures/incident/bindings/contact-centre-agents.yaml:11"
    )
    assert rows[0]["grants"] == "fixtures/incident/roles/tier1-agent.yaml:18"


@pytest.mark.usefixtures("in_root")
def test_access_of_a_person_names_the_function_behind_each_grant(cli: Cli) -> None:
    code, out, err = cli("access", "BPO-33107", "--now", NOW, "fixtures/incident")
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0] == "person BPO-33107: 1 account, 1 role (tier1-agent)"
    assert (
        "  customer: dial, read, search_exact, update; scope all (functions need assigned)  "
        "MORE THAN NEEDED"
    ) in lines
    assert (
        "    customer.phone (contact_point): full (functions need masked)  MORE THAN NEEDED"
    ) in lines
    assert "    customer.email (contact_point): masked (functions need masked)" in lines
    assert (
        "    grant 0  fixtures/incident/roles/tier1-agent.yaml:18  read, search_exact, update, "
        "dial  scope all: justified by inbound_support"
    ) in lines


def test_access_of_a_grant_no_function_needs(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "incident"
    shutil.copytree(INCIDENT, repo)
    role = repo / "roles" / "tier1-agent.yaml"
    role.write_text(
        role.read_text().replace(
            "    - resource: identity_check\n",
            "    - resource: payment_card\n      actions: [read]\n      scope: assigned\n"
            "    - resource: identity_check\n",
        )
    )
    code, out, _ = cli("access", "role:tier1-agent", "--format", "json", "--now", NOW, str(repo))
    [role_row] = json.loads(out)["roles"]
    card = next(r for r in role_row["resources"] if r["resource"] == "payment_card")
    assert code == 0
    assert card["needed_scope"] == ""
    assert card["excess_scope"] is True
    assert [(g["functions"], g["unneeded"]) for g in card["grants"]] == [([], ["read"])]
    code, out, _ = cli("access", "role:tier1-agent", "--now", NOW, str(repo))
    assert "scope assigned: no function needs this" in out


def test_access_of_a_person_with_two_roles_merges_them(cli: Cli) -> None:
    code, out, _ = cli("access", "person:E10098", "--format", "json", "--now", NOW, EXAMPLE)
    document = json.loads(out)
    assert code == 0
    assert document["subject"] == {"kind": "person", "name": "E10098"}
    assert [a["id"] for a in document["accounts"]] == ["bg.helena.barros", "helena.barros"]
    assert [r["role"] for r in document["roles"]] == ["crm-break-glass", "cs-supervisor"]
    customer = document["effective"]["customer"]
    assert customer["scope"] == "all"  # the break-glass role's, the wider of the two
    assert customer["fields"]["phone"] == "reveal_on_demand"


def test_access_as_csv_has_a_row_per_field(cli: Cli) -> None:
    code, out, _ = cli("access", "tier1-agent", "--format", "csv", "--now", NOW, INCIDENT)
    rows = list(csv.DictReader(io.StringIO(out)))
    phone = next(r for r in rows if (r["resource"], r["field"]) == ("customer", "phone"))
    assert code == 0
    assert (phone["visibility"], phone["needed"], phone["excess"]) == ("full", "masked", "yes")
    assert phone["functions"] == "inbound_support"
    assert phone["subject"] == "role:tier1-agent"


UNKNOWN_NAMES = [
    (("who-can", "raed", "customer"), "unknown action 'raed'; did you mean read, "),
    (("who-can", "read", "custmer.phone"), "unknown resource 'custmer'; did you mean customer?"),
    (("who-can", "read", "customer.phnoe"), "unknown field of customer 'phnoe'; did you mean"),
    (("who-can", "read", "customer", "--visibility", "full"), "--visibility is about a field"),
    (("access", "tier1-agnet"), "unknown role, account or person 'tier1-agnet'; did you mean"),
    (("access", "person:BPO-3310"), "unknown person 'BPO-3310'; did you mean BPO-33107"),
]


@pytest.mark.parametrize(("argv", "message"), UNKNOWN_NAMES)
def test_unknown_names_are_usage_errors_with_suggestions(
    cli: Cli, argv: tuple[str, ...], message: str
) -> None:
    code, out, err = cli(*argv, "--now", NOW, INCIDENT)
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: {message}")
    assert "Traceback" not in err


def test_paths_may_come_before_or_after_the_options(cli: Cli) -> None:
    before = cli("who-can", "read", "customer.phone", INCIDENT, "--now", NOW, "--format", "json")
    after = cli("who-can", "read", "customer.phone", "--now", NOW, "--format", "json", INCIDENT)
    assert before == after
    assert before[0] == 0


@pytest.mark.parametrize(
    "argv",
    [
        ("who-can", "read", "customer.phone"),
        ("who-can", "export", "customer", "--scope", "team"),
        ("access", "person:E10098"),
        ("access", "tier1-agent-bpo"),
    ],
)
def test_answers_are_the_same_on_the_embedded_engine_and_real_opa(
    cli: Cli, engine: tuple[str, ...], argv: tuple[str, ...]
) -> None:
    embedded = cli(*argv, "--format", "json", "--now", NOW, EXAMPLE)
    assert cli(*argv, "--format", "json", "--now", NOW, *engine, EXAMPLE) == embedded
    assert embedded[0] == 0


def test_text_from_the_repo_cannot_drive_the_terminal(cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "incident"
    shutil.copytree(INCIDENT, repo)
    bindings = repo / "bindings" / "contact-centre-agents.yaml"
    bindings.write_text(bindings.read_text().replace("person: BPO-33107", 'person: "\\e[31mBPO"'))
    code, out, _ = cli("who-can", "read", "customer.phone", "--now", NOW, str(repo))
    assert code == 0
    assert "\x1b" not in out
    assert "(individual, contractor, \\x1b[31mBPO)" in out
