"""Plain text: one ``file:line:col: severity RULE-ID message`` line a finding, then a summary."""

from __future__ import annotations

from checker.check import Report


def render(report: Report, *, fail_on: str, quiet: bool = False) -> str:
    shown = report.failing(fail_on) if quiet else report.findings
    lines = [f"{f.file}:{f.line}:{f.column}: {f.severity} {f.rule} {f.message}" for f in shown]
    if not quiet:
        lines.append(summary(report, fail_on=fail_on))
    return "".join(line + "\n" for line in lines)


def summary(report: Report, *, fail_on: str) -> str:
    counts = report.by_severity()
    evaluated = report.rules_evaluated()
    by_severity = ", ".join(f"{n} {severity}" for severity, n in counts.items() if n)
    total = len(report.findings)
    found = f"{total} finding{'s' if total != 1 else ''}" + (f" ({by_severity})" if total else "")
    verdict = "failed" if report.failing(fail_on) else "passed"
    return (
        f"{report.files} file{'s' if report.files != 1 else ''}, {evaluated} rules: "
        f"{found}; {verdict} (fail-on {fail_on})"
    )
