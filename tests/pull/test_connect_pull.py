"""`rolegate pull amazon-connect` against botocore's Stubber: documented responses,
pagination, an access error and missing credentials; never the network."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from importers.helpers import sample

from conftest import unavailable

try:
    import boto3
    from botocore.stub import Stubber
except ImportError:  # a clone installed without the test extra
    boto3 = None

Cli = Callable[..., tuple[int, str, str]]
INSTANCE = "7f3c1e20-4b6d-4c8a-9e21-5d0a6b9c1e42"


@pytest.fixture(autouse=True)
def _needs_boto3() -> None:
    if boto3 is None:
        unavailable("boto3 is not installed: pip install -e '.[test]'")


def _client() -> Any:
    return boto3.client(
        "connect",
        region_name="sa-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def _stub_sample(stubber: Stubber) -> None:
    """The sample as the API returns it: profiles and users listed in two pages each,
    each profile's permissions in two pages."""
    profiles = json.loads((sample("amazon-connect") / "security-profiles.json").read_text())
    permissions = json.loads(
        (sample("amazon-connect") / "security-profile-permissions.json").read_text()
    )
    users = json.loads((sample("amazon-connect") / "users.json").read_text())
    summaries = [
        {"Id": p["SecurityProfile"]["Id"], "Name": p["SecurityProfile"]["SecurityProfileName"]}
        for p in profiles
    ]
    stubber.add_response(
        "list_security_profiles",
        {"SecurityProfileSummaryList": summaries[:3], "NextToken": "p2"},
        {"InstanceId": INSTANCE},
    )
    stubber.add_response(
        "list_security_profiles",
        {"SecurityProfileSummaryList": summaries[3:]},
        {"InstanceId": INSTANCE, "NextToken": "p2"},
    )
    for profile in sorted(profiles, key=lambda p: p["SecurityProfile"]["Id"]):
        inner = dict(profile["SecurityProfile"])
        ident = inner["Id"]
        inner["LastModifiedTime"] = datetime.fromtimestamp(
            inner["LastModifiedTime"], tz=timezone.utc
        )
        stubber.add_response(
            "describe_security_profile",
            {"SecurityProfile": inner},
            {"SecurityProfileId": ident, "InstanceId": INSTANCE},
        )
        held = permissions[ident]["Permissions"]
        stubber.add_response(
            "list_security_profile_permissions",
            {"Permissions": held[:2], "NextToken": "n"},
            {"SecurityProfileId": ident, "InstanceId": INSTANCE},
        )
        stubber.add_response(
            "list_security_profile_permissions",
            {"Permissions": held[2:]},
            {"SecurityProfileId": ident, "InstanceId": INSTANCE, "NextToken": "n"},
        )
    user_summaries = [{"Id": u["User"]["Id"], "Username": u["User"]["Username"]} for u in users]
    stubber.add_response(
        "list_users",
        {"UserSummaryList": user_summaries[:5], "NextToken": "u2"},
        {"InstanceId": INSTANCE},
    )
    stubber.add_response(
        "list_users",
        {"UserSummaryList": user_summaries[5:]},
        {"InstanceId": INSTANCE, "NextToken": "u2"},
    )
    for user in sorted(users, key=lambda u: u["User"]["Id"]):
        inner = dict(user["User"])
        inner["LastModifiedTime"] = datetime.fromtimestamp(
            inner["LastModifiedTime"], tz=timezone.utc
        )
        stubber.add_response(
            "describe_user", {"User": inner}, {"UserId": inner["Id"], "InstanceId": INSTANCE}
        )


def _cli_with(monkeypatch: pytest.MonkeyPatch, client: Any) -> None:
    monkeypatch.setattr("checker.pull.connect.connect_client", lambda region: client)


def test_pulls_every_page_and_imports(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client()
    with Stubber(client) as stubber:
        _stub_sample(stubber)
        _cli_with(monkeypatch, client)
        code, _, err = cli(
            "pull", "amazon-connect", "--instance-id", INSTANCE, "-o", str(tmp_path / "export")
        )
        stubber.assert_no_pending_responses()
    assert code == 0, err
    pulled = json.loads((tmp_path / "export" / "security-profile-permissions.json").read_text())
    original = json.loads(
        (sample("amazon-connect") / "security-profile-permissions.json").read_text()
    )
    assert {k: v["Permissions"] for k, v in pulled.items()} == {
        k: sorted(v["Permissions"]) for k, v in original.items()
    }
    profiles = json.loads((tmp_path / "export" / "security-profiles.json").read_text())
    assert isinstance(profiles[0]["SecurityProfile"]["LastModifiedTime"], float)
    assert (
        cli("import", "amazon-connect", str(tmp_path / "export"), "-o", str(tmp_path / "a"))[0] == 0
    )
    assert (
        cli("import", "amazon-connect", str(sample("amazon-connect")), "-o", str(tmp_path / "b"))[0]
        == 0
    )
    roles = sorted(p.name for p in (tmp_path / "a" / "amazon-connect" / "roles").iterdir())
    assert roles == sorted(p.name for p in (tmp_path / "b" / "amazon-connect" / "roles").iterdir())


def test_access_denied_is_an_error_naming_the_call(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client()
    with Stubber(client) as stubber:
        stubber.add_client_error(
            "list_security_profiles", "AccessDeniedException", "not authorized", 403
        )
        _cli_with(monkeypatch, client)
        code, _, err = cli(
            "pull", "amazon-connect", "--instance-id", INSTANCE, "-o", str(tmp_path / "export")
        )
    assert code == 2
    assert "ListSecurityProfiles: AccessDeniedException: not authorized" in err
    assert not (tmp_path / "export").exists()


def test_missing_credentials(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    code, _, err = cli(
        "pull",
        "amazon-connect",
        "--instance-id",
        INSTANCE,
        "--region",
        "sa-east-1",
        "-o",
        str(tmp_path / "e"),
    )
    assert code == 2 and "configure AWS credentials" in err
