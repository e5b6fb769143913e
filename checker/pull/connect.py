"""``rolegate pull amazon-connect``: security profiles, their permissions and users of one
instance through boto3 (the standard AWS credential chain), written as the files
``rolegate import amazon-connect`` reads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from checker.errors import GateError


def connect_client(region: str | None) -> Any:
    try:
        import boto3
    except ImportError as error:
        raise GateError(
            "pulling from Amazon Connect needs boto3: pip install 'rolegate[aws]'"
        ) from error
    return boto3.client("connect", region_name=region)


def pull(client: Any, instance: str) -> dict[str, Any]:
    """file name -> the document to write."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return _pull(client, instance)
    except ClientError as error:
        info = error.response.get("Error", {})
        raise GateError(
            f"amazon-connect: {error.operation_name}: {info.get('Code')}: {info.get('Message')}"
            "; check the instance id, the region and the caller's IAM permissions"
        ) from error
    except BotoCoreError as error:
        raise GateError(f"amazon-connect: {error}; configure AWS credentials and region") from error


def _pull(client: Any, instance: str) -> dict[str, Any]:
    ids = [
        s["Id"]
        for s in _pages(client, "list_security_profiles", "SecurityProfileSummaryList", instance)
    ]
    profiles, permissions = [], {}
    for ident in sorted(ids):
        described = client.describe_security_profile(SecurityProfileId=ident, InstanceId=instance)
        profiles.append({"SecurityProfile": _plain(described["SecurityProfile"])})
        held = _pages(
            client,
            "list_security_profile_permissions",
            "Permissions",
            instance,
            SecurityProfileId=ident,
        )
        permissions[ident] = {"Permissions": sorted(held)}
    users = []
    for summary in sorted(
        _pages(client, "list_users", "UserSummaryList", instance), key=lambda s: s["Id"]
    ):
        described = client.describe_user(UserId=summary["Id"], InstanceId=instance)
        users.append({"User": _plain(described["User"])})
    return {
        "security-profiles.json": profiles,
        "security-profile-permissions.json": permissions,
        "users.json": users,
    }


def _pages(client: Any, operation: str, key: str, instance: str, **extra: str) -> list[Any]:
    items: list[Any] = []
    for page in client.get_paginator(operation).paginate(InstanceId=instance, **extra):
        items += page.get(key, [])
    return items


def _plain(value: Any) -> Any:
    """As on the wire: datetimes as epoch seconds."""
    if isinstance(value, datetime):
        return round(value.timestamp(), 3)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
