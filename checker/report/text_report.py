"""Plain text: one ``file:line:col: severity RULE-ID message`` line a finding, then a summary.

Waived findings follow the others, marked; with ``color`` (a terminal, no NO_COLOR) the
severities and the verdict are in ANSI colours. Text from the repo goes through
``sanitiser.one_line``, so it cannot start a line or drive the terminal.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.findings import Finding, Waived
from checker.report.sanitiser import one_line
from checker.result import Report

_COLORS = {"critical": "1;31", "high": "31", "medium": "33", "low": "36"}
_VERDICT_COLORS = {"failed": "1;31", "passed": "1;32"}
_DIM = "2"

Paint = Callable[[str, str], str]


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    paint = _paint if color else _plain
    shown = report.failing(fail_on) if quiet else report.findings
    lines = [_finding_line(f, paint) for f in shown]
    if not quiet:
        lines += [_waived_line(w, paint) for w in report.waived]
        lines += [f"note: {note}" for note in (*report.notes, *_not_evaluated(report))]
        lines.append(summary(report, fail_on=fail_on, paint=paint))
    return "".join(line + "\n" for line in lines)


def _paint(code: str, text: str) -> str:
    return f"\033[{code}m{text}\033[0m"


def _plain(_: str, text: str) -> str:
    return text


def _finding_line(finding: Finding, paint: Paint) -> str:
    if finding.pre_existing:
        return paint(_DIM, _line(finding, _plain) + " (pre-existing)")
    return _line(finding, paint)


def _line(f: Finding, paint: Paint) -> str:
    severity = paint(_COLORS[f.severity], f.severity)
    return f"{one_line(f.file)}:{f.line}:{f.column}: {severity} {f.rule} {one_line(f.message)}"


def _waived_line(waived: Waived, paint: Paint) -> str:
    waiver = waived.waiver
    mark = f" (waived by {one_line(waiver.name)} until {one_line(waiver.expires)})"
    return paint(_DIM, _line(waived.finding, _plain) + mark)


def summary(report: Report, *, fail_on: str, paint: Paint = _plain) -> str:
    counts = report.by_severity()
    evaluated = report.rules_evaluated()
    by_severity = ", ".join(f"{n} {severity}" for severity, n in counts.items() if n)
    total = len(report.findings)
    found = f"{total} finding{'s' if total != 1 else ''}" + (f" ({by_severity})" if total else "")
    extra = [f"{n} {what}" for n, what in _also(report) if n]
    verdict = "failed" if report.failing(fail_on) else "passed"
    return (
        f"{report.files} file{'s' if report.files != 1 else ''}, {evaluated} rules: "
        f"{', '.join([found, *extra])}; {paint(_VERDICT_COLORS[verdict], verdict)} "
        f"(fail-on {fail_on}{_scope(report)}){_ignored(report)}"
    )


def _not_evaluated(report: Report) -> list[str]:
    """Rules that need usage logs, in a check without them: said, never counted as passed."""
    count = report.rules_not_evaluated()
    if not count:
        return []
    return [f"{count} usage rule{'s' if count != 1 else ''} not evaluated: no usage logs (--usage)"]


def _also(report: Report) -> list[tuple[int, str]]:
    return [(len(report.pre_existing()), "pre-existing"), (len(report.waived), "waived")]


def _ignored(report: Report) -> str:
    """How many YAML documents were left alone as not rolegate's, and why ("" if none)."""
    if not report.ignored:
        return ""
    total = len(report.ignored)
    reasons = ", ".join(f"{reason}: {n}" for reason, n in report.ignored_by_reason().items())
    return (
        f"; {total} YAML document{'s' if total != 1 else ''} ignored as not rolegate's ({reasons})"
    )


def _scope(report: Report) -> str:
    return f", new since {one_line(report.base)}" if report.new_only else ""
