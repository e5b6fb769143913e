"""Rego engines. Each is a module with ``load(policies) -> Evaluator``, listed in ENGINES.

Modules are imported only when chosen, so a run pays only for the engine it uses.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

from checker.errors import GateError
from checker.policies import PolicySet

# The decision every engine returns for an input: see docs/input.md.
ENTRY_POINT = "data.rolegate.main.decision"

ENGINES = {
    "embedded": "checker.engines.embedded",
}


class Evaluator(Protocol):
    def evaluate(self, input_document: dict[str, Any]) -> dict[str, Any]:
        """The decision document for one input; raises GateError when it cannot decide."""
        ...


class EngineModule(Protocol):
    def load(self, policies: PolicySet) -> Evaluator: ...


def load_engine(name: str, policies: PolicySet) -> Evaluator:
    """Compile ``policies`` on the named engine."""
    if name not in ENGINES:
        raise GateError(f"unknown engine {name!r}; choose one of {', '.join(ENGINES)}")
    try:
        module: Any = importlib.import_module(ENGINES[name])
    except ImportError as error:
        raise GateError(
            f"engine {name!r} cannot start: {error}; reinstall rolegate "
            "(pip install rolegate) to get its dependencies"
        ) from error
    evaluator: Evaluator = module.load(policies)
    return evaluator
