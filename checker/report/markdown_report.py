"""Markdown for a pull-request comment: the verdict, counts by severity, the findings
with links to their lines, the waived findings and, with ``--base``, the access diff.

``links`` is the prefix of file links (in GitHub Actions, the blob URL of the commit);
without it links are relative to the report.
"""

from __future__ import annotations

from urllib.parse import quote

from checker.findings import Finding
from checker.report import diff_report
from checker.result import Report

_SEVERITIES = ("critical", "high", "medium", "low")


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    verdict = "failed" if report.failing(fail_on) else "passed"
    lines = [f"## rolegate: {verdict}", "", _counts(report, fail_on)]
    if report.findings:
        lines += ["", "| Severity | Rule | Where | Finding |", "|---|---|---|---|"]
        lines += [_finding_row(f, links) for f in report.findings]
    if report.waived:
        lines += ["", "#### Waived", "", "| Rule | Where | Finding | Waiver | Expires |"]
        lines.append("|---|---|---|---|---|")
        for entry in report.waived:
            f, waiver = entry.finding, entry.waiver
            lines.append(
                f"| {f.rule} | {_link(f, links)} | {_cell(f.message)} | "
                f"{_cell(waiver.name)}: {_cell(waiver.reason)} ({_cell(waiver.ticket)}) | "
                f"{waiver.expires} |"
            )
    text = "".join(line + "\n" for line in lines)
    if report.base:
        text += "\n" + diff_report.render_markdown(report.access_diff, base=report.base)
    return text


def _counts(report: Report, fail_on: str) -> str:
    counts = report.by_severity()
    header = "| " + " | ".join([*_SEVERITIES, "waived", "failing"]) + " |"
    values = [*(str(counts[s]) for s in _SEVERITIES), str(len(report.waived))]
    values.append(f"{len(report.failing(fail_on))} (fail-on {fail_on})")
    scope = f", new since `{report.base}`" if report.new_only else ""
    skipped = report.rules_not_evaluated()
    if skipped:
        scope += f"; {skipped} usage rules not evaluated (no usage logs: `--usage`)"
    return "\n".join(
        [
            header,
            "|" + "---|" * (len(_SEVERITIES) + 2),
            "| " + " | ".join(values) + " |",
            "",
            f"{report.files} files, {report.rules_evaluated()} rules{scope}.",
        ]
    )


def _finding_row(finding: Finding, links: str) -> str:
    mark = " (pre-existing)" if finding.pre_existing else ""
    return (
        f"| {finding.severity} | {finding.rule} | {_link(finding, links)} | "
        f"{_cell(finding.message)}{mark} |"
    )


def _link(finding: Finding, links: str) -> str:
    return f"[{_cell(finding.file)}:{finding.line}]({links}{quote(finding.file)}#L{finding.line})"


def _cell(text: str) -> str:
    """Text safe inside a table cell: no pipes or line breaks, HTML left inert."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.replace("|", "\\|").split())
