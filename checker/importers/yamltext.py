"""A small, fast, deterministic YAML writer for the documents an import produces.

Mappings in block style in the order given, lists of scalars in flow style, lists of
mappings in block style, and any item may carry a comment line above it. Strings are
plain only when YAML reads them back as the same string (never as a boolean, number,
null or date other than a ``YYYY-MM-DD`` that rolegate keeps as text); else they are
written in double quotes, JSON-escaped, which YAML reads as the same string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_ .@/()+-]*$")
_RESERVED = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|~|[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?0[xob][0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Commented:
    """A value with a comment line written above it (in a list or as a mapping's value)."""

    comment: str
    value: Any


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    if _DATE.match(text):
        return text
    if (
        _PLAIN.match(text)
        and not _RESERVED.match(text)
        and not text.endswith(" ")
        and (" #" not in text and ": " not in text)
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def comment_lines(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]


def emit(value: Mapping[str, Any]) -> str:
    """One document's text (without the ``---`` separator)."""
    return "\n".join(_mapping(value, "")) + "\n"


def _mapping(value: Mapping[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key, item in value.items():
        if isinstance(item, Commented):
            lines += comment_lines(item.comment, indent)
            item = item.value
        lines += _entry(f"{indent}{scalar(key)}:", item, indent)
    return lines


def _entry(head: str, item: Any, indent: str) -> list[str]:
    if isinstance(item, Mapping):
        if not item:
            return [f"{head} {{}}"]
        return [head, *_mapping(item, indent + "  ")]
    if isinstance(item, Sequence) and not isinstance(item, str):
        if not item:
            return [f"{head} []"]
        if all(not isinstance(x, (Mapping, Commented, list, tuple)) for x in item):
            return [f"{head} [{', '.join(scalar(x) for x in item)}]"]
        return [head, *_sequence(item, indent + "  ")]
    return [f"{head} {scalar(item)}"]


def _sequence(items: Sequence[Any], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if isinstance(item, Commented):
            lines += comment_lines(item.comment, indent)
            item = item.value
        if isinstance(item, Mapping) and item:
            body = _mapping(item, indent + "  ")
            lines.append(f"{indent}- {body[0][len(indent) + 2 :]}")
            lines += body[1:]
        else:
            lines += _entry(f"{indent}-", item, indent)
    return lines
