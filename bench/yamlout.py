"""Write plain data as block YAML in the house style of fixtures/example.

Mappings are block style; a list of scalars is a flow list (``actions: [read, update]``);
strings that YAML would read as something else are double-quoted. Deterministic: the
same data always gives the same text.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(
    r"^[A-Za-z_][A-Za-z0-9 ._@/-]*[A-Za-z0-9._]$|^[A-Za-z]$|^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
)
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        out: list[str] = []
        for key, item in value.items():
            out += _entry(f"{pad}{scalar(key)}:", item, indent)
        return out
    out = []
    for item in value:
        if isinstance(item, dict) and item:
            inner = _lines(item, indent + 2)
            out += [f"{pad}- {inner[0].lstrip()}", *inner[1:]]
        else:
            out += _entry(f"{pad}-", item, indent)
    return out


def _entry(head: str, item: Any, indent: int) -> list[str]:
    if isinstance(item, list) and all(_is_scalar(x) for x in item):
        return [f"{head} [{', '.join(scalar(x) for x in item)}]"]
    if isinstance(item, dict) and not item:
        return [f"{head} {{}}"]
    if _is_scalar(item):
        return [f"{head} {scalar(item)}"]
    return [head, *_lines(item, indent + 2)]


def dump(document: dict[str, Any], *, comment: str = "") -> str:
    """One YAML document (no ``---``), with an optional leading comment line."""
    head = [f"# {comment}"] if comment else []
    return "\n".join([*head, *_lines(document, 0)]) + "\n"
