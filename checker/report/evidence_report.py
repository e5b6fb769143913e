"""``evidence.json``: what an auditor needs to know about one check, in a stable shape
(docs/evidence.md): the tool and policies, a hash of every input file and of the policy
bundle, the commit and the time, and per rule its controls, the subjects it checked,
passed, failed and waived, with each finding."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from checker import __version__
from checker.report.json_report import finding_data
from checker.report.sanitiser import data
from checker.result import EvidenceContext, Report

FORMAT_VERSION = 1


def render(report: Report, *, fail_on: str, context: EvidenceContext) -> str:
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "rolegate", "version": __version__},
        "policy": {
            "revision": context.policy_revision,
            "bundle_sha256": context.bundle_sha256,
            "packs": list(context.policy_packs),
            "engine": context.engine,
        },
        "commit": context.commit,
        "evaluated_as_of": context.evaluated_as_of,
        "generated_at": context.generated_at,
        "inputs": [asdict(s) for s in sorted(context.inputs, key=lambda s: s.name)],
        "summary": _summary(report, fail_on),
        "rules": _rules(report),
        "files": dict(sorted(context.files.items())),
    }
    return json.dumps(data(document), indent=2) + "\n"


def _summary(report: Report, fail_on: str) -> dict[str, Any]:
    evaluated = [rule for rule in report.rules if rule.status == "evaluated"]
    failed = sum(1 for rule in evaluated if rule.failed)
    return {
        "files": report.files,
        "documents": report.documents,
        "rules": len(evaluated),
        "rules_passed": len(evaluated) - failed,
        "rules_failed": failed,
        "findings": len(report.findings),
        "by_severity": report.by_severity(),
        "waived": len(report.waived),
        "fail_on": fail_on,
        "failed": bool(report.failing(fail_on)),
    }


def _rules(report: Report) -> list[dict[str, Any]]:
    """Every rule, with the findings of the built-in checks (YAML, schema, references) as
    rules of their own when there are any."""
    meta = {rule.id: rule for rule in report.rule_meta}
    found: dict[str, list[Any]] = {}
    for finding in report.findings:
        found.setdefault(finding.rule, []).append(finding)
    waived: dict[str, list[Any]] = {}
    for entry in report.waived:
        waived.setdefault(entry.finding.rule, []).append(entry)
    rules = []
    for rule in report.rules:
        controls = list(meta[rule.id].controls) if rule.id in meta else []
        rules.append(
            {
                "id": rule.id,
                "title": rule.title,
                "severity": rule.severity,
                "status": rule.status,
                "controls": controls,
                "checked": rule.checked,
                "passed": rule.passed,
                "failed": rule.failed,
                "waived": len({w.finding.subject for w in waived.get(rule.id, [])}),
                "findings": [finding_data(f) for f in found.pop(rule.id, [])],
                "waived_findings": [_waived(w) for w in waived.get(rule.id, [])],
            }
        )
    for rule_id, findings in sorted(found.items()):  # YAML-001, SCHEMA-001, REF-001
        rules.append(_builtin(rule_id, findings))
    return rules


def _waived(entry: Any) -> dict[str, Any]:
    return {**finding_data(entry.finding), "waiver": vars(entry.waiver)}


def _builtin(rule_id: str, findings: list[Any]) -> dict[str, Any]:
    subjects = {f.file for f in findings}
    return {
        "id": rule_id,
        "title": findings[0].title,
        "severity": findings[0].severity,
        "status": "built-in",
        "controls": [],
        "checked": len(subjects),
        "passed": 0,
        "failed": len(subjects),
        "waived": 0,
        "findings": [finding_data(f) for f in findings],
        "waived_findings": [],
    }
