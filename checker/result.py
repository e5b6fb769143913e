"""What a check produced, as reporters render it: the Report and each rule's result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from checker.engines import EngineInput
from checker.findings import SEVERITIES, Finding, Waived, severity_rank
from checker.policy.policyset import RuleMeta


@dataclass(frozen=True)
class RuleResult:
    id: str
    title: str
    severity: str
    status: str  # evaluated | disabled | not_evaluated (a usage rule without --usage)
    findings: int
    checked: int
    passed: int
    failed: int


@dataclass(frozen=True)
class Report:
    files: int
    documents: int
    findings: tuple[Finding, ...]
    waived: tuple[Waived, ...]
    rules: tuple[RuleResult, ...]
    timings: dict[str, float] = field(default_factory=dict)
    # The exact input the rules saw (for --emit-input); not part of comparisons or repr.
    engine_input: EngineInput | None = field(default=None, repr=False, compare=False)
    rule_meta: tuple[RuleMeta, ...] = ()  # every rule's METADATA, for SARIF and JUnit
    subjects: dict[str, tuple[str, ...]] = field(default_factory=dict)  # checked, per kind
    access_diff: dict[str, Any] = field(default_factory=dict)  # with --base: what changed
    base: str = ""  # what --base named, "" without it
    new_only: bool = False
    notes: tuple[str, ...] = ()  # what the report says besides findings (reading usage logs)
    # With CheckOptions.suggest: data.rolegate.suggest.roles, role name -> suggestion.
    suggestions: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def input_document(self) -> dict[str, Any]:
        return self.engine_input.document() if self.engine_input else {}

    def failing(self, fail_on: str) -> tuple[Finding, ...]:
        """Findings at or above the ``fail_on`` severity that the base does not have."""
        threshold = severity_rank(fail_on)
        return tuple(
            f
            for f in self.findings
            if severity_rank(f.severity) >= threshold and not f.pre_existing
        )

    def pre_existing(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.pre_existing)

    def by_severity(self) -> dict[str, int]:
        """Findings per severity, most severe first, every severity present."""
        counts = Counter(f.severity for f in self.findings)
        return {severity: counts[severity] for severity in reversed(SEVERITIES)}

    def rules_evaluated(self) -> int:
        return sum(1 for rule in self.rules if rule.status == "evaluated")

    def rules_not_evaluated(self) -> int:
        """Rules that need usage logs, in a check without them: neither passed nor failed."""
        return sum(1 for rule in self.rules if rule.status == "not_evaluated")
