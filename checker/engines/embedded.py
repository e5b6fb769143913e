"""The embedded engine: regorus, an in-process Rego interpreter.

Facts this module relies on: regorus raises on builtin errors (never "undefined"),
reports some compile errors (unsafe variables) only at the first evaluation, and an
Engine must stay on the thread that made it. With RUST_BACKTRACE=1 every error pays for
a backtrace, so it is turned off before regorus loads.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from checker.engines import (
    EMPTY_INPUT,
    ENTRY_POINT,
    EngineInput,
    EngineSettings,
    decision_of,
    shards,
)
from checker.engines.aliases import expand
from checker.engines.regosyntax import regorus_parser
from checker.engines.verbs import rewritten
from checker.errors import GateError
from checker.policy.policyset import PolicySet, RegoFile
from checker.processes import cpu_count

os.environ["RUST_BACKTRACE"] = "0"
import regorus

# regorus errors read "--> file:line:col" ... "error: message".
_LOCATION = re.compile(r"-->\s*(?P<where>\S+:\d+:\d+)")
_MESSAGE = re.compile(r"^error:\s*(?P<message>.+)$", re.M)


def engine_message(error: Exception) -> str:
    """regorus's multi-line error as one line: ``file:line:col: message``."""
    text = str(error)
    text = text.split("Stack backtrace:")[0]
    where, message = _LOCATION.search(text), _MESSAGE.search(text)
    if message is None:
        return " ".join(text.split()) or type(error).__name__
    return (
        f"{where.group('where')}: {message.group('message')}" if where else message.group("message")
    )


def without_aliases(policies: PolicySet) -> PolicySet:
    """The policies as this engine must read them: the import aliases it would lose
    written out in full (see checker/engines/aliases.py), and the sprintf formats it
    would print otherwise than OPA rewritten (verbs.py). Raises GateError on bad Rego."""
    return replace(policies, files=_expanded(policies.files))


@lru_cache(maxsize=4)  # a process may build several engines of the same policies
def _expanded(files: tuple[RegoFile, ...]) -> tuple[RegoFile, ...]:
    parse = regorus_parser(regorus.Engine)
    try:
        modules = expand([(r.display, rewritten(r.display, r.text)) for r in files], parse)
    except GateError:
        raise
    except Exception as error:  # regorus raises RuntimeError for every kind of failure
        raise GateError(f"policy does not compile: {engine_message(error)}") from error
    return tuple(replace(rego, text=text) for rego, (_, text) in zip(files, modules, strict=True))


def new_engine(policies: PolicySet) -> Any:
    """A regorus Engine holding ``policies`` and their data; raises GateError on bad Rego."""
    return _engine_of(without_aliases(policies))


def _engine_of(policies: PolicySet) -> Any:
    engine = regorus.Engine()
    for rego in policies.files:
        try:
            engine.add_policy(rego.display, rego.text)
        except Exception as error:  # regorus raises RuntimeError for every kind of failure
            raise GateError(f"policy does not compile: {engine_message(error)}") from error
    engine.add_data_json(json.dumps(policies.data()))
    return engine


def evaluate_modules(modules: list[tuple[str, str]], data: str, input_file: str, rule: str) -> str:
    """``rule`` evaluated (JSON text) on a fresh engine holding only ``modules`` (display
    name, text, as ``without_aliases`` left them) and ``data``, over the input in
    ``input_file``: a share of a sharded evaluation, here or in a worker. (The engine reads
    the file itself: no copy of a large input passes through Python.)"""
    engine = regorus.Engine()
    for display, text in modules:
        engine.add_policy(display, text)
    engine.add_data_json(data)
    engine.set_input_from_json_file(input_file)
    return str(engine.eval_rule_as_json(rule))


class EmbeddedEvaluator:
    def __init__(self, policies: PolicySet) -> None:
        self._policies = without_aliases(policies)
        self._engine = _engine_of(self._policies)
        # Unsafe variables and similar errors only surface when the rules first run.
        self._eval(EngineInput.of(EMPTY_INPUT), failure="policy does not compile")

    def evaluate(self, engine_input: EngineInput) -> dict[str, Any]:
        if shards.worthwhile(engine_input, cpu_count()):
            return self._decide(
                lambda: shards.evaluate(self._policies, engine_input, evaluate_modules),
                failure="evaluation failed",
            )
        return self._eval(engine_input, failure="evaluation failed")

    def _eval(self, engine_input: EngineInput, *, failure: str) -> dict[str, Any]:
        def one_evaluation() -> str:
            self._engine.set_input_json(engine_input.text)
            return str(self._engine.eval_rule_as_json(ENTRY_POINT))

        return self._decide(one_evaluation, failure=failure)

    @staticmethod
    def _decide(evaluation: Callable[[], str], *, failure: str) -> dict[str, Any]:
        try:
            result = json.loads(evaluation())
        except GateError:
            raise
        except Exception as error:  # regorus raises RuntimeError for every kind of failure
            raise GateError(f"{failure}: {engine_message(error)}") from error
        return decision_of(result, source=failure)


def load(policies: PolicySet, settings: EngineSettings) -> EmbeddedEvaluator:
    return EmbeddedEvaluator(policies)
