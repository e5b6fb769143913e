"""GitHub Actions workflow commands: each finding an annotation on its file and line.

``::error file=F,line=L,col=C,endLine=..,endColumn=..,title=RULE-ID::message``; critical
and high findings are errors, medium warnings, low notices; waived findings are notices
marked as such. A summary line closes the output, as in text. Text from the repo goes
through ``sanitiser.one_line`` before the workflow-command escaping.
"""

from __future__ import annotations

from checker.findings import Finding
from checker.report.sanitiser import one_line
from checker.report.text_report import summary
from checker.result import Report

_LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "notice"}


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    lines = [_annotation(_LEVELS[f.severity], f, _mark(f)) for f in report.findings]
    lines += [
        _annotation("notice", w.finding, f" (waived by {w.waiver.name} until {w.waiver.expires})")
        for w in report.waived
    ]
    lines.append(summary(report, fail_on=fail_on))
    return "".join(line + "\n" for line in lines)


def _mark(finding: Finding) -> str:
    return " (pre-existing)" if finding.pre_existing else ""


def _annotation(level: str, finding: Finding, mark: str) -> str:
    properties = {"file": finding.file, "line": finding.line, "col": finding.column}
    if finding.end_line:
        properties |= {"endLine": finding.end_line, "endColumn": finding.end_column}
    properties["title"] = f"{finding.rule}{mark}"
    fields = ",".join(f"{key}={_property(str(value))}" for key, value in properties.items())
    return f"::{level} {fields}::{_data(f'{finding.severity}: {finding.message}')}"


def _data(text: str) -> str:
    return one_line(text).replace("%", "%25")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
