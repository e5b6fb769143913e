"""The repo an import writes, as text: a System, one Role per vendor role, one
AccountBindings with one account per user record, and the skeletons a user completes.

Every generated document starts with a ``# source:`` comment naming the vendor object
(``drift`` reads it back to match renamed roles), and every account has a comment
naming its user record. The same export and mapping always give the same bytes.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.importers.grants import MappedRole, map_role
from checker.importers.mapping import Mapping
from checker.importers.model import VendorExport, VendorRole, VendorUser, Where
from checker.importers.yamltext import Commented, comment_lines, emit

API_VERSION = "rolegate/v1"
SOURCE = re.compile(r"^# source: (?P<vendor>\S+) (?P<kind>\S+) (?P<id>\S+)", re.M)
_ROLE_KEYS = ("owner", "approvers", "change_ticket", "last_review")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def account_id(login: str) -> str:
    """A login as a rolegate account id: lower-case, other characters as '-'."""
    cleaned = re.sub(r"[^a-z0-9._@-]", "-", login.strip().lower())
    return cleaned if re.match(r"^[a-z0-9]", cleaned) else f"u{cleaned}"


def role_names(roles: Iterable[VendorRole], mapping: Mapping) -> dict[str, str]:
    """vendor role id -> rolegate role name: the mapping's name, else the slug of the
    vendor's name; a name two roles would share gets the vendor id appended."""
    wanted = {r.id: mapping.role_settings(r).get("name") or slug(r.name) or "role" for r in roles}
    counts: dict[str, int] = {}
    for name in wanted.values():
        counts[name] = counts.get(name, 0) + 1
    return {
        ident: name if counts[name] == 1 else f"{name}-{slug(ident)}"
        for ident, name in wanted.items()
    }


def mapped_roles(export: VendorExport, mapping: Mapping) -> list[tuple[str, MappedRole]]:
    names = role_names(export.roles, mapping)
    return sorted(((names[r.id], map_role(r, mapping)) for r in export.roles), key=lambda p: p[0])


def source_comment(vendor: str, kind: str, ident: str, name: str, where: Where) -> str:
    """The comment naming a vendor object: its file by name only, so the output does not
    depend on where the export was read from."""
    line = f":{where.line}" if where.line else ""
    return f'source: {vendor} {kind} {quote(ident)} "{name}" ({Path(where.file).name}{line})'


def quote(ident: str) -> str:
    """A vendor id as one word (a Salesforce profile's id is its name, spaces and all)."""
    return urllib.parse.quote(ident, safe="@:._-/")


def role_document(
    name: str, mapped: MappedRole, mapping: Mapping, system: str, contractor: bool
) -> str:
    role = mapped.vendor_role
    settings = mapping.role_settings(role)
    metadata: dict[str, Any] = {"name": name}
    description = f"{role.name}: {role.description}" if role.description else role.name
    metadata["description"] = description
    metadata["system"] = system
    metadata.update({k: settings[k] for k in _ROLE_KEYS if k in settings})
    spec: dict[str, Any] = {
        "tier": settings.get("tier") or mapping.tier(role),
        "workforce": settings.get("workforce") or ("contractor" if contractor else "employee"),
        "functions": list(settings.get("functions", [])),
        "grants": list(mapped.grants),
    }
    channels = {**mapped.channels, **settings.get("channels", {})}
    if channels:
        spec["channels"] = channels
    for key in ("session", "audit"):
        if key in settings:
            spec[key] = settings[key]
    if mapped.unmapped:
        spec["unmapped"] = [
            {"vendor": mapping.vendor, "permission": p, "source": f"{role.kind} {quote(role.id)}"}
            for p in mapped.unmapped
        ]
    head = source_comment(mapping.vendor, role.kind, role.id, role.name, role.where)
    note = (
        f"Imported by `rolegate import {mapping.vendor}`; importing again replaces this file.\n"
        "Keep lasting changes (tier, functions, owner, ...) in a --mapping file: docs/import.md"
    )
    document = {"apiVersion": API_VERSION, "kind": "Role", "metadata": metadata, "spec": spec}
    return "\n".join(comment_lines(f"{head}\n{note}")) + "\n" + emit(document)


