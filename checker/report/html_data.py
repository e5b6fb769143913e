"""The data the HTML access review's script renders: the review's full view, the findings
and the rules, made compact enough to open at 10,000 roles and 50,000 accounts.

Names repeated on every row (files, roles) become indices into a table, and roles with the
same access share one profile: roles cut from one job function for many teams have the
same matrix row. Nothing is decided here; ranks and what is needed come from Rego.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from typing import Any

from checker.findings import Finding
from checker.result import Report

VISIBILITIES = ("none", "compare", "masked", "reveal_on_demand", "full")
SCOPES = ("self", "assigned", "team", "division", "all")


class _Table:
    """Distinct values in first-seen order; ``index`` gives each its number."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._seen: dict[Hashable, int] = {}

    def index(self, value: Any, key: Hashable | None = None) -> int:
        key = value if key is None else key
        if key not in self._seen:
            self._seen[key] = len(self.values)
            self.values.append(value)
        return self._seen[key]


def page_data(report: Report) -> dict[str, Any]:
    view = report.access_review
    files, profiles, columns = _Table(), _Table(), _Table()
    resources = _Table()

    def profile(access: dict[str, Any]) -> int:
        rows = [_resource(resources, columns, name, held) for name, held in sorted(access.items())]
        return profiles.index(rows, json.dumps(rows))

    roles = [_role(role, files, profile) for role in view["roles"]]
    role_index = {role[0]: i for i, role in enumerate(roles)}
    people = [_person(person, files, profile, role_index) for person in view["people"]]
    findings = [_finding(f, files, "") for f in report.findings]
    findings += [_finding(w.finding, files, w.waiver.name) for w in report.waived]
    return {
        "scales": {"visibility": VISIBILITIES, "scope": SCOPES},
        "files": files.values,
        "resources": resources.values,
        "columns": columns.values,
        "profiles": profiles.values,
        "roles": roles,
        "people": people,
        "findings": findings,
        "categories": view["categories"],
        "rules": {rule.id: [rule.title, rule.remediation] for rule in report.rule_meta},
    }


def _resource(resources: _Table, columns: _Table, name: str, held: dict[str, Any]) -> list[Any]:
    """[resource, scope, scope needed, scope wider than needed, actions, actions not needed,
    [[column, rank, needed, more than needed]]] (needed -1: not known, as for a person's
    roles merged)."""
    cells = [
        [columns.index([name, field], (name, field)), *_ranks(shown)]
        for field, shown in sorted(held["fields"].items())
    ]
    scope = held["scope"]
    return [
        resources.index(name),
        scope if isinstance(scope, int) else SCOPES.index(scope),
        held.get("needed_scope", -1),
        held.get("excess_scope", False),
        held["actions"],
        held.get("unneeded", []),
        cells,
    ]


def _ranks(shown: Any) -> list[Any]:
    """A field's [rank, needed, more]: the full view gives them, a merged person's access
    only the visibility's name."""
    return list(shown) if isinstance(shown, list) else [VISIBILITIES.index(shown), -1, False]


def _role(role: dict[str, Any], files: _Table, profile: Any) -> list[Any]:
    return [
        role["role"],
        role["tier"],
        role["workforce"],
        role["system"],
        files.index(role["file"]),
        role["accounts"],
        role["reach"],
        role["functions"],
        profile(role["resources"]),
    ]


def _person(
    person: dict[str, Any], files: _Table, profile: Any, roles: dict[str, int]
) -> list[Any]:
    accounts = [
        [a["id"], a["type"], a["workforce"], a["valid_until"], files.index(a["file"])]
        for a in person["accounts"]
    ]
    held = [roles[name] for name in person["roles"] if name in roles]
    merged = profile(person["access"]) if person["access"] else -1
    return [person["holder"], person["person"], person["workforce"], held, accounts, merged]


def _finding(finding: Finding, files: _Table, waiver: str) -> list[Any]:
    return [
        finding.severity,
        finding.rule,
        finding.title,
        finding.message,
        files.index(finding.file),
        finding.line,
        finding.subject,
        waiver,
    ]
