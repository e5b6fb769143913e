"""Which YAML documents are rolegate's: by what they say, or by what they were meant to say.

A config repo holds other YAML too (CI workflows, compose files, Kubernetes manifests),
and those are left alone. But a typo must never make a role invisible, so a document is
rolegate's when it says so (``apiVersion: rolegate/...`` or a known ``kind``) and also
when it nearly does: a header key spelt another way (``Kind:``, ``apiversion:``), an
apiVersion or kind one or two letters off (``rolgate/v1``, ``kind: role``, ``Roles``), or
no header at all over a rolegate body (``metadata`` or ``spec``). Validation then says
what is wrong with it. A list or mapping whose items are rolegate documents is one
wrapped by mistake. Only a document that belongs to another tool (its own apiVersion) or
to none is foreign, and the check counts it, says why, and with ``--strict`` refuses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checker.validate.schema import API_VERSION, KIND_FILES

HEADER_KEYS = ("apiVersion", "kind")
_API_NAME = API_VERSION.split("/", 1)[0]

# Why a document is foreign: the summary counts documents per reason.
OTHER_TOOL = "another tool's apiVersion or kind"
NO_HEADER = "no apiVersion or kind"
NOT_A_MAPPING = "not a mapping"


@dataclass(frozen=True)
class Intent:
    """What a document is: ``rolegate``, ``wrapped`` (rolegate documents inside a list or
    mapping, at ``items``), or ``foreign`` (``reason``, and ``detail`` naming the value)."""

    kind: str
    reason: str = ""
    detail: str = ""
    items: tuple[str | int, ...] = ()


def intent(data: Any) -> Intent:
    if isinstance(data, dict) and _meant_as_rolegate(data):
        return Intent("rolegate")
    items = _wrapped_items(data)
    if items:
        return Intent("wrapped", items=items)
    return _foreign(data)


def header_key(data: dict[str, Any], key: str) -> str | None:
    """The key that stands for ``apiVersion`` or ``kind`` in ``data``: itself, else one
    spelt another way (``Kind``, ``api_version``), else None."""
    if key in data:
        return key
    wanted = _normal(key)
    return next((k for k in data if isinstance(k, str) and _normal(k) == wanted), None)


def near_kind(value: str) -> str | None:
    """The known kind ``value`` nearly is (``role``, ``Roles``, ``Rloe``), else None."""
    normal = _normal(value)
    for kind in KIND_FILES:
        known = _normal(kind)
        if normal in (known, known + "s") or _distance(normal, known) <= _slack(known):
            return kind
    return None


def _meant_as_rolegate(data: dict[str, Any]) -> bool:
    if _says_rolegate(data):
        return True
    api_key, kind_key = (header_key(data, key) for key in HEADER_KEYS)
    if api_key is not None and not _near_api(data[api_key]):
        return False  # another tool's document
    misspelt = kind_key not in (None, "kind")
    kind = data[kind_key] if kind_key is not None else None
    near = isinstance(kind, str) and near_kind(kind) is not None
    has_body = "metadata" in data or "spec" in data
    return api_key is not None or misspelt or near or (kind_key is None and has_body)


def _says_rolegate(data: dict[str, Any]) -> bool:
    api, kind = data.get("apiVersion"), data.get("kind")
    return (isinstance(api, str) and api.startswith(_API_NAME + "/")) or (
        isinstance(kind, str) and kind in KIND_FILES
    )


def _near_api(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    name = re.split(r"[/\s]", value.strip(), maxsplit=1)[0]
    return _API_NAME in _normal(value) or _distance(_normal(name), _API_NAME) <= 2


def _wrapped_items(data: Any) -> tuple[str | int, ...]:
    """Keys or indices of the items of a list or mapping that say they are rolegate's."""
    if isinstance(data, list):
        pairs: list[tuple[str | int, Any]] = list(enumerate(data))
    elif isinstance(data, dict) and header_key(data, "apiVersion") is None:
        pairs = list(data.items())
    else:
        return ()
    return tuple(key for key, item in pairs if isinstance(item, dict) and _has_header(item))


def _has_header(data: dict[str, Any]) -> bool:
    if _says_rolegate(data):
        return True
    api_key, kind_key = (header_key(data, key) for key in HEADER_KEYS)
    kind = data.get(kind_key) if kind_key else None
    api_near = api_key is not None and _near_api(data[api_key])
    return api_near or (api_key is None and isinstance(kind, str) and near_kind(kind) is not None)


def _foreign(data: Any) -> Intent:
    if not isinstance(data, dict):
        return Intent("foreign", NOT_A_MAPPING, _type_name(data))
    api_key, kind_key = (header_key(data, key) for key in HEADER_KEYS)
    if api_key is not None:
        return Intent("foreign", OTHER_TOOL, f"apiVersion {data[api_key]!r}")
    if kind_key is not None:
        return Intent("foreign", OTHER_TOOL, f"kind {data[kind_key]!r}")
    return Intent("foreign", NO_HEADER, "keys " + ", ".join(map(repr, sorted(data)[:5])))


def _type_name(data: Any) -> str:
    if isinstance(data, list):
        return "a list"
    return "text" if isinstance(data, str) else "a number or boolean"


def _normal(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _slack(word: str) -> int:
    """Letters a near miss may get wrong: one in a short word, two in a longer one."""
    return 1 if len(word) <= 6 else 2


def _distance(a: str, b: str) -> int:
    """Edit distance: insertions, deletions, substitutions and swaps of neighbouring
    letters (``Rloe``), one each (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1]
