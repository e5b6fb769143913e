"""The order in which an OPA server accepts Rego modules one at a time.

OPA's REST API takes one module per request and compiles it with everything the server
already holds, so a module that calls a function of a module not yet there is refused
(``undefined function``), and so is deleting a module another one still calls. Modules
go up with what they refer to first, and come down in the reverse order.

What a module refers to is read from its text: every ``data.`` reference outside
comments, its imports included. A reference and a package depend when one is a prefix
of the other (``data.rolegate.rules`` reaches every rule package). This may find more
than the compiler would, never less for references written out; the server still
compiles every upload, so an order that is wrong can only be refused, never be wrong
silently. Modules in a cycle, which Rego allows between packages, keep their name order.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Mapping

_PACKAGE = re.compile(r"^[ \t]*package[ \t]+([\w.]+)", re.M)
_REFERENCE = re.compile(r"\bdata((?:\.\w+)+)")
# A string (kept: a reference inside one only adds an edge) or a comment (dropped).
_STRING_OR_COMMENT = re.compile(r'("(?:\\.|[^"\\\n])*"|`[^`]*`)|#[^\n]*')


def package_of(text: str) -> str | None:
    """The module's package as a dotted path (``rolegate.lib.model``), if it has one."""
    match = _PACKAGE.search(_without_comments(text))
    return match.group(1) if match else None


def references(text: str) -> set[str]:
    """The dotted paths the module reads from ``data``, comments left out."""
    return {match.group(1)[1:] for match in _REFERENCE.finditer(_without_comments(text))}


def _without_comments(text: str) -> str:
    return _STRING_OR_COMMENT.sub(lambda match: match.group(1) or "", text)


def _overlaps(reference: str, package: str) -> bool:
    shorter, longer = sorted((reference, package), key=len)
    return longer == shorter or longer.startswith(shorter + ".")


def dependencies(modules: Mapping[str, str]) -> dict[str, set[str]]:
    """For each module name, the other modules it refers to."""
    packages = {name: package_of(text) for name, text in modules.items()}
    found: dict[str, set[str]] = {}
    for name, text in modules.items():
        refs = references(text)
        found[name] = {
            other
            for other, package in packages.items()
            if other != name and package and any(_overlaps(ref, package) for ref in refs)
        }
    return found


def load_order(modules: Mapping[str, str]) -> list[str]:
    """Module names, each after the modules it refers to; ties and cycles by name."""
    waiting = dependencies(modules)
    users: dict[str, set[str]] = {name: set() for name in modules}
    for name, needs in waiting.items():
        for need in needs:
            users[need].add(name)
    ready = [name for name, needs in waiting.items() if not needs]
    heapq.heapify(ready)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(modules):
        if not ready:  # a cycle: take the first of what is left
            heapq.heappush(ready, min(set(modules) - placed))
        name = heapq.heappop(ready)
        if name in placed:
            continue
        order.append(name)
        placed.add(name)
        for user in users[name] - placed:
            waiting[user].discard(name)
            if not waiting[user]:
                heapq.heappush(ready, user)
    return order
