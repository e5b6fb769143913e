"""Import aliases written out in full where the embedded engine would lose them.

regorus 0.13 looks a name up in a module's own package before its imports once that
package has been worked out as a whole ("processed"): a read through an import alias
(``lib.limit`` evaluates all of ``data.lib``), with a key only known at run time
(``data.lib[name]``) or of the package itself marks it so. From then on every import alias
of the package's modules reads as ``data.<package>.<alias>`` — undefined — without an
error. Code that runs after the mark suffers: every function (called whenever), and the
rules of a package that shares its path with another module or sits under one (the other
module can be worked out, and mark the path, first). A finding that depends on such a read
is silently dropped, a negated condition silently holds, and whether it happens depends on
which rule the engine reaches first, so on package names.

So in that code the embedded engine never sees an alias: each use is replaced by the
reference its import stands for (``model.roles`` becomes ``data.rolegate.lib.model.roles``),
in place, found through regorus's own parse of the module; lines stay where they were,
only columns after an expanded alias move. Elsewhere aliases stay, because regorus reads a
whole package through one cheaply. A local variable or rule named like an import alias
would make a use ambiguous, so such a module is refused on this engine.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from checker.errors import GateError

Module = tuple[str, str]  # display name, Rego text
Node = Any  # a node of regorus's syntax tree, as JSON
Parse = Callable[[str, str], Node]  # (display name, text) -> the module's syntax tree

_KEYWORD_ROOTS = ("rego", "future")  # imports that switch on syntax, not documents


@dataclass(frozen=True)
class Span:
    start: int  # byte offsets into the module's UTF-8 text
    end: int
    line: int

    @classmethod
    def of(cls, node: Node) -> Span:
        return cls(node["start"], node["end"], node["line"])


@dataclass(frozen=True)
class Parsed:
    display: str
    source: bytes
    tree: Node

    def text(self, span: Span) -> str:
        return self.source[span.start : span.end].decode()

    @property
    def package(self) -> tuple[str, ...]:
        return _path(self.tree["package"]["refr"])

    def rule_paths(self) -> Iterator[tuple[str, ...]]:
        for rule in self.tree["rules"]:
            yield (*self.package, self.text(_rule_name(rule)))


def expand(modules: Sequence[Module], parse: Parse) -> list[Module]:
    """``modules`` with each use of an import alias in code the engine could run after
    the alias's package was marked written out in full. Raises GateError when a local
    variable or a rule is named like an import alias of its module."""
    parsed = [Parsed(display, text.encode(), parse(display, text)) for display, text in modules]
    clashes = [problem for module in parsed for problem in _clashes(module)]
    if clashes:
        raise GateError(
            "import aliases the embedded engine cannot expand (rename the variable or "
            "rule, or run these rules with --engine opa):\n  " + "\n  ".join(clashes)
        )
    shared = _shared_packages(parsed)
    return [(module.display, _rewrite(module, module.package in shared)) for module in parsed]


def _shared_packages(parsed: Sequence[Parsed]) -> set[tuple[str, ...]]:
    """Packages whose path another module's package or rule also marks: the same path,
    or one above it."""
    owners: dict[tuple[str, ...], set[int]] = {}
    for index, module in enumerate(parsed):
        for path in (module.package, *module.rule_paths()):
            owners.setdefault(path, set()).add(index)
    shared = set()
    for index, module in enumerate(parsed):
        package = module.package
        above = (package[:length] for length in range(1, len(package) + 1))
        if any(owners.get(path, set()) - {index} for path in above):
            shared.add(package)
    return shared


def aliases(module: Parsed) -> dict[str, tuple[str, int]]:
    """The module's import aliases: name -> (the reference it stands for, its line)."""
    found = {}
    for statement in module.tree["imports"]:
        ref = statement["refr"]
        target = module.text(_span_of_ref(ref))
        if _path(ref)[:1] and _path(ref)[0] in _KEYWORD_ROOTS:
            continue
        name = module.text(Span.of(statement["as"])) if statement.get("as") else _last(ref)
        if name and name != target:
            found[name] = (target, statement["span"]["line"])
    return found


