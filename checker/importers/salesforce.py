"""Salesforce (Service Cloud): profiles and permission sets (Metadata API source format),
users and permission-set assignments (SOQL REST results).

A role per profile file and per permission-set file. Permissions: ``Object.allowRead``
(and allowCreate, allowEdit, allowDelete, viewAllRecords, modifyAllRecords) per object,
``Object.Field:readable`` / ``:editable`` / ``:hidden`` per field, the user permission's
name (``ViewAllData``), ``customPermission:<name>``, ``apexClass:<name>`` and
``apexPage:<name>``. Tabs, layouts, record types, apps, login hours and IP ranges are not
data access and are not read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.files import display_path
from checker.importers.exportfiles import (
    IdLines,
    XmlElement,
    expect,
    field,
    object_list,
    optional,
    read_json,
    read_text,
    read_xml,
    unique,
)
from checker.importers.files import export_files
from checker.importers.model import VendorExport, VendorRole, VendorUser, Where

VENDOR = "salesforce"
MAPPING = "salesforce"
PATTERNS = (
    "profiles/*.profile-meta.xml",
    "permissionsets/*.permissionset-meta.xml",
    "users.json",
    "permission-set-assignments.json",
)
# Standard profiles' file names differ from Profile.Name (Metadata API Developer Guide).
STANDARD_PROFILES = {"Admin": "System Administrator", "ReadOnly": "Read Only"}
_OBJECT_FLAGS = (
    "allowCreate",
    "allowDelete",
    "allowEdit",
    "allowRead",
    "modifyAllRecords",
    "viewAllRecords",
)
_MIN_VERSION = 52.0  # PermissionSetAssignment.ExpirationDate


def read(paths: Sequence[Path]) -> VendorExport:
    roles: list[VendorRole] = []
    users: list[tuple[dict[str, Any], Where]] = []
    assignments: list[tuple[dict[str, Any], Where]] = []
    files = export_files(paths, PATTERNS, VENDOR)
    for path in files:
        if path.name.endswith((".profile-meta.xml", ".permissionset-meta.xml")):
            roles.append(_role(path))
            continue
        shown, text = display_path(path), read_text(path)
        expect(
            path.suffix == ".json",
            shown,
            "not a salesforce export: expected metadata XML or SOQL JSON",
        )
        kind, records = _records(read_json(path, text), shown)
        lines = IdLines(text, "Id")
        target = users if kind == "User" else assignments
        target += [(r, Where(shown, lines.line(str(r.get("Id"))))) for r in records]
    expect(
        bool(roles),
        "salesforce export",
        "no profile or permission set files; pass profiles/ and permissionsets/",
    )
    expect(bool(users), "salesforce export", "no users; pass users.json (SOQL on User)")
    unique(((r.id, str(r.where)) for r in roles), "profile or permission set")
    unique(((str(u.get("Id")), str(w)) for u, w in users), "user")
    by_name = {r.name: r.id for r in roles if r.kind == "profile"}
    sets = {r.id for r in roles if r.kind == "permission_set"}
    held = _assigned(assignments, sets)
    employer = _operator(users)
    vendor_users = [_user(u, w, by_name, held, employer) for u, w in users]
    for user, sets_held in held.items():
        expect(
            False,
            "permission-set-assignments.json",
            f"assignment of {sets_held[0][0]!r} to user {user}, who is not in users.json",
        )
    return VendorExport(VENDOR, tuple(roles), tuple(vendor_users), tuple(map(display_path, files)))


def _records(data: Any, shown: str) -> tuple[str, list[dict[str, Any]]]:
    expect(
        isinstance(data, dict) and "records" in data,
        shown,
        'not a salesforce export: expected a SOQL result ({"totalSize", "done", "records"})',
    )
    expect(
        data.get("done", True) is True, shown, "done is false: fetch every page (nextRecordsUrl)"
    )
    records = object_list(data["records"], shown, "records")
    kinds = {str((r.get("attributes") or {}).get("type")) for r in records}
    expect(
        len(kinds) <= 1 and kinds <= {"User", "PermissionSetAssignment"},
        shown,
        f"expected User or PermissionSetAssignment records, found {', '.join(sorted(kinds))}",
    )
    for record in records:
        url = str((record.get("attributes") or {}).get("url", ""))
        version = re.search(r"/services/data/v([0-9]+\.[0-9]+)/", url)
        expect(
            version is not None and float(version.group(1)) >= _MIN_VERSION,
            shown,
            f"record {record.get('Id')}: API version in {url!r} unknown or below "
            f"v{_MIN_VERSION}; query with v52.0 or later",
        )
    return (kinds.pop() if kinds else "User"), records


def _role(path: Path) -> VendorRole:
    shown = display_path(path)
    root = read_xml(path)
    profile = path.name.endswith(".profile-meta.xml")
    expect(
        root.tag == ("Profile" if profile else "PermissionSet"),
        shown,
        f"root element <{root.tag}>: expected <{'Profile' if profile else 'PermissionSet'}>",
    )
    stem = path.name.split(".")[0]
    name = STANDARD_PROFILES.get(stem, stem) if profile else stem
    permissions = sorted(set(_permissions(root, shown)))
    custom = (root.child_text("custom") or "false") == "true"
    settings = {"custom": "true" if custom else "false"} if profile else {}
    kind = "profile" if profile else "permission_set"
    description = root.child_text("description") or root.child_text("label") or ""
    return VendorRole(stem, name, kind, Where(shown, 1), description, tuple(permissions), settings)


def _permissions(root: XmlElement, shown: str) -> list[str]:
    found: list[str] = []
    for element in root.find_all("objectPermissions"):
        obj = element.child_text("object")
        expect(bool(obj), f"{shown}:{element.line}", "objectPermissions without <object>")
        found += [f"{obj}.{flag}" for flag in _OBJECT_FLAGS if element.child_text(flag) == "true"]
    for element in root.find_all("fieldPermissions"):
        name = element.child_text("field")
        expect(bool(name), f"{shown}:{element.line}", "fieldPermissions without <field>")
        readable, editable = element.child_text("readable"), element.child_text("editable")
        found.append(f"{name}:readable" if readable == "true" else f"{name}:hidden")
        if editable == "true":
            found.append(f"{name}:editable")
    for tag, prefix, flag in (
        ("userPermissions", "", "enabled"),
        ("customPermissions", "customPermission:", "enabled"),
        ("classAccesses", "apexClass:", "enabled"),
        ("pageAccesses", "apexPage:", "enabled"),
    ):
        for element in root.find_all(tag):
            key = (
                element.child_text("name")
                or element.child_text("apexClass")
                or element.child_text("apexPage")
            )
            expect(bool(key), f"{shown}:{element.line}", f"<{tag}> without a name")
            if element.child_text(flag) == "true":
                found.append(f"{prefix}{key}")
    return found


def _assigned(
    assignments: list[tuple[dict[str, Any], Where]], sets: set[str]
) -> dict[str, list[tuple[str, str]]]:
    """user id -> [(permission set, expiration date)]."""
    held: dict[str, list[tuple[str, str]]] = {}
    for record, where in assignments:
        at = f"{where}: assignment {record.get('Id')}"
        user = field(record, "AssigneeId", str, at)
        permission_set = field(field(record, "PermissionSet", dict, at), "Name", str, at)
        expect(
            permission_set in sets,
            at,
            f"permission set {permission_set!r} has no file; retrieve it with the Metadata API",
        )
        expires = optional(record, "ExpirationDate", str, at) or ""
        held.setdefault(user, []).append((permission_set, expires[:10]))
    return held


def _operator(users: list[tuple[dict[str, Any], Where]]) -> str:
    """The operator's company: the CompanyName most users have (docs/import.md)."""
    counts = Counter(str(u.get("CompanyName") or "") for u, _ in users)
    return min(counts, key=lambda name: (-counts[name], name)) if counts else ""


def _user(
    record: dict[str, Any],
    where: Where,
    profiles: dict[str, str],
    held: dict[str, list[tuple[str, str]]],
    employer: str,
) -> VendorUser:
    ident = str(field(record, "Id", str, f"{where}: a user"))
    at = f"{where}: user {ident}"
    username = field(record, "Username", str, at)
    profile_name = field(field(record, "Profile", dict, at), "Name", str, at)
    expect(
        profile_name in profiles,
        at,
        f"profile {profile_name!r} has no file; retrieve every profile",
    )
    assigned = held.pop(ident, [])
    expiries = sorted(e for _, e in assigned if e)
    company = str(record.get("CompanyName") or "")
    contractor = bool(company) and company != employer
    return VendorUser(
        id=ident,
        account=username,
        name=str(record.get("Name") or username),
        where=where,
        person=str(
            record.get("FederationIdentifier") or record.get("EmployeeNumber") or username.lower()
        ),
        role_ids=(profiles[profile_name], *sorted({s for s, _ in assigned})),
        active=record.get("IsActive") is True,
        workforce="contractor" if contractor else "employee",
        employer=company,
        valid_until=expiries[0] if expiries else "",
    )
