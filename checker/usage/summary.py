"""The usage summary: what the rules see of the logs, and what the report says of them.

Its size grows with accounts x grants, never with events. ``to_input`` is
``input.usage`` (docs/input.md); ``notes`` are the report's lines about reading the logs
(rows skipped, with examples; events that could not be mapped, by kind), so nothing
read is ever dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

GRANT_FIELDS = (
    "account",
    "system",
    "resource",
    "action",
    "field",
    "visibility",
    "first_use",
    "last_use",
    "events",
    "peak_hour",
    "peak_records",
)
ACCOUNT_FIELDS = (
    "account",
    "system",
    "first_use",
    "last_use",
    "events",
    "peak_hour",
    "peak_records",
)
SYSTEM_FIELDS = ("system", "first_use", "last_use", "events", "observed", "sources")
ALL = "*"  # a system whose logs record every action (the neutral format)


@dataclass(frozen=True)
class SourceReport:
    """What was read from one log file."""

    file: str
    format: str
    events: int = 0  # events used (rows' counts summed)
    skipped: tuple[tuple[str, int], ...] = ()  # reason -> rows, sorted by reason
    examples: tuple[str, ...] = ()  # "file:line: reason" of the first skipped rows
    unmapped: tuple[tuple[str, int], ...] = ()  # vendor event kind -> events
    observed: tuple[str, ...] = ()  # "resource:action" its vendor can show; ALL for neutral
    # Per account and system, (first, last, rows) of vendor rows that showed the login in
    # use but no grant (unmapped or refused): activity for the dormant-account rule.
    activity: tuple[tuple[str, str, str, str, int], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "events": self.events,
            "skipped": dict(self.skipped),
            "examples": list(self.examples),
            "unmapped": dict(self.unmapped),
            "observed": list(self.observed),
            "activity": [list(a) for a in self.activity],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceReport:
        return cls(
            file=str(data["file"]),
            format=str(data["format"]),
            events=int(data["events"]),
            skipped=tuple(sorted((str(k), int(v)) for k, v in data["skipped"].items())),
            examples=tuple(map(str, data["examples"])),
            unmapped=tuple(sorted((str(k), int(v)) for k, v in data["unmapped"].items())),
            observed=tuple(map(str, data["observed"])),
            activity=tuple(
                (str(a), str(s), str(f), str(la), int(n)) for a, s, f, la, n in data["activity"]
            ),
        )


@dataclass(frozen=True)
class Summary:
    now: str  # events after it were skipped
    grants: tuple[dict[str, Any], ...]
    accounts: tuple[dict[str, Any], ...]
    systems: tuple[dict[str, Any], ...]
    sources: tuple[SourceReport, ...] = field(default=())
    # Grant rows the engine wrote to a file instead of ``grants`` (grantfile.py).
    grants_written: int = 0

    def to_input(self) -> dict[str, Any]:
        """``input.usage``: the rows, and per source only what rules may cite."""
        return {
            "now": self.now,
            "systems": list(self.systems),
            "accounts": list(self.accounts),
            "grants": list(self.grants),
            "sources": [
                {"file": s.file, "format": s.format, "events": s.events} for s in self.sources
            ],
        }

    def notes(self) -> list[str]:
        return [self._overview(), *(line for s in self.sources for line in _source_notes(s))]

    def _overview(self) -> str:
        events = sum(s.events for s in self.sources)
        accounts = len({row["account"] for row in self.accounts})
        period = _period(self.systems)
        files = len(self.sources)
        return (
            f"usage: {files} log{'s' if files != 1 else ''}, {events:,} events of "
            f"{accounts} account{'s' if accounts != 1 else ''} on "
            f"{len(self.systems)} system{'s' if len(self.systems) != 1 else ''}{period}"
        )


def _period(systems: Iterable[dict[str, Any]]) -> str:
    rows = list(systems)
    if not rows:
        return ""
    first = min(row["first_use"] for row in rows)[:10]
    last = max(row["last_use"] for row in rows)[:10]
    return f" ({first} to {last})"


def _source_notes(source: SourceReport) -> list[str]:
    notes = []
    if source.skipped:
        total = sum(n for _, n in source.skipped)
        reasons = ", ".join(f"{reason}: {n}" for reason, n in source.skipped)
        examples = "; ".join(source.examples)
        notes.append(
            f"usage: {source.file}: {total} row{'s' if total != 1 else ''} skipped "
            f"({reasons}), e.g. {examples}"
        )
    if source.unmapped:
        total = sum(n for _, n in source.unmapped)
        kinds = ", ".join(f"{kind}: {n}" for kind, n in source.unmapped)
        notes.append(
            f"usage: {source.file}: {total} event{'s' if total != 1 else ''} not mapped to "
            f"a grant ({kinds})"
        )
    return notes
