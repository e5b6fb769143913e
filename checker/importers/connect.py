"""Amazon Connect: security profiles, their permissions, and users (boto3 ``connect``).

``security-profiles.json`` holds DescribeSecurityProfile responses, ``security-profile-
permissions.json`` maps each profile id to its ListSecurityProfilePermissions result
(pages merged), ``users.json`` holds DescribeUser responses; a single unbundled response
is accepted too. Permissions are the API names; a user's access is the union of its
profiles. Contractor, employer, contract, sponsor and expiry come from user ``Tags`` (a
rolegate convention, docs/import.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.files import display_path
from checker.importers.exportfiles import (
    IdLines,
    expect,
    field,
    optional,
    read_json,
    read_text,
    unique,
)
from checker.importers.files import export_files
from checker.importers.model import VendorExport, VendorRole, VendorUser, Where

VENDOR = "amazon-connect"
MAPPING = "connect"
PATTERNS = ("security-profiles.json", "security-profile-permissions.json", "users.json")
_ARN = "arn:aws:connect:"


def read(paths: Sequence[Path]) -> VendorExport:
    profiles: list[tuple[dict[str, Any], Where]] = []
    users: list[tuple[dict[str, Any], Where]] = []
    permissions: dict[str, tuple[list[str], str]] = {}
    files = export_files(paths, PATTERNS, VENDOR)
    for path in files:
        shown, text = display_path(path), read_text(path)
        data = read_json(path, text) if path.suffix == ".json" else None
        kind, items = _classify(data, shown)
        lines = IdLines(text, "Id")
        if kind == "permissions":
            for ident, page in items[0].items():
                permissions[ident] = (_permission_page(page, f"{shown}: profile {ident}"), shown)
            continue
        for item in items:
            inner = item["SecurityProfile" if kind == "profiles" else "User"]
            expect(isinstance(inner, dict), shown, f"expected an object in {kind}")
            ident = str(field(inner, "Id", str, f"{shown}: an item"))
            (profiles if kind == "profiles" else users).append(
                (inner, Where(shown, lines.line(ident)))
            )
    expect(
        bool(profiles), "amazon-connect export", "no security profiles; pass security-profiles.json"
    )
    expect(bool(users), "amazon-connect export", "no users; pass users.json")
    roles = [_role(p, where, permissions) for p, where in profiles]
    vendor_users = [_user(u, where) for u, where in users]
    unique(((r.id, str(r.where)) for r in roles), "security profile")
    unique(((u.id, str(u.where)) for u in vendor_users), "user")
    return VendorExport(VENDOR, tuple(roles), tuple(vendor_users), tuple(map(display_path, files)))


def _classify(data: Any, shown: str) -> tuple[str, list[dict[str, Any]]]:
    wrong = (
        "not an amazon-connect export: expected DescribeSecurityProfile or DescribeUser "
        "responses (a JSON list, or one response), or a map of profile id to "
        "ListSecurityProfilePermissions results"
    )
    items = data if isinstance(data, list) else [data]
    expect(bool(items) and all(isinstance(i, dict) for i in items), shown, wrong)
    if all("SecurityProfile" in i for i in items):
        return "profiles", items
    if all("User" in i for i in items):
        return "users", items
    if (
        isinstance(data, dict)
        and data
        and all(isinstance(v, dict) and "Permissions" in v for v in data.values())
    ):
        return "permissions", [data]
    expect(False, shown, wrong)
    raise AssertionError  # unreachable: expect raised


def _permission_page(page: dict[str, Any], where: str) -> list[str]:
    expect(
        not page.get("NextToken"), where, "NextToken is set: merge every page of the permissions"
    )
    found = field(page, "Permissions", list, where)
    expect(all(isinstance(p, str) for p in found), where, "expected Permissions to be strings")
    return list(found)


def _role(
    item: dict[str, Any], where: Where, permissions: dict[str, tuple[list[str], str]]
) -> VendorRole:
    ident = item["Id"]
    at = f"{where}: security profile {ident}"
    arn = field(item, "Arn", str, at)
    expect(arn.startswith(_ARN), at, f"Arn {arn!r} is not an Amazon Connect ARN ({_ARN}...)")
    name = field(item, "SecurityProfileName", str, at)
    expect(
        ident in permissions,
        at,
        "no permissions for this profile; pass security-profile-permissions.json "
        "with every profile",
    )
    held = sorted(set(permissions[ident][0]))
    restricted = "RestrictContactAccessByHierarchy.View" in held
    settings = {"contact_search": "hierarchy" if restricted else "instance"}
    if item.get("HierarchyRestrictedResources") or item.get("TagRestrictedResources"):
        settings["user_management"] = "restricted"
    description = optional(item, "Description", str, at) or ""
    return VendorRole(ident, name, "security_profile", where, description, tuple(held), settings)


def _user(item: dict[str, Any], where: Where) -> VendorUser:
    ident = item["Id"]
    at = f"{where}: user {ident}"
    arn = field(item, "Arn", str, at)
    expect(arn.startswith(_ARN), at, f"Arn {arn!r} is not an Amazon Connect ARN ({_ARN}...)")
    username = field(item, "Username", str, at)
    profiles = field(item, "SecurityProfileIds", list, at)
    tags = optional(item, "Tags", dict, at) or {}
    identity = optional(item, "IdentityInfo", dict, at) or {}
    names = [identity.get("FirstName"), identity.get("LastName")]
    person = item.get("DirectoryUserId") or identity.get("Email") or username
    return VendorUser(
        id=ident,
        account=username,
        name=" ".join(n for n in names if n) or username,
        where=where,
        person=str(person),
        role_ids=tuple(str(p) for p in profiles),
        workforce="contractor" if tags.get("workforce") == "contractor" else "employee",
        employer=str(tags.get("employer", "")),
        sponsor=str(tags.get("sponsor", "")),
        contract=str(tags.get("contract", "")),
        valid_until=str(tags.get("valid_until", ""))[:10],
    )
