"""Where each output format says the findings are, read back from its text: a list of
(rule, file, line, column) per format, column 0 where a format gives none (markdown)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable

from checker.report.formats import REPORTERS
from checker.result import Report

Location = tuple[str, str, int, int]

_TEXT = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): \w+ (?P<rule>[A-Z]+-\d{3}) ")
_GITHUB = re.compile(
    r"^::\w+ file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<column>\d+),.*?"
    r"title=(?P<rule>[A-Z]+-\d{3})::"
)
_MARKDOWN = re.compile(r"^\| \w+ \| (?P<rule>[A-Z]+-\d{3}) \| \[(?P<file>[^\]]+):(?P<line>\d+)\]")
_JUNIT = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<column>\d+): ")


def _render(name: str, report: Report) -> str:
    return REPORTERS[name](report, fail_on="high")


def _matches(pattern: re.Pattern[str], text: str) -> list[Location]:
    found = []
    for line in text.splitlines():
        match = pattern.match(line)
        if match:
            column = int(match.groupdict().get("column") or 0)
            found.append((match["rule"], match["file"], int(match["line"]), column))
    return sorted(found)


def json_locations(report: Report, *, columns: bool = True) -> list[Location]:
    findings = json.loads(_render("json", report))["findings"]
    return sorted(
        (f["rule"], f["file"], f["line"], f["column"] if columns else 0) for f in findings
    )


def _sarif(report: Report) -> list[Location]:
    found = []
    for result in json.loads(_render("sarif", report))["runs"][0]["results"]:
        place = result["locations"][0]["physicalLocation"]
        region = place["region"]
        file = place["artifactLocation"]["uri"]
        found.append((result["ruleId"], file, region["startLine"], region["startColumn"]))
    return sorted(found)


def _junit(report: Report) -> list[Location]:
    found = []
    for case in ElementTree.fromstring(_render("junit", report)).iter("testcase"):
        for failure in case.iter("failure"):  # a finding a line, then the waived ones
            for line in (failure.text or "").splitlines():
                match = _JUNIT.match(line)
                assert match, line
                if not line.endswith(")") or "(waived by " not in line:
                    rule = case.get("classname", "")
                    found.append((rule, match["file"], int(match["line"]), int(match["column"])))
    return sorted(found)


# Each format's reading, and whether it gives columns.
LOCATIONS: dict[str, tuple[Callable[[Report], list[Location]], bool]] = {
    "text": (lambda report: _matches(_TEXT, _render("text", report)), True),
    "github": (lambda report: _matches(_GITHUB, _render("github", report)), True),
    "markdown": (lambda report: _matches(_MARKDOWN, _render("markdown", report)), False),
    "sarif": (_sarif, True),
    "junit": (_junit, True),
}
