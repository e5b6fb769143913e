"""`rolegate drift` for every vendor, in both directions: a change on the platform (the
export) and a change in the repo are each a finding where it belongs, and exit 1."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from importers.helpers import SYSTEMS, VENDORS, sample

Cli = Callable[..., tuple[int, str, str]]


def _json(path: Path, change: Callable[[object], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2))


def _zendesk(export: Path) -> tuple[str, str]:
    def roles(data: object) -> None:
        data["custom_roles"][0]["configuration"]["ticket_deletion"] = True  # type: ignore[index]

    def users(data: object) -> None:
        extra = copy.deepcopy(data["users"][1])  # type: ignore[index]
        extra.update(id=41000099, email="new.agent@lumafone.example", external_id="E19999")
        data["users"].append(extra)  # type: ignore[index]

    _json(export / "custom_roles.json", roles)
    _json(export / "users.json", users)
    return "grants case:delete at scope team", "new.agent@lumafone.example"


def _connect(export: Path) -> tuple[str, str]:
    def permissions(data: object) -> None:
        data["e9cf75a9-dca7-5057-8f08-f44820012dff"]["Permissions"].append("Cases.Delete")  # type: ignore[index]

    def users(data: object) -> None:
        extra = copy.deepcopy(data[5])  # type: ignore[index]
        extra["User"].update(Id="0000-new", Username="new.agent@lumafone.example")
        data.append(extra)  # type: ignore[attr-defined]

    _json(export / "security-profile-permissions.json", permissions)
    _json(export / "users.json", users)
    return "grants case:delete at scope all", "new.agent@lumafone.example"


def _salesforce(export: Path) -> tuple[str, str]:
    xml = export / "permissionsets" / "Case_Handling.permissionset-meta.xml"
    xml.write_text(
        xml.read_text().replace(
            "<allowDelete>false</allowDelete>", "<allowDelete>true</allowDelete>", 1
        )
    )

    def users(data: object) -> None:
        extra = copy.deepcopy(data["records"][3])  # type: ignore[index]
        extra.update(Id="005NEWUSER00000AAA", Username="new.agent@lumafone.example.prod")
        data["records"].append(extra)  # type: ignore[index]

    _json(export / "users.json", users)
    return "grants case:delete at scope assigned", "new.agent@lumafone.example.prod"


def _genesys(export: Path) -> tuple[str, str]:
    def roles(data: object) -> None:
        policy = {"domain": "externalContacts", "entityName": "contact", "actionSet": ["delete"]}
        data["entities"][1]["permissionPolicies"].append(policy)  # type: ignore[index]

    def users(data: object) -> None:
        extra = copy.deepcopy(data["entities"][3])  # type: ignore[index]
        extra.update(id="new-user", username="new.agent@lumafone.example")
        data["entities"].append(extra)  # type: ignore[index]

    def subjects(data: object) -> None:
        extra = copy.deepcopy(data[3])  # type: ignore[index]
        extra["id"] = "new-user"
        data.append(extra)  # type: ignore[attr-defined]

    _json(export / "roles.json", roles)
    _json(export / "users.json", users)
    _json(export / "subjects.json", subjects)
    return "grants customer:delete at scope division", "new.agent@lumafone.example"


PLATFORM_CHANGES = {
    "zendesk": _zendesk,
    "amazon-connect": _connect,
    "salesforce": _salesforce,
    "genesys": _genesys,
}


@pytest.fixture
def repo(request: pytest.FixtureRequest, tmp_path: Path, cli: Cli) -> Path:
    vendor = request.param
    path = tmp_path / "repo"
    assert cli("import", vendor, str(sample(vendor)), "-o", str(path))[0] == 0
    return path


def _drift(cli: Cli, vendor: str, export: Path, repo: Path, *extra: str) -> tuple[int, str, str]:
    return cli("drift", vendor, str(export), "--repo", str(repo), *extra)


@pytest.mark.parametrize("repo", VENDORS, indirect=True)
def test_no_drift_right_after_import(repo: Path, cli: Cli, request: pytest.FixtureRequest) -> None:
    vendor = request.node.callspec.params["repo"]
    code, out, err = _drift(cli, vendor, sample(vendor), repo)
    assert (code, err) == (0, "")
    assert out.endswith("6 rules: 0 findings; passed (fail-on high)\n")


@pytest.mark.parametrize("repo", VENDORS, indirect=True)
def test_change_on_the_platform(
    repo: Path, cli: Cli, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    vendor = request.node.callspec.params["repo"]
    export = tmp_path / "export"
    shutil.copytree(sample(vendor), export)
    (export / "expected.json").unlink()
    grant, account = PLATFORM_CHANGES[vendor](export)
    code, out, _ = _drift(cli, vendor, export, repo, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    grants = [f for f in findings if f["rule"] == "DRIFT-003"]
    assert len(grants) == 1 and grant in grants[0]["message"]
    assert grants[0]["file"].startswith(str(repo)) or "/roles/" in grants[0]["file"]
    added = [f for f in findings if f["rule"] == "DRIFT-004"]
    assert len(added) == 1 and f'account "{account}" exists on {vendor}' in added[0]["message"]
    assert added[0]["file"].endswith("users.json") and added[0]["line"] > 1
    assert {f["rule"] for f in findings} == {"DRIFT-003", "DRIFT-004"}


@pytest.mark.parametrize("repo", VENDORS, indirect=True)
def test_change_in_the_repo(repo: Path, cli: Cli, request: pytest.FixtureRequest) -> None:
    vendor = request.node.callspec.params["repo"]
    system = SYSTEMS[vendor]
    accounts_file = repo / system / "accounts.yaml"
    bindings = yaml.safe_load(accounts_file.read_text())
    removed = bindings["spec"]["accounts"].pop(0)
    bindings["spec"]["accounts"].append({**removed, "id": "ghost@lumafone.example"})
    accounts_file.write_text(yaml.safe_dump(bindings, sort_keys=False))
    role_file = sorted((repo / system / "roles").glob("*.yaml"))[0]
    extra = yaml.safe_load(role_file.read_text())
    extra["metadata"]["name"] = "hand-made-role"
    extra["spec"]["grants"][0]["actions"].append("delete_audit")
    (repo / system / "roles" / "hand-made-role.yaml").write_text(yaml.safe_dump(extra))
    code, out, _ = _drift(cli, vendor, sample(vendor), repo, "--format", "json")
    findings = json.loads(out)["findings"]
    assert code == 1
    by_rule = {f["rule"]: f for f in findings}
    assert sorted(by_rule) == ["DRIFT-002", "DRIFT-004", "DRIFT-005"]
    assert by_rule["DRIFT-002"]["file"].endswith("roles/hand-made-role.yaml")
    written = (repo / system / "roles" / "hand-made-role.yaml").read_text().splitlines()
    assert by_rule["DRIFT-002"]["line"] == written.index("  name: hand-made-role") + 1
    assert by_rule["DRIFT-005"]["file"].endswith("accounts.yaml")
    assert f'account "{removed["id"]}" exists on {vendor}' in by_rule["DRIFT-004"]["message"]


def test_drift_formats_and_exit_codes(tmp_path: Path, cli: Cli) -> None:
    repo = tmp_path / "repo"
    cli("import", "zendesk", str(sample("zendesk")), "-o", str(repo))
    role = repo / "zendesk" / "roles" / "tier-1-agent.yaml"
    role.write_text(role.read_text().replace("actions: [read, update, comment]", "actions: [read]"))
    for fmt in ("text", "json", "sarif", "junit", "github", "markdown"):
        code, out, err = _drift(cli, "zendesk", sample("zendesk"), repo, "--format", fmt)
        assert (code, err) == (1, ""), fmt
        assert "DRIFT-003" in out, fmt
    sarif = json.loads(_drift(cli, "zendesk", sample("zendesk"), repo, "--format", "sarif")[1])
    assert {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]} >= {
        "DRIFT-001",
        "DRIFT-006",
    }
    assert _drift(cli, "zendesk", sample("zendesk"), repo, "--fail-on", "critical")[0] == 0


def test_drift_needs_an_export_or_pull(tmp_path: Path, cli: Cli) -> None:
    code, _, err = cli("drift", "zendesk", "--repo", str(tmp_path))
    assert code == 2 and "give the export files or folder, or --pull" in err


def test_a_role_renamed_in_the_repo_still_matches_its_vendor_object(
    tmp_path: Path, cli: Cli
) -> None:
    repo = tmp_path / "repo"
    cli("import", "zendesk", str(sample("zendesk")), "-o", str(repo))
    old = repo / "zendesk" / "roles" / "team-lead.yaml"
    text = old.read_text().replace("name: team-lead\n", "name: cs-team-lead\n")
    old.unlink()
    (repo / "zendesk" / "roles" / "cs-team-lead.yaml").write_text(text)
    accounts = repo / "zendesk" / "accounts.yaml"
    accounts.write_text(accounts.read_text().replace("roles: [team-lead]", "roles: [cs-team-lead]"))
    code, out, _ = _drift(cli, "zendesk", sample("zendesk"), repo)
    assert (code, out.splitlines()[-1]) == (
        0,
        "11 files, 6 rules: 0 findings; passed (fail-on high)",
    )
