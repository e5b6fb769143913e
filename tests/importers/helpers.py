"""Shared by the importer tests: the samples, and reading an imported repo back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from conftest import ROOT

SAMPLES = ROOT / "tests" / "data" / "importers"
# vendor on the command line -> its sample folder
VENDORS = {
    "zendesk": "zendesk",
    "amazon-connect": "amazon-connect",
    "salesforce": "salesforce",
    "genesys": "genesys-cloud",
}
SYSTEMS = {
    "zendesk": "zendesk",
    "amazon-connect": "amazon-connect",
    "salesforce": "salesforce",
    "genesys": "genesys",
}
_SOURCE = re.compile(r'^# source: (\S+) (\S+) (\S+) "(.*)" \(', re.M)


def sample(vendor: str) -> Path:
    return SAMPLES / VENDORS[vendor]


def expected(vendor: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((sample(vendor) / "expected.json").read_text())
    return result


def imported_roles(repo: Path, vendor: str) -> dict[str, tuple[str, str]]:
    """rolegate role name -> (vendor object kind, vendor name), from the source comments."""
    roles = {}
    for path in sorted((repo / SYSTEMS[vendor] / "roles").glob("*.yaml")):
        match = _SOURCE.search(path.read_text())
        assert match, f"{path} has no source comment"
        roles[path.stem] = (match.group(2), match.group(4))
    return roles


def tree(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }
