"""What reports say about each rule: the built-in checks and every Rego rule's METADATA."""

from __future__ import annotations

from dataclasses import dataclass

from checker.findings import BUILTIN_CHECKS, BuiltinCheck
from checker.policy.policyset import RuleMeta
from checker.result import Report, RuleResult

# SARIF levels and GitHub's security-severity scores (critical >= 9, high >= 7, ...).
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0"}

_BUILTIN_NAMES = {
    "YAML-001": "UnreadableYaml",
    "SCHEMA-001": "SchemaViolation",
    "REF-001": "UnknownReference",
}


@dataclass(frozen=True)
class RuleInfo:
    id: str
    name: str  # PascalCase, e.g. WildcardGrant
    title: str
    description: str
    remediation: str
    severity: str  # after OrgPolicy severity_overrides
    subject: str  # the kind of subject it checks; "file" for the built-in checks
    controls: tuple[str, ...]
    status: str  # evaluated | disabled


def rule_infos(report: Report) -> tuple[RuleInfo, ...]:
    """The built-in checks, then the rules by id."""
    results = {rule.id: rule for rule in report.rules}
    rules = [_from_meta(meta, results) for meta in sorted(report.rule_meta, key=lambda m: m.id)]
    return (*(_from_builtin(check) for check in BUILTIN_CHECKS), *rules)


def _from_builtin(check: BuiltinCheck) -> RuleInfo:
    return RuleInfo(
        id=check.id,
        name=_BUILTIN_NAMES[check.id],
        title=check.title,
        description=check.description,
        remediation=check.remediation,
        severity=check.severity,
        subject="file",
        controls=check.controls,
        status="evaluated",
    )


def _from_meta(meta: RuleMeta, results: dict[str, RuleResult]) -> RuleInfo:
    result = results.get(meta.id)
    return RuleInfo(
        id=meta.id,
        name="".join(part.capitalize() for part in meta.name.split("_")),
        title=meta.title,
        description=meta.description,
        remediation=meta.remediation,
        severity=result.severity if result else meta.severity,
        subject=meta.subject,
        controls=meta.controls,
        status=result.status if result else "evaluated",
    )
