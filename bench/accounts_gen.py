"""Account bindings of a synthetic config repo: employees, BPO contractors, break-glass.

Accounts are individual, one person each; contractors have a sponsor, a contract and an
expiry within the policy's 180 days; a quarter of the supervisors also have a separate
break-glass account. Every ``VIOLATION_EVERY``-th account gets one violation.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from roles_gen import NOW, OWNERS, TIER_WEIGHTS

VIOLATION_EVERY = 97
PER_FILE = 250
EMPLOYER = "Operadora Exemplo S.A."
SUPPLIERS = [
    "Atende Mais Teleatendimento Ltda.",
    "Contato Certo BPO S.A.",
    "Voz Ativa Servicos Ltda.",
]
FIRST = [
    "ana",
    "marcos",
    "juliana",
    "beatriz",
    "lucas",
    "camila",
    "diego",
    "eduardo",
    "helena",
    "pedro",
    "larissa",
    "rafael",
    "fernanda",
    "gustavo",
    "aline",
    "bruno",
    "carolina",
    "felipe",
]
LAST = [
    "souza",
    "oliveira",
    "castro",
    "ramos",
    "ferreira",
    "rocha",
    "santos",
    "pinto",
    "barros",
    "lima",
    "melo",
    "teixeira",
    "almeida",
    "costa",
    "gomes",
    "ribeiro",
    "martins",
    "araujo",
]


def _day(days_ago: int) -> str:
    return (NOW - timedelta(days=days_ago)).isoformat()


def _login(rng: random.Random, number: int) -> str:
    return f"{rng.choice(FIRST)}.{rng.choice(LAST)}.{number}"


def employee(rng: random.Random, number: int, roles: list[str]) -> dict[str, Any]:
    return {
        "id": _login(rng, number),
        "person": f"E{100000 + number}",
        "type": "individual",
        "workforce": "employee",
        "employer": EMPLOYER,
        "roles": roles,
        "valid_from": _day(rng.randint(30, 3000)),
        "activation": "standing",
    }


def contractor(rng: random.Random, number: int, roles: list[str]) -> dict[str, Any]:
    start = rng.randint(10, 140)
    supplier = SUPPLIERS[number % len(SUPPLIERS)]
    return {
        "id": f"c.{_login(rng, number)}",
        "person": f"BPO-{500000 + number}",
        "type": "individual",
        "workforce": "contractor",
        "employer": supplier,
        "sponsor": rng.choice(OWNERS),
        "contract": f"CTR-2026-{SUPPLIERS.index(supplier) + 1:04d}",
        "roles": roles,
        "valid_from": _day(start),
        "valid_until": _day(start - rng.randint(150, 179)),
        "activation": "standing",
    }


def break_glass(account: dict[str, Any], role: str) -> dict[str, Any]:
    return {
        **{k: account[k] for k in ("person", "workforce", "employer", "valid_from")},
        "id": f"bg.{account['id']}",
        "type": "break_glass",
        "roles": [role],
        "activation": "just_in_time",
    }


def _spoil(rng: random.Random, account: dict[str, Any], refund: str, approve: str) -> None:
    kind = rng.choice(["shared", "no_expiry", "no_person", "sod"])
    if kind == "shared":
        account["id"], account["type"] = f"shared-desk-{account['person'].lower()}", "shared"
    elif kind == "no_expiry" and account["workforce"] == "contractor":
        del account["valid_until"]
    elif kind == "no_person":
        del account["person"]
    elif refund and approve and account["workforce"] == "employee":
        account["roles"] = [refund, approve]


def accounts(rng: random.Random, count: int, roles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    pools = _pools(roles)
    refund, approve = _first(pools, "billing_support"), _first(pools, "team_supervision")
    supervisors = set(pools["supervisor"])
    found: list[dict[str, Any]] = []
    while len(found) < count:
        number = len(found)
        account = _account(rng, number, pools)
        if number % VIOLATION_EVERY == VIOLATION_EVERY // 2:
            _spoil(rng, account, refund, approve)
        found.append(account)
        supervising = "person" in account and supervisors & set(account["roles"])
        if pools["break_glass"] and supervising and rng.random() < 0.25:
            found.append(break_glass(account, rng.choice(pools["break_glass"])))
    return found[:count]


def _account(rng: random.Random, number: int, pools: dict[str, list[str]]) -> dict[str, Any]:
    if pools["contractor"] and number % 10 < 3:
        return contractor(rng, number, [rng.choice(pools["contractor"])])
    tiers = [t for t in TIER_WEIGHTS if pools[t] and t != "break_glass"]
    tier = rng.choices(tiers, weights=[TIER_WEIGHTS[t] for t in tiers])[0]
    return employee(rng, number, [rng.choice(pools[tier])])


def _pools(roles: list[dict[str, Any]]) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {tier: [] for tier in [*TIER_WEIGHTS, "contractor"]}
    for doc in roles:
        spec = doc["spec"]
        key = "contractor" if spec["workforce"] == "contractor" else spec["tier"]
        pools[key].append(doc["metadata"]["name"])
        pools.setdefault(spec["functions"][0].rsplit("_", 1)[0], []).append(doc["metadata"]["name"])
    return pools


def _first(pools: dict[str, list[str]], base: str) -> str:
    return pools.get(base, [""])[0]


def binding_documents(found: list[dict[str, Any]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Bindings files of ``PER_FILE`` accounts each, one directory per employer."""
    by_employer: dict[str, list[dict[str, Any]]] = {}
    for account in found:
        by_employer.setdefault(account["employer"], []).append(account)
    for employer, group in by_employer.items():
        slug = employer.split()[0].lower() if employer != EMPLOYER else "employees"
        for start in range(0, len(group), PER_FILE):
            number = start // PER_FILE + 1
            yield (
                f"bindings/{slug}/accounts-{number:04d}.yaml",
                {
                    "apiVersion": "rolegate/v1",
                    "kind": "AccountBindings",
                    "metadata": {"name": f"{slug}-accounts-{number:04d}"},
                    "spec": {"accounts": group[start : start + PER_FILE]},
                },
            )
