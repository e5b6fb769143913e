"""The mapping: unknown permissions are kept and reported, --mapping extends and overrides."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from importers.helpers import SAMPLES, sample

Cli = Callable[..., tuple[int, str, str]]


def _role(repo: Path, system: str, name: str) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((repo / system / "roles" / f"{name}.yaml").read_text())


def test_unknown_permission_becomes_unmapped_and_imp001_reports_it(
    tmp_path: Path, cli: Cli
) -> None:
    export = tmp_path / "export"
    shutil.copytree(sample("zendesk"), export)
    roles = json.loads((export / "custom_roles.json").read_text())
    roles["custom_roles"][0]["configuration"]["manage_brand_secrets"] = True
    roles["custom_roles"][0]["configuration"]["ticket_access"] = "everything"
    (export / "custom_roles.json").write_text(json.dumps(roles, indent=2))
    repo = tmp_path / "repo"
    code, _, err = cli("import", "zendesk", str(export), "-o", str(repo))
    assert code == 0 and "2 unmapped permission(s), reported by IMP-001" in err
    role = _role(repo, "zendesk", "tier-1-agent")
    assert role["spec"]["unmapped"] == [
        {
            "vendor": "zendesk",
            "permission": "manage_brand_secrets",
            "source": "custom_role 24500001",
        },
        {
            "vendor": "zendesk",
            "permission": "ticket_access=everything",
            "source": "custom_role 24500001",
        },
    ]
    # ticket_access=everything is unknown: the ticket scope falls back to the widest
    assert {g["scope"] for g in role["spec"]["grants"] if g["resource"] == "case"} == {"all"}
    code, out, _ = cli("check", "--now", "2026-11-28", "--format", "json", str(repo))
    imp = [f for f in json.loads(out)["findings"] if f["rule"] == "IMP-001"]
    assert code == 1
    assert sorted((f["line"], f["subject"]) for f in imp) == [
        (line, "role:tier-1-agent") for line in sorted(f["line"] for f in imp)
    ]
    assert (
        len(imp) == 2
        and 'zendesk permission "manage_brand_secrets" is not mapped'
        in imp[0]["message"] + imp[1]["message"]
    )


def test_mapping_file_maps_a_custom_field_and_completes_roles(tmp_path: Path, cli: Cli) -> None:
    repo = tmp_path / "repo"
    assert cli("import", "salesforce", str(sample("salesforce")), "-o", str(repo))[0] == 0
    assert "unmapped" in _role(repo, "salesforce", "service-agent")["spec"]
    mapping = SAMPLES / "acme-salesforce.yaml"
    assert (
        cli(
            "import",
            "salesforce",
            str(sample("salesforce")),
            "-o",
            str(repo),
            "--mapping",
            str(mapping),
        )[0]
        == 0
    )
    assert not (repo / "salesforce" / "roles" / "service-agent.yaml").exists()
    role = _role(repo, "salesforce", "tier1-agent")
    assert "unmapped" not in role["spec"]
    assert (role["spec"]["functions"], role["metadata"]["owner"]) == (
        ["inbound_support"],
        "maria.souza",
    )
    customer = [g for g in role["spec"]["grants"] if g["resource"] == "customer"]
    assert customer and all(g["fields"]["national_id"] == "none" for g in customer)
    accounts = (repo / "salesforce" / "accounts.yaml").read_text()
    assert "roles: [case-handling, tier1-agent]" in accounts


def test_known_false_settings_grant_nothing(tmp_path: Path, cli: Cli) -> None:
    repo = tmp_path / "repo"
    cli("import", "zendesk", str(sample("zendesk")), "-o", str(repo))
    bpo = _role(repo, "zendesk", "tier-1-agent-bpo")
    assert [(g["resource"], g["scope"]) for g in bpo["spec"]["grants"]] == [
        ("case", "assigned"),
        ("customer", "assigned"),
        ("interaction", "assigned"),
    ]
    assert bpo["spec"]["workforce"] == "contractor"
