"""A drift run: the export mapped as an import would map it, the repo read as check reads
it, and the differences as a Report that every report format renders."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from checker.drift import checks
from checker.drift.compare import drift
from checker.drift.platform import platform_of
from checker.findings import Finding
from checker.importers.build import read_export
from checker.repo import read_repo
from checker.result import Report, RuleResult


def run_drift(vendor: str, exports: Sequence[Path], repo: Path, *, mapping: Path | None) -> Report:
    started = time.perf_counter()
    export, loaded = read_export(vendor, exports, mapping)
    platform = platform_of(export, loaded)
    declared = read_repo((repo,), root=Path.cwd())
    found = drift(platform, list(declared.validated.documents), vendor)
    findings = tuple(sorted([*declared.problems, *found], key=Finding.sort_key))
    counts = Counter(f.rule for f in findings)
    subjects = len(platform.roles), len(platform.accounts)
    rules = tuple(
        RuleResult(
            c.id,
            c.title,
            c.severity,
            "evaluated",
            counts[c.id],
            checked := subjects[0] if c.id <= "DRIFT-003" else subjects[1],
            max(checked - counts[c.id], 0),
            counts[c.id],
        )
        for c in checks.CHECKS
    )
    return Report(
        files=declared.files,
        documents=len(declared.documents),
        findings=findings,
        waived=(),
        rules=rules,
        timings={"drift": time.perf_counter() - started},
        rule_meta=checks.rule_meta(),
    )
