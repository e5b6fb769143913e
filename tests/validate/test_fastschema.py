"""The compiled gate must never pass a document that jsonschema finds a problem in."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.load.loader import load_file
from checker.validate import schema
from checker.validate.fastschema import EXACT_ONLY, FastGate
from checker.validate.intent import intent
from checker.validate.schema import KIND_FILES, Validators

from conftest import FIXTURES

DOCUMENTS = [
    (path, doc.data)
    for path in sorted(FIXTURES.rglob("*.yaml"))
    for doc in load_file(path, path.name).documents
    if intent(doc.data).kind == "rolegate" and doc.data.get("kind") in KIND_FILES
]
EXAMPLE_ROLE = next(data for _, data in DOCUMENTS if data["metadata"]["name"] == "tier1-agent")


def _gate() -> FastGate:
    kinds = {kind: schema.schema(name) for kind, name in KIND_FILES.items()}
    return FastGate(kinds, [schema.schema("common")])


def _agrees(kind: str, data: Any) -> bool:
    """The gate passes the document only if jsonschema finds nothing wrong with it."""
    exact = Validators(["schedule_callback"], fast=False)
    return not _gate().valid(kind, data) or exact.errors(kind, data) == []


@pytest.mark.parametrize(("path", "data"), DOCUMENTS, ids=lambda v: str(v)[-60:])
def test_gate_agrees_with_jsonschema_on_every_fixture(path: Path, data: Any) -> None:
    assert _agrees(data["kind"], data)


def _set(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def edit(doc: dict[str, Any]) -> None:
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


BROKEN = {
    "unknown scope": _set("spec", "grants", 0, "scope", value="everywhere"),
    "impossible date": _set("metadata", "last_review", value="2026-02-30"),
    "date with a time": _set("metadata", "last_review", value="2026-02-01T10:00"),
    "name with a trailing newline": _set("metadata", "name", value="agent\n"),
    "unknown key": _set("spec", "colour", value="red"),
    "string for a number": _set("spec", "session", "idle_timeout_minutes", value="10"),
    "boolean for a number": _set("spec", "session", "idle_timeout_minutes", value=True),
    "fraction for an integer": _set("spec", "session", "idle_timeout_minutes", value=2.5),
    "repeated function": _set("spec", "functions", value=["inbound_support"] * 2),
    "undeclared action": _set("spec", "grants", 0, "actions", value=["teleport"]),
    "empty owner": _set("metadata", "owner", value=""),
}


@pytest.mark.parametrize("edit", BROKEN.values(), ids=BROKEN)
def test_gate_rejects_what_jsonschema_rejects(edit: Callable[[dict[str, Any]], None]) -> None:
    role = copy.deepcopy(EXAMPLE_ROLE)
    edit(role)
    assert not _gate().valid("Role", role)
    assert _agrees("Role", role)


def test_the_example_role_passes_the_gate() -> None:
    assert _gate().valid("Role", EXAMPLE_ROLE) is False  # schedule_callback: declared only
    kinds = {kind: schema.schema(name) for kind, name in KIND_FILES.items()}
    common = schema.schema("common")
    common["$defs"]["action"]["enum"].append("schedule_callback")
    assert FastGate(kinds, [common]).valid("Role", EXAMPLE_ROLE)


@pytest.mark.parametrize("kind", sorted(EXACT_ONLY))
def test_kinds_the_engines_read_differently_always_go_to_jsonschema(kind: str) -> None:
    valid = next(data for _, data in DOCUMENTS if data["kind"] == kind)
    assert not _gate().valid(kind, valid)


ORG_POLICY = next(data for _, data in DOCUMENTS if data["kind"] == "OrgPolicy")


def _with_patterns(*patterns: str) -> dict[str, Any]:
    policy = copy.deepcopy(ORG_POLICY)
    policy["spec"]["generic_account_patterns"] = list(patterns)
    return policy


def test_a_valid_org_policy_passes_the_gate() -> None:
    """So a check needs no jsonschema for it (format regex is read alike)."""
    assert _gate().valid("OrgPolicy", ORG_POLICY)
    assert _agrees("OrgPolicy", ORG_POLICY)


@pytest.mark.parametrize(
    "patterns",
    [
        ["^(?=x)shared$"],  # lookahead: ECMA-262 reads it, the Rego engines do not alike
        [r"^shared\Z"],
        ["^(unclosed$"],
        [f"^{c}[^a]{{25}}" for c in "xyz"],  # each portable, too large together
    ],
)
def test_an_org_policy_the_engines_cannot_read_alike_goes_to_jsonschema(
    patterns: list[str],
) -> None:
    policy = _with_patterns(*patterns)
    assert not _gate().valid("OrgPolicy", policy)
    assert Validators(fast=False).errors("OrgPolicy", policy) != []
