"""Read an engine's decision document into findings with file positions; fail closed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from checker.errors import GateError
from checker.findings import SEVERITIES, Finding
from checker.loader import Document
from checker.policies import PolicySet

_FINDING_FIELDS: dict[str, type | tuple[type, ...]] = {
    "rule": str,
    "severity": str,
    "title": str,
    "message": str,
    "file": str,
    "document": int,
    "path": list,
    "subject": str,
    "controls": list,
}
_RULE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "title": str,
    "severity": str,
    "status": str,
    "findings": int,
    "checked": int,
    "passed": int,
    "failed": int,
}


@dataclass(frozen=True)
class RuleResult:
    id: str
    title: str
    severity: str
    status: str  # evaluated | disabled
    findings: int
    checked: int
    passed: int
    failed: int


@dataclass(frozen=True)
class Decision:
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    rules: tuple[RuleResult, ...]


DocumentIndex = Mapping[tuple[str, int], Document]


def read_decision(raw: dict[str, Any], documents: DocumentIndex, policies: PolicySet) -> Decision:
    """Check the decision's shape and place each finding in its file."""
    for key in ("findings", "waived", "rules", "undefined_rules"):
        if not isinstance(raw.get(key), list):
            raise GateError(f"malformed decision: {key!r} is missing or not a list")
    _check_defined(raw["undefined_rules"], policies)
    rules = tuple(sorted((_rule_result(r) for r in raw["rules"]), key=lambda r: r.id))
    if not any(rule.status == "evaluated" for rule in rules):
        raise GateError("no rules were evaluated (all disabled?); the gate cannot decide")
    findings = tuple(
        sorted((_finding(f, documents) for f in raw["findings"]), key=Finding.sort_key)
    )
    return Decision(findings, (), rules)


def _check_defined(undefined: list[Any], policies: PolicySet) -> None:
    if undefined:
        files = {rule.id: f"{rule.file}:{rule.line}" for rule in policies.rules}
        names = ", ".join(f"{rule_id} ({files.get(rule_id, '?')})" for rule_id in sorted(undefined))
        raise GateError(f"rule package defines no `findings` set: {names}")


def _checked(item: Any, fields: dict[str, type | tuple[type, ...]], what: str) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise GateError(f"malformed decision: a {what} is not an object")
    for key, kind in fields.items():
        value = item.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise GateError(
                f"malformed decision: {what} field {key!r} is missing or wrong: {value!r}"
            )
    if item["severity"] not in SEVERITIES:
        raise GateError(f"malformed decision: unknown severity {item['severity']!r}")
    return item


def _rule_result(item: Any) -> RuleResult:
    checked = _checked(item, _RULE_FIELDS, "rule result")
    return RuleResult(**{key: checked[key] for key in _RULE_FIELDS})


def _finding(item: Any, documents: DocumentIndex) -> Finding:
    raw = _checked(item, _FINDING_FIELDS, "finding")
    path = tuple(raw["path"])
    document = documents.get((raw["file"], raw["document"]))
    line, column = document.locate(path) if document else (1, 1)
    return Finding(
        rule=raw["rule"],
        severity=raw["severity"],
        title=raw["title"],
        message=raw["message"],
        file=raw["file"],
        line=line,
        column=column,
        path=path,
        subject=raw["subject"],
        controls=tuple(raw["controls"]),
    )
