"""``rolegate who-can``: every role that can do an action on a resource or see a field,
its grants and the accounts bound to it, as text, JSON or CSV (docs/access-review.md).

The rows are data.rolegate.review's who-can view (Report.access_review); the findings
and waivers that touch each row come from the same report.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from checker import __version__
from checker.report.json_report import finding_data
from checker.report.sanitiser import data, one_line
from checker.report.touching import FindingIndex, Touching, counted, csv_cell
from checker.result import Report

FORMAT_VERSION = 1


def describe_query(query: dict[str, Any]) -> str:
    """``read customer.phone (visibility full or more, scope team or wider)``."""
    target = query["resource"] + (f".{query['field']}" if query["field"] else "")
    limits = [f"visibility {query['visibility']} or more"] if query["visibility"] else []
    limits += [f"scope {query['scope']} or wider"] if query["scope"] else []
    return f"{query['action']} {target}" + (f" ({', '.join(limits)})" if limits else "")


def summary(view: dict[str, Any]) -> dict[str, int]:
    accounts = [a for role in view["roles"] for a in role["accounts"]]
    ids = {(a["file"], a["document"], a["id"]) for a in accounts}
    people = {a["person"] for a in accounts if a["person"]}
    nobody = {(a["file"], a["document"], a["id"]) for a in accounts if not a["person"]}
    return {
        "roles": len(view["roles"]),
        "accounts": len(ids),
        "people": len(people),
        "accounts_without_person": len(nobody),
    }


def render(report: Report, *, fmt: str) -> str:
    view, index = report.access_review, FindingIndex(report)
    rows = [_role(role, index) for role in view["roles"]]
    if fmt == "json":
        document = {
            "version": FORMAT_VERSION,
            "tool": {"name": "rolegate", "version": __version__},
            "query": view["query"],
            "summary": summary(view),
            "roles": rows,
        }
        return json.dumps(data(document), indent=2) + "\n"
    if fmt == "csv":
        return _csv(rows)
    return _text(view, rows)


def _role(role: dict[str, Any], index: FindingIndex) -> dict[str, Any]:
    grants = [grant["index"] for grant in role["grants"]]
    accounts = [{**_public(a), **_touch(index.account(a))} for a in role["accounts"]]
    row = {**_public(role), "grants": [_public(g) for g in role["grants"]]}
    return {**row, **_touch(index.role(role, grants)), "accounts": accounts}


def _public(item: dict[str, Any]) -> dict[str, Any]:
    """An item of the view without the engine's document number and path."""
    return {k: v for k, v in item.items() if k not in ("document", "path")}


def _touch(touching: Touching) -> dict[str, Any]:
    return {
        "findings": [finding_data(f) for f in touching.findings],
        "waived": [finding_data(f) for f in touching.waived],
    }


def _text(view: dict[str, Any], rows: list[dict[str, Any]]) -> str:
    counts = summary(view)
    lines = [f"who can {describe_query(view['query'])}: " + _counts(counts)]
    for role in rows:
        shown = f"  visibility {role['visibility']}" if role["visibility"] else ""
        lines.append(
            f"role {role['role']} ({role['tier']}, {role['workforce']})  scope {role['scope']}"
            f"{shown}  {role['file']}:{role['line']}"
        )
        for grant in role["grants"]:
            field = view["query"]["field"]
            seen = f"  {field} {grant['visibility']}" if grant["visibility"] else ""
            actions = ", ".join(grant["actions"]) or "-"
            lines.append(
                f"  grant {grant['index']}  {role['file']}:{grant['line']}  {actions}"
                f"  scope {grant['scope']}{seen}"
            )
        lines += _touch_lines(role, "  ")
        for account in role["accounts"]:
            person = account["person"] or "no person"
            lines.append(
                f"  account {account['id']} ({account['type']}, {account['workforce']}, "
                f"{person})  {account['file']}:{account['line']}"
            )
            lines += _touch_lines(account, "    ")
    return "".join(one_line(line) + "\n" for line in lines)


def _counts(counts: dict[str, int]) -> str:
    text = ", ".join(
        [
            counted(counts["roles"], "role"),
            counted(counts["accounts"], "account"),
            counted(counts["people"], "person", "people"),
        ]
    )
    nobody = counts["accounts_without_person"]
    return text + (f", {counted(nobody, 'account')} naming no person" if nobody else "")


def _touch_lines(row: dict[str, Any], indent: str) -> list[str]:
    return [
        f"{indent}{mark} {f['severity']} {f['rule']} {f['file']}:{f['line']}: {f['message']}"
        for key, mark in (("findings", "finding"), ("waived", "waived"))
        for f in row[key]
    ]


_CSV_FIELDS = (
    "role", "tier", "role_workforce", "scope", "visibility", "grants", "role_findings",
    "role_waived", "account", "person", "account_type", "account_workforce", "valid_until",
    "account_location", "account_findings", "account_waived",
)  # fmt: skip


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for role in rows:
        grants = ";".join(f"{role['file']}:{g['line']}" for g in role["grants"])
        base = {
            "role": role["role"],
            "tier": role["tier"],
            "role_workforce": role["workforce"],
            "scope": role["scope"],
            "visibility": role["visibility"],
            "grants": grants,
            "role_findings": _ids(role["findings"]),
            "role_waived": _ids(role["waived"]),
        }
        for account in role["accounts"] or [None]:
            row = {**base, **(_account_cells(account) if account else {})}
            writer.writerow({key: csv_cell(one_line(str(value))) for key, value in row.items()})
    return out.getvalue()


def _account_cells(account: dict[str, Any]) -> dict[str, str]:
    return {
        "account": account["id"],
        "person": account["person"],
        "account_type": account["type"],
        "account_workforce": account["workforce"],
        "valid_until": account["valid_until"],
        "account_location": f"{account['file']}:{account['line']}",
        "account_findings": _ids(account["findings"]),
        "account_waived": _ids(account["waived"]),
    }


def _ids(findings: list[dict[str, Any]]) -> str:
    return ";".join(f"{f['rule']}@{f['file']}:{f['line']}" for f in findings)
