"""Hostile text from the repo in every report format (checker/report/sanitiser.py).

One finding and one waived finding whose message, file name and waiver fields try to
forge a summary line and workflow commands, drive the terminal, reorder text, break
XML, ping people and inject Markdown.
"""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from sarif_schema import valid_sarif

from checker.findings import Finding, Waived, WaiverRef
from checker.policy.policyset import RuleMeta
from checker.report import (
    diff_report,
    github_report,
    json_report,
    junit_report,
    markdown_report,
    sarif_report,
    text_report,
)
from checker.report.sanitiser import data, markdown_code, markdown_text, one_line
from checker.result import Report

HOSTILE = (
    "m\n0 findings; passed\r\n::notice::ok \x1b[2J\u202e @alice #1 [x](http://e) "
    "<b>|\x00 ##vso[x]\u2028\ufffe\udcff"
)
# HOSTILE as one line of text: every hidden character an escape, the markers escaped.
SHOWN = (
    r"m\n0 findings; passed\r\n::notice::ok \x1b[2J\u202e @alice #1 [x](http://e) "
    r"<b>|\x00 #\x23vso[x]\u2028\ufffe\xff"
)
FILE = "::warning::r\n\x1b[31m\u202e.yaml"
FILE_SHOWN = r"\x3a:warning::r\n\x1b[31m\u202e.yaml"
SUMMARY = "1 file, 0 rules: 1 finding (1 high), 1 waived; failed (fail-on high)"

FINDING = Finding("GOV-001", "high", "T", HOSTILE, FILE, 8, 3, subject="role:x")
WAIVED = Waived(
    Finding("LP-001", "low", "T", HOSTILE, FILE, 9, 1, subject="role:x"),
    WaiverRef(HOSTILE, FILE, 3, HOSTILE, HOSTILE, HOSTILE, "2027-01-01"),
)


def _meta(rule_id: str, title: str) -> RuleMeta:
    return RuleMeta(rule_id, title, "D", "high", "role", (HOSTILE,), "R", {}, "a", "n", "f", 1)


REPORT = Report(
    files=1,
    documents=1,
    findings=(FINDING,),
    waived=(WAIVED,),
    rules=(),
    rule_meta=(_meta("GOV-001", HOSTILE), _meta("LP-001", "Wildcard")),
    subjects={"role": ("x", HOSTILE)},
)


def _render(format_module: object) -> str:
    return format_module.render(REPORT, fail_on="high")  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (HOSTILE, SHOWN),
        ("tab\there", r"tab\there"),
        ("  ::set-output name=x::1", r"  \x3a:set-output name=x::1"),
        ("a::b", "a::b"),  # a marker only at the start, where a runner reads it
        ("zero\u200bwidth\ufeff", r"zero\u200bwidth\ufeff"),
        ("é ü 日本 😀", "é ü 日本 😀"),  # text stays text
        ("\U000e0041tag", r"\U000e0041tag"),  # an invisible tag character
    ],
)
def test_one_line_shows_every_hidden_character(text: str, shown: str) -> None:
    assert one_line(text) == shown


def test_text_report_is_one_line_a_finding_and_the_real_summary() -> None:
    assert _render(text_report) == (
        f"{FILE_SHOWN}:8:3: high GOV-001 {SHOWN}\n"
        f"{FILE_SHOWN}:9:1: low LP-001 {SHOWN} (waived by {SHOWN} until 2027-01-01)\n"
        f"{SUMMARY}\n"
    )


def test_github_report_has_only_its_own_workflow_commands() -> None:
    lines = _render(github_report).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::notice", "1"]
    assert lines[0] == (
        r"::error file=\x3a%3Awarning%3A%3Ar\n\x1b[31m\u202e.yaml,line=8,col=3,title=GOV-001::"
        f"high: {SHOWN}"
    )
    assert lines[-1] == SUMMARY


def test_junit_stays_parsable_and_keeps_every_finding() -> None:
    root = ET.fromstring(_render(junit_report))
    assert f"GOV-001 {SHOWN}" in [suite.get("name") for suite in root.iter("testsuite")]
    assert f"{SHOWN}" in [p.get("value") for p in root.iter("property")]
    [failure] = root.iter("failure")
    [skipped] = root.iter("skipped")
    assert failure.get("message") == SHOWN
    assert failure.text == f"{FILE_SHOWN}:8:3: high {SHOWN}"
    assert skipped.get("message") == f"waived by {SHOWN} until 2027-01-01: {SHOWN}"
    assert SHOWN in [case.get("name") for case in root.iter("testcase")]  # a subject


