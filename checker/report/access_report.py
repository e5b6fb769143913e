"""``rolegate access``: one role's, account's or person's effective access per resource and
field, beside what the job functions need and which function justifies each grant, as
text, JSON or CSV (docs/access-review.md).

The rows are data.rolegate.review's access view (Report.access_review); the findings and
waivers that touch each grant and account come from the same report.
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
NO_FUNCTION = "no function needs this"


def render(report: Report, *, fmt: str) -> str:
    view, index = report.access_review, FindingIndex(report)
    roles = [_role(role, index) for role in view["roles"]]
    accounts = [{**_public(a), **_touch(index.account(a))} for a in view["accounts"]]
    if fmt == "json":
        document = {
            "version": FORMAT_VERSION,
            "tool": {"name": "rolegate", "version": __version__},
            "subject": {"kind": view["query"]["kind"], "name": view["query"]["name"]},
            "accounts": accounts,
            "roles": roles,
            "effective": view["effective"],
        }
        return json.dumps(data(document), indent=2) + "\n"
    if fmt == "csv":
        return _csv(view["query"], roles)
    return _text(view, roles, accounts)


def _role(role: dict[str, Any], index: FindingIndex) -> dict[str, Any]:
    resources = [
        {
            **resource,
            "grants": [
                {**_public(grant), **_touch(index.grant(role, grant["index"]))}
                for grant in resource["grants"]
            ],
        }
        for resource in role["resources"]
    ]
    return {**_public(role), **_touch(index.role_level(role)), "resources": resources}


def _public(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("document", "path")}


def _touch(touching: Touching) -> dict[str, Any]:
    return {
        "findings": [finding_data(f) for f in touching.findings],
        "waived": [finding_data(f) for f in touching.waived],
    }


def _text(view: dict[str, Any], roles: list[dict[str, Any]], accounts: list[Any]) -> str:
    query = view["query"]
    names = ", ".join(role["role"] for role in roles) or "none"
    lines = [
        f"{query['kind']} {query['name']}: {counted(len(accounts), 'account')}, "
        f"{counted(len(roles), 'role')} ({names})"
    ]
    for account in accounts:
        until = f", valid until {account['valid_until']}" if account["valid_until"] else ""
        lines.append(
            f"account {account['id']} ({account['type']}, {account['workforce']}, "
            f"{account['person'] or 'no person'}{until})  {account['file']}:{account['line']}"
        )
        lines += _touch_lines(account, "  ")
    for role in roles:
        lines += _role_lines(role)
    if len(roles) > 1:
        lines.append("effective access, all roles together:")
        lines += _effective_lines(view["effective"])
    return "".join(one_line(line) + "\n" for line in lines)


def _role_lines(role: dict[str, Any]) -> list[str]:
    functions = ", ".join(role["functions"]) or "none"
    lines = [
        f"role {role['role']} ({role['tier']}, {role['workforce']}; functions: {functions})  "
        f"{role['file']}:{role['line']}"
    ]
    lines += _touch_lines(role, "  ")
    for resource in role["resources"]:
        needed = resource["needed_scope"] or "no access"
        excess = "  MORE THAN NEEDED" if resource["excess_scope"] else ""
        lines.append(
            f"  {resource['resource']}: {', '.join(resource['actions'])}; scope "
            f"{resource['scope']} (functions need {needed}){excess}"
        )
        for field in resource["fields"]:
            mark = "  MORE THAN NEEDED" if field["excess"] else ""
            lines.append(
                f"    {resource['resource']}.{field['field']} ({field['class']}): "
                f"{field['visibility']} (functions need {field['needed']}){mark}"
            )
        for grant in resource["grants"]:
            lines.append(
                f"    grant {grant['index']}  {role['file']}:{grant['line']}  "
                f"{', '.join(grant['actions'])}  scope {grant['scope']}: {_justification(grant)}"
            )
            lines += _touch_lines(grant, "      ")
    return lines


def _justification(grant: dict[str, Any]) -> str:
    functions = ", ".join(grant["functions"])
    justified = f"justified by {functions}" if functions else NO_FUNCTION
    unneeded = grant["unneeded"]
    if unneeded and grant["functions"]:
        justified += f"; no function needs {', '.join(unneeded)}"
    return justified


def _effective_lines(effective: dict[str, Any]) -> list[str]:
    lines = []
    for resource, access in sorted(effective.items()):
        fields = ", ".join(f"{name} {shown}" for name, shown in sorted(access["fields"].items()))
        lines.append(
            f"  {resource}: {', '.join(access['actions'])}; scope {access['scope']}"
            + (f"; {fields}" if fields else "")
        )
    return lines


def _touch_lines(row: dict[str, Any], indent: str) -> list[str]:
    return [
        f"{indent}{mark} {f['severity']} {f['rule']} {f['file']}:{f['line']}: {f['message']}"
        for key, mark in (("findings", "finding"), ("waived", "waived"))
        for f in row[key]
    ]


_CSV_FIELDS = (
    "subject", "role", "resource", "field", "class", "sensitivity", "visibility", "needed",
    "excess", "actions", "scope", "needed_scope", "functions", "unneeded_actions", "grants",
    "findings",
)  # fmt: skip


def _csv(query: dict[str, Any], roles: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=_CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for role in roles:
        for resource in role["resources"]:
            grants = resource["grants"]
            base = {
                "subject": f"{query['kind']}:{query['name']}",
                "role": role["role"],
                "resource": resource["resource"],
                "actions": ";".join(resource["actions"]),
                "scope": resource["scope"],
                "needed_scope": resource["needed_scope"],
                "functions": ";".join(sorted({f for g in grants for f in g["functions"]}))
                or NO_FUNCTION,
                "unneeded_actions": ";".join(sorted({a for g in grants for a in g["unneeded"]})),
                "grants": ";".join(f"{role['file']}:{g['line']}" for g in grants),
                "findings": ";".join(
                    f"{f['rule']}@{f['file']}:{f['line']}" for g in grants for f in g["findings"]
                ),
            }
            for field in resource["fields"] or [None]:
                row = {**base, **(_field_cells(field) if field else {})}
                writer.writerow({key: csv_cell(one_line(str(value))) for key, value in row.items()})
    return out.getvalue()


def _field_cells(field: dict[str, Any]) -> dict[str, Any]:
    return {
        "field": field["field"],
        "class": field["class"],
        "sensitivity": field["sensitivity"],
        "visibility": field["visibility"],
        "needed": field["needed"],
        "excess": "yes" if field["excess"] else "no",
    }
