"""Read OPA METADATA annotation blocks from Rego source, and check rule metadata.

regorus does not offer ``rego.metadata.rule()``, so rolegate reads the blocks itself and
hands the rule metadata to every engine as data (``data.rolegate.rule_index``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from checker.findings import SEVERITIES

RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*-[0-9]{3}$")
SUBJECTS = ("role", "account", "system", "function", "catalog", "waiver")
RULE_PACKAGE = re.compile(r"^rolegate\.rules\.([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")
_PACKAGE = re.compile(r"^package\s+([A-Za-z0-9_.]+)\s*$", re.M)
_REQUIRED = ("title", "description")
# OPA's annotation keys; any other top-level key in a METADATA block is a typo.
ANNOTATION_KEYS = (
    "scope",
    "title",
    "description",
    "related_resources",
    "authors",
    "organizations",
    "schemas",
    "entrypoint",
    "custom",
)
# libyaml's safe loader when PyYAML has it: parsing every rule's METADATA is start-up time.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_REQUIRED_CUSTOM = ("id", "severity", "subject", "controls", "remediation")


class MetadataError(ValueError):
    """A METADATA block that is not a YAML mapping; ``line`` is the block's first line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Annotation:
    """A METADATA block: where it starts and what it says."""

    line: int
    content: dict[str, Any]


def package_of(text: str) -> tuple[str, int] | None:
    """The package name of a Rego file and its 1-based line."""
    match = _PACKAGE.search(text)
    if not match:
        return None
    return match.group(1), text.count("\n", 0, match.start()) + 1


def annotation_blocks(text: str) -> Iterator[tuple[Annotation, int]]:
    """Each METADATA block with the line of the statement it annotates.

    Raises MetadataError (with the block's line) when a block is not a YAML mapping.
    """
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() != "# METADATA":
            i += 1
            continue
        start, body = i + 1, []
        i += 1
        while i < len(lines) and lines[i].lstrip().startswith("#"):
            body.append(_uncomment(lines[i]))
            i += 1
        yield Annotation(start, _parse_block(body, start)), i + 1


def _uncomment(line: str) -> str:
    stripped = line.lstrip()[1:]
    return stripped[1:] if stripped.startswith(" ") else stripped


def _parse_block(body: list[str], line: int) -> dict[str, Any]:
    try:
        content = yaml.load("\n".join(body), Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        detail = " ".join(str(error).split())
        raise MetadataError(line, f"METADATA is not valid YAML: {detail}") from error
    if not isinstance(content, dict):
        raise MetadataError(line, "METADATA must be a mapping of annotation keys")
    return content


def package_annotation(text: str) -> Annotation | None:
    """The METADATA block directly above the package statement, if any."""
    package = package_of(text)
    if package is None:
        return None
    for annotation, target_line in annotation_blocks(text):
        if target_line == package[1]:
            return annotation
    return None


def unknown_keys(content: dict[str, Any]) -> list[str]:
    """A problem for each top-level key OPA does not define (a typo, or a misplaced key)."""
    return [
        f"unknown key {key!r}; METADATA keys are {', '.join(ANNOTATION_KEYS)} "
        "(rolegate's own go under custom)"
        for key in content
        if key not in ANNOTATION_KEYS
    ]


def rule_problems(content: dict[str, Any]) -> list[str]:
    """What is missing or wrong in a rule's METADATA; empty when it is complete."""
    problems = [f"missing {key}" for key in _REQUIRED if not _text(content.get(key))]
    custom = content.get("custom")
    if not isinstance(custom, dict):
        return [*problems, "missing custom (id, severity, subject, controls, remediation)"]
    problems += [f"missing custom.{key}" for key in _REQUIRED_CUSTOM if key not in custom]
    problems += _custom_value_problems(custom)
    return problems


def _custom_value_problems(custom: dict[str, Any]) -> list[str]:
    problems = []
    if "id" in custom and not RULE_ID.match(str(custom["id"])):
        problems.append(f"custom.id {custom['id']!r} is not like LP-001")
    if "severity" in custom and custom["severity"] not in SEVERITIES:
        problems.append(f"custom.severity {custom['severity']!r} is not one of {list(SEVERITIES)}")
    if "subject" in custom and custom["subject"] not in SUBJECTS:
        problems.append(f"custom.subject {custom['subject']!r} is not one of {list(SUBJECTS)}")
    controls = custom.get("controls")
    if "controls" in custom and not (
        isinstance(controls, list) and controls and all(_text(c) for c in controls)
    ):
        problems.append("custom.controls must be a non-empty list of control ids")
    if "remediation" in custom and not _text(custom["remediation"]):
        problems.append("custom.remediation must be text")
    escalations = custom.get("escalations", {})
    if not (
        isinstance(escalations, dict)
        and all(_text(k) and v in SEVERITIES for k, v in escalations.items())
    ):
        problems.append("custom.escalations must map condition names to severities")
    unknown = sorted(set(custom) - {*_REQUIRED_CUSTOM, "escalations"})
    if unknown:
        problems.append(f"unknown custom key(s): {', '.join(unknown)}")
    return problems


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
