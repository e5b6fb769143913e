"""Findings: the values every stage produces and every reporter renders."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("low", "medium", "high", "critical")


def severity_rank(severity: str) -> int:
    """Position of a severity on the scale, low = 0."""
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    title: str
    message: str
    file: str
    line: int
    column: int
    path: tuple[str | int, ...] = ()
    subject: str = ""
    controls: tuple[str, ...] = ()
    end_line: int = 0  # end of the region (exclusive column); 0 when not known
    end_column: int = 0
    fingerprint: str = ""  # stable across unrelated edits (fingerprint_of)
    pre_existing: bool = False  # the base has it too (--new-only): reported, not failing

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.rule, self.message)


def fingerprint_of(key: str) -> str:
    """The fingerprint reports show for a finding's identity key (lib/fingerprint.rego)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class WaiverRef:
    """The Waiver document that moved a finding to ``waived``."""

    name: str
    file: str
    line: int
    reason: str
    ticket: str
    approved_by: str
    expires: str


@dataclass(frozen=True)
class Waived:
    finding: Finding
    waiver: WaiverRef


@dataclass(frozen=True)
class Ignored:
    """Something a check left out on purpose, and why: a YAML document that is not
    rolegate's (at its ``line``), or a path discovery skipped (``line`` 0). ``reason`` is
    the kind of reason, which summaries count; ``detail`` names the value."""

    file: str
    line: int
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class BuiltinCheck:
    """A check done in Python before evaluation: the file could not be read or validated."""

    id: str
    title: str
    description: str
    remediation: str
    controls: tuple[str, ...] = field(default=("ISO27001-A.8.9",))
    severity: str = "critical"

    def finding(
        self, file: str, line: int, column: int, message: str, path: tuple[str | int, ...] = ()
    ) -> Finding:
        # Identity without the line, like the rules' (numbers in the message blanked).
        key = json.dumps([self.id, file, list(path), re.sub(r"[0-9]+", "#", message)])
        return Finding(
            rule=self.id,
            severity=self.severity,
            title=self.title,
            message=message,
            file=file,
            line=line,
            column=column,
            path=path,
            controls=self.controls,
            fingerprint=fingerprint_of(key),
        )


YAML_ERROR = BuiltinCheck(
    "YAML-001",
    "File cannot be read as YAML",
    "The file is not valid UTF-8, not valid YAML (a NUL or other control character "
    "included), over the size limit, not a regular file (a pipe, a device), a symbolic "
    "link that leaves the repository or cannot be followed, or uses a YAML feature "
    "rolegate refuses (unsafe tags, duplicate keys, runaway aliases).",
    "Fix the file at the reported line: save it as UTF-8 text, remove duplicate keys, "
    "custom tags and deep alias chains; keep it under the size limit (8 MiB unless "
    "--max-file-size or max_file_size raise it); keep config in regular files inside the "
    "repository.",
)
SCHEMA_ERROR = BuiltinCheck(
    "SCHEMA-001",
    "Document does not match its kind's schema",
    "A rolegate document (or one meant to be: a near-miss kind or apiVersion, a header "
    "key spelt another way, a rolegate body without a header, a document inside a list) "
    "has an unknown kind or apiVersion, a misspelt or unknown key, a missing required "
    "field, or a value of the wrong type or outside its enumeration; with --strict, a YAML "
    "document that is not rolegate's at all.",
    "Correct the value at the reported path to what the kind's JSON Schema (in "
    "checker/schemas/, described in docs/model.md) allows.",
)
REFERENCE_ERROR = BuiltinCheck(
    "REF-001",
    "Reference to something that does not exist",
    "A role names a function, system, resource, field or action that is not declared, a "
    "binding names a role that does not exist, or a name is declared twice.",
    "Declare the name where it belongs (DataCatalog, JobFunctions, System or Role), fix "
    "its spelling, or remove the second declaration.",
)

BUILTIN_CHECKS = (YAML_ERROR, SCHEMA_ERROR, REFERENCE_ERROR)
