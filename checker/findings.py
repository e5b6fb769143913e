"""Findings: the values every stage produces and every reporter renders."""

from __future__ import annotations

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

    def sort_key(self) -> tuple[Any, ...]:
        return (self.file, self.line, self.column, self.rule, self.message)


@dataclass(frozen=True)
class BuiltinCheck:
    """A check done in Python before evaluation: the file could not be read or validated."""

    id: str
    title: str
    description: str
    controls: tuple[str, ...] = field(default=("ISO27001-A.8.9",))
    severity: str = "critical"

    def finding(
        self, file: str, line: int, column: int, message: str, path: tuple[str | int, ...] = ()
    ) -> Finding:
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
        )


YAML_ERROR = BuiltinCheck(
    "YAML-001",
    "File cannot be read as YAML",
    "The file is not valid UTF-8, not valid YAML, too large, or uses a YAML feature "
    "rolegate refuses (unsafe tags, duplicate keys, runaway aliases).",
)
SCHEMA_ERROR = BuiltinCheck(
    "SCHEMA-001",
    "Document does not match its kind's schema",
    "A rolegate document has an unknown kind or apiVersion, a misspelt or unknown key, "
    "a missing required field, or a value of the wrong type or outside its enumeration.",
)
REFERENCE_ERROR = BuiltinCheck(
    "REF-001",
    "Reference to something that does not exist",
    "A role names a function, system, resource, field or action that is not declared, a "
    "binding names a role that does not exist, or a name is declared twice.",
)

BUILTIN_CHECKS = (YAML_ERROR, SCHEMA_ERROR, REFERENCE_ERROR)
