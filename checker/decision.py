"""Read an engine's decision document into findings with file positions; fail closed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.engines import finding_objects
from checker.errors import GateError
from checker.findings import SEVERITIES, Finding, Waived, WaiverRef, fingerprint_of
from checker.load.loader import Document
from checker.policy.policyset import PolicySet
from checker.result import RuleResult

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
    "fingerprint": str,
}
_WAIVER_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "file": str,
    "document": int,
    "reason": str,
    "ticket": str,
    "approved_by": str,
    "expires": str,
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
class Decision:
    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...]
    rules: tuple[RuleResult, ...]
    subjects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # checked, per kind
    access_diff: dict[str, Any] = field(default_factory=dict)  # with --base: data.rolegate.diff


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
    waived = tuple(
        sorted((_waived(w, documents) for w in raw["waived"]), key=lambda w: w.finding.sort_key())
    )
    return Decision(
        findings, waived, rules, _subjects(raw.get("subjects")), _diff(raw.get("access_diff"))
    )


def wanted_regions(raw: dict[str, Any]) -> Iterator[tuple[str, int, tuple[Any, ...]]]:
    """The (file, document, path) that read_decision will place, so that their positions
    can be worked out ahead, together. Malformed entries are skipped: read_decision
    reports them."""
    for finding in finding_objects(raw):
        yield from _place(finding, finding.get("path"))
    for entry in _list(raw.get("waived")):
        waiver = entry.get("waiver") if isinstance(entry, dict) else None
        if isinstance(waiver, dict):
            yield from _place(waiver, ["metadata", "name"])


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _place(item: dict[str, Any], path: Any) -> Iterator[tuple[str, int, tuple[Any, ...]]]:
    file, document = item.get("file"), item.get("document")
    if isinstance(file, str) and isinstance(document, int) and isinstance(path, list):
        yield file, document, tuple(path)


def _subjects(raw: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
        raise GateError("malformed decision: 'subjects' is missing or not an object of lists")
    return {kind: tuple(sorted(str(s) for s in subjects)) for kind, subjects in raw.items()}


def _diff(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(
        isinstance(raw.get(key), list) for key in ("roles", "people")
    ):
        raise GateError("malformed decision: 'access_diff' lacks its roles and people lists")
    return raw


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
    if not isinstance(raw.get("pre_existing"), bool):
        raise GateError("malformed decision: finding field 'pre_existing' is missing or wrong")
    path = tuple(raw["path"])
    document = documents.get((raw["file"], raw["document"]))
    line, column, end_line, end_column = document.region(path) if document else (1, 1, 0, 0)
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
        end_line=end_line,
        end_column=end_column,
        fingerprint=fingerprint_of(raw["fingerprint"]),
        pre_existing=raw["pre_existing"],
    )


def _waived(item: Any, documents: DocumentIndex) -> Waived:
    if not isinstance(item, dict):
        raise GateError("malformed decision: a waived entry is not an object")
    waiver = item.get("waiver")
    if not isinstance(waiver, dict):
        raise GateError("malformed decision: a waived entry has no waiver object")
    for key, kind in _WAIVER_FIELDS.items():
        if not isinstance(waiver.get(key), kind) or isinstance(waiver.get(key), bool):
            raise GateError(f"malformed decision: waiver field {key!r} is missing or wrong")
    document = documents.get((waiver["file"], waiver["document"]))
    line = document.locate(("metadata", "name"))[0] if document else 1
    fields = {key: waiver[key] for key in _WAIVER_FIELDS if key != "document"}
    return Waived(_finding(item.get("finding"), documents), WaiverRef(line=line, **fields))
