"""Compare the declared repo with the platform: each difference a finding at the YAML
line it concerns, or at the vendor object when the repo has nothing for it."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.drift import checks
from checker.drift.platform import Platform
from checker.findings import BuiltinCheck, Finding
from checker.importers.mapping import VISIBILITIES
from checker.load.loader import Document

_SOURCE = re.compile(r"^# source: (\S+) (\S+) (\S+) ", re.M)
Grants = tuple[set[tuple[str, str, str]], dict[tuple[str, str], str], set[str]]


def drift(platform: Platform, documents: list[tuple[str, Document]], vendor: str) -> list[Finding]:
    roles = {d.data["metadata"]["name"]: d for k, d in documents if k == "Role"}
    ours = {n: d for n, d in roles.items() if d.data["metadata"].get("system") == platform.system}
    renamed = _renamed(ours, platform, vendor)
    found: list[Finding] = []
    matched: set[str] = set()
    for name, role in sorted(platform.roles.items()):
        declared = ours.get(renamed.get(name, name))
        if declared is None:
            where = platform.role_where[name]
            described = role["metadata"]["description"]
            message = (
                f'role "{name}" ({described}) exists on {vendor}; the repo does not declare it'
            )
            found.append(checks.ROLE_ADDED.finding(where.file, where.line or 1, 1, message))
            continue
        matched.add(declared.data["metadata"]["name"])
        found += _grant_drift(declared, role, vendor)
    for name in sorted(set(ours) - matched):
        message = (
            f'role "{name}" is declared for system "{platform.system}" '
            f"but {vendor} has no such role"
        )
        found.append(_at(checks.ROLE_REMOVED, ours[name], ("metadata", "name"), message))
    found += _account_drift(platform, documents, set(ours) | set(platform.roles), renamed, vendor)
    return found


def _renamed(ours: dict[str, Document], platform: Platform, vendor: str) -> dict[str, str]:
    """platform role name -> declared name, for declared roles whose source comment names
    the same vendor object under another name."""
    out = {}
    for name, document in ours.items():
        try:
            text = Path(document.file).read_text("utf-8")
        except OSError:
            continue
        for found_vendor, _, ident in _SOURCE.findall(text):
            platform_name = platform.role_ids.get(urllib.parse.unquote(ident))
            if found_vendor == vendor and platform_name and platform_name != name:
                out[platform_name] = name
    return out


def _normal(role: dict[str, Any]) -> Grants:
    triples: set[tuple[str, str, str]] = set()
    fields: dict[tuple[str, str], str] = {}
    for grant in role["spec"].get("grants", []):
        triples.update((grant["resource"], grant["scope"], a) for a in grant["actions"])
        for field, visibility in (grant.get("fields") or {}).items():
            key = (grant["resource"], field)
            if key not in fields or VISIBILITIES.index(visibility) > VISIBILITIES.index(
                fields[key]
            ):
                fields[key] = visibility
    unmapped = {u["permission"] for u in role["spec"].get("unmapped", [])}
    return triples, fields, unmapped


def _grant_drift(
    declared: Document, platform_role: dict[str, Any], vendor: str
) -> Iterator[Finding]:
    name = declared.data["metadata"]["name"]
    ours, theirs = _normal(declared.data), _normal(platform_role)
    for resource, scope, action in sorted(theirs[0] - ours[0]):
        message = (
            f'role "{name}": {vendor} grants {resource}:{action} at scope {scope}; '
            "the repo does not"
        )
        yield _at(checks.GRANT_CHANGED, declared, _grant_path(declared, resource), message)
    for resource, scope, action in sorted(ours[0] - theirs[0]):
        message = (
            f'role "{name}": the repo declares {resource}:{action} at scope {scope}; '
            f"{vendor} does not grant it"
        )
        yield _at(checks.GRANT_CHANGED, declared, _grant_path(declared, resource, action), message)
    for key in sorted(set(ours[1]) | set(theirs[1])):
        mine, platform = ours[1].get(key, "(unset)"), theirs[1].get(key, "(unset)")
        if mine != platform:
            message = (
                f'role "{name}": {key[0]}.{key[1]} is {platform} on {vendor}, {mine} in the repo'
            )
            path = (*_grant_path(declared, key[0]), "fields", key[1])
            yield _at(checks.GRANT_CHANGED, declared, path, message)
    for permission in sorted(theirs[2] ^ ours[2]):
        side = f"{vendor} grants it" if permission in theirs[2] else f"{vendor} no longer grants it"
        message = f'role "{name}": unmapped permission {permission!r} differs: {side}'
        yield _at(checks.GRANT_CHANGED, declared, ("spec", "unmapped"), message)


def _grant_path(document: Document, resource: str, action: str = "") -> tuple[str | int, ...]:
    for index, grant in enumerate(document.data["spec"].get("grants", [])):
        if grant["resource"] == resource and (not action or action in grant["actions"]):
            if action:
                return ("spec", "grants", index, "actions", grant["actions"].index(action))
            return ("spec", "grants", index)
    return ("spec", "grants")


def _account_drift(
    platform: Platform,
    documents: list[tuple[str, Document]],
    system_roles: set[str],
    renamed: dict[str, str],
    vendor: str,
) -> Iterator[Finding]:
    declared: dict[str, tuple[Document, int, dict[str, Any]]] = {}
    for kind, document in documents:
        if kind != "AccountBindings":
            continue
        for index, account in enumerate(document.data["spec"]["accounts"]):
            if set(account["roles"]) & system_roles or account["id"] in platform.accounts:
                declared[account["id"]] = (document, index, account)
    for ident, account in sorted(platform.accounts.items()):
        if ident not in declared:
            where = platform.account_where[ident]
            message = f'account "{ident}" exists on {vendor}; the repo does not declare it'
            yield checks.ACCOUNT_ADDED.finding(where.file, where.line or 1, 1, message)
            continue
        document, index, ours = declared[ident]
        mine = set(ours["roles"]) & system_roles
        theirs = {renamed.get(r, r) for r in account["roles"]}
        if mine != theirs:
            gained, lost = sorted(theirs - mine), sorted(mine - theirs)
            only_there, only_here = ", ".join(gained) or "none", ", ".join(lost) or "none"
            message = (
                f'account "{ident}": roles differ (on {vendor} only: {only_there}; '
                f"in the repo only: {only_here})"
            )
            yield _at(
                checks.BINDING_CHANGED, document, ("spec", "accounts", index, "roles"), message
            )
    for ident in sorted(set(declared) - set(platform.accounts)):
        document, index, _ = declared[ident]
        message = f'account "{ident}" is bound to {vendor} roles but {vendor} has no such user'
        yield _at(checks.ACCOUNT_REMOVED, document, ("spec", "accounts", index, "id"), message)


def _at(
    check: BuiltinCheck, document: Document, path: tuple[str | int, ...], message: str
) -> Finding:
    line, column = document.locate(path)
    return check.finding(document.file, line, column, message, path)
