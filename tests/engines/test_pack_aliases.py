"""A custom pack's helper library decides the same on both engines, whatever the rule order.

The pack follows docs/writing-rules.md: helpers in ``package acme.lib`` (a rule, and a
function that reads another package through an import alias), rules under
``rolegate.rules.acme``. A rule that reads ``lib.owner`` works out the whole of
``acme.lib`` on the embedded engine; on plain regorus 0.13 the function then lost its
alias, so ACME-011 was silently dropped and ACME-012 fired falsely — but only when the
reading rule's package sorted first.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import NOW, CliResult
from rulepack import LIBRARY, RULE, TIER_LINE, helper_pack, write

Cli = Callable[..., CliResult]
CASE = ("fixtures/rules/LP-001/good", "fixtures/rules/_base")
ROLE = "fixtures/rules/LP-001/good/role.yaml"

pytestmark = pytest.mark.usefixtures("in_root")


@pytest.mark.parametrize("reader", ["a_owner", "z_owner"])
def test_the_helper_library_decides_the_same_in_any_rule_order(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, reader: str
) -> None:
    pack = helper_pack(tmp_path / "pack", reader=reader)
    code, out, err = cli("check", "-q", "--now", NOW, *engine, "--policy", str(pack), *CASE)
    assert (code, out, err) == (
        1,
        f"{ROLE}:{TIER_LINE}:3: high ACME-011 role: m_watched\n",
        "",
    )


def test_a_unit_test_that_reads_a_rule_first_passes(cli: Cli, tmp_path: Path) -> None:
    pack = helper_pack(tmp_path / "pack", reader="a_owner")
    test = (
        "package acme.lib_test\n\nimport rego.v1\n\nimport data.acme.lib\n\n"
        'test_watched_after_owner if {\n\tlib.owner == "acme-security"\n'
        '\tlib.watched({"spec": {"tier": "frontline"}})\n}\n'
    )
    write(pack, "acme/lib_test.rego", test)
    code, out, _ = cli("test", "--run", "acme.lib_test", str(pack))
    assert (code, out) == (0, "PASS acme.lib_test.test_watched_after_owner\n1 passed, 0 failed\n")


def test_a_local_named_like_an_import_alias_is_refused_on_embedded_only(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    pack = helper_pack(tmp_path / "pack", reader="a_owner")
    library = write(pack, "acme/lib.rego", LIBRARY + "\n_first(tiers) := tiers[0]\n")
    code, out, err = cli("check", "-q", "--now", NOW, *engine, "--policy", str(pack), *CASE)
    if engine:  # OPA reads the module as written
        assert (code, out, err) == (1, f"{ROLE}:{TIER_LINE}:3: high ACME-011 role: m_watched\n", "")
        return
    assert (code, out) == (2, "")
    assert err == (
        "rolegate: error: import aliases the embedded engine cannot expand (rename the "
        "variable or rule, or run these rules with --engine opa):\n"
        f'rolegate: error:   {library}:11: "tiers" is also the import alias of line 5\n'
    )


LIBRARIES = ["model", "access", "privilege", "minimisation", "people", "traceability"]
READS_EVERY_LIBRARY = RULE.replace("import data.acme.lib\n", "").format(
    name="first",
    id="AAA-001",
    condition=f'some name in {json.dumps(LIBRARIES)}\n\tdata.rolegate.lib[name] == "never"',
)


def test_a_pack_that_works_out_the_libraries_first_changes_no_builtin_finding(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    """Reading every library package whole, before any built-in rule runs (area "aaa"),
    made plain regorus drop the incident's LP-005 (a frontline role reaching every
    customer): lib.minimisation's functions lost their import alias of lib.model."""
    pack = write(tmp_path / "pack", "rolegate/rules/aaa/first.rego", READS_EVERY_LIBRARY).parents[3]
    alone = cli("check", "-q", "--now", NOW, *engine, "fixtures/incident")
    with_pack = cli(
        "check", "-q", "--now", NOW, *engine, "--policy", str(pack), "fixtures/incident"
    )
    assert with_pack == alone
    assert 'high LP-005 role "tier1-agent": grant on customer has scope all' in alone[1]