@pytest.mark.parametrize("format_module", [json_report, sarif_report], ids=["json", "sarif"])
def test_json_and_sarif_keep_text_verbatim_but_surrogates(format_module: object) -> None:
    out = _render(format_module)
    assert out.isascii()  # control and bidi characters are JSON escapes
    verbatim = HOSTILE.replace("\udcff", "\ufffd")
    if format_module is sarif_report:
        [result, _] = valid_sarif(out)["runs"][0]["results"]
        assert result["message"]["text"] == verbatim
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
            "%3A%3Awarning%3A%3Ar%0A%1B%5B31m%E2%80%AE.yaml"
        )
    else:
        document = json.loads(out)
        assert (document["findings"][0]["message"], document["findings"][0]["file"]) == (
            verbatim,
            FILE,
        )
        assert document["waived"][0]["waiver"]["reason"] == verbatim


def test_markdown_cells_are_inert() -> None:
    cell = (
        r"m\\n0 findings; passed\\r\\n::notice::ok \\x1b\[2J\\u202e @&#8203;alice #&#8203;1 "
        r"\[x\](http://e) &lt;b&gt;\|\\x00 #\\x23vso\[x\]\\u2028\\ufffe\\xff"
    )
    assert markdown_text(HOSTILE) == cell
    lines = _render(markdown_report).splitlines()
    assert lines[10] == (
        r"| high | GOV-001 | [\\x3a:warning::r\\n\\x1b\[31m\\u202e.yaml:8]"
        rf"(%3A%3Awarning%3A%3Ar%0A%1B%5B31m%E2%80%AE.yaml#L8) | {cell} |"
    )
    assert lines[-1].startswith(r"| LP-001 | [\\x3a:warning")
    assert len(lines) == 17  # no line break got through


@pytest.mark.parametrize(
    ("text", "span"),
    [("plain", "`plain`"), ("a`b|c", "``a`b\\|c``"), ("`x", "`` `x ``"), ("@bob", "`@bob`")],
)
def test_markdown_code_spans_cannot_be_left(text: str, span: str) -> None:
    assert markdown_code(text) == span


def test_data_replaces_only_surrogates() -> None:
    assert data({"k\udcff": [HOSTILE, 1, None]}) == {
        "k\ufffd": [HOSTILE.replace("\udcff", "\ufffd"), 1, None]
    }


DIFF = {
    "roles": [
        {
            "role": HOSTILE,
            "status": "changed",
            "people": 1,
            "gained": [
                {
                    "kind": "field",
                    "resource": "customer",
                    "name": "phone|`x",
                    "from": "masked",
                    "to": "full",
                    "sensitivity": 3,
                    "sensitive": True,
                    "people": 1,
                }
            ],
            "lost": [],
        }
    ],
    "people": [
        {
            "person": "@alice\n",
            "accounts": ["a\x1b"],
            "gained": [
                {
                    "kind": "action",
                    "resource": "customer",
                    "name": "export",
                    "from": "",
                    "to": "",
                    "sensitivity": 3,
                    "sensitive": True,
                }
            ],
            "lost": [],
        }
    ],
}


def test_diff_reports_show_names_inert() -> None:
    text = diff_report.render_text(DIFF, base="main\n::notice::x")
    assert text.splitlines() == [
        r"access changes against main\n::notice::x: 1 role and 1 person changed; "
        "1 sensitive gain for people",
        "",
        f"role {SHOWN} (changed, held by 1 person)",
        "  + customer.phone|`x: masked -> full  sensitivity 3, sensitive, 1 person",
        "",
        r"person @alice\n (a\x1b)",
        "  + customer:export                    sensitivity 3, sensitive",
    ]
    markdown = diff_report.render_markdown(DIFF, base="main").splitlines()
    assert markdown[6] == (
        f"| {markdown_code(HOSTILE)} (changed) | gained | ``customer.phone\\|`x: masked -> full`` "
        "| **3 (sensitive)** | 1 |"
    )
    assert markdown[10] == (
        r"| `@alice\n` | `a\x1b` | gained | `customer:export` | **3 (sensitive)** |"
    )
    assert json.loads(diff_report.render_json(DIFF, base="main"))["roles"][0]["role"] == (
        HOSTILE.replace("\udcff", "\ufffd")
    )
