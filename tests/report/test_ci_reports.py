"""CI report formats: SARIF (validated against the official schema), JUnit, GitHub
annotations, Markdown; several --format/--output pairs from one evaluation; auto and
colour."""

from __future__ import annotations

import argparse
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from sarif_schema import official_sarif_validator, schema_errors

from checker.commands.report_options import file_links, report_targets
from checker.findings import BUILTIN_CHECKS, Finding
from checker.policy.policyset import load_policy_set
from checker.report import github_report, text_report
from checker.result import Report

from conftest import NOW, CliResult

Cli = Callable[..., CliResult]
RULE_IDS = sorted(rule.id for rule in load_policy_set().rules)
# The usage rules are not evaluated without --usage, and the reports say so.
USAGE_RULES = sum(1 for rule in load_policy_set().rules if rule.area == "usage")
EVALUATED = len(RULE_IDS) - USAGE_RULES
INCIDENT = "fixtures/incident"
LP001_BAD = ("fixtures/rules/LP-001/bad", "fixtures/rules/_base")
WAIVED_CASE = ("fixtures/rules/WVR-003/bad", "fixtures/rules/_base")


def sarif(cli: Cli, *paths: str) -> dict[str, Any]:
    _, out, err = cli("check", "--format", "sarif", "--now", NOW, *paths)
    assert err == ""
    document: dict[str, Any] = json.loads(out)
    return document


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize(
    "paths", [(INCIDENT,), LP001_BAD, WAIVED_CASE], ids=["incident", "one-finding", "waived"]
)
def test_sarif_is_valid_against_the_official_schema(cli: Cli, paths: tuple[str, ...]) -> None:
    official_sarif_validator()  # before the check: skipped without ../shared
    assert schema_errors(sarif(cli, *paths)) == []


@pytest.mark.usefixtures("in_root")
def test_incident_sarif_has_one_descriptor_per_rule(cli: Cli) -> None:
    [run] = sarif(cli, INCIDENT)["runs"]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [c.id for c in BUILTIN_CHECKS] + RULE_IDS
    lp002 = next(d for d in descriptors if d["id"] == "LP-002")
    assert lp002["name"] == "FrontlineReachAll"
    assert lp002["shortDescription"] == {
        "text": "Frontline role reaches a whole division or every customer"
    }
    assert lp002["help"]["text"].startswith(lp002["fullDescription"]["text"] + "\n\nRemediation: ")
    assert lp002["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert lp002["properties"]["tags"] == ["security", "LGPD-6-III", "ISO27001-A.5.15", "PCI-7.2.1"]
    assert lp002["properties"]["security-severity"] == "8.0"
    for result in run["results"]:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]


@pytest.mark.usefixtures("in_root")
def test_incident_sarif_regions_are_the_findings_lines(cli: Cli) -> None:
    [run] = sarif(cli, INCIDENT)["runs"]
    regions = []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]
        artifact, region = location["artifactLocation"], location["region"]
        assert artifact["uriBaseId"] == "%SRCROOT%"
        assert region["endLine"] == region["startLine"]
        line = Path(artifact["uri"]).read_text().splitlines()[region["startLine"] - 1]
        text = line[region["startColumn"] - 1 : region["endColumn"] - 1]
        regions.append(
            (result["ruleId"], artifact["uri"].rsplit("/", 1)[1], region["startLine"], text)
        )
    expected = {(f["rule"], f["file"].rsplit("/", 1)[1], f["line"]) for f in _expected(INCIDENT)}
    assert {r[:3] for r in regions} == expected
    assert ("LP-002", "tier1-agent.yaml", 20, "scope: all") in regions
    assert ("CH-001", "tier1-agent.yaml", 54, "whatsapp") in regions
    assert ("TP-001", "contact-centre-agents.yaml", 49, "valid_until: 2027-06-30") in regions
    assert ("GOV-001", "tier1-agent.yaml", 6, "metadata") in regions


def _expected(case: str) -> list[dict[str, Any]]:
    import yaml

    findings: list[dict[str, Any]] = yaml.safe_load((Path(case) / "expect.yaml").read_text())[
        "findings"
    ]
    return findings


def _lines_by_fingerprint(document: dict[str, Any]) -> dict[str, int]:
    return {
        r["partialFingerprints"]["rolegateFinding/v1"]: r["locations"][0]["physicalLocation"][
            "region"
        ]["startLine"]
        for r in document["runs"][0]["results"]
    }


