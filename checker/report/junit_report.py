"""JUnit XML: one testsuite per rule, one testcase per subject it checked.

Passing checks are listed too, so the report is audit evidence of what was checked. A
subject with findings fails, each finding on a ``file:line:col`` line of the failure; a
subject whose findings are all waived is skipped with the waiver; a rule disabled by the
OrgPolicy is one skipped case. The built-in checks (YAML, schema, references) have one
case per file with a finding, or one passing case for all files. Every name and message
goes through ``sanitiser.one_line``: XML 1.0 cannot hold control characters, and one of
them would make the whole report unreadable.
"""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from checker.findings import Finding, Waived, severity_rank
from checker.report.ruleinfo import RuleInfo, rule_infos
from checker.report.sanitiser import one_line
from checker.result import Report


def render(
    report: Report, *, fail_on: str, quiet: bool = False, color: bool = False, links: str = ""
) -> str:
    findings: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        findings[finding.rule].append(finding)
    waived: dict[str, list[Waived]] = defaultdict(list)
    for entry in report.waived:
        waived[entry.finding.rule].append(entry)
    root = ET.Element("testsuites", name="rolegate")
    for info in rule_infos(report):
        root.append(_suite(info, _subjects(info, report), findings[info.id], waived[info.id]))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _subjects(info: RuleInfo, report: Report) -> list[str]:
    if info.subject == "file":
        return [f"{report.files} files"]
    return list(report.subjects.get(info.subject, ()))


def _suite(
    info: RuleInfo, subjects: list[str], findings: list[Finding], waived: list[Waived]
) -> ET.Element:
    suite = ET.Element("testsuite", name=one_line(f"{info.id} {info.title}"))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("severity", info.severity), ("controls", " ".join(info.controls))):
        ET.SubElement(properties, "property", name=name, value=one_line(value))
    if info.status != "evaluated":
        case = ET.SubElement(suite, "testcase", classname=info.id, name=info.status)
        why = "by the OrgPolicy" if info.status == "disabled" else "without usage logs (--usage)"
        ET.SubElement(case, "skipped", message=f"rule {info.status} {why}")
        return suite
    by_subject: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_subject[_subject(info, finding)].append(finding)
    waived_by: dict[str, list[Waived]] = defaultdict(list)
    for entry in waived:
        waived_by[_subject(info, entry.finding)].append(entry)
    names = [s for s in subjects if not (info.subject == "file" and by_subject)]
    for name in sorted({*names, *by_subject, *waived_by}):
        suite.append(_case(info, name, by_subject.get(name, []), waived_by.get(name, [])))
    return suite


def _subject(info: RuleInfo, finding: Finding) -> str:
    return finding.file if info.subject == "file" else finding.subject


def _case(info: RuleInfo, name: str, findings: list[Finding], waived: list[Waived]) -> ET.Element:
    case = ET.Element("testcase", classname=info.id, name=one_line(name))
    if findings:
        worst = max(findings, key=lambda f: severity_rank(f.severity))
        failure = ET.SubElement(case, "failure", message=one_line(worst.message))
        failure.set("type", worst.severity)
        failure.text = "\n".join(
            [*(_where(f) for f in findings), *(_waived_line(w) for w in waived)]
        )
    elif waived:
        reasons = "; ".join(
            f"waived by {w.waiver.name} until {w.waiver.expires}: {w.waiver.reason}" for w in waived
        )
        ET.SubElement(case, "skipped", message=one_line(reasons))
    return case


def _where(finding: Finding) -> str:
    mark = " (pre-existing)" if finding.pre_existing else ""
    where = f"{one_line(finding.file)}:{finding.line}:{finding.column}"
    return f"{where}: {finding.severity} {one_line(finding.message)}{mark}"


def _waived_line(waived: Waived) -> str:
    return f"{_where(waived.finding)} (waived by {one_line(waived.waiver.name)})"


def _count(root: ET.Element, suites: list[ET.Element]) -> None:
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in suites:
        cases = suite.findall("testcase")
        counts = {
            "tests": len(cases),
            "failures": sum(1 for c in cases if c.find("failure") is not None),
            "errors": 0,
            "skipped": sum(1 for c in cases if c.find("skipped") is not None),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
