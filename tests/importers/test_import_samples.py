"""`rolegate import` on each vendor's sample: the repo it writes, and what check says of it.

The samples (tests/data/importers, copied from the formats reference) come with
expected.json: one Role per vendor role object, one account per user record, and every
over-privileged role flagged by rolegate's own rules on the mapped grants.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from importers.helpers import VENDORS, expected, imported_roles, sample, tree

Cli = Callable[..., tuple[int, str, str]]
# Rules that judge what a role's grants reach (not its paperwork: owner, functions, MFA).
ACCESS_RULES = {"LP-001", "LP-002", "LP-005", "LP-006", "EXP-001", "EXP-002", "EXP-003", "TP-002"}
ACCESS_PREFIXES = ("DATA-", "ESC-")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from checker.cli import main

    repos = {}
    for vendor in VENDORS:
        repo = tmp_path_factory.mktemp(vendor) / "repo"
        assert main(["import", vendor, str(sample(vendor)), "-o", str(repo)]) == 0
        repos[vendor] = repo
    return repos


@pytest.mark.parametrize("vendor", VENDORS)
def test_one_role_per_vendor_role_and_one_account_per_user(
    vendor: str, imported: dict[str, Path]
) -> None:
    roles = imported_roles(imported[vendor], vendor)
    from_objects = [name for kind, name in roles.values() if kind != "builtin_role"]
    assert len(from_objects) == len(set(from_objects)) == expected(vendor)["roles"]
    accounts_file = next(imported[vendor].glob("*/accounts.yaml"))
    accounts = yaml.safe_load(accounts_file.read_text())["spec"]["accounts"]
    assert len(accounts) == len({a["id"] for a in accounts}) == expected(vendor)["accounts"]


@pytest.mark.parametrize("vendor", VENDORS)
def test_check_flags_every_overprivileged_role_through_its_grants(
    vendor: str, imported: dict[str, Path], cli: Cli
) -> None:
    code, out, err = cli("check", "--now", "2026-11-28", "--format", "json", str(imported[vendor]))
    assert code == 1, err  # evaluated, with findings: never 2
    findings = json.loads(out)["findings"]
    assert not [f for f in findings if f["rule"] in ("SCHEMA-001", "REF-001", "YAML-001")]
    by_vendor_name = {
        name: role for role, (_, name) in imported_roles(imported[vendor], vendor).items()
    }
    for name in expected(vendor)["overprivileged_roles"]:
        role = by_vendor_name[name]
        rules = {
            f["rule"]
            for f in findings
            if f.get("subject") == f"role:{role}"
            and (f["rule"] in ACCESS_RULES or f["rule"].startswith(ACCESS_PREFIXES))
        }
        assert rules, (
            f"{vendor} role {name!r} ({role}) is over-privileged but no access rule flags it"
        )


@pytest.mark.parametrize("vendor", VENDORS)
def test_import_again_is_byte_identical_and_keeps_the_users_files(
    vendor: str, tmp_path: Path, cli: Cli
) -> None:
    repo = tmp_path / "repo"
    assert cli("import", vendor, str(sample(vendor)), "-o", str(repo))[0] == 0
    first = tree(repo)
    catalog = repo / "catalog" / "data-catalog.yaml"
    catalog.write_text(catalog.read_text() + "# reviewed by the DPO\n")
    (repo / "org-policy.yaml").write_text("apiVersion: rolegate/v1\nkind: OrgPolicy\n")
    assert cli("import", vendor, str(sample(vendor)), "-o", str(repo))[0] == 0
    second = tree(repo)
    assert second.pop("org-policy.yaml") == b"apiVersion: rolegate/v1\nkind: OrgPolicy\n"
    assert second.pop("catalog/data-catalog.yaml").endswith(b"# reviewed by the DPO\n")
    first.pop("catalog/data-catalog.yaml")
    assert second == first


def test_files_in_any_order_import_like_their_folder(tmp_path: Path, cli: Cli) -> None:
    folder = sample("genesys")
    files = sorted(folder.glob("*.json"), reverse=True)
    files = [f for f in files if f.name != "expected.json"]
    assert cli("import", "genesys", str(folder), "-o", str(tmp_path / "a"))[0] == 0
    assert cli("import", "genesys", *map(str, files), "-o", str(tmp_path / "b"))[0] == 0
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_generated_documents_name_their_vendor_objects(tmp_path: Path, cli: Cli) -> None:
    cli("import", "zendesk", str(sample("zendesk")), "-o", str(tmp_path / "r"))
    role = (tmp_path / "r" / "zendesk" / "roles" / "senior-agent-legacy.yaml").read_text()
    assert role.startswith(
        '# source: zendesk custom_role 24500003 "Senior Agent (legacy)" (custom_roles.json:183)\n'
    )
    accounts = (tmp_path / "r" / "zendesk" / "accounts.yaml").read_text()
    assert (
        '    # zendesk user 41000032 "Julia Teles"\n    - id: julia.teles@lumafone.example\n'
        in accounts
    )
