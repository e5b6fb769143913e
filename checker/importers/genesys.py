"""Genesys Cloud CX: roles, divisions, users and each user's grants (AuthzSubject).

``roles.json``, ``divisions.json`` and ``users.json`` are entity listings
(``{"entities": [...]}``); ``subjects.json`` is a list of AuthzSubject (or one). A
role's permissions are its policies' ``domain:entityName:action`` strings plus its plain
``permissions``; a wildcard stays as written (unmapped unless a mapping names it). A role
is granted per division: the ``division`` setting is ``one`` when every grant of the role
is in a single division, ``several`` when in more, ``all`` when in every division of the
org (scopes in genesys.yaml).
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
    object_list,
    optional,
    read_json,
    read_text,
    unique,
)
from checker.importers.files import export_files
from checker.importers.model import VendorExport, VendorRole, VendorUser, Where

VENDOR = "genesys"
MAPPING = "genesys"
PATTERNS = ("roles.json", "divisions.json", "users.json", "subjects.json")


def read(paths: Sequence[Path]) -> VendorExport:
    found: dict[str, list[tuple[dict[str, Any], Where]]] = {
        k: [] for k in ("roles", "divisions", "users", "subjects")
    }
    files = export_files(paths, PATTERNS, VENDOR)
    for path in files:
        shown, text = display_path(path), read_text(path)
        expect(path.suffix == ".json", shown, "not a genesys export: expected a .json file")
        kind, items = _classify(read_json(path, text), shown)
        lines = IdLines(text, "id")
        found[kind] += [(i, Where(shown, lines.line(str(i.get("id"))))) for i in items]
    for kind in ("roles", "users", "subjects"):
        expect(bool(found[kind]), "genesys export", f"no {kind}; pass {kind}.json")
    divisions = {str(d.get("id")) for d, _ in found["divisions"]}
    grants = _grants(found["subjects"], {str(r.get("id")) for r, _ in found["roles"]})
    roles = [_role(r, w, grants, divisions) for r, w in found["roles"]]
    users = [_user(u, w, grants) for u, w in found["users"]]
    unique(((r.id, str(r.where)) for r in roles), "role")
    unique(((u.id, str(u.where)) for u in users), "user")
    strangers = sorted(set(grants) - {u.id for u in users})
    expect(
        not strangers,
        "subjects.json",
        f"grants of user {strangers[0] if strangers else ''}, who is not in users.json",
    )
    return VendorExport(VENDOR, tuple(roles), tuple(users), tuple(map(display_path, files)))


def _classify(data: Any, shown: str) -> tuple[str, list[dict[str, Any]]]:
    wrong = (
        'not a genesys export: expected an entity listing ({"entities": [...]}) of roles, '
        "divisions or users, or AuthzSubject objects"
    )
    if isinstance(data, dict) and "entities" in data:
        expect(
            not data.get("nextUri"), shown, "nextUri is set: one page of several; export every page"
        )
        items = object_list(data["entities"], shown, "entities")
        if all("permissionPolicies" in i or "permissions" in i for i in items):
            return "roles", items
        if all("homeDivision" in i for i in items):
            return "divisions", items
        if all("username" in i or "email" in i for i in items):
            return "users", items
        expect(False, shown, wrong)
    items = data if isinstance(data, list) else [data]
    expect(all(isinstance(i, dict) and "grants" in i for i in items), shown, wrong)
    return "subjects", list(items)


def _grants(
    subjects: list[tuple[dict[str, Any], Where]], roles: set[str]
) -> dict[str, list[tuple[str, str]]]:
    """user id -> [(role id, division id)], checked against the roles."""
    out: dict[str, list[tuple[str, str]]] = {}
    for subject, where in subjects:
        at = f"{where}: subject {subject.get('id')}"
        ident = str(field(subject, "id", str, at))
        for grant in object_list(subject["grants"], at, "grants"):
            role = str(field(field(grant, "role", dict, at), "id", str, at))
            division = str(field(field(grant, "division", dict, at), "id", str, at))
            expect(role in roles, at, f"grant of role {role!r}, which roles.json does not have")
            out.setdefault(ident, []).append((role, division))
    return out


def _role(
    item: dict[str, Any],
    where: Where,
    grants: dict[str, list[tuple[str, str]]],
    divisions: set[str],
) -> VendorRole:
    ident = str(field(item, "id", str, f"{where}: a role"))
    at = f"{where}: role {ident}"
    name = field(item, "name", str, at)
    permissions = {str(p) for p in optional(item, "permissions", list, at) or []}
    for policy in object_list(item.get("permissionPolicies") or [], at, "permissionPolicies"):
        domain = field(policy, "domain", str, at)
        entity = field(policy, "entityName", str, at)
        actions = field(policy, "actionSet", list, at)
        permissions.update(f"{domain}:{entity}:{action}" for action in actions)
    held = {d for user in grants.values() for r, d in user if r == ident}
    spread = (
        "all"
        if divisions and len(divisions) > 1 and held >= divisions
        else ("several" if len(held) > 1 else "one")
    )
    description = optional(item, "description", str, at) or ""
    return VendorRole(
        ident, name, "role", where, description, tuple(sorted(permissions)), {"division": spread}
    )


def _user(
    item: dict[str, Any], where: Where, grants: dict[str, list[tuple[str, str]]]
) -> VendorUser:
    ident = str(field(item, "id", str, f"{where}: a user"))
    at = f"{where}: user {ident}"
    login = optional(item, "username", str, at) or field(item, "email", str, at)
    state = optional(item, "state", str, at) or "active"
    expect(
        state in ("active", "inactive", "deleted"),
        at,
        f"state {state!r}: expected active, inactive or deleted",
    )
    expect(
        ident in grants or state != "active",
        at,
        "no AuthzSubject for this active user; export every user's grants",
    )
    employer = optional(item, "employerInfo", dict, at) or {}
    contractor = str(employer.get("employeeType", "")).lower() == "contractor"
    return VendorUser(
        id=ident,
        account=login,
        name=str(item.get("name") or login),
        where=where,
        person=str(employer.get("employeeId") or item.get("email") or login).strip(),
        role_ids=tuple(sorted({r for r, _ in grants.get(ident, [])})),
        active=state == "active",
        workforce="contractor" if contractor else "employee",
        employer=str(employer.get("officialName") or ""),
        valid_from=str(employer.get("dateHire") or "")[:10],
    )
