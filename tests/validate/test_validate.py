"""Schema and reference errors: findings at their line, worded like check-jsonschema."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from checker.check import CheckOptions, run_check
from checker.findings import Ignored
from checker.load.loader import load_text
from checker.validate.documents import validate
from checker.validate.references import check_references

from conftest import FIXTURES

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)

ROLE = """\
apiVersion: rolegate/v1
kind: Role
metadata:
  name: tier1
  system: crm
spec:
  tier: frontline
  workforce: employee
  functions: [inbound_support]
  grants:
    - resource: customer
      actions: [read]
      scope: assigned
"""


def schema_messages(text: str) -> list[tuple[int, str]]:
    validated = validate(load_text(text, "role.yaml").documents)
    return [(f.line, f.message) for f in validated.findings]


def test_valid_role_has_no_schema_errors() -> None:
    assert schema_messages(ROLE) == []


def test_enum_error_names_the_value_and_the_choices() -> None:
    assert schema_messages(ROLE.replace("scope: assigned", "scope: everyone")) == [
        (
            13,
            "$.spec.grants[0].scope: 'everyone' is not one of "
            "['self', 'assigned', 'team', 'division', 'all']",
        )
    ]


def test_misspelt_key_is_reported_at_the_key() -> None:
    assert schema_messages(ROLE.replace("      scope: assigned", "      scpoe: assigned")) == [
        (11, "$.spec.grants[0]: 'scope' is a required property"),
        (
            13,
            "$.spec.grants[0]: unknown key 'scpoe' (misspelt? see `rolegate schema` for the "
            "fields)",
        ),
    ]


def test_yaml_11_boolean_is_rejected_where_a_boolean_is_required() -> None:
    text = ROLE + "  session:\n    mfa: yes\n"
    assert schema_messages(text) == [(15, "$.spec.session.mfa: 'yes' is not of type 'boolean'")]


def test_any_of_reports_the_best_match() -> None:
    found = schema_messages(ROLE.replace("resource: customer", "resource: Customer!"))
    assert len(found) == 1
    assert found[0][0] == 11
    assert found[0][1].startswith("$.spec.grants[0].resource: 'Customer!' ")


def test_unknown_action_is_a_schema_error() -> None:
    found = schema_messages(ROLE.replace("actions: [read]", "actions: [read, expot]"))
    assert len(found) == 1
    assert found[0][0] == 12
    assert found[0][1].startswith("$.spec.grants[0].actions[1]: 'expot' is not one of ['read', ")


def test_catalog_declared_action_extends_the_vocabulary() -> None:
    catalog = (
        "apiVersion: rolegate/v1\nkind: DataCatalog\nmetadata: {name: c}\n"
        "spec:\n  classes: {}\n  resources: {}\n  actions: [schedule_callback]\n---\n"
    )
    text = catalog + ROLE.replace("actions: [read]", "actions: [read, schedule_callback]")
    assert schema_messages(text) == []


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "apiVersion: rolegate/v2\nkind: Role\n",
            "$.apiVersion: 'rolegate/v2' is not supported; use 'rolegate/v1'",
        ),
        (
            "apiVersion: rolegate/v1\nkind: Rol\n",
            "$.kind: unknown kind 'Rol' (did you mean 'Role'?); expected one of DataCatalog, "
            "JobFunctions, Role, System, AccountBindings, OrgPolicy, Waiver",
        ),
        ("kind: Role\n", "$.apiVersion: missing; add apiVersion: rolegate/v1"),
    ],
)
def test_bad_header(header: str, message: str) -> None:
    found = schema_messages(header + "metadata: {name: x}\n")
    assert [m for _, m in found] == [message]


def test_foreign_yaml_is_left_alone() -> None:
    validated = validate(load_text("services:\n  web: {}\n", "compose.yaml").documents)
    assert (validated.documents, validated.findings) == ((), ())
    assert validated.ignored == (
        Ignored("compose.yaml", 1, "no apiVersion or kind", "keys 'services'"),
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "rules" / "_base", tmp_path, dirs_exist_ok=True)
    return tmp_path


def reference_messages(repo: Path, name: str, text: str) -> list[tuple[str, int, str]]:
    (repo / name).write_text(text)
    report = run_check(CheckOptions(paths=(repo,), now=NOW, root=repo))
    return [(f.file, f.line, f.message) for f in report.findings if f.rule == "REF-001"]


def test_references_to_unknown_names(repo: Path) -> None:
    text = (
        ROLE.replace("system: crm", "system: billing").replace(
            "[inbound_support]", "[inbound_support, outbound_sales]"
        )
        + "    - resource: invoice\n      actions: [read]\n      scope: self\n"
        + "    - resource: customer\n      actions: [read]\n      scope: self\n"
        + "      fields: {shoe_size: full}\n"
    )
    assert reference_messages(repo, "role.yaml", text) == [
        ("role.yaml", 5, "role 'tier1': system 'billing' is not declared by any System"),
        (
            "role.yaml",
            9,
            "role 'tier1': function 'outbound_sales' is not declared in any JobFunctions",
        ),
        ("role.yaml", 14, "role 'tier1': resource 'invoice' is not in the DataCatalog"),
        (
            "role.yaml",
            20,
            "role 'tier1': resource 'customer' has no field 'shoe_size' in the DataCatalog",
        ),
    ]


def test_binding_to_unknown_role_and_duplicate_names(repo: Path) -> None:
    bindings = (
        "apiVersion: rolegate/v1\nkind: AccountBindings\nmetadata: {name: b}\nspec:\n"
        "  accounts:\n"
        "    - {id: ana.souza, person: p1, type: individual, workforce: employee, "
        "roles: [tier1]}\n"
        "    - {id: ana.souza, person: p1, type: individual, workforce: employee, "
        "roles: [tier9]}\n"
    )
    found = reference_messages(repo, "bindings.yaml", ROLE + "---\n" + bindings)
    assert found == [
        ("bindings.yaml", 21, "account 'ana.souza' is declared twice (first in bindings.yaml)"),
        ("bindings.yaml", 21, "account 'ana.souza': role 'tier9' is not declared by any Role"),
    ]


def test_reference_check_is_pure() -> None:
    validated = validate(load_text(ROLE, "role.yaml").documents)
    messages = [f.message for f in check_references(validated)]
    assert messages == [
        "role 'tier1': system 'crm' is not declared by any System",
        "role 'tier1': function 'inbound_support' is not declared in any JobFunctions",
        "role 'tier1': resource 'customer' is not in the DataCatalog",
    ]


def test_grantable_roles_and_org_conflicts_must_exist(repo: Path) -> None:
    role = ROLE + "  grantable_roles: [tier1, tier7]\n"
    org = (
        "apiVersion: rolegate/v1\nkind: OrgPolicy\nmetadata: {name: org}\nspec:\n"
        "  sod_conflicts:\n    - [customer:update, ledger:approve]\n"
    )
    (repo / "org.yaml").write_text(org)
    assert reference_messages(repo, "role.yaml", role) == [
        (
            "org.yaml",
            6,
            "separation-of-duties pair names resource 'ledger', which no DataCatalog declares",
        ),
        ("role.yaml", 14, "role 'tier1': grantable role 'tier7' is not declared by any Role"),
    ]


@pytest.mark.parametrize(
    "kind",
    ["DataCatalog", "JobFunctions", "Role", "System", "AccountBindings", "OrgPolicy", "Waiver"],
)
@pytest.mark.parametrize(
    "spec",
    [
        "5",
        "[1, 2]",
        "{actions: 7, accounts: x, grants: [3]}",
        "~",
        "{resources: {a: 1}, functions: {f: []}}",
    ],
)
def test_wrong_shapes_are_findings_not_crashes(kind: str, spec: str) -> None:
    text = f"apiVersion: rolegate/v1\nkind: {kind}\nmetadata: {{name: x}}\nspec: {spec}\n"
    validated = validate(load_text(text, "x.yaml").documents)
    assert validated.documents == ()
    assert validated.findings
    assert {f.rule for f in validated.findings} == {"SCHEMA-001"}


def test_unhashable_kind_is_a_finding() -> None:
    text = "apiVersion: rolegate/v1\nkind: [Role]\nmetadata: {name: x}\n"
    validated = validate(load_text(text, "x.yaml").documents)
    assert [f.message for f in validated.findings] == [
        "$.kind: unknown kind ['Role']; expected one of DataCatalog, JobFunctions, Role, System, "
        "AccountBindings, OrgPolicy, Waiver"
    ]
