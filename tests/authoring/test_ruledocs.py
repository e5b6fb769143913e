"""`rolegate rules` and `rolegate explain` read METADATA; docs/rules.md must not drift."""

from __future__ import annotations

import json
from collections.abc import Callable

from checker.authoring.ruledocs import rules_markdown
from checker.policy.policyset import load_policy_set

from conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
RULES = load_policy_set().rules


def test_docs_rules_md_is_generated_from_metadata() -> None:
    assert (ROOT / "docs" / "rules.md").read_text() == rules_markdown(RULES), (
        "docs/rules.md drifted: run `rolegate rules --format markdown > docs/rules.md`"
    )


def test_rules_lists_every_rule(cli: Cli) -> None:
    code, out, err = cli("rules")
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[-1] == "52 rules; `rolegate explain ID` for one"
    assert "LP-001    critical  Wildcard or super-permission grant" in lines


def test_rules_json(cli: Cli) -> None:
    code, out, _ = cli("rules", "--format", "json")
    listing = json.loads(out)
    assert code == 0
    assert len(listing) == 52
    assert {r["id"] for r in listing} == {r.id for r in RULES}
    lp003 = next(r for r in listing if r["id"] == "LP-003")
    assert (lp003["severity"], lp003["escalations"]) == ("medium", {"sensitive": "high"})


def test_explain_shows_metadata_and_the_bad_and_good_lines(cli: Cli) -> None:
    code, out, err = cli("explain", "lp-002")
    assert (code, err) == (0, "")
    assert out.startswith(
        "LP-002  Frontline role reaches a whole division or every customer  (high)\n"
    )
    assert "\ncontrols: LGPD-6-III, ISO27001-A.5.15, PCI-7.2.1\n" in out
    assert ">  19 |       scope: all\n" in out
    assert "\ngood (role.yaml):\n" in out
    assert "   19 |       scope: assigned\n" in out


def test_explain_a_builtin_check(cli: Cli) -> None:
    code, out, _ = cli("explain", "YAML-001")
    assert code == 0
    assert out.startswith("YAML-001  File cannot be read as YAML  (critical)\n")


def test_explain_unknown_rule(cli: Cli) -> None:
    assert cli("explain", "XX-999") == (
        2,
        "",
        "rolegate: error: no rule 'XX-999'; `rolegate rules` lists them\n",
    )
