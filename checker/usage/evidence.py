"""Vendor log rows as evidence of a platform permission, through the importer's mapping.

An evidence table (``checker/usage/<vendor>.yaml``) says which log rows show a vendor
permission being used, and as which action. The permission is named as the importer
names it, and the importer's mapping (``checker/importers/<vendor>.yaml``, the same data
``rolegate import`` uses) says what it grants: each of its grant fragments whose actions
include that action gives one neutral event on the fragment's resource. So the resource
an event lands on is exactly the resource the imported role grants.

What a vendor's logs can show (``observed``) is every resource:action its table can
produce; the USE rules judge nothing else as unused.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import resources
from typing import Any

import yaml

from checker.errors import GateError
from checker.importers.mapping import Mapping, load_mapping
from checker.usage.summary import SourceReport

EXAMPLES = 3


@dataclass(frozen=True)
class Evidence:
    vendor: str
    system: str  # the System the importer names for the platform
    entries: tuple[dict[str, Any], ...]  # the table's rows, in order: the first match wins
    targets: dict[tuple[str, str], tuple[str, ...]]  # (permission, action) -> resources

    def resources(self, entry: dict[str, Any]) -> tuple[str, ...]:
        return self.targets[(entry["permission"], entry["action"])]

    def observed(self) -> tuple[str, ...]:
        return tuple(
            sorted({f"{r}:{action}" for (_, action), found in self.targets.items() for r in found})
        )


def load_evidence(name: str) -> Evidence:
    """The evidence table ``name`` with each entry resolved through its vendor's mapping;
    an entry whose permission or action the mapping does not give is a bug in the table."""
    text = resources.files("checker.usage").joinpath(f"{name}.yaml").read_text("utf-8")
    table = yaml.safe_load(text)
    mapping = load_mapping(table["vendor"], table["mapping"])
    targets = {
        (e["permission"], e["action"]): _resources(mapping, e["permission"], e["action"], name)
        for e in table["evidence"]
    }
    system = str(mapping.system().get("name", table["vendor"]))
    return Evidence(table["vendor"], system, tuple(table["evidence"]), targets)


def _resources(mapping: Mapping, permission: str, action: str, name: str) -> tuple[str, ...]:
    entry = mapping.permissions.get(permission)
    found = tuple(
        fragment["resource"]
        for fragment in (entry or {}).get("grants", [])
        if action in fragment["actions"]
    )
    if not found:
        raise GateError(
            f"checker/usage/{name}.yaml: the {mapping.vendor} mapping gives no {action!r} for "
            f"{permission!r}; fix the evidence table"
        )
    return found


@dataclass
class Tally:
    """What a vendor reader counts as it goes: rows skipped (with examples) and events no
    evidence entry matched, by kind."""

    file: str
    format: str
    skipped: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)
    unmapped: Counter[str] = field(default_factory=Counter)
    seen: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def active(self, account: str, system: str, when: str) -> None:
        """The login was used (a row that gave no event): activity all the same."""
        moment = utc(when)
        if not account or moment is None:
            return
        entry = self.seen.setdefault((account, system), [moment, moment, 0])
        entry[0], entry[1], entry[2] = min(entry[0], moment), max(entry[1], moment), entry[2] + 1

    def skip(self, line: int, reason: str) -> None:
        self.skipped[reason] += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(f"{self.file}:{line}: {reason}")

    def report(self, observed: tuple[str, ...]) -> SourceReport:
        return SourceReport(
            file=self.file,
            format=self.format,
            skipped=tuple(sorted(self.skipped.items())),
            examples=tuple(self.examples),
            unmapped=tuple(sorted(self.unmapped.items())),
            observed=observed,
            activity=tuple(
                (account, system, first, last, rows)
                for (account, system), (first, last, rows) in sorted(self.seen.items())
            ),
        )


def utc(text: str) -> str | None:
    """An ISO 8601 time with an offset as 2026-10-02T12:01:26Z; None if it is not one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
