"""`rolegate suggest ROLE --usage LOGS`: the role right-sized by its usage, as an edit of
its own file, so the diff is what a pull request needs.

What to change is decided in Rego (``data.rolegate.suggest``, returned in the decision
as ``suggestions``); here it is applied to the file's text, bottom up, touching only the
lines it changes: comments and layout stay. Actions: dropped from a flow list
(``[read, update]``) or a block list; a grant with none left is removed; a field's
visibility is replaced on its line; safeguards are added as block ``conditions``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.check import CheckOptions, run_check
from checker.errors import GateError
from checker.load.loader import Document, load_text


@dataclass(frozen=True)
class Suggestion:
    role: str
    file: Path  # the role's file
    shown: str  # as the report names it
    before: str
    after: str
    changes: tuple[str, ...]  # one line per change, for the terminal

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"a/{self.shown}",
                tofile=f"b/{self.shown}",
            )
        )


def suggest(options: CheckOptions, role: str) -> Suggestion:
    if not options.usage:
        raise GateError("suggest needs usage logs: pass --usage LOGS (or usage: in .rolegate.yaml)")
    report = run_check(replace(options, suggest=(role,)))
    found = report.suggestions.get(role)
    if not isinstance(found, dict):
        raise GateError(f"role {role!r}: no such role in {' '.join(map(str, options.paths))}")
    if not found.get("covered"):
        raise GateError(
            f"role {role!r}: the usage logs hold no events of its system "
            f"{found.get('system')!r}; nothing to right-size it by"
        )
    source = next(
        r["source"] for r in report.input_document["roles"] if r["metadata"]["name"] == role
    )
    path = options.root / source["file"]
    before = path.read_text("utf-8")
    document = load_text(before, source["file"]).documents[source["document"]]
    lines, changes = before.splitlines(keepends=True), []
    for grant in sorted(found["grants"], key=lambda g: -int(g["index"])):
        changes += _edit_grant(lines, document, grant)
    return Suggestion(role, path, source["file"], before, "".join(lines), tuple(reversed(changes)))


def _edit_grant(lines: list[str], document: Document, grant: dict[str, Any]) -> list[str]:
    index = int(grant["index"])
    at = ("spec", "grants", index)
    if not grant["keep"]:
        start = document.locate(at)[0] - 1
        del lines[start : _block_end(lines, start)]
        return [f"grants[{index}]: removed (no holder used {', '.join(grant['drop'])})"]
    changes = []
    if grant["conditions"]:
        changes += _add_conditions(lines, document, at, grant["conditions"])
    for field, to in sorted(grant["lower"].items(), reverse=True):
        line, column = document.locate((*at, "fields", field))
        text = lines[line - 1]
        head, tail = text[: column - 1], text[column - 1 :]
        lines[line - 1] = head + re.sub(rf"^({re.escape(field)}\s*:\s*)full\b", rf"\g<1>{to}", tail)
        changes.append(f"grants[{index}].fields.{field}: full -> {to}")
    if grant["drop"]:
        _set_actions(lines, document, at, grant["keep"])
        changes.append(f"grants[{index}].actions: removed {', '.join(grant['drop'])}")
    return changes


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int) -> int:
    """The line after the list item starting at ``start``: the next line, not blank,
    indented no deeper than the item's dash."""
    dash = _indent(lines[start])
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > dash):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _set_actions(
    lines: list[str], document: Document, at: tuple[Any, ...], keep: list[str]
) -> None:
    line = document.locate((*at, "actions"))[0] - 1
    text = lines[line]
    if "[" in text and "]" in text:
        lines[line] = re.sub(r"\[[^\]]*\]", "[" + ", ".join(keep) + "]", text, count=1)
        return
    key = _indent(text)
    end = line + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > key):
        end += 1
    items = [i for i in range(line + 1, end) if lines[i].strip().startswith("- ")]
    for i in reversed(items):
        if lines[i].strip()[2:].split("#")[0].strip() not in keep:
            del lines[i]


def _add_conditions(
    lines: list[str], document: Document, at: tuple[Any, ...], conditions: dict[str, Any]
) -> list[str]:
    grant = document.data
    for key in at:
        grant = grant[key]
    present = grant.get("conditions") or {}
    missing = {k: v for k, v in conditions.items() if k not in present}
    if not missing:
        return []
    start = document.locate(at)[0] - 1
    child = _indent(lines[start]) + 2
    if present:
        key_line = document.locate((*at, "conditions"))[0] - 1
        if "{" in lines[key_line]:
            raise GateError(
                f"{document.file}:{key_line + 1}: conditions is a flow mapping; write it as a "
                "block (one key a line) and suggest again"
            )
        where, child = key_line + 1, _indent(lines[key_line]) + 2
        new = [" " * child + f"{k}: {_scalar(v)}\n" for k, v in missing.items()]
    else:
        where = _block_end(lines, start)
        new = [" " * child + "conditions:\n"]
        new += [" " * (child + 2) + f"{k}: {_scalar(v)}\n" for k, v in missing.items()]
    lines[where:where] = new
    return [f"conditions.{k}: added ({_scalar(v)})" for k, v in missing.items()]


def _scalar(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