@pytest.mark.usefixtures("in_root")
def test_fingerprints_survive_lines_inserted_above(cli: Cli, tmp_path: Path) -> None:
    before = _lines_by_fingerprint(sarif(cli, INCIDENT))
    assert len(before) == len(_expected(INCIDENT))  # no two findings share a fingerprint
    copy = tmp_path / "incident"
    shutil.copytree(INCIDENT, copy)
    for path in copy.rglob("*.yaml"):
        lines = path.read_text().splitlines(keepends=True)
        path.write_text(lines[0] + "# a note\n# moved down\n\n" + "".join(lines[1:]))
    role = copy / "roles" / "tier1-agent.yaml"
    role.write_text(
        role.read_text().replace(
            "  grants:\n",
            "  grants:\n    - resource: case\n      actions: [comment]\n      scope: assigned\n",
        )
    )
    after = _lines_by_fingerprint(sarif(cli, str(copy)))
    assert sorted(after) == sorted(before)
    moved = {fingerprint: after[fingerprint] - line for fingerprint, line in before.items()}
    assert set(moved.values()) == {3, 6}  # every finding moved, none changed identity


@pytest.mark.usefixtures("in_root")
def test_waived_finding_is_a_suppressed_result(cli: Cli) -> None:
    [run] = sarif(cli, *WAIVED_CASE)["runs"]
    [suppressed] = [r for r in run["results"] if "suppressions" in r]
    assert suppressed["ruleId"] == "GOV-001"
    assert suppressed["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "The change predates the ticketing system; the ticket is being "
            "backfilled.",
            "location": {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": "fixtures/rules/WVR-003/bad/waivers.yaml",
                        "uriBaseId": "%SRCROOT%",
                    }
                }
            },
            "properties": {
                "waiver": "tier1-ticket-backfill",
                "ticket": "SEC-311",
                "approved_by": "maria.souza",
                "expires": "2027-02-26",
            },
        }
    ]


@pytest.mark.usefixtures("in_root")
def test_junit_lists_passing_checks_and_failures_with_their_lines(cli: Cli) -> None:
    code, out, err = cli("check", "--format", "junit", "--now", NOW, INCIDENT)
    root = ET.fromstring(out)
    suites = {s.get("name", "").split()[0]: s for s in root.findall("testsuite")}
    assert (code, err, sorted(suites)) == (1, "", sorted([c.id for c in BUILTIN_CHECKS] + RULE_IDS))
    lp002 = suites["LP-002"]
    assert (lp002.get("tests"), lp002.get("failures")) == ("1", "1")
    failure = lp002.find("testcase/failure")
    assert failure is not None
    assert failure.get("type") == "high"
    assert failure.text == (
        'fixtures/incident/roles/tier1-agent.yaml:20:7: high role "tier1-agent": frontline '
        "grant on customer has scope all with personal fields visible (address, birth_date, "
        "cpf, email, name, phone, plan)"
    )
    tp001 = suites["TP-001"]
    cases = {c.get("name"): c for c in tp001.findall("testcase")}
    assert len(cases) == 5  # every contractor account is listed, failing or not
    assert cases["account:c.thiago.moreira"].find("failure") is None
    bruno = cases["account:c.bruno.alves"].find("failure")
    assert bruno is not None and bruno.text is not None and len(bruno.text.splitlines()) == 3
    assert [c.get("name") for c in suites["YAML-001"].findall("testcase")] == ["7 files"]
    totals = [int(root.get(k, "-1")) for k in ("tests", "failures", "skipped")]
    assert totals == [
        sum(int(s.get(k, "0")) for s in suites.values()) for k in ("tests", "failures", "skipped")
    ]


@pytest.mark.usefixtures("in_root")
def test_junit_waived_subject_is_skipped_with_the_waiver(cli: Cli) -> None:
    _, out, _ = cli("check", "--format", "junit", "--now", NOW, *WAIVED_CASE)
    root = ET.fromstring(out)
    [gov] = [s for s in root.findall("testsuite") if s.get("name", "").startswith("GOV-001 ")]
    skipped = gov.find("testcase/skipped")
    assert skipped is not None
    assert skipped.get("message") == (
        "waived by tier1-ticket-backfill until 2027-02-26: The change predates the ticketing "
        "system; the ticket is being backfilled."
    )


