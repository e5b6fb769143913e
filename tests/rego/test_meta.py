"""Meta-tests: the rule library keeps its own contract (DESIGN.md, "Rule contract")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.policy import metadata
from checker.policy.policyset import RuleMeta, builtin_policy_dir, load_policy_set

from conftest import FIXTURES

POLICY_DIR = builtin_policy_dir()
RULES = load_policy_set().rules
RULE_FILES = sorted(
    p
    for p in (POLICY_DIR / "rolegate" / "rules").rglob("*.rego")
    if not p.name.endswith("_test.rego")
)


def _rule_id(rule: RuleMeta) -> str:
    return rule.id


def test_every_rule_file_is_a_rule() -> None:
    assert len(RULE_FILES) == len(RULES)


def test_ids_are_unique() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_package_mirrors_path(path: Path) -> None:
    package = metadata.package_of(path.read_text())
    expected = ".".join(path.relative_to(POLICY_DIR).with_suffix("").parts)
    assert package is not None and package[0] == expected


@pytest.mark.parametrize("path", sorted(POLICY_DIR.rglob("*_test.rego")), ids=lambda p: p.stem)
def test_test_package_mirrors_path(path: Path) -> None:
    package = metadata.package_of(path.read_text())
    expected = ".".join(path.relative_to(POLICY_DIR).with_suffix("").parts)
    assert package is not None and package[0] == expected


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_every_rule_has_a_test_file_with_firing_and_quiet_cases(path: Path) -> None:
    test_file = path.with_name(path.stem + "_test.rego")
    names = re.findall(r"^(test_\w+)", test_file.read_text(), re.M)
    assert any("fire" in n for n in names), f"{test_file}: no test_*fire* test"
    assert any("pass" in n for n in names), f"{test_file}: no test_*pass* test"


@pytest.mark.parametrize("rule", RULES, ids=_rule_id)
def test_every_rule_has_bad_and_good_cases(rule: RuleMeta) -> None:
    for kind in ("bad", "good"):
        assert (FIXTURES / "rules" / rule.id / kind / "expect.yaml").is_file(), kind


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_bodies_never_type_their_id_or_severity(path: Path) -> None:
    text = path.read_text()
    annotation = metadata.package_annotation(text)
    assert annotation is not None
    body = text.split("\npackage ", 1)[1]
    assert annotation.content["custom"]["id"] not in body
    assert not re.search(r'"severity"\s*:', body)


def test_fixture_rule_dirs_name_real_rules() -> None:
    ids = {rule.id for rule in RULES}
    dirs = {p.name for p in (FIXTURES / "rules").iterdir() if not p.name.startswith("_")}
    assert dirs <= ids


def test_rego_is_v1_everywhere() -> None:
    for path in POLICY_DIR.rglob("*.rego"):
        text = path.read_text()
        assert "import rego.v1" in text, path
        assert "rego.metadata" not in text, path


def test_no_multi_level_ref_heads() -> None:
    """`a[x][y] := v` is undefined on regorus when empty but {} on OPA: not portable."""
    pattern = re.compile(r"^[a-z_][a-z0-9_]*\[[^\]]+\]\[", re.M)
    offenders = [p.name for p in POLICY_DIR.rglob("*.rego") if pattern.search(p.read_text())]
    assert offenders == []
