"""regorus's syntax tree of a Rego module, as JSON, and what rolegate reads off it.

The tree comes from regorus's own parser (``Engine.get_ast_as_json``), so it is the module
exactly as the embedded engine reads it. Each node is ``{"Kind": {...}}``; positions are
spans of byte offsets into the module's UTF-8 text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

Node = Any  # a node of the tree
Parse = Callable[[str, str], Node]  # (display name, text) -> the module's tree


@dataclass(frozen=True)
class Span:
    start: int  # byte offsets into the module's UTF-8 text
    end: int
    line: int

    @classmethod
    def of(cls, node: Node) -> Span:
        return cls(node["start"], node["end"], node["line"])


def declared(node: Node) -> Iterator[Span]:
    """Where local variables are declared under ``node``: function arguments, ``some``,
    ``every`` and the left of ``:=``."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            yield from _declarations(item)
            stack.extend(value for key, value in item.items() if key != "span")


def _declarations(node: Node) -> list[Span]:
    found: list[Span] = []
    for kind, inner in node.items():
        if kind == "Func":
            found += (span for _, span in variables(inner["args"]))
        elif kind == "SomeVars":
            found += (Span.of(span) for span in inner["vars"])
        elif kind == "SomeIn":
            found += (span for _, span in variables([inner["key"], inner["value"]]))
        elif kind == "Every":
            found += (Span.of(inner[side]) for side in ("key", "value") if inner[side])
        elif kind == "AssignExpr" and inner["op"] == "ColEq":
            found += (span for _, span in variables(inner["lhs"]))
    return found


def variables(node: Node) -> Iterator[tuple[str, Span]]:
    """Every variable under ``node``, with where it is written."""
    if isinstance(node, list):
        for child in node:
            yield from variables(child)
    elif isinstance(node, dict):
        var = node.get("Var")
        if isinstance(var, dict) and "value" in var:
            yield var["value"], Span.of(var["span"])
            return
        for child in node.values():
            yield from variables(child)


def root(ref: Node) -> Span:
    """Where the variable a reference starts with is written."""
    while "Var" not in ref:
        (node,) = ref.values()
        ref = node["refr"]
    return Span.of(ref["Var"]["span"])


def ref_names(ref: Node) -> tuple[str, ...]:
    """The names of a dotted reference (``data.lib.c`` -> data, lib, c)."""
    if "Var" in ref:
        return (ref["Var"]["value"],)
    if "RefDot" in ref:
        return (*ref_names(ref["RefDot"]["refr"]), ref["RefDot"]["field"][1])
    (node,) = ref.values()
    return (*ref_names(node["refr"]), "[]")  # a bracket: no further name


def last_name(ref: Node) -> str | None:
    """The name an import without ``as`` is known by: its last field."""
    name = ref_names(ref)[-1]
    return None if name == "[]" else name


def span_of_ref(ref: Node) -> Span:
    (node,) = ref.values()
    return Span.of(node["span"])


def regorus_parser(engine_class: Any) -> Parse:
    """``parse`` for ``expand``, from regorus's Engine class."""

    def parse(display: str, text: str) -> Node:
        engine = engine_class()
        engine.add_policy(display, text)
        return json.loads(engine.get_ast_as_json())[0]["ast"]

    return parse