def _rewrite(module: Parsed, shared: bool) -> str:
    """The module's text with the alias uses at risk written out."""
    names = aliases(module)
    replacements = []
    for rule in module.tree["rules"]:
        if shared or _is_function(rule):
            own_name = _rule_name(rule)
            replacements += [
                (span, names[name][0])
                for name, span in _vars(rule)
                if name in names and span != own_name
            ]
    if not replacements:
        return module.source.decode()
    out, at = [], 0
    for span, target in sorted(replacements, key=lambda r: r[0].start):
        out += [module.source[at : span.start], target.encode()]
        at = span.end
    return b"".join([*out, module.source[at:]]).decode()


def _clashes(module: Parsed) -> Iterator[str]:
    names = aliases(module)
    for rule in module.tree["rules"]:
        for span in (_rule_name(rule), *_declared(rule)):
            name = module.text(span)
            if name in names:
                alias_line = names[name][1]
                yield (
                    f'{module.display}:{span.line}: "{name}" is also the import alias of '
                    f"line {alias_line}"
                )


def _is_function(rule: Node) -> bool:
    (inner,) = rule.values()
    head = inner.get("head")
    return bool(inner.get("args")) if head is None else "Func" in head


def _rule_name(rule: Node) -> Span:
    """Where the rule's name is written: the variable its head's reference starts with."""
    (inner,) = rule.values()
    head = inner.get("head") or inner  # a default rule has no head of its own
    if "refr" not in head:
        (head,) = head.values()
    return _root(head["refr"])


def _root(ref: Node) -> Span:
    while "Var" not in ref:
        (node,) = ref.values()
        ref = node["refr"]
    return Span.of(ref["Var"]["span"])


def _path(ref: Node) -> tuple[str, ...]:
    """The names of a dotted reference (``data.lib.c`` -> data, lib, c)."""
    if "Var" in ref:
        return (ref["Var"]["value"],)
    if "RefDot" in ref:
        return (*_path(ref["RefDot"]["refr"]), ref["RefDot"]["field"][1])
    (node,) = ref.values()
    return (*_path(node["refr"]), "[]")  # a bracket: no further name


def _last(ref: Node) -> str | None:
    """The name an import without ``as`` is known by: its last field."""
    name = _path(ref)[-1]
    return None if name == "[]" else name


def _span_of_ref(ref: Node) -> Span:
    (node,) = ref.values()
    return Span.of(node["span"])


def _vars(node: Node) -> Iterator[tuple[str, Span]]:
    """Every variable under ``node``, with where it is written."""
    if isinstance(node, list):
        for child in node:
            yield from _vars(child)
    elif isinstance(node, dict):
        var = node.get("Var")
        if isinstance(var, dict) and "value" in var:
            yield var["value"], Span.of(var["span"])
            return
        for child in node.values():
            yield from _vars(child)


def _declared(node: Node) -> Iterator[Span]:
    """Where local variables are declared under ``node``: function arguments, ``some``,
    ``every`` and the left of ``:=``."""
    if isinstance(node, list):
        for child in node:
            yield from _declared(child)
        return
    if not isinstance(node, dict):
        return
    for kind, inner in node.items():
        if kind == "Func":
            yield from (span for _, span in _vars(inner["args"]))
        elif kind == "SomeVars":
            yield from (Span.of(span) for span in inner["vars"])
        elif kind == "SomeIn":
            yield from (span for _, span in _vars([inner["key"], inner["value"]]))
        elif kind == "Every":
            yield from (Span.of(inner[side]) for side in ("key", "value") if inner[side])
        elif kind == "AssignExpr" and inner["op"] == "ColEq":
            yield from (span for _, span in _vars(inner["lhs"]))
        yield from _declared(inner)


def regorus_parser(engine_class: Any) -> Parse:
    """``parse`` for ``expand``, from regorus's Engine class."""

    def parse(display: str, text: str) -> Node:
        engine = engine_class()
        engine.add_policy(display, text)
        return json.loads(engine.get_ast_as_json())[0]["ast"]

    return parse
