"""Compose YAML text into nodes and turn them into plain JSON data, with the position of
every node when asked.

The rules here are stricter than PyYAML's safe constructor: plain scalars follow the
YAML 1.2 core schema (so ``yes``/``no``/``on``/``off`` and dates stay strings), only the
core tags are accepted, duplicate keys are errors, and alias expansion is bounded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from checker.load.numbers import NumberRangeError, decimal, integer

# Tag the resolver gives every plain (unquoted, untagged) scalar, so that this module,
# not PyYAML's YAML 1.1 resolver, decides what it is.
PLAIN = "tag:rolegate,2026:plain"
_CORE = "tag:yaml.org,2002:"

MAX_ALIAS_NODES = 100_000
MAX_DEPTH = 200

KeyPath = tuple[str | int, ...]  # keys and indices from a document's root to a node
Position = tuple[int, int]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


class YamlDataError(Exception):
    """A node that cannot become plain data; carries the node's 1-based position."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.line = node.start_mark.line + 1
        self.column = node.start_mark.column + 1


_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes only; every plain scalar is left for this module to resolve."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN
        return str(super().resolve(kind, value, implicit))


def compose(text: str) -> Iterator[yaml.Node]:
    """The root node of each non-empty document; raises yaml.MarkedYAMLError at the first
    syntax error."""
    for node in yaml.compose_all(text, Loader=_Loader):
        if node is not None:
            yield node


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def position(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def plain_scalar(text: str) -> Any:
    """Resolve an untagged, unquoted scalar by the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return integer(text)
    if _OCT.match(text):
        return integer(text[2:], 8)
    if _HEX.match(text):
        return integer(text[2:], 16)
    if _FLOAT.match(text):
        return decimal(text)
    return text


def _tagged_scalar(node: yaml.ScalarNode) -> Any:
    kind = node.tag[len(_CORE) :] if node.tag.startswith(_CORE) else None
    if kind == "str":
        return node.value
    expected: dict[str | None, Callable[[Any], bool]] = {
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    if kind not in expected:
        raise YamlDataError(
            f"unsupported tag {_tag_name(node.tag)} (rolegate reads plain data only)", node
        )
    value = plain_scalar(node.value)
    if not expected[kind](value):
        raise YamlDataError(f"{node.value!r} is not a valid !!{kind}", node)
    return decimal(node.value) if kind == "float" else value


def _scalar(node: yaml.ScalarNode) -> Any:
    try:
        return plain_scalar(node.value) if node.tag == PLAIN else _tagged_scalar(node)
    except NumberRangeError as error:
        raise YamlDataError(str(error), node) from error


class _Builder:
    """One document's conversion: data, and with ``positions`` a map from path to position.

    ``aliases`` says the text may hold aliases (it has a ``*``); without any, there is no
    expansion to bound and the node identities need not be kept.
    """

    def __init__(self, *, positions: bool = True, aliases: bool = True) -> None:
        self.spans: dict[KeyPath, Position] = {}
        self.ends: dict[KeyPath, Position] = {}  # where each node's region ends (see region_end)
        self._positions = positions
        self._aliases = aliases
        self._seen: set[int] = set()
        self._expanded = 0

    def build(self, node: yaml.Node, path: KeyPath, depth: int = 0) -> Any:
        self._count(node, depth)
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self._check_tag(node, "seq")
            return [self._item(child, (*path, i), depth) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            self._check_tag(node, "map")
            return self._mapping(node, path, depth)
        raise YamlDataError("unsupported YAML node", node)  # pragma: no cover

    def _item(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        if self._positions:
            self.spans.setdefault(path, position(node))
            self.ends.setdefault(path, region_end(node, node))
        return self.build(node, path, depth + 1)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if self._is_merge(key_node):
                merged = {**self._merge_source(value_node, path, depth), **merged}
                continue
            key = self._key(key_node)
            if key in result:
                raise YamlDataError(f"duplicate key {key!r}", key_node)
            if self._positions:
                self.spans[(*path, key)] = position(key_node)
                self.ends[(*path, key)] = region_end(key_node, value_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return {**merged, **result}

    def _merge_source(self, node: yaml.Node, path: KeyPath, depth: int) -> dict[str, Any]:
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        merged: dict[str, Any] = {}
        for source in reversed(sources):
            if not isinstance(source, yaml.MappingNode):
                raise YamlDataError(
                    "a merge key (<<) needs a mapping or a list of mappings", source
                )
            merged.update(self._mapping(source, path, depth + 1))
        return merged

    @staticmethod
    def _is_merge(key_node: yaml.Node) -> bool:
        is_merge_tag = key_node.tag in (PLAIN, _CORE + "merge")
        return isinstance(key_node, yaml.ScalarNode) and is_merge_tag and key_node.value == "<<"

    @staticmethod
    def _key(node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise YamlDataError("a mapping key must be a plain value, not a list or mapping", node)
        if node.tag == PLAIN and _NULL.match(node.value):
            raise YamlDataError("a mapping key must not be empty or null", node)
        return str(node.value)

    @staticmethod
    def _check_tag(node: yaml.Node, kind: str) -> None:
        if node.tag != _CORE + kind:
            raise YamlDataError(
                f"unsupported tag {_tag_name(node.tag)} (rolegate reads plain data only)", node
            )

    def _count(self, node: yaml.Node, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise YamlDataError(f"nesting deeper than {MAX_DEPTH} levels", node)
        if not self._aliases:
            return
        if id(node) in self._seen:
            self._expanded += 1
            if self._expanded > MAX_ALIAS_NODES:
                raise YamlDataError(
                    f"aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?)", node
                )
        else:
            self._seen.add(id(node))


def _end(node: yaml.Node) -> Position:
    return (node.end_mark.line + 1, node.end_mark.column + 1)


def region_end(start: yaml.Node, value: yaml.Node) -> Position:
    """End (exclusive) of the region a finding at ``start`` shows: through ``value`` when
    it sits on the same line (``key: value``, ``- item``, ``{a: 1}``), through the first
    entry of a block mapping item (``- resource: customer``), else the key alone."""
    if value.start_mark.line == start.start_mark.line == value.end_mark.line:
        return _end(value)
    if value is start and isinstance(value, yaml.MappingNode) and value.value:
        first_key, first_value = value.value[0]
        return region_end(first_key, first_value)
    return _end(start)


def to_data(root: yaml.Node, *, aliases: bool = True) -> Any:
    """Convert one composed document to data only (``positions`` finds where things are);
    ``aliases=False`` when the text has no ``*``, so no node can be reached twice."""
    return _Builder(positions=False, aliases=aliases).build(root, ())


def to_data_with_ends(
    root: yaml.Node,
) -> tuple[Any, dict[KeyPath, Position], dict[KeyPath, Position]]:
    """``to_data``, plus where the region of each path ends (line, column, exclusive)."""
    builder = _Builder()
    builder.spans[()] = position(root)
    return builder.build(root, ()), builder.spans, builder.ends
