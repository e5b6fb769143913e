"""The permission mapping: shipped per vendor as YAML beside its module, extended or
overridden by the user's ``--mapping FILE``, and applied to one role at a time.

A permission the mapping does not name becomes an ``unmapped`` entry of the role (rule
IMP-001 reports it); nothing is ever dropped. ``grants: []`` is how a mapping says,
knowingly, that a permission reaches no customer data.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from checker.errors import GateError
from checker.files import display_path
from checker.importers.model import VendorRole
from checker.load.loader import load_text

SCOPES = ("self", "assigned", "team", "division", "all")
VISIBILITIES = ("none", "compare", "masked", "reveal_on_demand", "full")


@dataclass(frozen=True)
class Mapping:
    vendor: str
    data: dict[str, Any]  # the merged mapping, as documented in docs/import.md

    @property
    def permissions(self) -> dict[str, Any]:
        return dict(self.data.get("permissions", {}))

    def system(self) -> dict[str, Any]:
        return dict(self.data.get("system", {}))

    def role_settings(self, role: VendorRole) -> dict[str, Any]:
        """What the user said about this role (by vendor id, else by name)."""
        roles = self.data.get("roles", {})
        return dict(roles.get(role.id) or roles.get(role.name) or {})

    def tier(self, role: VendorRole) -> str:
        for rule in self.data.get("tiers", []):
            if re.search(rule["match"], role.name):
                return str(rule["tier"])
        return str(self.data.get("default_tier", "frontline"))


def load_mapping(vendor: str, module: str, override: Path | None = None) -> Mapping:
    """The vendor's shipped mapping, with ``override`` merged over it."""
    text = resources.files("checker.importers").joinpath(f"{module}.yaml").read_text("utf-8")
    data = _read(text, f"checker/importers/{module}.yaml")
    if override is not None:
        try:
            extra_text = override.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise GateError(
                f"{display_path(override)}: cannot read the mapping: {error}"
            ) from error
        extra = _read(extra_text, display_path(override))
        if extra.get("vendor", vendor) != vendor:
            raise GateError(
                f"{display_path(override)}: a mapping for {extra['vendor']!r}, not {vendor!r}; "
                f"pass a mapping written for {vendor}"
            )
        data = merged(data, extra)
    return Mapping(vendor, data)


def merged(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``extra`` over ``base``: its permissions and roles replace the same keys, its tier
    rules come first, its scope tables and system settings are merged key by key."""
    out = dict(base)
    for key in ("permissions", "roles"):
        out[key] = {**base.get(key, {}), **extra.get(key, {})}
    out["tiers"] = [*extra.get("tiers", []), *base.get("tiers", [])]
    scopes = {k: dict(v) for k, v in base.get("scopes", {}).items()}
    for key, table in extra.get("scopes", {}).items():
        scopes[key] = {**scopes.get(key, {}), **table}
    out["scopes"] = scopes
    out["system"] = {**base.get("system", {}), **extra.get("system", {})}
    out["users"] = {**base.get("users", {}), **extra.get("users", {})}
    if "default_tier" in extra:
        out["default_tier"] = extra["default_tier"]
    return out


def _read(text: str, shown: str) -> dict[str, Any]:
    loaded = load_text(text, shown)
    if loaded.problems:
        problem = loaded.problems[0]
        raise GateError(f"{problem.file}:{problem.line}:{problem.column}: {problem.message}")
    if len(loaded.documents) != 1 or not isinstance(loaded.documents[0].data, dict):
        raise GateError(f"{shown}: expected one YAML mapping (docs/import.md describes it)")
    document = loaded.documents[0]
    schema = json.loads(
        resources.files("checker.importers").joinpath("mapping.schema.json").read_text("utf-8")
    )
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(document.data)
    )
    if error is not None:
        line, column = document.locate(tuple(error.absolute_path))
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise GateError(f"{shown}:{line}:{column}: {where}: {error.message}")
    for rule in document.data.get("tiers", []):
        try:
            re.compile(rule["match"])
        except re.error as problem:
            raise GateError(f"{shown}: tiers: bad pattern {rule['match']!r}: {problem}") from None
    return dict(document.data)
