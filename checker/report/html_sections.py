"""The parts of the HTML access review written as HTML here, every value escaped: the
summary (findings by severity, rules, waivers) and the access diff of a change."""

from __future__ import annotations

from html import escape
from typing import Any

from checker.report.diff_report import describe, sorted_diff
from checker.result import Report


def _card(what: str, number: int, key: str, css: str = "") -> str:
    return (
        f'<div class="card {css}" data-summary="{key}"><span class="n">{number}</span>'
        f'<span class="what">{escape(what)}</span></div>'
    )


def summary(report: Report, fail_on: str) -> str:
    rules = [rule for rule in report.rules if rule.status == "evaluated"]
    failed = sum(1 for rule in rules if rule.failed)
    waivers = report.access_review.get("waivers", [])
    in_force = [w for w in waivers if w["in_force"]]
    soon = [w for w in in_force if w["expiring_soon"]]
    cards = [
        _card("findings", len(report.findings), "findings"),
        *(_card(sev, n, sev, sev) for sev, n in report.by_severity().items()),
        _card("waived", len(report.waived), "waived"),
        _card("rules evaluated", len(rules), "rules"),
        _card("rules passed", len(rules) - failed, "rules-passed"),
        _card("rules failed", failed, "rules-failed"),
        _card("waivers in force", len(in_force), "waivers-in-force"),
        _card("expiring within 30 days", len(soon), "waivers-expiring"),
        _card("files", report.files, "files"),
        _card("documents", report.documents, "documents"),
    ]
    verdict = "failed" if report.failing(fail_on) else "passed"
    return (
        '<section id="summary"><h2>Summary</h2>'
        f'<p class="note" data-summary="verdict" data-verdict="{verdict}">The gate '
        f"{verdict} at --fail-on {escape(fail_on)}. This page is a review, not the gate: "
        "it is written whatever the findings.</p>"
        f'<div class="cards">{"".join(cards)}</div>'
        f"{_waiver_table(waivers)}{_rule_table(report)}</section>"
    )


def _waiver_table(waivers: list[dict[str, Any]]) -> str:
    if not waivers:
        return '<h2>Waivers</h2><p class="note">No waivers.</p>'
    rows = "".join(
        f'<tr data-waiver="{escape(w["name"])}"><td>{escape(w["name"])}</td>'
        f"<td>{escape(w['rule'])}</td><td>{escape(w['target'])}</td>"
        f"<td>{escape(w['expires'])}</td><td>{_waiver_state(w)}</td>"
        f"<td>{escape(w['ticket'])}</td><td>{escape(w['approved_by'])}</td></tr>"
        for w in sorted(waivers, key=lambda w: (w["expires"], w["name"]))
    )
    return (
        "<h2>Waivers</h2><table><thead><tr><th>waiver</th><th>rule</th><th>target</th>"
        "<th>expires</th><th>state</th><th>ticket</th><th>approved by</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _waiver_state(waiver: dict[str, Any]) -> str:
    if not waiver["in_force"]:
        return "not in force"
    left = waiver["days_left"]
    return f"in force, {left} day{'s' if left != 1 else ''} left" + (
        " (expiring soon)" if waiver["expiring_soon"] else ""
    )


def _rule_table(report: Report) -> str:
    rows = "".join(
        f'<tr data-rule="{escape(r.id)}"><td>{escape(r.id)}</td><td>{escape(r.title)}</td>'
        f"<td>{escape(r.status)}</td><td>{r.checked}</td><td>{r.passed}</td><td>{r.failed}</td></tr>"
        for r in report.rules
    )
    return (
        "<details><summary>every rule: subjects checked, passed, failed</summary><table>"
        "<thead><tr><th>rule</th><th>title</th><th>status</th><th>checked</th><th>passed</th>"
        f"<th>failed</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


def diff(report: Report) -> str:
    diff = sorted_diff(report.access_diff)
    roles = "".join(
        f'<tr data-role="{escape(r["role"])}"><td>{escape(r["role"])}</td>'
        f"<td>{escape(r['status'])}</td><td>{r['people']}</td>"
        f"<td>{_changes(r['gained'])}</td><td>{_changes(r['lost'])}</td></tr>"
        for r in diff["roles"]
    )
    people = "".join(
        f'<tr data-person="{escape(p["person"])}"><td>{escape(p["person"])}</td>'
        f"<td>{escape(', '.join(p['accounts']))}</td>"
        f"<td>{_changes(p['gained'])}</td><td>{_changes(p['lost'])}</td></tr>"
        for p in diff["people"]
    )
    return (
        f'<section id="diff" hidden><h2>Access diff against {escape(report.base)}</h2>'
        '<table id="diff-roles"><thead><tr><th>role</th><th>status</th><th>people</th>'
        f"<th>gained</th><th>lost</th></tr></thead><tbody>{roles}</tbody></table>"
        '<h2>People</h2><table id="diff-people"><thead><tr><th>person</th><th>accounts</th>'
        f"<th>gained</th><th>lost</th></tr></thead><tbody>{people}</tbody></table></section>"
    )


def _changes(entries: list[dict[str, Any]]) -> str:
    if not entries:
        return ""
    items = "".join(
        f'<li class="{"sensitive" if e["sensitive"] else ""}">{escape(describe(e))}</li>'
        for e in entries
    )
    return f"<ul>{items}</ul>"
