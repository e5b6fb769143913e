"""Bad exports and mappings: exit 2, the file and position or object id, what was expected,
and nothing written into -o DIR."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from importers.helpers import sample

Cli = Callable[..., tuple[int, str, str]]


def _copy(vendor: str, tmp_path: Path) -> Path:
    target = tmp_path / "export"
    shutil.copytree(sample(vendor), target)
    (target / "expected.json").unlink()
    return target


def _fails(cli: Cli, tmp_path: Path, *argv: str) -> str:
    out_dir = tmp_path / "out"
    code, out, err = cli("import", *argv, "-o", str(out_dir))
    assert (code, out) == (2, ""), err
    assert not out_dir.exists(), "nothing may be written on failure"
    assert not list(tmp_path.glob(".out.import-*")), "no staging folder may be left behind"
    return err


def test_truncated_json_names_file_line_and_column(tmp_path: Path, cli: Cli) -> None:
    export = _copy("zendesk", tmp_path)
    users = export / "users.json"
    users.write_text(users.read_text()[:5000])
    err = _fails(cli, tmp_path, "zendesk", str(export))
    assert "users.json:" in err and "not valid JSON" in err and "truncated" in err


def test_wrong_vendor_is_refused(tmp_path: Path, cli: Cli) -> None:
    err = _fails(cli, tmp_path, "zendesk", str(sample("genesys") / "roles.json"))
    assert "roles.json: not a zendesk export: expected a JSON object with custom_roles" in err


def test_salesforce_xml_given_to_connect_is_refused(tmp_path: Path, cli: Cli) -> None:
    xml = sample("salesforce") / "permissionsets" / "Case_Handling.permissionset-meta.xml"
    err = _fails(cli, tmp_path, "amazon-connect", str(xml))
    assert "Case_Handling.permissionset-meta.xml: not an amazon-connect export" in err


def test_duplicate_role_ids(tmp_path: Path, cli: Cli) -> None:
    export = _copy("zendesk", tmp_path)
    roles = json.loads((export / "custom_roles.json").read_text())
    roles["custom_roles"].append(roles["custom_roles"][0])
    (export / "custom_roles.json").write_text(json.dumps(roles, indent=2))
    err = _fails(cli, tmp_path, "zendesk", str(export))
    assert "duplicate custom role id '24500001'" in err


def test_user_holding_a_missing_role(tmp_path: Path, cli: Cli) -> None:
    export = _copy("amazon-connect", tmp_path)
    users = json.loads((export / "users.json").read_text())
    users[0]["User"]["SecurityProfileIds"] = ["no-such-profile"]
    (export / "users.json").write_text(json.dumps(users, indent=1))
    err = _fails(cli, tmp_path, "amazon-connect", str(export))
    assert "users.json:" in err and "holds role 'no-such-profile'" in err


def test_unknown_api_version(tmp_path: Path, cli: Cli) -> None:
    export = _copy("salesforce", tmp_path)
    users = export / "users.json"
    users.write_text(users.read_text().replace("/services/data/v62.0/", "/services/data/v40.0/"))
    err = _fails(cli, tmp_path, "salesforce", str(export))
    assert "API version" in err and "v52.0 or later" in err


def test_one_page_of_several_is_refused(tmp_path: Path, cli: Cli) -> None:
    export = _copy("genesys", tmp_path)
    roles = json.loads((export / "roles.json").read_text())
    roles["nextUri"] = "/api/v2/authorization/roles?pageNumber=2"
    (export / "roles.json").write_text(json.dumps(roles))
    assert "nextUri is set" in _fails(cli, tmp_path, "genesys", str(export))


def test_malformed_xml_names_the_line(tmp_path: Path, cli: Cli) -> None:
    export = _copy("salesforce", tmp_path)
    profile = export / "profiles" / "Admin.profile-meta.xml"
    profile.write_text(profile.read_text()[:900])
    err = _fails(cli, tmp_path, "salesforce", str(export))
    assert "Admin.profile-meta.xml:" in err and "not well-formed XML" in err


def test_xml_entities_are_refused(tmp_path: Path, cli: Cli) -> None:
    export = _copy("salesforce", tmp_path)
    profile = export / "profiles" / "Admin.profile-meta.xml"
    text = profile.read_text().replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa">]>',
    )
    profile.write_text(text)
    assert "DOCTYPE or entity declaration" in _fails(cli, tmp_path, "salesforce", str(export))


def test_missing_export_file(tmp_path: Path, cli: Cli) -> None:
    err = _fails(cli, tmp_path, "zendesk", str(sample("zendesk") / "custom_roles.json"))
    assert "no users file; pass users.json" in err


def test_bad_mapping_names_its_line(tmp_path: Path, cli: Cli) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "vendor: zendesk\npermissions:\n  manage_slas:\n    grants: [{resource: case}]\n"
    )
    err = _fails(cli, tmp_path, "zendesk", str(sample("zendesk")), "--mapping", str(mapping))
    assert "mapping.yaml:4:" in err and "'actions' is a required property" in err


def test_mapping_for_another_vendor(tmp_path: Path, cli: Cli) -> None:
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("vendor: genesys\n")
    err = _fails(cli, tmp_path, "zendesk", str(sample("zendesk")), "--mapping", str(mapping))
    assert "a mapping for 'genesys', not 'zendesk'" in err


@pytest.mark.parametrize("vendor", ["zendesk", "salesforce"])
def test_existing_repo_untouched_when_the_import_fails(
    vendor: str, tmp_path: Path, cli: Cli
) -> None:
    repo = tmp_path / "repo"
    assert cli("import", vendor, str(sample(vendor)), "-o", str(repo))[0] == 0
    before = {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()}
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    code, _, _ = cli("import", vendor, str(sample(vendor)), str(bad), "-o", str(repo))
    assert code == 2
    assert {p: p.read_bytes() for p in repo.rglob("*") if p.is_file()} == before
