"""``MANIFEST.sha256``: one ``<sha256>  <name>`` line per file of an evidence pack, in the
format ``sha256sum -c`` reads, and the comparison of a pack with its manifest."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

NAME = "MANIFEST.sha256"
_LINE = re.compile(r"^(?P<digest>[0-9a-f]{64})  (?P<name>[^/\\\n][^\n]*)$")


def manifest_text(digests: Mapping[str, str]) -> str:
    """The manifest of files (name relative to the pack -> sha256), sorted by name."""
    return "".join(f"{digests[name]}  {name}\n" for name in sorted(digests))


@dataclass(frozen=True)
class Verdict:
    intact: tuple[str, ...]
    changed: tuple[str, ...]
    missing: tuple[str, ...]
    added: tuple[str, ...]  # files of the pack the manifest does not list
    malformed: tuple[int, ...]  # line numbers of the manifest that are not entries

    @property
    def ok(self) -> bool:
        return not (self.changed or self.missing or self.added or self.malformed)

    def lines(self) -> list[str]:
        marks = [
            *(f"ok        {name}" for name in self.intact),
            *(f"CHANGED   {name}" for name in self.changed),
            *(f"MISSING   {name}" for name in self.missing),
            *(f"ADDED     {name}" for name in self.added),
            *(f"MALFORMED {NAME} line {number}" for number in self.malformed),
        ]
        verdict = "intact" if self.ok else "CHANGED since it was written"
        return [*marks, f"evidence pack {verdict}"]


def compare(text: str, found: Mapping[str, str | None]) -> Verdict:
    """The manifest's text against the pack's files as found now (name -> sha256, None
    for a listed file that is gone)."""
    listed: dict[str, str] = {}
    malformed = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _LINE.match(line)
        if match is None:
            malformed.append(number)
        else:
            listed[match.group("name")] = match.group("digest")
    intact = sorted(n for n, d in listed.items() if found.get(n) == d)
    changed = sorted(n for n, d in listed.items() if found.get(n) not in (None, d))
    missing = sorted(n for n in listed if found.get(n) is None)
    added = sorted(n for n, d in found.items() if n not in listed and d is not None)
    return Verdict(tuple(intact), tuple(changed), tuple(missing), tuple(added), tuple(malformed))


def listed_names(text: str) -> list[str]:
    """The names the manifest lists (its well-formed lines)."""
    return [m.group("name") for line in text.splitlines() if (m := _LINE.match(line))]
