"""Rego engines. Each is a module with ``load(policies, settings) -> Evaluator``.

ENGINES maps the ``--engine`` names to modules, imported only when chosen, so a run pays
only for the engine it uses (opa-python-client is imported by opa-server alone).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from checker.errors import GateError

if TYPE_CHECKING:  # not at run time: every command imports this module for --engine
    from checker.policy.policyset import PolicySet

# The decision every engine returns for an input: see docs/input.md.
ENTRY_POINT = "data.rolegate.main.decision"

ENGINES = {
    "embedded": "checker.engines.embedded",
    "opa": "checker.engines.opa_cli",
    "opa-server": "checker.engines.opa_server",
}

# The smallest input the entry point accepts, used to force compilation at load time.
EMPTY_INPUT: dict[str, Any] = {
    "context": {"now": "1970-01-01T00:00:00Z"},
    "catalogs": [],
    "job_functions": [],
    "roles": [],
    "systems": [],
    "bindings": [],
    "org_policies": [],
    "waivers": [],
}


@dataclass(frozen=True)
class EngineSettings:
    """How to reach an external OPA; the embedded engine needs none of it."""

    opa_bin: str | None = None
    opa_url: str | None = None
    opa_token: str | None = None
    opa_ca_file: Path | None = None
    opa_preloaded: bool = False
    timeout: float | None = None  # seconds of each OPA call; None: see call_timeout
    retries: int = 2
    cache_dir: Path | None = None  # where an engine may keep its work between runs

    def __repr__(self) -> str:  # the token never reaches a log or a traceback
        token = "***" if self.opa_token else None
        return f"EngineSettings(url={self.opa_url!r}, bin={self.opa_bin!r}, token={token})"


BASE_TIMEOUT = 30.0  # seconds any OPA call may take
# and `opa eval` this many more per MiB of input: its time grows with the repo (about
# 0.3-0.6 s of CPU per MiB on a 2-core machine), and a loaded machine stretches it
TIMEOUT_PER_MIB = 3.0


def call_timeout(settings: EngineSettings, input_bytes: int = 0) -> float:
    """How long an OPA call may take: ``--opa-timeout``, else BASE_TIMEOUT plus
    TIMEOUT_PER_MIB for each MiB of the input it evaluates (10,000 roles are ~66 MiB)."""
    if settings.timeout is not None:
        return settings.timeout
    return BASE_TIMEOUT + TIMEOUT_PER_MIB * input_bytes / 2**20


def timeout_hint(settings: EngineSettings) -> str:
    """How the timeout of a call that ran out was chosen, and how to raise it."""
    if settings.timeout is not None:
        return "raise --opa-timeout"
    return (
        f"the default, {BASE_TIMEOUT:g} s plus {TIMEOUT_PER_MIB:g} s per MiB of input; "
        "raise it with --opa-timeout SECONDS"
    )


@dataclass(frozen=True)
class EngineInput:
    """The input document as JSON text, made once. Engines read the text (OPA's REST
    client parses it back), so the caller can let go of the objects it was built from
    before a long evaluation: on a large repo they are hundreds of megabytes."""

    text: str
    subjects: int  # roles + accounts: how large the evaluation will be

    @classmethod
    def of(cls, document: dict[str, Any]) -> EngineInput:
        bindings = document.get("bindings", [])
        accounts = sum(len(doc.get("spec", {}).get("accounts", [])) for doc in bindings)
        return cls(json.dumps(document), len(document.get("roles", [])) + accounts)

    def document(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.text)
        return parsed


class Evaluator(Protocol):
    def evaluate(self, engine_input: EngineInput) -> dict[str, Any]:
        """The decision document for one input; raises GateError when it cannot decide."""
        ...


def load_engine(
    name: str, policies: PolicySet, settings: EngineSettings | None = None
) -> Evaluator:
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
    evaluator: Evaluator = module.load(policies, settings or EngineSettings())
    return evaluator


def decision_of(result: Any, *, source: str) -> dict[str, Any]:
    """The decision object from an engine's answer; anything else cannot decide."""
    if result is None or result == {}:
        raise GateError(f"{source}: {ENTRY_POINT} is undefined (are the rolegate policies loaded?)")
    if not isinstance(result, dict):
        raise GateError(f"{source}: {ENTRY_POINT} is not an object but {type(result).__name__}")
    return result


def finding_objects(decision: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every finding object of a decision: its findings and, inside each waived entry,
    the finding waived. Malformed entries are skipped (read_decision reports them)."""
    waived = [entry for entry in _listed(decision.get("waived")) if isinstance(entry, dict)]
    found = [*_listed(decision.get("findings")), *(entry.get("finding") for entry in waived)]
    return (finding for finding in found if isinstance(finding, dict))


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
