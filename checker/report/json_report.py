"""JSON: the stable machine-readable report (docs/json-output.md)."""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.findings import Finding, Waived
from checker.report.diff_report import sorted_diff
from checker.report.sanitiser import data
from checker.result import Report

FORMAT_VERSION = 1


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    document: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "tool": {"name": "rolegate", "version": __version__},
        "summary": {
            "files": report.files,
            "documents": report.documents,
            "rules": report.rules_evaluated(),
            "rules_not_evaluated": report.rules_not_evaluated(),
            "findings": len(report.findings),
            "by_severity": report.by_severity(),
            "waived": len(report.waived),
            "pre_existing": len(report.pre_existing()),
            "fail_on": fail_on,
            "failed": bool(report.failing(fail_on)),
        },
        "findings": [finding_data(f) for f in report.findings],
        "waived": [waived_data(w) for w in report.waived],
        "rules": [vars(rule) for rule in report.rules],
        "notes": list(report.notes),
    }
    if report.ignored:  # absent when there is nothing to say, as before it existed
        document["summary"]["ignored"] = len(report.ignored)
        document["summary"]["ignored_by_reason"] = report.ignored_by_reason()
        document["ignored"] = [vars(item) for item in report.ignored]
    if report.base:
        document["base"] = {"ref": report.base, "new_only": report.new_only}
        document["access_diff"] = sorted_diff(report.access_diff)
    return json.dumps(data(document), indent=2) + "\n"


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "title": finding.title,
        "message": finding.message,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "path": list(finding.path),
        "subject": finding.subject,
        "controls": list(finding.controls),
        "fingerprint": finding.fingerprint,
        "pre_existing": finding.pre_existing,
    }


def waived_data(waived: Waived) -> dict[str, Any]:
    return {"finding": finding_data(waived.finding), "waiver": vars(waived.waiver)}
