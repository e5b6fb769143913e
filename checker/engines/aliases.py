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
whole package through one cheaply. A rule named like an import alias of its module, or a
local variable so named in code written out, would make a use ambiguous: such a module is
refused on this engine.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from checker.engines.regosyntax import (
    Node,
    Parse,
    Span,
    declared,
    last_name,
    ref_names,
    root,
    span_of_ref,
    variables,
)
from checker.errors import GateError

Module = tuple[str, str]  # display name, Rego text

_KEYWORD_ROOTS = ("rego", "future")  # imports that switch on syntax, not documents


@dataclass(frozen=True)
class Rule:
    """One rule (or function) of a module: its name, and what it names inside."""

    node: Node
    name: Span  # the variable its head's reference starts with
    function: bool

    @cached_property
    def variables(self) -> tuple[tuple[str, Span], ...]:
        """Every variable in it but its name."""
        return tuple((var, span) for var, span in variables(self.node) if span != self.name)

    @cached_property
    def declared(self) -> tuple[Span, ...]:
        """Where it declares local variables: arguments, ``some``, ``every``, ``:=``."""
        return tuple(declared(self.node))


@dataclass(frozen=True)
class Parsed:
    display: str
    source: bytes
    tree: Node

    def text(self, span: Span) -> str:
        return self.source[span.start : span.end].decode()

    @cached_property
    def package(self) -> tuple[str, ...]:
        return ref_names(self.tree["package"]["refr"])

    @cached_property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(_rule(node) for node in self.tree["rules"])

    @cached_property
    def aliases(self) -> dict[str, tuple[str, int]]:
        """Import aliases: name -> (the reference it stands for, the import's line)."""
        found = {}
        for statement in self.tree["imports"]:
            ref = statement["refr"]
            if ref_names(ref)[0] in _KEYWORD_ROOTS:
                continue
            target = self.text(span_of_ref(ref))
            name = self.text(Span.of(statement["as"])) if statement.get("as") else last_name(ref)
            if name and name != target:
                found[name] = (target, statement["span"]["line"])
        return found


def expand(modules: Sequence[Module], parse: Parse) -> list[Module]:
    """``modules`` with each use of an import alias in code the engine could run after
    the alias's package was marked written out in full. Raises GateError when a local
    variable or a rule is named like an import alias of its module."""
    parsed = [Parsed(display, text.encode(), parse(display, text)) for display, text in modules]
    shared = _shared_packages(parsed)
    at_risk = [[r for r in m.rules if r.function or m.package in shared] for m in parsed]
    clashes = [
        problem
        for module, rules in zip(parsed, at_risk, strict=True)
        if module.aliases
        for problem in _clashes(module, rules)
    ]
    if clashes:
        raise GateError(
            "import aliases the embedded engine cannot expand (rename the variable or "
            "rule, or run these rules with --engine opa):\n  " + "\n  ".join(clashes)
        )
    return [
        (module.display, _rewrite(module, rules))
        for module, rules in zip(parsed, at_risk, strict=True)
    ]


def _shared_packages(parsed: Sequence[Parsed]) -> set[tuple[str, ...]]:
    """Packages whose path another module's package or rule also marks: the same path,
    or one above it."""
    owners: dict[tuple[str, ...], set[int]] = {}
    for index, module in enumerate(parsed):
        paths = [(*module.package, module.text(rule.name)) for rule in module.rules]
        for path in (module.package, *paths):
            owners.setdefault(path, set()).add(index)
    shared = set()
    for index, module in enumerate(parsed):
        package = module.package
        above = (package[:length] for length in range(1, len(package) + 1))
        if any(owners.get(path, set()) - {index} for path in above):
            shared.add(package)
    return shared


def _rewrite(module: Parsed, at_risk: list[Rule]) -> str:
    """The module's text with the alias uses in the rules at risk written out."""
    names = module.aliases
    replacements = [
        (span, names[name][0]) for rule in at_risk for name, span in rule.variables if name in names
    ]
    if not replacements:
        return module.source.decode()
    out, at = [], 0
    for span, target in sorted(replacements, key=lambda r: r[0].start):
        out += [module.source[at : span.start], target.encode()]
        at = span.end
    return b"".join([*out, module.source[at:]]).decode()


def _clashes(module: Parsed, at_risk: list[Rule]) -> Iterator[str]:
    """A rule named like an alias; a local variable so named in a rule at risk."""
    declared = [span for rule in at_risk for span in rule.declared]
    for span in (*(rule.name for rule in module.rules), *declared):
        name = module.text(span)
        if name in module.aliases:
            alias_line = module.aliases[name][1]
            yield (
                f'{module.display}:{span.line}: "{name}" is also the import alias of '
                f"line {alias_line}"
            )


def _rule(node: Node) -> Rule:
    (inner,) = node.values()
    head = inner.get("head") or inner  # a default rule has no head of its own
    function = bool(inner.get("args")) if "head" not in inner else "Func" in head
    if "refr" not in head:
        (head,) = head.values()
    return Rule(node, root(head["refr"]), function)
