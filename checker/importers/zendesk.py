"""Zendesk Support: custom roles and users (GET /api/v2/custom_roles, /api/v2/users).

Each custom role's ``configuration`` becomes permissions: an enumerated setting as
``key=value``, a boolean that is true as ``key``, custom object scopes as
``custom_objects.<object>=<scope>``; a false boolean grants nothing. Admins and agents
without a custom role hold a built-in role (``builtin_role admin`` / ``agent``), which
becomes a Role too, so no account's access is left out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.files import display_path
from checker.importers.exportfiles import (
    IdLines,
    expect,
    field,
    object_list,
    optional,
    read_json,
    read_text,
    unique,
)
from checker.importers.files import export_files
from checker.importers.model import VendorExport, VendorRole, VendorUser, Where

VENDOR = "zendesk"
MAPPING = "zendesk"
PATTERNS = ("custom_roles.json", "users.json", "groups.json", "group_memberships.json")
_KEYS = ("custom_roles", "custom_role", "users", "groups", "group_memberships")
BUILTIN = {"admin": "Administrator (built-in)", "agent": "Agent (built-in)"}


def read(paths: Sequence[Path]) -> VendorExport:
    roles: list[VendorRole] = []
    users: list[dict[str, Any]] = []
    user_lines: list[tuple[str, IdLines]] = []
    files = export_files(paths, PATTERNS, VENDOR)
    for path in files:
        shown, text = display_path(path), read_text(path)
        data = _envelope(path, text)
        if "custom_roles" in data or "custom_role" in data:
            roles += _roles(data, shown, IdLines(text, "id"))
        elif "users" in data:
            _complete(data, shown)
            batch = object_list(data["users"], shown, "users")
            users += batch
            user_lines += [(shown, IdLines(text, "id"))] * len(batch)
    expect(
        bool(roles) or not users, "zendesk export", "no custom_roles file; pass custom_roles.json"
    )
    expect(bool(users), "zendesk export", "no users file; pass users.json")
    vendor_users = [_user(u, *where) for u, where in zip(users, user_lines, strict=True)]
    roles += _builtin_roles(users)
    unique(((r.id, str(r.where)) for r in roles), "custom role")
    unique(((u.id, str(u.where)) for u in vendor_users), "user")
    return VendorExport(VENDOR, tuple(roles), tuple(vendor_users), tuple(map(display_path, files)))


def _envelope(path: Path, text: str) -> dict[str, Any]:
    shown = display_path(path)
    expect(path.suffix == ".json", shown, "not a zendesk export: expected a .json file")
    data = read_json(path, text)
    expect(
        isinstance(data, dict) and any(k in data for k in _KEYS),
        shown,
        "not a zendesk export: expected a JSON object with custom_roles, users, groups or "
        "group_memberships (GET /api/v2/...)",
    )
    return dict(data)


def _complete(data: dict[str, Any], shown: str) -> None:
    """A page that says more pages follow is an incomplete export: refuse it."""
    more = data.get("next_page") or (data.get("meta") or {}).get("has_more")
    if more:
        raise GateError(
            f"{shown}: one page of several (next_page/has_more is set); export every page, "
            "as `rolegate pull zendesk` does"
        )


def _roles(data: dict[str, Any], shown: str, lines: IdLines) -> list[VendorRole]:
    raw = data["custom_roles"] if "custom_roles" in data else [data["custom_role"]]
    if "custom_roles" in data:
        _complete(data, shown)
    return [_role(item, shown, lines) for item in object_list(raw, shown, "custom roles")]


def _role(item: dict[str, Any], shown: str, lines: IdLines) -> VendorRole:
    ident = str(field(item, "id", int, f"{shown}: a custom role"))
    where = Where(shown, lines.line(ident))
    name = field(item, "name", str, f"{where}: custom role {ident}")
    config = field(item, "configuration", dict, f"{where}: custom role {ident}")
    permissions, settings = _permissions(config, f"{where}: custom role {ident}")
    role_type = optional(item, "role_type", int, f"{where}: custom role {ident}")
    if role_type not in (None, 0):
        permissions.append(f"role_type={role_type}")
    description = optional(item, "description", str, str(where)) or ""
    return VendorRole(
        ident, name, "custom_role", where, description, tuple(sorted(permissions)), settings
    )


def _permissions(config: dict[str, Any], where: str) -> tuple[list[str], dict[str, str]]:
    permissions: list[str] = []
    settings: dict[str, str] = {}
    for key, value in sorted(config.items()):
        if value is None or value is False:
            continue
        if value is True:
            permissions.append(key)
        elif isinstance(value, str):
            permissions.append(f"{key}={value}")
            settings[key] = value
        elif key == "custom_objects" and isinstance(value, dict):
            for obj, access in sorted(value.items()):
                scopes = access.get("scopes") if isinstance(access, dict) else None
                if not isinstance(scopes, list):
                    raise GateError(f"{where}: custom_objects.{obj}: expected a list of scopes")
                permissions += [f"custom_objects.{obj}={s}" for s in sorted(map(str, scopes))]
        elif value or value == 0:
            permissions.append(f"{key}={json.dumps(value, sort_keys=True)}")
    return permissions, settings


def _builtin_roles(users: list[dict[str, Any]]) -> list[VendorRole]:
    held = {str(u.get("role")) for u in users if u.get("custom_role_id") is None}
    return [
        VendorRole(name, title, "builtin_role", Where("users.json"), "", (f"builtin:{name}",))
        for name, title in BUILTIN.items()
        if name in held
    ]


def _user(item: dict[str, Any], shown: str, lines: IdLines) -> VendorUser:
    ident = str(field(item, "id", int, f"{shown}: a user"))
    where = Where(shown, lines.line(ident))
    at = f"{where}: user {ident}"
    url = optional(item, "url", str, at)
    expect(url is None or "/api/v2/" in url, at, f"url {url!r} is not API v2; export with /api/v2")
    email = field(item, "email", str, at)
    role = field(item, "role", str, at)
    expect(
        role in ("end-user", "agent", "admin"),
        at,
        f"role {role!r}: expected end-user, agent or admin",
    )
    custom = optional(item, "custom_role_id", int, at)
    held = (str(custom),) if custom is not None else ((role,) if role in BUILTIN else ())
    fields = item.get("user_fields") or {}
    tags = item.get("tags") or []
    contractor = "contractor" in tags or fields.get("employment_type") == "contractor"
    return VendorUser(
        id=ident,
        account=email,
        name=str(item.get("name") or email),
        where=where,
        person=str(item.get("external_id") or email.lower()),
        role_ids=held,
        active=bool(item.get("active", True)) and not item.get("suspended", False),
        workforce="contractor" if contractor else "employee",
        employer=str(fields.get("employer") or ""),
        sponsor=str(fields.get("sponsor") or ""),
        contract=str(fields.get("contract") or ""),
        valid_until=str(fields.get("contract_end") or "")[:10],
    )
