"""The Markdown report fits a pull-request comment (checker/report/comment.py)."""

from __future__ import annotations

import re

import pytest

from checker.findings import SEVERITIES, Finding, Waived, WaiverRef
from checker.report import diff_report, markdown_report
from checker.report.comment import COMMENT_LIMIT, Section, fit, size
from checker.result import Report

MORE = re.compile(r"^\*\*([0-9,]+) more (.+) not shown\*\* \(a comment holds 65,536 characters\)")


def _finding(i: int, severity: str, message: str = "") -> Finding:
    text = message or f'role "agent-{i}": something is wrong with grant {i}'
    return Finding("LP-001", severity, "T", text, f"roles/r{i:05d}.yaml", i + 1, 1)


def _report(findings: list[Finding], waived: tuple[Waived, ...] = (), base: str = "") -> Report:
    diff = {"roles": [], "people": []}
    return Report(1, 1, tuple(findings), waived, (), access_diff=diff, base=base)


def _render(report: Report) -> str:
    return markdown_report.render(report, fail_on="high")


def _left_out(text: str) -> dict[str, int]:
    return {m[2]: int(m[1].replace(",", "")) for m in map(MORE.match, text.splitlines()) if m}


def test_five_thousand_findings_fit_most_severe_first() -> None:
    findings = [_finding(i, SEVERITIES[i % 4]) for i in range(5000)]
    text = _render(_report(findings))
    rows = [line for line in text.splitlines() if line.startswith("| ") and "LP-001" in line]
    assert size(text) <= COMMENT_LIMIT
    assert len(rows) + _left_out(text)["findings"] == 5000
    assert {row.split(" | ")[0] for row in rows} == {"| critical"}
    assert rows == sorted(rows, key=lambda row: row.split(" | ")[2])  # then by file
    assert text.endswith("in the job's artifacts.\n")


def _sized(total: int) -> Report:
    """A report whose whole Markdown is exactly ``total`` bytes: rows of about the same
    size up to near ``total``, then the last message lengthened to the byte."""
    one, two = ([_finding(500 + i, "high") for i in range(n)] for n in (1, 2))
    row = size(_render(_report(two))) - size(_render(_report(one)))
    findings = [_finding(i, "high") for i in range(100, 100 + (total - 1000) // row)]
    short = size(_render(_report(findings)))
    assert 0 <= total - short < 900  # the lengthened message is not clipped
    last = findings[-1]
    findings[-1] = _finding(len(findings) + 99, "high", last.message + "x" * (total - short))
    return _report(findings)


def test_a_report_of_exactly_the_limit_is_whole() -> None:
    text = _render(_sized(COMMENT_LIMIT))
    assert size(text) == COMMENT_LIMIT
    assert _left_out(text) == {}


def test_one_byte_more_is_cut_under_the_limit() -> None:
    text = _render(_sized(COMMENT_LIMIT + 1))
    assert size(text) <= COMMENT_LIMIT
    assert _left_out(text) == {"findings": 1}


def test_every_table_says_what_it_leaves_out() -> None:
    finding = _finding(0, "high")
    waiver = WaiverRef("w", "w.yaml", 1, "r" * 900, "T-1", "ana", "2027-01-01")
    findings = [_finding(i, "high", "y" * 900) for i in range(200)]
    text = _render(_report(findings, waived=(Waived(finding, waiver),) * 100, base="main"))
    assert size(text) <= COMMENT_LIMIT
    assert _left_out(text).keys() == {"findings", "waived findings"}
    assert text.splitlines()[-3:] == [
        "### Access changes since `main`",
        "",
        "No access changes against main.",
    ]


@pytest.mark.parametrize("message", ["z" * 1_000_000, "@" * 200_000, "\x00" * 100_000])
def test_one_huge_message_is_clipped(message: str) -> None:
    text = _render(_report([_finding(0, "critical", message), _finding(1, "low")]))
    assert size(text) <= COMMENT_LIMIT
    assert _left_out(text) == {}
    assert "…" in text


def test_the_access_diff_alone_fits_too() -> None:
    entry = {"kind": "action", "resource": "customer", "name": "export", "from": "", "to": ""}
    entry |= {"sensitivity": 3, "sensitive": True, "people": 1}
    roles = [
        {"role": f"r{i}", "status": "changed", "people": 1, "gained": [entry], "lost": []}
        for i in range(3000)
    ]
    text = diff_report.render_markdown({"roles": roles, "people": []}, base="main")
    assert size(text) <= COMMENT_LIMIT
    assert 0 < _left_out(text)["role changes"] < 3000


def test_fit_keeps_a_section_whole_or_says_so() -> None:
    sections = [Section(("# head",)), Section(("table",), ("a" * 1000, "b" * 1000), "rows")]
    whole = "# head\ntable\n" + "a" * 1000 + "\n" + "b" * 1000 + "\n"
    assert fit(sections, limit=size(whole)) == whole
    assert fit(sections, limit=size(whole) - 1) == (
        "# head\ntable\n" + "a" * 1000 + "\n\n**1 more rows not shown** (a comment holds "
        "65,536 characters): see the full report (SARIF, JSON or text) in the job's artifacts.\n"
    )


def test_a_section_without_rows_that_cannot_start_says_so() -> None:
    sections = [Section(("x" * 300,)), Section(("y" * 300,), what="access changes")]
    cut = fit(sections, limit=450)
    assert cut.startswith("x" * 300 + "\n\n**Access changes not shown**")
    assert size(cut) <= 450
