"""Referential checks: every name a document uses is declared once somewhere in the repo."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from checker.findings import REFERENCE_ERROR, Finding
from checker.load.loader import Document
from checker.load.yamldata import KeyPath
from checker.validate.documents import Validated


@dataclass
class _Names:
    """What the repo declares, with the first place each name is declared."""

    first: dict[tuple[str, str], Document] = field(default_factory=dict)
    fields: dict[str, set[str]] = field(default_factory=dict)

    def declare(self, kind: str, name: str, doc: Document) -> Document | None:
        """Record a declaration; returns the earlier one if the name is taken."""
        key = (kind, name)
        if key in self.first:
            return self.first[key]
        self.first[key] = doc
        return None

    def has(self, kind: str, name: str) -> bool:
        return (kind, name) in self.first


def check_references(validated: Validated) -> list[Finding]:
    names = _Names()
    findings = list(_declarations(validated, names))
    for kind, doc in validated.documents:
        check = _CHECKS.get(kind)
        if check is not None:
            findings += _problems(doc, check(doc.data, names))
    return findings


def _problems(doc: Document, problems: Iterator[tuple[KeyPath, str]]) -> list[Finding]:
    found = []
    for path, message in problems:
        line, column = doc.locate(path)
        found.append(REFERENCE_ERROR.finding(doc.file, line, column, message, path))
    return found


def _declarations(validated: Validated, names: _Names) -> Iterator[Finding]:
    """Declare every name; a second declaration of the same name is a finding."""
    for kind, doc in validated.documents:
        for name_kind, name, path in _declared_in(kind, doc.data):
            earlier = names.declare(name_kind, name, doc)
            if earlier is not None:
                line, column = doc.locate(path)
                yield REFERENCE_ERROR.finding(
                    doc.file,
                    line,
                    column,
                    f"{name_kind} {name!r} is declared twice (first in {earlier.file})",
                    path,
                )
            elif name_kind == "resource":
                names.fields[name] = set(doc.data["spec"]["resources"][name]["fields"])


def _declared_in(kind: str, data: dict[str, Any]) -> Iterator[tuple[str, str, KeyPath]]:
    spec = data.get("spec") or {}
    if kind in ("Role", "System"):
        yield kind.lower(), data["metadata"]["name"], ("metadata", "name")
    elif kind == "OrgPolicy":
        yield "OrgPolicy", "the organisation policy", ("kind",)
    elif kind == "DataCatalog":
        for section, name_kind in (("classes", "class"), ("resources", "resource")):
            for name in spec.get(section, {}):
                yield name_kind, name, ("spec", section, name)
    elif kind == "JobFunctions":
        for name in spec.get("functions", {}):
            yield "function", name, ("spec", "functions", name)
    elif kind == "AccountBindings":
        for i, account in enumerate(spec.get("accounts", [])):
            yield "account", account["id"], ("spec", "accounts", i, "id")


def _catalog_refs(data: dict[str, Any], names: _Names) -> Iterator[tuple[KeyPath, str]]:
    spec = data["spec"]
    for resource, definition in spec.get("resources", {}).items():
        for name, cls in definition.get("fields", {}).items():
            if not names.has("class", cls):
                yield (
                    ("spec", "resources", resource, "fields", name),
                    f"resource {resource!r}: field {name!r} has class {cls!r}, "
                    "which the DataCatalog does not declare",
                )


def _function_refs(data: dict[str, Any], names: _Names) -> Iterator[tuple[KeyPath, str]]:
    spec = data["spec"]
    for function, definition in spec.get("functions", {}).items():
        for i, need in enumerate(definition.get("needs", [])):
            yield from _grant_refs(
                need, ("spec", "functions", function, "needs", i), f"function {function!r}", names
            )
    yield from _conflict_refs(data, names)


def _conflict_refs(data: dict[str, Any], names: _Names) -> Iterator[tuple[KeyPath, str]]:
    """``sod_conflicts`` pairs ("resource:action") name resources the catalog declares."""
    spec = data["spec"]
    for i, pair in enumerate(spec.get("sod_conflicts", [])):
        for j, capability in enumerate(pair):
            resource = capability.split(":", 1)[0]
            if not names.has("resource", resource):
                yield (
                    ("spec", "sod_conflicts", i, j),
                    f"separation-of-duties pair names resource {resource!r}, "
                    "which no DataCatalog declares",
                )


def _role_refs(data: dict[str, Any], names: _Names) -> Iterator[tuple[KeyPath, str]]:
    role, spec = f"role {data['metadata']['name']!r}", data["spec"]
    system = data["metadata"]["system"]
    if not names.has("system", system):
        yield ("metadata", "system"), f"{role}: system {system!r} is not declared by any System"
    for i, function in enumerate(spec.get("functions", [])):
        if not names.has("function", function):
            yield (
                ("spec", "functions", i),
                f"{role}: function {function!r} is not declared in any JobFunctions",
            )
    for i, grant in enumerate(spec.get("grants", [])):
        yield from _grant_refs(grant, ("spec", "grants", i), role, names)
    for i, grantable in enumerate(spec.get("grantable_roles", [])):
        if not names.has("role", grantable):
            yield (
                ("spec", "grantable_roles", i),
                f"{role}: grantable role {grantable!r} is not declared by any Role",
            )


def _grant_refs(
    grant: dict[str, Any], path: KeyPath, owner: str, names: _Names
) -> Iterator[tuple[KeyPath, str]]:
    resource = grant["resource"]
    if resource == "*":
        return
    if not names.has("resource", resource):
        yield (*path, "resource"), f"{owner}: resource {resource!r} is not in the DataCatalog"
        return
    for name in grant.get("fields", {}):
        if name != "*" and name not in names.fields.get(resource, set()):
            yield (
                (*path, "fields", name),
                f"{owner}: resource {resource!r} has no field {name!r} in the DataCatalog",
            )


def _binding_refs(data: dict[str, Any], names: _Names) -> Iterator[tuple[KeyPath, str]]:
    spec = data["spec"]
    for i, account in enumerate(spec.get("accounts", [])):
        for j, role in enumerate(account.get("roles", [])):
            if not names.has("role", role):
                yield (
                    ("spec", "accounts", i, "roles", j),
                    f"account {account['id']!r}: role {role!r} is not declared by any Role",
                )


_CHECKS: dict[str, Callable[[dict[str, Any], _Names], Iterator[tuple[KeyPath, str]]]] = {
    "DataCatalog": _catalog_refs,
    "JobFunctions": _function_refs,
    "Role": _role_refs,
    "OrgPolicy": _conflict_refs,
    "AccountBindings": _binding_refs,
}
