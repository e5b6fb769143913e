"""Which documents are rolegate's: by what they say, or by what they were meant to say."""

from __future__ import annotations

from typing import Any

import pytest

from checker.load.loader import load_text
from checker.validate.documents import validate
from checker.validate.intent import Intent, intent

ROLEGATE = [
    {"apiVersion": "rolegate/v1", "kind": "Role"},
    {"apiVersion": "rolegate/v2"},
    {"kind": "Role"},  # a known kind
    {"kind": "role", "metadata": {"name": "x"}},
    {"kind": "Roles"},
    {"kind": "Rloe"},
    {"kind": "Orgpolicy"},
    {"kind": "AccountBinding"},
    {"Kind": "Role"},
    {"KIND": "Deployment"},  # the key is spelt as no other tool spells it
    {"apiversion": "rolegate/v1", "kind": "Role"},
    {"api_version": "rolegate/v1"},
    {"apiVersion": "rolgate/v1", "kind": "Role"},
    {"apiVersion": "RoleGate/v1"},
    {"apiVersion": "rolegate.dev/v1"},
    {"metadata": {"name": "tier1-agent"}, "spec": {"tier": "frontline"}},
    {"spec": {"grants": []}},
]


@pytest.mark.parametrize("data", ROLEGATE, ids=repr)
def test_documents_meant_as_rolegate_are_rolegate(data: dict[str, Any]) -> None:
    assert intent(data) == Intent("rolegate")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {}, "spec": {}},
            Intent("foreign", "another tool's apiVersion or kind", "apiVersion 'apps/v1'"),
        ),
        (
            {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole"},
            Intent(
                "foreign",
                "another tool's apiVersion or kind",
                "apiVersion 'rbac.authorization.k8s.io/v1'",
            ),
        ),
        (
            {"kind": "Service", "spec": {}},
            Intent("foreign", "another tool's apiVersion or kind", "kind 'Service'"),
        ),
        (
            {"services": {"web": {}}},
            Intent("foreign", "no apiVersion or kind", "keys 'services'"),
        ),
        (["a", "b"], Intent("foreign", "not a mapping", "a list")),
        ("just text", Intent("foreign", "not a mapping", "text")),
        (42, Intent("foreign", "not a mapping", "a number or boolean")),
    ],
    ids=repr,
)
def test_foreign_documents_say_why(data: Any, expected: Intent) -> None:
    assert intent(data) == expected


@pytest.mark.parametrize(
    ("data", "items"),
    [
        ([{"apiVersion": "rolegate/v1", "kind": "Role"}, "x"], (0,)),
        (["x", {"kind": "role"}, {"kind": "Roles"}], (1, 2)),
        ({"role": {"apiVersion": "rolegate/v1", "kind": "Role"}}, ("role",)),
    ],
    ids=repr,
)
def test_rolegate_documents_inside_a_list_or_mapping_are_wrapped(
    data: Any, items: tuple[str | int, ...]
) -> None:
    assert intent(data) == Intent("wrapped", items=items)


def messages(text: str) -> list[tuple[int, int, str]]:
    validated = validate(load_text(text, "f.yaml").documents)
    return [(f.line, f.column, f.message) for f in validated.findings]


KINDS = "DataCatalog, JobFunctions, Role, System, AccountBindings, OrgPolicy, Waiver"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "kind: role\nmetadata: {name: x}\n",
            [
                (1, 1, "$.apiVersion: missing; add apiVersion: rolegate/v1"),
                (
                    1,
                    1,
                    f"$.kind: unknown kind 'role' (did you mean 'Role'?); expected one of {KINDS}",
                ),
            ],
        ),
        (
            "apiVersion: rolegate/v1\nKind: Role\n",
            [(2, 1, "$.Kind: write this key as kind; keys are case-sensitive")],
        ),
        (
            "metadata: {name: x}\nspec: {}\n",
            [
                (1, 1, "$.apiVersion: missing; add apiVersion: rolegate/v1"),
                (1, 1, f"$.kind: missing; add kind: one of {KINDS}"),
            ],
        ),
        (
            "- apiVersion: rolegate/v1\n  kind: Role\n",
            [
                (
                    1,
                    3,
                    "$[0]: a rolegate document inside a list, which rolegate does not read; "
                    "write it at the top level of the file, after its own --- line",
                )
            ],
        ),
    ],
)
def test_a_document_meant_as_rolegate_is_a_finding_at_its_line(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert messages(text) == expected


def test_strict_files_make_foreign_documents_findings() -> None:
    documents = load_text("services: {}\n---\nkind: Service\n", "ci.yaml").documents
    assert validate(documents, strict=lambda file: False).findings == ()
    found = validate(documents, strict=lambda file: file == "ci.yaml")
    assert [(f.rule, f.line, f.message.split(";")[0]) for f in found.findings] == [
        ("SCHEMA-001", 1, "$: not a rolegate document (keys 'services')"),
        ("SCHEMA-001", 3, "$: not a rolegate document (kind 'Service')"),
    ]
    assert found.ignored == ()
