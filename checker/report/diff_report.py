"""The access diff (data.rolegate.diff, shape in docs/input.md) as text, Markdown or JSON.

Each change is an entry: an action gained or lost (``customer:export``), a scope
(``customer scope: assigned -> all``) or a field's visibility (``customer.phone: masked ->
full``), with the sensitivity of what it reaches and, for a role, how many of the people
holding it the change reaches. Names from the repo go through the sanitiser: one line of
plain text, or a Markdown code span; the Markdown fits in a pull-request comment.
"""

from __future__ import annotations

import json
from typing import Any

from checker import __version__
from checker.report.comment import Section, fit
from checker.report.sanitiser import data, markdown_code, markdown_text, one_line

FORMAT_VERSION = 1
_KINDS = ("action", "scope", "field")


def sorted_diff(diff: dict[str, Any]) -> dict[str, Any]:
    """Roles by name, people by key, entries by resource, kind and name."""
    return {
        "roles": sorted((_sorted_entries(r) for r in diff["roles"]), key=lambda r: r["role"]),
        "people": sorted((_sorted_entries(p) for p in diff["people"]), key=lambda p: p["person"]),
    }


def _sorted_entries(holder: dict[str, Any]) -> dict[str, Any]:
    def key(entry: dict[str, Any]) -> tuple[str, int, str]:
        return (entry["resource"], _KINDS.index(entry["kind"]), entry["name"])

    changed = {direction: sorted(holder[direction], key=key) for direction in ("gained", "lost")}
    accounts = {"accounts": sorted(holder["accounts"])} if "accounts" in holder else {}
    return {**holder, **changed, **accounts}


def describe(entry: dict[str, Any]) -> str:
    """``customer:export``, ``customer scope: assigned -> all`` or
    ``customer.phone: none -> full``."""
    levels = f"{entry['from'] or 'no access'} -> {entry['to'] or 'no access'}"
    if entry["kind"] == "action":
        return f"{entry['resource']}:{entry['name']}"
    if entry["kind"] == "scope":
        return f"{entry['resource']} scope: {levels}"
    return f"{entry['resource']}.{entry['name']}: {levels}"


def headline(diff: dict[str, Any], base: str) -> str:
    """One line of plain text; ``base`` as it should be shown."""
    roles, people = len(diff["roles"]), len(diff["people"])
    if not roles and not people:
        return f"no access changes against {base}"
    sensitive = sum(e["sensitive"] for p in diff["people"] for e in p["gained"])
    return (
        f"access changes against {base}: {_count(roles, 'role')} and "
        f"{_count(people, 'person', 'people')} changed; {_count(sensitive, 'sensitive gain')} "
        "for people"
    )


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def render_text(diff: dict[str, Any], *, base: str) -> str:
    diff = sorted_diff(diff)
    entries = [
        e for h in (*diff["roles"], *diff["people"]) for d in ("gained", "lost") for e in h[d]
    ]
    width = max((len(one_line(describe(e))) for e in entries), default=0)
    lines = [headline(diff, one_line(base))]
    for role in diff["roles"]:
        held = f"held by {_count(role['people'], 'person', 'people')}"
        lines += ["", f"role {one_line(role['role'])} ({role['status']}, {held})"]
        lines += _entry_lines(role, width)
    for person in diff["people"]:
        accounts = ", ".join(one_line(account) for account in person["accounts"])
        lines += ["", f"person {one_line(person['person'])} ({accounts})"]
        lines += _entry_lines(person, width)
    return "".join(line + "\n" for line in lines)


def _entry_lines(holder: dict[str, Any], width: int) -> list[str]:
    lines = []
    for direction, sign in (("gained", "+"), ("lost", "-")):
        for entry in holder[direction]:
            shown = one_line(describe(entry)).ljust(width)
            lines.append(f"  {sign} {shown}  {_marks(entry)}".rstrip())
    return lines


def _marks(entry: dict[str, Any]) -> str:
    marks = [f"sensitivity {entry['sensitivity']}"]
    if entry["sensitive"]:
        marks.append("sensitive")
    if "people" in entry:
        marks.append(_count(entry["people"], "person", "people"))
    return ", ".join(marks)


def render_markdown(diff: dict[str, Any], *, base: str) -> str:
    return fit(markdown_sections(diff, base=base))


def markdown_sections(diff: dict[str, Any], *, base: str) -> list[Section]:
    """The diff as Markdown sections: a heading, then a table of roles and of people."""
    diff = sorted_diff(diff)
    line = headline(diff, markdown_text(base[:200]))
    head = (
        f"### Access changes since {markdown_code(base[:200])}",
        "",
        line[0].upper() + line[1:] + ".",
    )
    sections = [Section(head, what="access changes")]
    if diff["roles"]:
        header = ("", "| Role | Change | Access | Sensitivity | People |", "|---|---|---|---|---|")
        rows = tuple(_role_row(role, d, e) for role in diff["roles"] for d, e in _changes(role))
        sections.append(Section(header, rows, "role changes"))
    if diff["people"]:
        header = (
            "",
            "| Person | Accounts | Change | Access | Sensitivity |",
            "|---|---|---|---|---|",
        )
        rows = tuple(_person_row(p, d, e) for p in diff["people"] for d, e in _changes(p))
        sections.append(Section(header, rows, "changes for people"))
    return sections


def _role_row(role: dict[str, Any], direction: str, entry: dict[str, Any]) -> str:
    return (
        f"| {_code(role['role'])} ({role['status']}) | {direction} | "
        f"{_code(describe(entry))} | {_sensitivity(entry)} | {entry['people']} |"
    )


def _person_row(person: dict[str, Any], direction: str, entry: dict[str, Any]) -> str:
    accounts = ", ".join(_code(a) for a in person["accounts"][:20])
    more = f" and {len(person['accounts']) - 20} more" if len(person["accounts"]) > 20 else ""
    return (
        f"| {_code(person['person'])} | {accounts}{more} | {direction} | "
        f"{_code(describe(entry))} | {_sensitivity(entry)} |"
    )


def _code(text: str) -> str:
    """A name as a code span, clipped so that a row always fits a comment."""
    return markdown_code(text if len(text) <= 500 else text[:500] + "…")


def _changes(holder: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(d, entry) for d in ("gained", "lost") for entry in holder[d]]


def _sensitivity(entry: dict[str, Any]) -> str:
    return (
        f"**{entry['sensitivity']} (sensitive)**"
        if entry["sensitive"]
        else str(entry["sensitivity"])
    )


def render_json(diff: dict[str, Any], *, base: str) -> str:
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": "rolegate", "version": __version__},
        "base": base,
        **sorted_diff(diff),
    }
    return json.dumps(data(document), indent=2) + "\n"
