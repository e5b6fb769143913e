"""Custom rule packs (directories and bundle tarballs) and the metadata lint."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.policy.policyset import load_policy_set

from conftest import NOW, CliResult
from rulepack import FRONTLINE_RULE, TIER_LINE, frontline_pack, tarball, write

Cli = Callable[..., CliResult]
CASE = ("fixtures/rules/LP-001/good", "fixtures/rules/_base")
FINDING = (
    f"fixtures/rules/LP-001/good/role.yaml:{TIER_LINE}:3: "
    'high ACME-001 role "tier1-agent": frontline\n'
)
BUILTIN_RULES = len(load_policy_set().rules)
# Without --usage the usage rules are not evaluated, and the report says so.
USAGE_RULES = sum(1 for rule in load_policy_set().rules if rule.area == "usage")

pytestmark = pytest.mark.usefixtures("in_root")


def _check(cli: Cli, *args: str) -> CliResult:
    return cli("check", "--now", NOW, *args, *CASE)


def test_custom_rule_dir_findings_appear_in_check(cli: Cli, tmp_path: Path) -> None:
    pack = frontline_pack(tmp_path / "pack")
    code, out, err = _check(cli, "--policy", str(pack))
    assert (code, err) == (1, "")
    assert out == FINDING + (
        f"note: {USAGE_RULES} usage rules not evaluated: no usage logs (--usage)\n"
        f"6 files, {BUILTIN_RULES - USAGE_RULES + 1} rules: 1 finding (1 high); "
        "failed (fail-on high); 1 YAML document ignored as not rolegate's "
        "(no apiVersion or kind: 1)\n"
    )


def test_custom_rule_in_json_report_with_its_metadata(cli: Cli, tmp_path: Path) -> None:
    pack = frontline_pack(tmp_path / "pack")
    code, out, _ = _check(cli, "--format", "json", "--policy", str(pack))
    report = json.loads(out)
    [finding] = report["findings"]
    assert code == 1
    assert (finding["rule"], finding["title"], finding["controls"]) == (
        "ACME-001",
        "Frontline role present",
        ["ACME-CTRL-1"],
    )
    assert {"id": "ACME-001", "failed": 1, "status": "evaluated"}.items() <= next(
        r for r in report["rules"] if r["id"] == "ACME-001"
    ).items()


def test_custom_rule_in_sarif_with_a_descriptor(cli: Cli, tmp_path: Path) -> None:
    pack = frontline_pack(tmp_path / "pack")
    code, out, _ = _check(cli, "--format", "sarif", "--policy", str(pack))
    run = json.loads(out)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    [result] = run["results"]
    assert code == 1
    assert (result["ruleId"], rules[result["ruleIndex"]]["id"]) == ("ACME-001", "ACME-001")
    assert rules[result["ruleIndex"]]["shortDescription"] == {"text": "Frontline role present"}
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == TIER_LINE


def test_custom_rule_is_listed_and_explained(cli: Cli, tmp_path: Path) -> None:
    pack = str(frontline_pack(tmp_path / "pack"))
    code, out, err = cli("rules", "--policy", pack)
    assert (code, err) == (0, "")
    assert "ACME-001  high      Frontline role present" in out.splitlines()
    assert out.endswith(f"{BUILTIN_RULES + 1} rules; `rolegate explain ID` for one\n")
    listing = json.loads(cli("rules", "--format", "json", "--policy", pack)[1])
    assert {r["id"]: r["file"] for r in listing}["ACME-001"].endswith("acme/frontline.rego")
    assert cli("explain", "ACME-001", "--policy", pack)[1].startswith(
        "ACME-001  Frontline role present  (high)\n"
    )


def test_bundle_tarball_pack_as_opa_build_writes_it(cli: Cli, tmp_path: Path) -> None:
    bundle = tarball(
        tmp_path / "bundle.tar.gz",
        {
            "/.manifest": '{"roots": ["rolegate/rules/acme"]}',
            "/data.json": "{}",
            "/rolegate/rules/acme/frontline.rego": FRONTLINE_RULE,
        },
    )
    code, out, err = _check(cli, "-q", "--policy", str(bundle))
    assert (code, out, err) == (1, FINDING, "")


def test_error_in_a_tarball_rule_names_the_member(cli: Cli, tmp_path: Path) -> None:
    broken = FRONTLINE_RULE.replace('role.spec.tier == "frontline"', "role.spec.tier ==")
    bundle = tarball(tmp_path / "b.tar.gz", {"rules/frontline.rego": broken})
    assert _check(cli, "--policy", str(bundle)) == (
        2,
        "",
        f"rolegate: error: policy does not compile: {bundle}:rules/frontline.rego:19:9: "
        "expecting `}` while parsing query\n",
    )


@pytest.mark.parametrize(
    ("members", "links", "problem"),
    [
        ({"../escape.rego": "package x"}, {}, "unsafe member name '../escape.rego'"),
        ({"//etc/x.rego": "package x"}, {}, "unsafe member name '//etc/x.rego'"),
        ({"a/../../b.rego": "package x"}, {}, "unsafe member name 'a/../../b.rego'"),
        (
            {},
            {"rules/x.rego": "/etc/passwd"},
            "rules/x.rego: links and special files are not allowed in a bundle",
        ),
    ],
    ids=["dotdot", "absolute", "nested-dotdot", "symlink"],
)
def test_unsafe_tarball_is_refused(
    cli: Cli, tmp_path: Path, members: dict[str, str], links: dict[str, str], problem: str
) -> None:
    bundle = tarball(tmp_path / "evil.tar.gz", members, links=links)
    code, out, err = _check(cli, "--policy", str(bundle))
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: {bundle}")
    assert problem in err


def test_not_a_tarball(cli: Cli, tmp_path: Path) -> None:
    fake = tmp_path / "rules.tar.gz"
    fake.write_text("not gzip")
    code, _, err = _check(cli, "--policy", str(fake))
    assert code == 2
    assert err.startswith(f"rolegate: error: {fake}: cannot read bundle: ")


def test_pack_that_is_neither_directory_nor_tarball(cli: Cli, tmp_path: Path) -> None:
    other = write(tmp_path, "rules.zip", "x")
    assert _check(cli, "--policy", str(other)) == (
        2,
        "",
        f"rolegate: error: {other}: not a policy directory or a bundle tarball (.tar.gz); "
        "pass a directory of .rego files or a .tar.gz bundle\n",
    )


def test_custom_id_colliding_with_a_builtin_names_both_files(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    rule = write(
        pack, "rolegate/rules/acme/frontline.rego", FRONTLINE_RULE.replace("ACME-001", "LP-002")
    )
    assert _check(cli, "--policy", str(pack)) == (
        2,
        "",
        "rolegate: error: rule id LP-002 is used twice: "
        f"policies/rolegate/rules/least_privilege/frontline_reach_all.rego:1 and {rule}:1\n",
    )


def test_custom_id_colliding_inside_a_tarball(cli: Cli, tmp_path: Path) -> None:
    text = FRONTLINE_RULE.replace("ACME-001", "LP-001")
    bundle = tarball(tmp_path / "b.tar.gz", {"rolegate/rules/acme/frontline.rego": text})
    code, _, err = _check(cli, "--policy", str(bundle))
    assert code == 2
    assert err.endswith(f"and {bundle}:rolegate/rules/acme/frontline.rego:1\n")


def test_custom_rule_reusing_a_builtin_package(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    text = FRONTLINE_RULE.replace(
        "rolegate.rules.acme.frontline", "rolegate.rules.accounts.shared_account"
    )
    rule = write(pack, "shared.rego", text)
    assert _check(cli, "--policy", str(pack)) == (
        2,
        "",
        f"rolegate: error: {rule}:1: rule package rolegate.rules.accounts.shared_account is "
        "also defined in policies/rolegate/rules/accounts/shared_account.rego:1; "
        "give the rule its own package\n",
    )


def test_the_same_pack_twice_is_read_once(cli: Cli, tmp_path: Path) -> None:
    pack = str(frontline_pack(tmp_path / "pack"))
    code, out, _ = _check(cli, "-q", "--policy", pack, "--policy", pack + "/rolegate")
    assert (code, out) == (1, FINDING)


def test_every_metadata_problem_of_every_file_at_once(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    first = write(
        pack,
        "a.rego",
        FRONTLINE_RULE.replace("#   controls: [ACME-CTRL-1]\n", "").replace(
            "# title:", "# titel: typo\n# title:"
        ),
    )
    second = write(
        pack,
        "b.rego",
        FRONTLINE_RULE.replace("acme.frontline", "acme.other")
        .replace("ACME-001", "acme-2")
        .replace("severity: high", "severity: urgent"),
    )
    assert _check(cli, "--policy", str(pack)) == (
        2,
        "",
        f"rolegate: error: {first}:1: METADATA: unknown key 'titel'; METADATA keys are scope, "
        "title, description, related_resources, authors, organizations, schemas, entrypoint, "
        "custom (rolegate's own go under custom)\n"
        f"rolegate: error: {first}:1: METADATA: missing custom.controls\n"
        f"rolegate: error: {second}:1: METADATA: custom.id 'acme-2' is not like LP-001\n"
        f"rolegate: error: {second}:1: METADATA: custom.severity 'urgent' is not one of "
        "['low', 'medium', 'high', 'critical']\n",
    )


def test_metadata_that_is_not_yaml(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    rule = write(
        pack, "a.rego", "package acme.lib\n\nimport rego.v1\n\n# METADATA\n# title: [oops\nx := 1\n"
    )
    code, out, err = _check(cli, "--policy", str(pack))
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: {rule}:5: METADATA is not valid YAML: ")


def test_rule_metadata_outside_the_rule_namespace_is_flagged(cli: Cli, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    rule = write(pack, "a.rego", FRONTLINE_RULE.replace("rolegate.rules.acme.frontline", "acme.x"))
    assert _check(cli, "--policy", str(pack)) == (
        2,
        "",
        f"rolegate: error: {rule}:10: package acme.x is not run as a rule; a rule's package "
        "is rolegate.rules.<area>.<name> (snake_case); put helpers outside rolegate.rules\n",
    )


def test_missing_pack(cli: Cli, tmp_path: Path) -> None:
    assert _check(cli, "--policy", str(tmp_path / "nope")) == (
        2,
        "",
        f"rolegate: error: {tmp_path / 'nope'}: policy directory not found\n",
    )
