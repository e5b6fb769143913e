"""The shared part of a synthetic config repo: catalog, job functions, systems, policy.

Built on fixtures/example, whose vocabulary (classes, resources, the eight job functions,
the two systems, the OrgPolicy) it keeps; it adds low-sensitivity resources so that job
functions, and the roles cut from them, have 5 to 15 grants, and makes variants of each
job function as an operator with thousands of roles would have.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "example"

# Resources an operator's CRM has beyond the example's, with only internal and ordinary
# personal data, so that extra grants on them are realistic without being violations.
EXTRA_RESOURCES: dict[str, dict[str, str]] = {
    "order": {"order_id": "internal", "status": "internal", "items": "personal"},
    "device": {"device_id": "internal", "model": "internal", "warranty_status": "internal"},
    "appointment": {"appointment_id": "internal", "slot": "internal", "notes": "personal"},
    "complaint": {"complaint_id": "internal", "category": "internal", "summary": "personal"},
    "loyalty": {"loyalty_tier": "internal", "points": "personal"},
    "network_ticket": {"ticket_id": "internal", "area": "internal", "status": "internal"},
    "contract_terms": {"contract_id": "internal", "term_end": "personal", "fee": "personal"},
    "survey": {"survey_id": "internal", "score": "personal", "comment": "personal"},
    "knowledge_article": {"article_id": "public", "body": "public"},
    "promotion": {"offer_id": "public", "eligibility": "internal"},
    "shipment": {"tracking_id": "internal", "carrier": "internal", "status": "internal"},
    "payment_plan": {"plan_id": "internal", "instalments": "personal", "status": "internal"},
    "callback": {"callback_id": "internal", "slot": "internal", "reason": "personal"},
    "store_visit": {"visit_id": "internal", "store": "internal", "purpose": "personal"},
    "roaming": {"pack": "internal", "status": "internal"},
    "parental_control": {"profile": "internal", "status": "internal"},
}

# Per tier: the actions and scope of an extra grant (no list, export or reveal).
EXTRA_ACCESS = {
    "frontline": (["read", "create", "update", "comment"], "assigned"),
    "backoffice": (["read", "update", "comment"], "team"),
    "supervisor": (["read", "list", "update", "comment"], "team"),
    "qa": (["read", "comment"], "team"),
    "break_glass": (["read"], "all"),
}


@dataclass(frozen=True)
class Function:
    id: str
    base: str  # the example job function it is a variant of
    tier: str
    body: dict[str, Any]  # the JobFunctions entry


def load_example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLE / name).read_text("utf-8"))
    return data


def catalog() -> dict[str, Any]:
    doc = load_example("catalog/data-catalog.yaml")
    for name, fields in EXTRA_RESOURCES.items():
        doc["spec"]["resources"][name] = {"description": f"{name} records", "fields": fields}
    return doc


def base_functions() -> dict[str, Any]:
    functions: dict[str, Any] = load_example("catalog/job-functions.yaml")["spec"]["functions"]
    return functions


def sod_conflicts() -> list[list[str]]:
    conflicts: list[list[str]] = load_example("catalog/job-functions.yaml")["spec"]["sod_conflicts"]
    return conflicts


def _extra_need(resource: str, tier: str) -> dict[str, Any]:
    actions, scope = EXTRA_ACCESS[tier]
    need = {
        "resource": resource,
        "actions": list(actions),
        "scope": scope,
        "fields": dict.fromkeys(EXTRA_RESOURCES[resource], "full"),
    }
    if tier == "break_glass":
        need["conditions"] = {"require_reason": True}
    return need


def variant(rng: random.Random, base: str, body: dict[str, Any], number: int) -> Function:
    """A variant of an example job function with extra grants, 5 to 15 needs in all."""
    tier = body["tier"]
    new = copy.deepcopy(body)
    new["description"] = f"{body['description']} (variant {number})"
    have = len(body["needs"])
    if tier in EXTRA_ACCESS:
        extra = rng.randint(max(0, 5 - have), 15 - have)
        resources = rng.sample(sorted(EXTRA_RESOURCES), extra)
        new["needs"] += [_extra_need(r, tier) for r in sorted(resources)]
    return Function(f"{base}_{number:04d}", base, tier, new)


def functions(rng: random.Random, count: int) -> list[Function]:
    """``count`` (at least one per example function) variants, cycling through them."""
    bases = sorted(base_functions().items())
    count = max(count, len(bases))
    return [variant(rng, *bases[i % len(bases)], i // len(bases)) for i in range(count)]


def function_documents(found: list[Function]) -> dict[str, dict[str, Any]]:
    """One JobFunctions document per tier; the SoD conflicts with the frontline's."""
    files: dict[str, dict[str, Any]] = {}
    for function in found:
        name = f"catalog/functions-{function.tier.replace('_', '-')}.yaml"
        doc = files.setdefault(name, _functions_doc(function.tier))
        doc["spec"]["functions"][function.id] = function.body
    files["catalog/functions-frontline.yaml"]["spec"]["sod_conflicts"] = sod_conflicts()
    return files


def _functions_doc(tier: str) -> dict[str, Any]:
    return {
        "apiVersion": "rolegate/v1",
        "kind": "JobFunctions",
        "metadata": {"name": f"{tier.replace('_', '-')}-functions"},
        "spec": {"functions": {}},
    }


def systems(count: int) -> dict[str, dict[str, Any]]:
    """The example's crm and contact-centre, then regional copies of them."""
    found = {}
    for i in range(max(count, 2)):
        template = ("crm", "contact-centre")[i % 2]
        doc = load_example(f"systems/{template}.yaml")
        region = i // 2
        if region:
            doc["metadata"]["name"] = f"{template}-region{region:02d}"
            doc["metadata"]["description"] += f" (region {region:02d})"
        found[f"systems/{doc['metadata']['name']}.yaml"] = doc
    return found


def org_policy() -> dict[str, Any]:
    return load_example("org-policy.yaml")
