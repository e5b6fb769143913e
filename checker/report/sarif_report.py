"""SARIF 2.1.0, for code-scanning tools (GitHub's upload-sarif).

One reportingDescriptor per rule, the built-in checks included; one result per finding,
waived findings as results with an accepted suppression that carries the waiver.
``partialFingerprints`` come from each finding's identity key (rule, subject, document
and semantic path, never the line), so a result is followed across commits.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.findings import Finding, Waived
from checker.report.ruleinfo import LEVELS, SECURITY_SEVERITY, RuleInfo, rule_infos
from checker.report.sanitiser import data
from checker.result import Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT = "rolegateFinding/v1"


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    infos = rule_infos(report)
    index = {info.id: i for i, info in enumerate(infos)}
    results = [_result(f, index, report) for f in report.findings]
    results += [_waived_result(w, index, report) for w in report.waived]
    run = {
        "tool": {"driver": {"name": "rolegate", "version": __version__, "rules": _rules(infos)}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": True}],
        "results": results,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(data(document), indent=2) + "\n"


def _rules(infos: tuple[RuleInfo, ...]) -> list[dict[str, Any]]:
    return [
        {
            "id": info.id,
            "name": info.name,
            "shortDescription": {"text": info.title},
            "fullDescription": {"text": info.description},
            "help": {
                "text": f"{info.description}\n\nRemediation: {info.remediation}",
                "markdown": f"{info.description}\n\n**Remediation:** {info.remediation}",
            },
            "defaultConfiguration": {
                "level": LEVELS[info.severity],
                "enabled": info.status == "evaluated",
            },
            "properties": {
                "tags": ["security", *info.controls],
                "security-severity": SECURITY_SEVERITY[info.severity],
                "severity": info.severity,
                "subject": info.subject,
            },
        }
        for info in infos
    ]


def _result(finding: Finding, index: dict[str, int], report: Report) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": _physical(finding)}],
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {
            "severity": finding.severity,
            "subject": finding.subject,
            "controls": list(finding.controls),
        },
    }
    if report.new_only:
        result["baselineState"] = "unchanged" if finding.pre_existing else "new"
    return result


def _waived_result(waived: Waived, index: dict[str, int], report: Report) -> dict[str, Any]:
    waiver = waived.waiver
    result = _result(waived.finding, index, report)
    result["suppressions"] = [
        {
            "kind": "external",
            "status": "accepted",
            "justification": waiver.reason,
            "location": {"physicalLocation": {"artifactLocation": _artifact(waiver.file)}},
            "properties": {
                "waiver": waiver.name,
                "ticket": waiver.ticket,
                "approved_by": waiver.approved_by,
                "expires": waiver.expires,
            },
        }
    ]
    return result


def _physical(finding: Finding) -> dict[str, Any]:
    region = {"startLine": finding.line, "startColumn": finding.column}
    if finding.end_line:
        region |= {"endLine": finding.end_line, "endColumn": finding.end_column}
    return {"artifactLocation": _artifact(finding.file), "region": region}


def _artifact(file: str) -> dict[str, str]:
    """A file inside the checked root relative to it; one outside as a file: URI."""
    path = PurePosixPath(file)
    if path.is_absolute():
        return {"uri": "file://" + quote(file, errors="surrogateescape")}
    return {"uri": quote(file, errors="surrogateescape"), "uriBaseId": SOURCE_ROOT}
