"""The platform side of a drift: what ``rolegate import`` would write for the export,
read back as data, with where each vendor object is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.importers.documents import account_id, mapped_roles, repo_files
from checker.importers.mapping import Mapping
from checker.importers.model import VendorExport, Where
from checker.load.loader import load_text


@dataclass(frozen=True)
class Platform:
    system: str
    roles: dict[str, dict[str, Any]]  # rolegate name -> Role document
    role_ids: dict[str, str]  # vendor role id -> rolegate name
    role_where: dict[str, Where]
    accounts: dict[str, dict[str, Any]]  # account id -> account
    account_where: dict[str, Where]


def platform_of(export: VendorExport, mapping: Mapping) -> Platform:
    files = repo_files(export, mapping)
    system = next(iter(files)).split("/")[0]
    roles: dict[str, dict[str, Any]] = {}
    accounts: dict[str, dict[str, Any]] = {}
    for name, text in files.items():
        for document in load_text(text, name).documents:
            data = document.data
            if data.get("kind") == "Role":
                roles[data["metadata"]["name"]] = data
            elif data.get("kind") == "AccountBindings":
                accounts.update({a["id"]: a for a in data["spec"]["accounts"]})
    pairs = mapped_roles(export, mapping)
    return Platform(
        system=system,
        roles=roles,
        role_ids={m.vendor_role.id: name for name, m in pairs},
        role_where={name: m.vendor_role.where for name, m in pairs},
        accounts=accounts,
        account_where={account_id(u.account): u.where for u in export.users},
    )
