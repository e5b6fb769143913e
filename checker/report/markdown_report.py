"""Markdown for a pull-request comment: the verdict, counts by severity, the findings
(new ones first, most severe first) with links to their lines, the waived findings and,
with ``--base``, the access diff.

``links`` is the prefix of file links (in GitHub Actions, the blob URL of the commit);
without it links are relative to the report. Text from the repo is inert Markdown
(``sanitiser.markdown_text``): no markup, no HTML, no mentions. The comment fits in what
GitHub accepts (``comment.fit``): past that, each table stops where the limit falls and
says how many rows are left out.
"""

from __future__ import annotations

from urllib.parse import quote

from checker.findings import Finding, Waived, severity_rank
from checker.report import diff_report
from checker.report.comment import Section, fit
from checker.report.sanitiser import markdown_code, markdown_text
from checker.result import Report

_SEVERITIES = ("critical", "high", "medium", "low")
_LONGEST = 1_000  # characters of one value shown in a cell; a row always fits a comment


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    verdict = "failed" if report.failing(fail_on) else "passed"
    sections = [Section((f"## rolegate: {verdict}", "", _counts(report, fail_on)))]
    if report.findings:
        header = ("", "| Severity | Rule | Where | Finding |", "|---|---|---|---|")
        rows = tuple(_finding_row(f, links) for f in _worst_first(report.findings))
        sections.append(Section(header, rows, "findings"))
    if report.waived:
        waived = ("", "#### Waived", "", "| Rule | Where | Finding | Waiver | Expires |")
        rows = tuple(_waived_row(entry, links) for entry in report.waived)
        sections.append(Section((*waived, "|---|---|---|---|---|"), rows, "waived findings"))
    if report.base:
        sections.append(Section(("",)))
        sections += diff_report.markdown_sections(report.access_diff, base=report.base)
    return fit(sections)


def _worst_first(findings: tuple[Finding, ...]) -> list[Finding]:
    """New findings before pre-existing ones, each most severe first, then as sorted."""
    return sorted(findings, key=lambda f: (f.pre_existing, -severity_rank(f.severity)))


def _counts(report: Report, fail_on: str) -> str:
    counts = report.by_severity()
    header = "| " + " | ".join([*_SEVERITIES, "waived", "failing"]) + " |"
    values = [*(str(counts[s]) for s in _SEVERITIES), str(len(report.waived))]
    values.append(f"{len(report.failing(fail_on))} (fail-on {fail_on})")
    scope = f", new since {markdown_code(_clip(report.base))}" if report.new_only else ""
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


def _waived_row(entry: Waived, links: str) -> str:
    f, waiver = entry.finding, entry.waiver
    return (
        f"| {f.rule} | {_link(f, links)} | {_cell(f.message)} | "
        f"{_cell(waiver.name)}: {_cell(waiver.reason)} ({_cell(waiver.ticket)}) | "
        f"{_cell(waiver.expires)} |"
    )


def _link(finding: Finding, links: str) -> str:
    target = quote(_clip(finding.file), errors="surrogateescape")
    return f"[{_cell(finding.file)}:{finding.line}]({links}{target}#L{finding.line})"


def _cell(text: str) -> str:
    """Text safe inside a table cell: one line, no markup, no pipes, HTML left inert."""
    return markdown_text(_clip(text))


def _clip(text: str) -> str:
    return text if len(text) <= _LONGEST else text[:_LONGEST] + "…"
