"""Decisions in one comparable form, for the parity run (parity.py).

A report of `rolegate check --format json` and OPA's decision document for the same input
(`opa eval ... data.rolegate.main.decision`) hold the same findings, waivers and rule
counts; the report adds lines and columns, the decision the document index. Each entry is
reduced to the fields both have, as JSON text, and the lists are sorted, so two decisions
compare equal exactly when they decide the same. The decision's fingerprints are the
identity keys rolegate hashes for reports (checker.findings.fingerprint_of); they are
hashed here the same way.
"""

from __future__ import annotations

import json
from typing import Any

from checker.findings import fingerprint_of

FINDING = (
    "rule",
    "severity",
    "title",
    "message",
    "file",
    "path",
    "subject",
    "controls",
    "fingerprint",
    "pre_existing",
)
WAIVER = ("name", "file", "reason", "ticket", "approved_by", "expires")
RULE = ("id", "title", "severity", "status", "findings", "checked", "passed", "failed")

Comparable = dict[str, list[str]]


def _pick(entry: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: entry.get(name) for name in fields}


def _entries(values: list[Any], fields: tuple[str, ...]) -> list[str]:
    return sorted(json.dumps(_pick(value, fields), sort_keys=True) for value in values)


def _waived(values: list[Any]) -> list[str]:
    return sorted(
        json.dumps([_pick(w["finding"], FINDING), _pick(w["waiver"], WAIVER)], sort_keys=True)
        for w in values
    )


def from_report(report: dict[str, Any]) -> Comparable:
    """From `rolegate check --format json` output."""
    return {
        "findings": _entries(report["findings"], FINDING),
        "waived": _waived(report["waived"]),
        "rules": _entries(report["rules"], RULE),
        "undefined_rules": [],
    }


def _hashed(finding: dict[str, Any]) -> dict[str, Any]:
    return {**finding, "fingerprint": fingerprint_of(finding["fingerprint"])}


def from_decision(decision: dict[str, Any]) -> Comparable:
    """From OPA's value of data.rolegate.main.decision."""
    waived = [{**w, "finding": _hashed(w["finding"])} for w in decision["waived"]]
    return {
        "findings": _entries([_hashed(f) for f in decision["findings"]], FINDING),
        "waived": _waived(waived),
        "rules": _entries(decision["rules"], RULE),
        "undefined_rules": sorted(json.dumps(r) for r in decision["undefined_rules"]),
    }


def from_opa_eval(output: dict[str, Any]) -> Comparable:
    """From the JSON `opa eval --format json` prints; an undefined decision is an error."""
    results = output.get("result") or []
    if not results:
        raise ValueError(f"opa eval: the decision is undefined: {json.dumps(output)[:300]}")
    return from_decision(results[0]["expressions"][0]["value"])


def differences(expected: Comparable, found: Comparable, *, shown: int = 3) -> list[str]:
    """What ``found`` lacks or adds, a few entries per kind."""
    lines = []
    for kind in expected:
        missing = sorted(set(expected[kind]) - set(found[kind]))
        extra = sorted(set(found[kind]) - set(expected[kind]))
        lines += [f"{kind}: missing {entry}" for entry in missing[:shown]]
        lines += [f"{kind}: extra {entry}" for entry in extra[:shown]]
        if len(expected[kind]) != len(found[kind]) and not missing and not extra:
            lines.append(f"{kind}: {len(expected[kind])} entries, but {len(found[kind])}")
    return lines


def counts(comparable: Comparable) -> str:
    return ", ".join(f"{len(comparable[k])} {k}" for k in ("findings", "waived", "rules"))
