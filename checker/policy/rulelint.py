"""Metadata lint: every rule keeps the rule contract, checked before any Rego runs.

All problems across all files are collected first, then reported together — one line
each, at the METADATA block's ``file:line`` — so an author fixes them in one pass.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from checker.errors import GateError
from checker.policy import metadata
from checker.policy.packs import RegoFile

_RULES_ROOT = "rolegate.rules."


@dataclass(frozen=True)
class RuleSource:
    """A rule package whose METADATA passed the lint."""

    file: str
    line: int  # of the METADATA block
    area: str
    name: str
    content: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.content["custom"]["id"])


def rule_sources(files: Sequence[RegoFile]) -> list[RuleSource]:
    """The rule packages among ``files``; GateError listing every problem if any."""
    linted = [_lint_file(rego) for rego in files]
    rules = [rule for rule, _ in linted if rule is not None]
    problems = [problem for _, found in linted for problem in found]
    problems += _clashes(rules)
    if problems:
        raise GateError("\n".join(problems))
    return rules


Linted = tuple[RuleSource | None, list[str]]  # the rule, if the file is a sound one; problems


def _lint_file(rego: RegoFile) -> Linted:
    package = metadata.package_of(rego.text)
    if package is None:
        return None, [f"{rego.display}:1: no package statement"]
    try:
        blocks = list(metadata.annotation_blocks(rego.text))
    except metadata.MetadataError as error:
        return None, [f"{rego.display}:{error.line}: {error}"]
    problems = [
        f"{rego.display}:{block.line}: METADATA: {problem}"
        for block, _ in blocks
        for problem in metadata.unknown_keys(block.content)
    ]
    on_package = next((block for block, target in blocks if target == package[1]), None)
    rule, more = _lint_package(rego, package, on_package)
    return (rule if not problems else None), problems + more


def _lint_package(
    rego: RegoFile, package: tuple[str, int], block: metadata.Annotation | None
) -> Linted:
    name, line = package
    match = metadata.RULE_PACKAGE.match(name)
    if name.endswith("_test"):
        return None, []
    if match is None:
        return None, _stray_rule(rego, package, block)
    if block is None:
        return None, [
            f"{rego.display}:{line}: rule package {name} has no METADATA block; "
            "add one above the package line"
        ]
    problems = [
        f"{rego.display}:{block.line}: METADATA: {problem}"
        for problem in metadata.rule_problems(block.content)
    ]
    if problems:
        return None, problems
    area, rule_name = match.group(1), match.group(2)
    return RuleSource(rego.display, block.line, area, rule_name, block.content), []


def _stray_rule(
    rego: RegoFile, package: tuple[str, int], block: metadata.Annotation | None
) -> list[str]:
    """A package that looks like a rule but that rolegate would never run."""
    name, line = package
    custom = block.content.get("custom") if block else None
    has_id = isinstance(custom, dict) and "id" in custom
    if name.startswith(_RULES_ROOT) or has_id:
        return [
            f"{rego.display}:{line}: package {name} is not run as a rule; a rule's package "
            "is rolegate.rules.<area>.<name> (snake_case); put helpers outside rolegate.rules"
        ]
    return []


def _clashes(rules: list[RuleSource]) -> Iterator[str]:
    """Rule ids and rule packages must each be unique across every pack."""
    by_id: dict[str, RuleSource] = {}
    by_package: dict[tuple[str, str], RuleSource] = {}
    for rule in rules:
        first = by_id.setdefault(rule.id, rule)
        if first is not rule:
            yield (
                f"rule id {rule.id} is used twice: {first.file}:{first.line} "
                f"and {rule.file}:{rule.line}"
            )
        other = by_package.setdefault((rule.area, rule.name), rule)
        if other is not rule:
            yield (
                f"{rule.file}:{rule.line}: rule package rolegate.rules.{rule.area}.{rule.name} "
                f"is also defined in {other.file}:{other.line}; give the rule its own package"
            )
