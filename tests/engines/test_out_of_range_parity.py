"""Differential: out-of-range values decide the same on OPA and on the embedded engine.

Each hostile value is put into the example repo's data where the YAML would hold it,
then validated and evaluated as `rolegate check` does: the two engines must give the
same decision, and neither may fail. Where the schema stops a value, the document leaves
the input (its SCHEMA-001 is one Python finding for both engines). Dates and patterns are
also handed to the engines past the schema, as an input built by other means would be:
the Rego must still fail closed, alike on both, with a finding at the value.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

import pytest

from checker.engines import ENTRY_POINT
from checker.engines.embedded import new_engine
from checker.inventory import build_input
from checker.policy.policyset import load_policy_set
from checker.repo import read_repo
from checker.validate.documents import validate

from conftest import FIXTURES

try:
    from opa_bindings.engine import OpaEngine
except ImportError:  # pragma: no cover - depends on the environment
    pytest.skip("OPA reference (opa-golib-python-bindings) not installed", allow_module_level=True)

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
POLICIES = load_policy_set()

# (kind, name, path inside the document, the rule that must report it past the schema)
VALID_UNTIL = ("AccountBindings", "crm-bpo-contractors", ("spec", "accounts", 0, "valid_until"))
VALID_FROM = ("AccountBindings", "crm-bpo-contractors", ("spec", "accounts", 0, "valid_from"))
LAST_REVIEW = ("Role", "crm-break-glass", ("metadata", "last_review"))
PATTERNS = ("OrgPolicy", "customer-service", ("spec", "generic_account_patterns"))
IDLE = ("Role", "crm-break-glass", ("spec", "session", "idle_timeout_minutes"))
INTERVAL = ("Role", "crm-break-glass", ("metadata", "review_interval_days"))
RETENTION = ("OrgPolicy", "customer-service", ("spec", "thresholds", "min_audit_retention_days"))

DATES = ["2263-01-01", "2262-04-12", "1677-09-21", "1600-01-01", "0000-01-01", "9999-12-31"]
PYTHON_ONLY = [r"^x(?=y)", r"(a)\1", r"a\Z", r"(?P<n>a)(?P=n)"]
PERL_CLASSES = [r"^\w*shared\w*$", r"\w{3}x", r"^agent\d{2}$"]
NUMBERS: list[Any] = [99999999999999999999999, 2**63, 2**53 + 1, 1e30, 20.0, 1.5, -1, 0]

HOSTILE = [
    *((where, date) for where in (VALID_UNTIL, VALID_FROM, LAST_REVIEW) for date in DATES),
    *((PATTERNS, [p, "^agent[0-9]+$"]) for p in PYTHON_ONLY + PERL_CLASSES),
    *((where, number) for where in (IDLE, INTERVAL, RETENTION) for number in NUMBERS),
]
CONTRACT_DATES = (VALID_UNTIL, VALID_FROM)
PAST_THE_SCHEMA = [
    *((where, date, "TP-001", VALID_UNTIL[2]) for where in CONTRACT_DATES for date in DATES),
    *((LAST_REVIEW, date, "GOV-002", LAST_REVIEW[2]) for date in DATES),
    *((PATTERNS, [p, "^agent[0-9]+$"], "ACC-001", (*PATTERNS[2], 0)) for p in PYTHON_ONLY),
]
INPUT_KEYS = {"AccountBindings": "bindings", "Role": "roles", "OrgPolicy": "org_policies"}


@pytest.fixture(scope="module")
def opa() -> Any:
    engine = OpaEngine()
    for rego in POLICIES.files:
        engine.add_policy(rego.display, rego.text)
    engine.add_data(POLICIES.data())
    return engine


@pytest.fixture(scope="module")
def documents() -> Any:
    return read_repo((FIXTURES / "example",), root=FIXTURES).documents


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return changed


def _is(data: Any, kind: str, name: str) -> bool:
    return bool(data.get("kind") == kind and data["metadata"]["name"] == name)


def _decisions(opa: Any, document: dict[str, Any]) -> tuple[Any, Any]:
    embedded = new_engine(POLICIES)
    embedded.set_input_json(json.dumps(document))
    ours = json.loads(embedded.eval_rule_as_json(ENTRY_POINT))
    [theirs] = opa.eval_query(f"decision := {ENTRY_POINT}", document)
    return ours, theirs["decision"]


def _normal(decision: dict[str, Any]) -> dict[str, list[str]]:
    return {
        key: sorted(json.dumps(item, sort_keys=True) for item in decision[key])
        for key in ("findings", "waived", "rules", "undefined_rules")
    }


@pytest.mark.parametrize(("where", "value"), HOSTILE, ids=lambda v: str(v)[:40])
def test_a_hostile_value_in_the_yaml_decides_the_same_on_both_engines(
    opa: Any, documents: Any, where: Any, value: Any
) -> None:
    kind, name, path = where
    edited = [
        replace(doc, data=_set(doc.data, path, value)) if _is(doc.data, kind, name) else doc
        for doc in documents
    ]
    ours, theirs = _decisions(opa, build_input(validate(edited), now=NOW))
    assert _normal(ours) == _normal(theirs)


@pytest.mark.parametrize(
    ("where", "value", "rule", "at"), PAST_THE_SCHEMA, ids=lambda v: str(v)[:40]
)
def test_a_date_or_pattern_past_the_schema_still_fails_closed_alike(
    opa: Any, documents: Any, where: Any, value: Any, rule: str, at: tuple[Any, ...]
) -> None:
    kind, name, path = where
    document = build_input(validate(documents), now=NOW)
    listed = INPUT_KEYS[kind]
    document[listed] = [
        _set(doc, path, value) if _is(doc, kind, name) else doc for doc in document[listed]
    ]
    ours, theirs = _decisions(opa, document)
    assert _normal(ours) == _normal(theirs)
    assert [rule, list(at)] in [[f["rule"], f["path"]] for f in ours["findings"]]
