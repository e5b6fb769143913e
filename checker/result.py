"""What a check produced, as reporters render it: the Report and each rule's result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.engines import EngineInput
from checker.findings import SEVERITIES, Finding, Ignored, Waived, severity_rank
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
    # With a review request: data.rolegate.review's view, grants and accounts at lines
    # (shape in docs/access-review.md).
    access_review: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # Every file the check read, as (name as reported, path): what evidence hashes.
    sources: tuple[tuple[str, Path], ...] = field(default=(), repr=False, compare=False)
    base: str = ""  # what --base named, "" without it
    new_only: bool = False
    ignored: tuple[Ignored, ...] = ()  # YAML documents that are not rolegate's, left alone
    skipped: tuple[Ignored, ...] = ()  # paths discovery left out (hidden, not YAML, ...)
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

    def ignored_by_reason(self) -> dict[str, int]:
        """Ignored documents per reason, the most frequent first."""
        counts = Counter(item.reason for item in self.ignored)
        return dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))

    def rules_evaluated(self) -> int:
        return sum(1 for rule in self.rules if rule.status == "evaluated")

    def rules_not_evaluated(self) -> int:
        """Rules that need usage logs, in a check without them: neither passed nor failed."""
        return sum(1 for rule in self.rules if rule.status == "not_evaluated")


@dataclass(frozen=True)
class InputFile:
    name: str  # as findings name it
    sha256: str
    bytes: int


@dataclass(frozen=True)
class EvidenceContext:
    """What an evidence pack records beside the report: what was checked, with what, when."""

    inputs: tuple[InputFile, ...]
    policy_revision: str  # the bundle's revision (rolegate bundle)
    bundle_sha256: str  # of the policy bundle, byte-for-byte reproducible
    policy_packs: tuple[str, ...]  # extra rule packs, as given
    engine: str
    evaluated_as_of: str  # input.context.now
    generated_at: str  # when the pack was written
    commit: dict[str, Any] | None  # {"sha", "dirty"} of the config repo, None outside git
    files: dict[str, str] = field(default_factory=dict)  # the pack's other files: name -> sha256
