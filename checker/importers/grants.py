"""One vendor role through the mapping: its grants, channels and unmapped permissions.

Grants of the same resource and scope are merged (actions united); a resource's field
visibilities are the widest any permission gives, on each of its grants, because the
platforms grant field access per role, not per scope. The output is sorted, so the same
role and mapping always give the same grants.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checker.importers.mapping import SCOPES, VISIBILITIES, Mapping
from checker.importers.model import VendorRole

# The built-in action vocabulary's order (docs/model.md), so actions read naturally.
ACTION_ORDER = [
    "read",
    "search_exact",
    "search_partial",
    "list",
    "verify",
    "create",
    "update",
    "delete",
    "comment",
    "export",
    "bulk_read",
    "download",
    "dial",
    "listen",
    "approve",
    "impersonate",
    "grant_role",
    "edit_role",
    "configure",
    "refund",
    "credit",
    "sim_swap",
    "port_out",
    "reset_credentials",
    "create_api_token",
    "share_report",
    "delete_audit",
    "edit_audit",
]


@dataclass(frozen=True)
class MappedRole:
    vendor_role: VendorRole
    grants: tuple[dict[str, Any], ...]
    unmapped: tuple[str, ...]
    channels: dict[str, Any] = field(default_factory=dict)


def map_role(role: VendorRole, mapping: Mapping) -> MappedRole:
    permissions = mapping.permissions
    merged: dict[tuple[str, str], tuple[set[str], dict[str, str]]] = {}
    outbound: set[str] = set()
    dials: set[str] = set()
    unmapped: list[str] = []
    field_only: dict[str, dict[str, str]] = {}
    for permission in role.permissions:
        entry = permissions.get(permission)
        if entry is None:
            unmapped.append(permission)
            continue
        for fragment in entry["grants"]:
            if not fragment["actions"]:  # field visibility only, for the resource's grants
                _widen(field_only.setdefault(fragment["resource"], {}), fragment.get("fields", {}))
                continue
            scope = _scope(fragment["scope"], role, mapping)
            actions, fields = merged.setdefault((fragment["resource"], scope), (set(), {}))
            actions.update(fragment["actions"])
            _widen(fields, fragment.get("fields", {}))
        channels = entry.get("channels", {})
        outbound.update(channels.get("outbound", ()))
        if "dial" in channels:
            dials.add(channels["dial"])
    grants = _grants(merged, field_only)
    role_channels: dict[str, Any] = {}
    if outbound:
        role_channels["outbound"] = sorted(outbound)
    if dials:
        role_channels["dial"] = "free" if "free" in dials else "by_reference"
    return MappedRole(role, grants, tuple(sorted(set(unmapped))), role_channels)


def _scope(scope: str, role: VendorRole, mapping: Mapping) -> str:
    """A scope, or ``@setting``: the scope the role's setting maps to; when the role
    lacks the setting or the table its value, ``all`` (the widest: fail closed)."""
    if not scope.startswith("@"):
        return scope
    key = scope[1:]
    table = mapping.data.get("scopes", {}).get(key, {})
    return str(table.get(role.settings.get(key, ""), "all"))


def _widen(fields: dict[str, str], extra: dict[str, str]) -> None:
    for name, visibility in extra.items():
        current = fields.get(name)
        if current is None or VISIBILITIES.index(visibility) > VISIBILITIES.index(current):
            fields[name] = visibility


def _grants(
    merged: dict[tuple[str, str], tuple[set[str], dict[str, str]]],
    field_only: dict[str, dict[str, str]],
) -> tuple[dict[str, Any], ...]:
    by_resource = {resource: dict(fields) for resource, fields in field_only.items()}
    for (resource, _), (_, fields) in merged.items():
        _widen(by_resource.setdefault(resource, {}), fields)
    out = []
    for resource, scope in sorted(merged, key=lambda k: (k[0], SCOPES.index(k[1]))):
        grant: dict[str, Any] = {
            "resource": resource,
            "actions": sorted(merged[(resource, scope)][0], key=_action_key),
            "scope": scope,
        }
        if by_resource[resource]:
            grant["fields"] = dict(sorted(by_resource[resource].items()))
        out.append(grant)
    return tuple(out)


def _action_key(action: str) -> tuple[int, str]:
    return (ACTION_ORDER.index(action) if action in ACTION_ORDER else len(ACTION_ORDER), action)