def accounts_document(
    export: VendorExport, names: dict[str, str], mapping: Mapping, system: str
) -> str:
    accounts = []
    operator = str(mapping.data.get("users", {}).get("employer", ""))
    seen: dict[str, VendorUser] = {}
    for user in sorted(export.users, key=lambda u: (account_id(u.account), u.id)):
        ident = account_id(user.account)
        if ident in seen:
            raise GateError(
                f"{user.where}: user {user.id}: account {ident!r} is also user "
                f"{seen[ident].id} ({seen[ident].where}); each login must be one account"
            )
        seen[ident] = user
        account = _account(ident, user, names, operator)
        accounts.append(Commented(_user_comment(mapping.vendor, user), account))
    shown = ", ".join(sorted({Path(f).name for f in export.files}))
    head = f"source: {mapping.vendor} users (read from {shown})"
    document = {
        "apiVersion": API_VERSION,
        "kind": "AccountBindings",
        "metadata": {"name": f"{system}-accounts", "description": f"Accounts of {system}"},
        "spec": {"accounts": accounts},
    }
    return "\n".join(comment_lines(head)) + "\n" + emit(document)


def _user_comment(vendor: str, user: VendorUser) -> str:
    state = "" if user.active else " (inactive on the platform: no roles in force)"
    return f'{vendor} user {user.id} "{user.name}"{state}'


def _account(ident: str, user: VendorUser, names: dict[str, str], operator: str) -> dict[str, Any]:
    account: dict[str, Any] = {"id": ident}
    if user.person:
        account["person"] = user.person
    account["type"] = "shared" if user.shared else "individual"
    account["workforce"] = user.workforce
    if operator and user.employer:  # the mapping names the operator's own company
        account["workforce"] = "employee" if user.employer == operator else "contractor"
    for key in ("employer", "sponsor", "contract"):
        if getattr(user, key):
            account[key] = getattr(user, key)
    roles = sorted({names[r] for r in user.role_ids}) if user.active else []
    account["roles"] = roles
    for key in ("valid_from", "valid_until"):
        if getattr(user, key):
            account[key] = getattr(user, key)
    account["activation"] = "standing"
    return account


def system_document(mapping: Mapping) -> str:
    system = mapping.system()
    metadata = {"name": system.get("name", mapping.vendor)}
    if system.get("description"):
        metadata["description"] = system["description"]
    document = {"apiVersion": API_VERSION, "kind": "System", "metadata": metadata}
    document["spec"] = system.get("spec", {})
    note = (
        f"source: {mapping.vendor} platform settings (the mapping's `system:`; exports do not "
        "carry them)\nCheck audit, recordings and alerts against the platform's real settings."
    )
    return "\n".join(comment_lines(note)) + "\n" + emit(document)


def skeleton(name: str) -> str:
    return resources.files("checker.importers").joinpath(name).read_text("utf-8")


def repo_files(export: VendorExport, mapping: Mapping) -> dict[str, str]:
    """Relative path -> text of every generated file (under the system's folder)."""
    system = str(mapping.system().get("name", mapping.vendor))
    known = {r.id for r in export.roles}
    for user in export.users:
        missing = [r for r in user.role_ids if r not in known]
        if missing:
            raise GateError(
                f"{user.where}: user {user.id} ({user.account}) holds role {missing[0]!r}, "
                "which the export does not have; export the roles and users together"
            )
    pairs = mapped_roles(export, mapping)
    names = {mapped.vendor_role.id: name for name, mapped in pairs}
    contractors = {r for u in export.users if u.workforce == "contractor" for r in u.role_ids}
    files = {f"{system}/system.yaml": system_document(mapping)}
    for name, mapped in pairs:
        contractor = mapped.vendor_role.id in contractors
        files[f"{system}/roles/{name}.yaml"] = role_document(
            name, mapped, mapping, system, contractor
        )
    files[f"{system}/accounts.yaml"] = accounts_document(export, names, mapping, system)
    return files
