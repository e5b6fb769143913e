"""Roles of a synthetic config repo, cut from job-function variants, a few of them bad.

Each role grants what its job function needs (contractor roles a little less), on a
system of the right family, with the governance and session settings of the example's
roles of its tier. Every ``VIOLATION_EVERY``-th role gets one of ``ROLE_VIOLATIONS``.
"""

from __future__ import annotations

import copy
import random
from datetime import date, timedelta
from typing import Any

from catalog_gen import Function

NOW = date(2026, 11, 28)  # the day the benchmark evaluates at (--now)
VIOLATION_EVERY = 33

OWNERS = ["carla.mendes", "fernanda.dias", "thiago.martins", "rodrigo.nunes"]
APPROVERS = ["rodrigo.nunes", "patricia.lopes", "luciana.freitas", "joao.lima"]
IDLE_MINUTES = {"frontline": 10, "break_glass": 5}
REVIEW_DAYS = {"break_glass": 30, "access_admin": 90}
# How often each tier occurs after the first role of each job function.
TIER_WEIGHTS = {
    "frontline": 60,
    "backoffice": 16,
    "supervisor": 10,
    "qa": 8,
    "access_admin": 3,
    "break_glass": 3,
}


def _ago(rng: random.Random, most: int) -> str:
    return (NOW - timedelta(days=rng.randint(1, most - 1))).isoformat()


def _channels(function: Function) -> dict[str, Any]:
    channels = function.body.get("channels", {})
    outbound = list(channels.get("outbound", []))
    return {"outbound": outbound, "dial": channels.get("dial", "by_reference"), "device": "managed"}


def _metadata(rng: random.Random, name: str, system: str, tier: str) -> dict[str, Any]:
    owner = rng.choice(OWNERS)
    approvers = sorted(rng.sample([a for a in APPROVERS if a != owner], rng.randint(1, 2)))
    review = REVIEW_DAYS.get(tier, 180)
    return {
        "name": name,
        "description": f"{tier.replace('_', ' ')} role {name}",
        "system": system,
        "owner": owner,
        "approvers": approvers,
        "change_ticket": f"CHG-2026-{rng.randint(10000, 99999)}",
        "last_review": _ago(rng, min(review, 90)),
        **({"review_interval_days": review} if review < 180 else {}),
    }


def role(
    rng: random.Random, name: str, system: str, functions: list[Function], *, contractor: bool
) -> dict[str, Any]:
    """A compliant role serving ``functions`` (the first one sets tier and channels)."""
    main = functions[0]
    grants = [copy.deepcopy(need) for f in functions for need in f.body["needs"]]
    if contractor:  # like the example's tier1-agent-bpo: no billing look-up
        grants = [g for g in grants if g["resource"] != "billing"]
    for grant in grants:  # like the example's fraud-analyst: assigned access ends
        if grant["scope"] == "assigned" and "conditions" in grant:
            grant["conditions"].setdefault("expires_after_close_hours", 72)
    metadata = _metadata(rng, name, system, main.tier)
    if contractor:
        metadata["review_interval_days"] = 90
    spec: dict[str, Any] = {
        "tier": main.tier,
        "workforce": "contractor" if contractor else "employee",
        "functions": [f.id for f in functions],
        "grants": grants,
        "channels": _channels(main),
        "session": {"mfa": True, "idle_timeout_minutes": IDLE_MINUTES.get(main.tier, 15)},
        "audit": {"read_events": True},
    }
    if main.tier == "break_glass":
        spec["break_glass"] = {
            "max_duration_minutes": 60,
            "alert_to": ["soc@operadora.example", "dpo@operadora.example"],
            "post_use_review_hours": 24,
        }
    return {"apiVersion": "rolegate/v1", "kind": "Role", "metadata": metadata, "spec": spec}


def _customer_grant(doc: dict[str, Any]) -> dict[str, Any] | None:
    return next((g for g in doc["spec"]["grants"] if g["resource"] == "customer"), None)


def _reach_all(doc: dict[str, Any]) -> bool:
    grant = _customer_grant(doc)
    if grant is None or doc["spec"]["tier"] != "frontline":
        return False
    grant["scope"] = "all"
    return True


def _full_phone(doc: dict[str, Any]) -> bool:
    grant = _customer_grant(doc)
    if grant is None or "phone" not in grant.get("fields", {}):
        return False
    grant["fields"]["phone"] = "full"
    return True


def _personal_channel(doc: dict[str, Any]) -> bool:
    doc["spec"]["channels"]["outbound"].append("whatsapp_personal")
    doc["spec"]["channels"]["device"] = "byod"
    return True


def _no_read_audit(doc: dict[str, Any]) -> bool:
    doc["spec"]["audit"]["read_events"] = False
    return True


def _no_ticket(doc: dict[str, Any]) -> bool:
    del doc["metadata"]["change_ticket"]
    return True


def _stale_review(doc: dict[str, Any]) -> bool:
    doc["metadata"]["last_review"] = "2025-01-15"
    return True


def _no_mfa(doc: dict[str, Any]) -> bool:
    doc["spec"]["session"]["mfa"] = False
    return True


ROLE_VIOLATIONS = [
    _reach_all,
    _full_phone,
    _personal_channel,
    _no_read_audit,
    _no_ticket,
    _stale_review,
    _no_mfa,
]


def spoil(rng: random.Random, doc: dict[str, Any]) -> None:
    """Apply one violation that fits the role (tried in a random order)."""
    for violation in rng.sample(ROLE_VIOLATIONS, len(ROLE_VIOLATIONS)):
        if violation(doc):
            return


def pick_tier(rng: random.Random) -> str:
    return rng.choices(list(TIER_WEIGHTS), weights=list(TIER_WEIGHTS.values()))[0]
