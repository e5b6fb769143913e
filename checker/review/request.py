"""What the access review asks Rego for: ``input.review``, with names checked first.

A query names things (an action, a resource and field, a role, account or person); a
name the repo does not have is a usage error with the nearest names it does have, never
an empty answer that reads as "nobody can".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from checker.errors import GateError
from checker.validate.schema import schema

KINDS = ("role", "account", "person")
_ARTICLES = {"role": "a role", "account": "an account", "person": "a person"}


@dataclass(frozen=True)
class WhoCan:
    """``who-can ACTION RESOURCE[.FIELD]``: visibility and scope are minimums ("" any)."""

    view: ClassVar[str] = "who_can"
    action: str
    resource: str
    field: str = ""
    visibility: str = ""
    scope: str = ""


@dataclass(frozen=True)
class AccessOf:
    """``access NAME``: a role, account or person; ``kind`` "" finds which."""

    view: ClassVar[str] = "access"
    name: str
    kind: str = ""


@dataclass(frozen=True)
class FullReview:
    """Every role's and person's access and the exposure of sensitive data (the HTML)."""

    view: ClassVar[str] = "all"


ReviewRequest = WhoCan | AccessOf | FullReview


def parse_target(text: str) -> tuple[str, str]:
    """``RESOURCE[.FIELD]`` as (resource, field)."""
    resource, _, field = text.partition(".")
    return resource, field


def parse_subject(text: str) -> AccessOf:
    """``NAME``, or ``role:NAME``, ``account:ID``, ``person:KEY`` to say which."""
    kind, colon, name = text.partition(":")
    if colon and kind in KINDS:
        return AccessOf(name, kind)
    return AccessOf(text)


def review_input(request: ReviewRequest, document: dict[str, Any]) -> dict[str, Any]:
    """``input.review`` for the request, its names checked against the input document."""
    if isinstance(request, WhoCan):
        return _who_can(request, document)
    if isinstance(request, AccessOf):
        kind = _subject_kind(request, _subjects(document))
        return {"view": "access", "kind": kind, "name": request.name}
    return {"view": "all"}


def _who_can(query: WhoCan, document: dict[str, Any]) -> dict[str, Any]:
    catalogs = [doc["spec"] for doc in document["catalogs"]]
    fields: dict[str, set[str]] = {}
    for spec in catalogs:
        for name, resource in spec.get("resources", {}).items():
            fields.setdefault(name, set()).update(resource.get("fields", {}))
    _known("action", query.action, _actions(catalogs))
    _known("resource", query.resource, fields)
    if query.field:
        _known(f"field of {query.resource}", query.field, fields[query.resource])
    return {
        "view": "who_can",
        "action": query.action,
        "resource": query.resource,
        "field": query.field,
        "visibility": query.visibility,
        "scope": query.scope,
    }


def _actions(catalogs: list[dict[str, Any]]) -> set[str]:
    """The built-in vocabulary and the actions the DataCatalogs declare."""
    builtin = schema("common")["$defs"]["action"]["enum"]
    declared = {action for spec in catalogs for action in spec.get("actions", [])}
    return {action for action in builtin if action != "*"} | declared


def _subjects(document: dict[str, Any]) -> dict[str, set[str]]:
    accounts = [a for doc in document["bindings"] for a in doc["spec"].get("accounts", [])]
    return {
        "role": {doc["metadata"]["name"] for doc in document["roles"]},
        "account": {a["id"] for a in accounts},
        "person": {a["person"] for a in accounts if "person" in a},
    }


def _subject_kind(request: AccessOf, subjects: dict[str, set[str]]) -> str:
    if request.kind:
        _known(request.kind, request.name, subjects[request.kind])
        return request.kind
    found = [kind for kind in KINDS if request.name in subjects[kind]]
    if len(found) > 1:
        spelled = " or ".join(f"{kind}:{request.name}" for kind in found)
        named = " and ".join(_ARTICLES[kind] for kind in found)
        raise GateError(f"{request.name!r} names {named}; say which: {spelled}")
    if found:
        return found[0]
    _known("role, account or person", request.name, set().union(*subjects.values()))
    raise AssertionError("unreachable: _known raises for an unknown name")


def _known(what: str, name: str, names: Iterable[str]) -> None:
    """GateError for a name not among ``names``, suggesting the nearest ones."""
    known = sorted(names)
    if name in known:
        return
    lowered = {n.lower(): n for n in known}
    near = [lowered[n] for n in difflib.get_close_matches(name.lower(), lowered, n=3, cutoff=0.6)]
    near = near or [n for n in known if name.lower() in n.lower()][:3]
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    more = ", …" if len(known) > 8 else ""
    listed = "" if near else f" (known: {', '.join(known[:8])}{more})"
    raise GateError(f"unknown {what} {name!r}{hint}{listed}")
