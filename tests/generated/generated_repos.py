"""Whole config repos drawn from the schemas, with references that meet.

Every document is drawn from its kind's JSON Schema (schema_strategies); the names one
document gives and another refers to (systems, resources, fields, classes, functions,
roles, accounts, people, rule ids) come from small shared pools, so roles hold the
functions that exist, accounts bind roles that exist, a person can hold two accounts, and
waivers name real findings' targets. One draw in ten of a date, number, text or name is
an edge value (edge_values).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from edge_values import PATTERNS, dates, names, texts
from hypothesis import strategies as st
from schema_strategies import Hooks, document

from checker.policy.policyset import load_policy_set

SYSTEMS = ["crm", "contact-centre"]
RESOURCES = ["customer", "case", "billing"]
FIELDS = ["phone", "name", "cpf", "card", "notes"]
CLASSES = ["public", "personal", "contact_point", "card_data", "national_id"]
FUNCTIONS = ["inbound_support", "billing_care", "quality"]
ROLES = ["tier1-agent", "supervisor", "admin", "bg"]
ACCOUNTS = ["ana.souza", "agent01", "shared-desk", "svc-bot"]
PEOPLE = ["p-100", "p-200", "p-300"]
CHANNELS = ["phone", "email", "whatsapp_business", "whatsapp"]
RULE_IDS = sorted(rule.id for rule in load_policy_set().rules)
ACTIONS = ["read", "update", "export", "approve", "refund", "dial", "grant_role"]

# A kind's schema file, and how many documents of it a repo holds.
KINDS = [
    ("datacatalog.schema.json", 1, 1),
    ("jobfunctions.schema.json", 0, 1),
    ("system.schema.json", 0, 2),
    ("role.schema.json", 1, 4),
    ("accountbindings.schema.json", 0, 2),
    ("orgpolicy.schema.json", 0, 1),
    ("waiver.schema.json", 0, 2),
]
DOCUMENT_NAMES = {"role.schema.json": ROLES, "system.schema.json": SYSTEMS}


def _pool(values: list[str]) -> st.SearchStrategy[Any]:
    return names(values)


def _targets() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(ROLES).map(lambda name: f"role:{name}"),
        st.sampled_from(ACCOUNTS).map(lambda name: f"account:{name}"),
        st.sampled_from(["role:*", "nobody:x", "role:"]),
    )


def _sod_actions() -> st.SearchStrategy[Any]:
    return st.tuples(st.sampled_from(RESOURCES), st.sampled_from(ACTIONS)).map(":".join)


def hooks(kind_file: str) -> Hooks:
    """What a document of ``kind_file`` draws where it refers to another, or at an edge."""
    metadata_names = DOCUMENT_NAMES.get(kind_file, ["main", "second"])
    return Hooks(
        by_key={
            "system": _pool(SYSTEMS),
            "resource": st.one_of(_pool(RESOURCES), st.just("*")),
            "person": texts(PEOPLE),
            "owner": texts(PEOPLE),
            "approved_by": texts(PEOPLE),
            "sponsor": texts(PEOPLE),
            "id": _pool(ACCOUNTS),
            "rule": st.sampled_from(RULE_IDS),
            "target": _targets(),
            "purpose": texts(["ropa-12", "ropa-7"]),
        },
        keys_of={
            "classes": _pool(CLASSES),
            "resources": _pool(RESOURCES),
            "fields": st.one_of(_pool(FIELDS), st.just("*")),
            "functions": _pool(FUNCTIONS),
            "severity_overrides": st.sampled_from(RULE_IDS),
        },
        items_of={
            "functions": _pool(FUNCTIONS),
            "roles": _pool(ROLES),
            "grantable_roles": _pool(ROLES),
            "outbound": _pool(CHANNELS),
            "approved_channels": _pool(CHANNELS),
            "approvers": texts(PEOPLE),
            "alert_to": texts(PEOPLE),
            "notify": texts(PEOPLE),
            "generic_account_patterns": st.sampled_from(PATTERNS),
            "disabled_rules": st.sampled_from(RULE_IDS),
            "actions": st.one_of(st.sampled_from(ACTIONS), _pool(["schedule_callback", "*"])),
        },
        by_ref={
            "date": dates(),
            "text": texts(["ops", "TICKET-1", "team lead"]),
            "name": _pool(metadata_names),
            "sod_action": _sod_actions(),
        },
        # A catalog resource's fields name their classes; a grant's, their visibility.
        values_of={"fields": _pool(CLASSES)} if kind_file == "datacatalog.schema.json" else {},
    )


def _documents(kind_file: str, low: int, high: int) -> st.SearchStrategy[Any]:
    return st.lists(document(kind_file, hooks(kind_file)), min_size=low, max_size=high)


@st.composite
def repos(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    """A repo as its files, each a list of documents (most files hold one)."""
    documents = [doc for kind in KINDS for doc in draw(_documents(*kind))]
    files: list[list[dict[str, Any]]] = []
    for doc in documents:
        if files and draw(st.integers(0, 4)) == 0:
            files[-1].append(doc)  # a second document in the same file
        else:
            files.append([doc])
    return files


def write_repo(root: Path, files: list[list[dict[str, Any]]]) -> tuple[Path, ...]:
    """The repo's files under ``root`` (made empty first), one YAML stream each."""
    root.mkdir(parents=True, exist_ok=True)
    for old in root.glob("*.yaml"):
        old.unlink()
    for number, docs in enumerate(files):
        text = yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False)
        (root / f"{number:02d}.yaml").write_text(text, encoding="utf-8")
    return (root,)
