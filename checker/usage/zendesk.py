"""Zendesk access logs (GET /api/v2/access_logs, one entry per line) as neutral events.

The log names users by id; accounts are named as ``rolegate import zendesk`` names them,
by their e-mail in lower case, from the users export (``users.json``) beside the log or
one folder up, as ``rolegate pull`` lays an export out. A user id the export lacks
becomes the account ``zendesk-user-<id>``, which no binding declares, so rule USE-005
reports it. Rows the platform refused (status 400 or more) are attempts, not use:
counted as skipped. Rows no evidence entry matches are counted as unmapped, by kind.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.usage.evidence import Evidence, Tally, load_evidence
from checker.usage.jsonlines import dig, objects
from checker.usage.sources import Source
from checker.usage.summary import SourceReport

_ID = re.compile(r"/[0-9]+(?=/|\.json$|$)")


def convert(source: Source, writer: Any) -> SourceReport:
    evidence = load_evidence("zendesk-access")
    users = _users(source)
    tally = Tally(source.shown, source.format)
    for line, row in objects(source.path, source.shown):
        for event in _events(row, line, evidence, users, tally):
            writer.writerow(event)
    return tally.report(evidence.observed())


def _events(
    row: dict[str, Any], line: int, evidence: Evidence, users: dict[str, str], tally: Tally
) -> list[list[str]]:
    method, url, status = row.get("method"), row.get("url"), row.get("status")
    if not isinstance(method, str) or not isinstance(url, str) or not isinstance(status, int):
        tally.skip(line, "not an access-log entry (method, url, status)")
        return []
    user = str(row.get("user_id", ""))
    account = users.get(user, f"zendesk-user-{user}") if user else ""
    time = str(row.get("timestamp") or "")
    if status >= 400:
        tally.skip(line, f"refused by the platform (status {status})")
        tally.active(account, evidence.system, time)
        return []
    path = url.split("?", 1)[0]
    for entry in evidence.entries:
        record = _match(entry, method, path, row)
        if record is not None:
            return [
                [time, account, evidence.system, resource, entry["action"], "", "", record, "1"]
                for resource in evidence.resources(entry)
            ]
    tally.unmapped[f"{method} {_ID.sub('/{id}', path)}"] += 1
    tally.active(account, evidence.system, time)
    return []


def _match(entry: dict[str, Any], method: str, path: str, row: dict[str, Any]) -> str | None:
    """The record the row touched ("" when none) if the entry matches it, else None."""
    if entry["method"] != method:
        return None
    found = re.match(entry["path"], path)
    if found is None:
        return None
    if "graphql" in entry:
        if dig(row, "graphql", "operation_name") != entry["graphql"]:
            return None
        return _graphql_id(dig(row, "graphql", "variables"))
    return found.groupdict().get("record") or ""


def _graphql_id(variables: Any) -> str:
    try:
        parsed = json.loads(variables) if isinstance(variables, str) else variables
    except json.JSONDecodeError:
        return ""
    return str(parsed.get("id", "")) if isinstance(parsed, dict) else ""


def _users(source: Source) -> dict[str, str]:
    """User id -> account (e-mail, lower case), from the users export near the log."""
    for folder in (source.path.parent, source.path.parent.parent):
        candidate = folder / "users.json"
        if candidate.is_file():
            return _read_users(candidate)
    raise GateError(
        f"{source.shown}: a Zendesk access log names users by id; put the users export "
        "(users.json, GET /api/v2/users) beside the log or one folder up"
    )


def _read_users(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GateError(f"{path}: cannot read the Zendesk users export: {error}") from error
    users = data.get("users") if isinstance(data, dict) else None
    if not isinstance(users, list):
        raise GateError(f'{path}: not a Zendesk users export: expected {{"users": [...]}}')
    return {
        str(u["id"]): str(u["email"]).lower()
        for u in users
        if isinstance(u, dict) and "id" in u and isinstance(u.get("email"), str)
    }
