"""The access review's answer read back, fail-closed, with its grants and accounts at lines.

Rego names places as a file, a document and a path inside it, as for findings; here they
become lines. Only the query views (who-can, access) are placed: the full review names
every account of the repo, and reading the position of each would cost as much as
loading the repo again, so it links to files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from checker.errors import GateError
from checker.load.loader import Document
from checker.load.loadpool import prefetch_regions

DocumentIndex = Mapping[tuple[str, int], Document]
# An item of the answer that names a place, the file and document, and the path inside.
_Place = tuple[dict[str, Any], str, int, tuple[Any, ...]]

_LISTS = {"who_can": ("roles",), "access": ("roles", "accounts"), "all": ("roles", "people")}


def read_review(raw: Any, view: str, documents: DocumentIndex) -> dict[str, Any]:
    """``data.rolegate.review.report`` for the ``view`` asked, with lines; GateError when
    it is missing or malformed."""
    if not isinstance(raw, dict) or raw.get("view") != view:
        raise GateError(f"malformed decision: 'access_review' is not the {view} view asked for")
    for key in _LISTS[view]:
        if not isinstance(raw.get(key), list) or not all(isinstance(x, dict) for x in raw[key]):
            raise GateError(f"malformed decision: access_review {key!r} is not a list of objects")
    _sort(raw)
    if view != "all":
        places = list(_places(raw))
        prefetch_regions((documents[(f, d)], p) for _, f, d, p in places if (f, d) in documents)
        for item, file, number, path in places:
            document = documents.get((file, number))
            item["line"] = document.locate(path)[0] if document else 1
    return raw


def _places(raw: dict[str, Any]) -> Iterator[_Place]:
    for role in raw["roles"]:
        yield from _place(role, role, ["metadata", "name"])
        grants = role.get("grants") or [
            grant for resource in role.get("resources", []) for grant in resource["grants"]
        ]
        for grant in grants:
            yield from _place(grant, role, grant.get("path"))
        for account in role.get("accounts", []):
            yield from _place(account, account, account.get("path"))
    for account in raw.get("accounts", []):
        yield from _place(account, account, account.get("path"))


def _place(item: dict[str, Any], source: dict[str, Any], path: Any) -> Iterator[_Place]:
    file, document = source.get("file"), source.get("document")
    if isinstance(file, str) and isinstance(document, int) and isinstance(path, list):
        yield item, file, document, tuple(path)


# Lists that come from Rego sets, whose order differs between engines: each is sorted by
# the field that names its items.
_ORDER = {
    "roles": "role",
    "accounts": "id",
    "people": "holder",
    "channels": "channel",
    "categories": "category",
    "waivers": "name",
    "resources": "resource",
    "fields": "field",
}


def _sort(value: Any) -> None:
    """The answer's sets in one order whatever the engine (in place)."""
    if isinstance(value, list):
        for item in value:
            _sort(item)
        return
    if not isinstance(value, dict):
        return
    for key, item in value.items():
        if key in _ORDER and isinstance(item, list):
            item.sort(key=_named(_ORDER[key]))
        if key == "exposure" and isinstance(item, list):
            item.sort(key=_exposure_key)
        elif isinstance(item, (list, dict)):
            _sort(item)


def _named(by: str) -> Callable[[Any], str]:
    return lambda entry: str(entry.get(by, "")) if isinstance(entry, dict) else str(entry)


def _exposure_key(entry: Any) -> list[str]:
    keys = ("category", "by", "group", "visibility")
    return [str(entry.get(k)) for k in keys] if isinstance(entry, dict) else [str(entry)]
