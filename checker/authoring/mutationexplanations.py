"""Why a surviving mutant cannot be killed: the explanations file of ``rolegate mutate``.

    explanations:
      - rule: ACC-001
        mutant: "compare: count(matching) > 0 => count(matching) >= 0"
        reason: the comprehension only ever holds matches; ...

A mutant is named by its key (``Mutant.key``), as the report prints it. Every entry needs
the three fields, each a non-empty string; an entry twice, or anything else, is an error
(exit 2), so a typo can never explain a mutant away in silence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from checker.errors import GateError

_FIELDS = ("rule", "mutant", "reason")


@dataclass(frozen=True)
class Explanation:
    rule: str
    mutant: str
    reason: str


def read_explanations(path: Path) -> dict[tuple[str, str], Explanation]:
    """The explanations in ``path`` by (rule id, mutant key)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise GateError(f"{path}: cannot read the mutant explanations: {error}") from error
    except yaml.YAMLError as error:
        raise GateError(f"{path}: the mutant explanations are not valid YAML: {error}") from error
    return explanations_of(data, str(path))


def explanations_of(data: Any, source: str) -> dict[tuple[str, str], Explanation]:
    if not isinstance(data, dict) or set(data) != {"explanations"}:
        raise GateError(f"{source}: want a mapping with one key, explanations (a list)")
    entries = data["explanations"] or []
    if not isinstance(entries, list):
        raise GateError(f"{source}: explanations must be a list of rule, mutant and reason")
    found: dict[tuple[str, str], Explanation] = {}
    for index, entry in enumerate(entries):
        explanation = _entry(entry, f"{source}: explanations[{index}]")
        key = (explanation.rule, explanation.mutant)
        if key in found:
            raise GateError(f"{source}: explanations[{index}]: {key[1]!r} of {key[0]} twice")
        found[key] = explanation
    return found


def _entry(entry: Any, where: str) -> Explanation:
    if not isinstance(entry, dict):
        raise GateError(f"{where}: want a mapping with rule, mutant and reason")
    unknown = sorted(str(key) for key in entry if key not in _FIELDS)
    if unknown:
        raise GateError(f"{where}: unknown key {unknown[0]}; the keys are rule, mutant, reason")
    for name in _FIELDS:
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip():
            raise GateError(f"{where}: {name} must be a non-empty string")
    return Explanation(entry["rule"], entry["mutant"], entry["reason"].strip())
