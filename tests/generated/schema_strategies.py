"""Hypothesis strategies read off rolegate's JSON Schemas (checker/schemas).

The schemas give every document's shape: objects, their required and optional keys,
enums, arrays and their bounds, number ranges. Where a value refers to another document
(a role's system, a grant's resource, an account's roles) or is worth drawing at its
edges, a ``Hooks`` value says what to draw instead: by the key it sits under, or by the
shared definition (``$ref``) it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from edge_values import integers
from hypothesis import strategies as st

import checker

SCHEMAS = Path(checker.__file__).parent / "schemas"
MAX_ITEMS = 3  # small repos: the engines' agreement, not their speed, is under test

Strategy = st.SearchStrategy[Any]


@dataclass(frozen=True)
class Hooks:
    by_key: Mapping[str, Strategy] = field(default_factory=dict)  # a property's value
    keys_of: Mapping[str, Strategy] = field(default_factory=dict)  # a map's keys, by its key
    items_of: Mapping[str, Strategy] = field(default_factory=dict)  # a list's items, by its key
    values_of: Mapping[str, Strategy] = field(default_factory=dict)  # a map's values, by its key
    by_ref: Mapping[str, Strategy] = field(default_factory=dict)  # a $defs name


@cache
def schema_file(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / name).read_text())
    return loaded


def document(kind_file: str, hooks: Hooks) -> Strategy:
    """A document as ``kind_file`` (e.g. ``role.schema.json``) describes it."""
    return _node(schema_file(kind_file), kind_file, "", hooks)


def _node(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    if "$ref" in schema:
        return _ref(schema["$ref"], where, key, hooks)
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "anyOf" in schema:
        return st.one_of([_node(option, where, key, hooks) for option in schema["anyOf"]])
    return _BY_TYPE[schema.get("type", "object")](schema, where, key, hooks)


def _ref(ref: str, where: str, key: str, hooks: Hooks) -> Strategy:
    file, _, pointer = ref.partition("#")
    name = pointer.rsplit("/", 1)[-1]
    if name in hooks.by_ref:
        return hooks.by_ref[name]
    target_file = file or where
    target = schema_file(target_file)
    for part in pointer.strip("/").split("/"):
        target = target[part]
    return _node(target, target_file, key, hooks)


def _object(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    properties = schema.get("properties", {})
    if not properties:
        return _map(schema, where, key, hooks)
    required = set(schema.get("required", ()))
    drawn = {name: _value(sub, where, name, hooks) for name, sub in properties.items()}
    return st.fixed_dictionaries(
        {name: s for name, s in drawn.items() if name in required},
        optional={name: s for name, s in drawn.items() if name not in required},
    )


def _value(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    if key in hooks.by_key:
        return hooks.by_key[key]
    return _node(schema, where, key, hooks)


def _map(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    keys = hooks.keys_of.get(key)
    if keys is None:
        keys = _node(schema.get("propertyNames", {}), where, "", hooks)
    values = hooks.values_of.get(key)
    if values is None:
        values = _node(schema.get("additionalProperties", {"type": "string"}), where, key, hooks)
    return st.dictionaries(keys, values, max_size=MAX_ITEMS)


def _array(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    items = hooks.items_of.get(key)
    if items is None:
        items = _node(schema.get("items", {}), where, "", hooks)
    low = schema.get("minItems", 0)
    high = max(low, min(schema.get("maxItems", MAX_ITEMS), MAX_ITEMS))
    unique = json.dumps if schema.get("uniqueItems") else None
    return st.lists(items, min_size=low, max_size=high, unique_by=unique)


def _string(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True).filter(lambda s: len(s) < 40)
    return st.text(min_size=schema.get("minLength", 0), max_size=20)


def _integer(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    if "minimum" in schema and "maximum" in schema:
        return integers(schema["minimum"], schema["maximum"])
    return st.integers(schema.get("minimum"), schema.get("maximum"))


def _number(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    low, high = schema.get("minimum"), schema.get("maximum")
    decimals = st.decimals(low, high, places=2, allow_nan=False, allow_infinity=False)
    return st.one_of(st.integers(low, high), decimals.map(float))


def _boolean(schema: dict[str, Any], where: str, key: str, hooks: Hooks) -> Strategy:
    return st.booleans()


_BY_TYPE: dict[str, Callable[[dict[str, Any], str, str, Hooks], Strategy]] = {
    "object": _object,
    "array": _array,
    "string": _string,
    "integer": _integer,
    "number": _number,
    "boolean": _boolean,
}