@pytest.mark.usefixtures("in_root")
def test_junit_disabled_rule_is_one_skipped_case(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(
        "apiVersion: rolegate/v1\nkind: OrgPolicy\nmetadata: {name: org}\n"
        "spec:\n  disabled_rules: [LP-002]\n"
    )
    paths = [f"{INCIDENT}/{part}" for part in ("roles", "catalog", "systems")]
    _, out, _ = cli("check", "--format", "junit", "--now", NOW, *paths, str(tmp_path))
    suites = ET.fromstring(out).findall("testsuite")
    [lp002] = [s for s in suites if s.get("name", "").startswith("LP-002 ")]
    assert [(c.get("name"), c.find("skipped") is not None) for c in lp002.iter("testcase")] == [
        ("disabled", True)
    ]
    assert lp002.get("skipped") == "1"


@pytest.mark.usefixtures("in_root")
def test_github_annotations(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = (
        "::error file=fixtures/rules/LP-001/bad/role.yaml,line=18,col=37,endLine=18,"
        'endColumn=40,title=LP-001::critical: role "tier1-agent": grant on customer names '
        'every action ("*")\n'
        f"6 files, {EVALUATED} rules: 1 finding (1 critical); failed (fail-on high); "
        "1 YAML document ignored as not rolegate's (no apiVersion or kind: 1)\n"
    )
    assert cli("check", "--format", "github", "--now", NOW, *LP001_BAD) == (1, expected, "")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("check", "--format", "auto", "--now", NOW, *LP001_BAD) == (1, expected, "")


@pytest.mark.usefixtures("in_root")
def test_github_levels_and_waived_notice(cli: Cli) -> None:
    _, out, _ = cli("check", "--format", "github", "--now", NOW, *WAIVED_CASE)
    assert out.splitlines()[:2] == [
        "::warning file=fixtures/rules/WVR-003/bad/waivers.yaml,line=12,col=3,endLine=12,"
        'endColumn=27,title=WVR-003::medium: waiver "tier1-ticket-backfill": approved by '
        "maria.souza, the owner of role tier1-agent it excuses",
        "::notice file=fixtures/rules/WVR-003/bad/role.yaml,line=4,col=1,endLine=4,"
        "endColumn=9,title=GOV-001 (waived by tier1-ticket-backfill until 2027-02-26)::high: "
        'role "tier1-agent": metadata has no change_ticket',
    ]


def _report(*findings: Finding) -> Report:
    return Report(files=1, documents=1, findings=findings, waived=(), rules=())


def test_github_escapes_data_and_properties() -> None:
    finding = Finding("X-001", "low", "T", "50% off,\nreally", "a,b:c.yaml", 3, 1)
    assert github_report.render(_report(finding), fail_on="high").splitlines()[0] == (
        "::notice file=a%2Cb%3Ac.yaml,line=3,col=1,title=X-001::low: 50%25 off,\\nreally"
    )


@pytest.mark.usefixtures("in_root")
def test_markdown_comment(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/access")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    blob = "https://github.com/acme/access/blob/abc123/fixtures/rules/WVR-003/bad/"
    assert cli("check", "--format", "markdown", "--now", NOW, *WAIVED_CASE) == (
        0,
        "## rolegate: passed\n\n"
        "| critical | high | medium | low | waived | failing |\n"
        "|---|---|---|---|---|---|\n"
        "| 0 | 0 | 1 | 0 | 1 | 0 (fail-on high) |\n\n"
        f"7 files, {EVALUATED} rules; {USAGE_RULES} usage rules not evaluated (no usage logs: "
        "`--usage`).\n\n"
        "| Severity | Rule | Where | Finding |\n|---|---|---|---|\n"
        "| medium | WVR-003 | "
        f"[fixtures/rules/WVR-003/bad/waivers.yaml:12]({blob}waivers.yaml#L12) "
        '| waiver "tier1-ticket-backfill": approved by maria.souza, the owner of role '
        "tier1-agent it excuses |\n\n"
        "#### Waived\n\n| Rule | Where | Finding | Waiver | Expires |\n|---|---|---|---|---|\n"
        f"| GOV-001 | [fixtures/rules/WVR-003/bad/role.yaml:4]({blob}role.yaml#L4) | "
        'role "tier1-agent": metadata has no change\\_ticket | tier1-ticket-backfill: The change '
        "predates the ticketing system; the ticket is being backfilled. (SEC-311) | 2027-02-26 |\n",
        "",
    )


def test_markdown_cells_cannot_break_the_table() -> None:
    from checker.report import markdown_report

    finding = Finding("X-001", "high", "T", "a | b\n<script>", "f.yaml", 1, 1)
    row = markdown_report.render(_report(finding), fail_on="high").splitlines()[-1]
    assert row == "| high | X-001 | [f.yaml:1](f.yaml#L1) | a \\| b\\\\n&lt;script&gt; |"


@pytest.mark.usefixtures("in_root")
def test_several_reports_from_one_evaluation(cli: Cli, tmp_path: Path) -> None:
    sarif_file, junit_file, json_file = (tmp_path / n for n in ("r.sarif", "r.xml", "r.json"))
    code, out, err = cli(
        "check", "--now", NOW, "--format", "sarif", "--output", str(sarif_file),
        "--format", "junit", "--output", str(junit_file), "--format", "github",
        "--format", "json", "--output", str(json_file), *LP001_BAD,
    )  # fmt: skip
    assert (code, err) == (1, "")
    assert out.startswith("::error file=fixtures/rules/LP-001/bad/role.yaml,line=18,")
    assert [r["ruleId"] for r in json.loads(sarif_file.read_text())["runs"][0]["results"]] == [
        "LP-001"
    ]
    assert ET.fromstring(junit_file.read_text()).get("failures") == "1"
    assert json.loads(json_file.read_text())["summary"]["findings"] == 1


@pytest.mark.usefixtures("in_root")
def test_only_files_requested_means_text_on_stdout(cli: Cli, tmp_path: Path) -> None:
    code, out, _ = cli(
        "check",
        "--now",
        NOW,
        "--format",
        "sarif",
        "--output",
        str(tmp_path / "r.sarif"),
        *LP001_BAD,
    )
    assert (code, out.splitlines()[-1]) == (
        1,
        f"6 files, {EVALUATED} rules: 1 finding (1 critical); failed (fail-on high); "
        "1 YAML document ignored as not rolegate's (no apiVersion or kind: 1)",
    )


def test_two_formats_on_stdout_is_exit_2(cli: Cli) -> None:
    assert cli("check", "--format", "json", "--format", "sarif", "fixtures/example") == (
        2,
        "",
        "rolegate: error: several --format options go to standard output (json, sarif); "
        "give all but one an --output FILE\n",
    )


def test_output_without_format_is_a_usage_error(cli: Cli) -> None:
    code, out, err = cli("check", "--output", "x.sarif", "fixtures/example")
    assert (code, out) == (2, "")
    assert err.endswith("error: --output FILE must follow the --format it is for\n")


@pytest.mark.usefixtures("in_root")
def test_unwritable_output_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "r.sarif"
    code, out, err = cli("check", "--format", "sarif", "--output", str(target), *LP001_BAD)
    assert (code, out) == (2, "")
    assert err == (
        f"rolegate: error: {target}: cannot write the sarif report: No such file or directory; "
        "check that the directory exists and is writable\n"
    )


def _args(*formats: tuple[str, Path | None], fmt: str = "text", no_color: bool = False) -> Any:
    return argparse.Namespace(outputs=list(formats), format=fmt, no_color=no_color)


def test_auto_and_colour_resolution() -> None:
    def stdout(args: Any, env: dict[str, str], tty: bool) -> tuple[str, bool]:
        target = report_targets(args, env=env, stdout_tty=tty)[-1]
        return target.format, target.color

    auto = _args(("auto", None), fmt="auto")
    assert stdout(auto, {}, True) == ("text", True)
    assert stdout(auto, {}, False) == ("text", False)
    assert stdout(auto, {"GITHUB_ACTIONS": "true"}, True) == ("github", False)
    assert stdout(auto, {"NO_COLOR": "1"}, True) == ("text", False)
    assert stdout(_args(no_color=True), {}, True) == ("text", False)
    assert stdout(_args(fmt="json"), {}, True) == ("json", False)
    [to_file, _] = report_targets(_args(("auto", Path("r.txt"))), env={}, stdout_tty=True)
    assert (to_file.format, to_file.color) == ("text", False)


def test_file_links_only_in_github_actions() -> None:
    env = {"GITHUB_SERVER_URL": "https://ghe.acme", "GITHUB_REPOSITORY": "a/b", "GITHUB_SHA": "f00"}
    assert file_links(env) == "https://ghe.acme/a/b/blob/f00/"
    assert file_links({}) == ""


def test_colour_text() -> None:
    finding = Finding("LP-001", "critical", "T", "m", "r.yaml", 1, 2)
    assert text_report.render(_report(finding), fail_on="high", color=True) == (
        "r.yaml:1:2: \033[1;31mcritical\033[0m LP-001 m\n"
        "1 file, 0 rules: 1 finding (1 critical); \033[1;31mfailed\033[0m (fail-on high)\n"
    )
