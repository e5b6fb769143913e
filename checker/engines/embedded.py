"""The embedded engine: regorus, an in-process Rego interpreter.

Facts this module relies on: regorus raises on builtin errors (never "undefined"),
reports some compile errors (unsafe variables) only at the first evaluation, and an
Engine must stay on the thread that made it. With RUST_BACKTRACE=1 every error pays for
a backtrace, so it is turned off before regorus loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker import __version__
from checker.engines import (
    EMPTY_INPUT,
    ENTRY_POINT,
    EngineInput,
    EngineSettings,
    decision_of,
    prepared,
    shards,
)
from checker.engines.aliases import expand
from checker.engines.printing import check_custom_findings
from checker.engines.regosyntax import regorus_parser
from checker.engines.verbs import rewritten
from checker.errors import GateError
from checker.load.cachestore import CacheStore, open_store
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
    texts = prepared.shipped(tuple(r.text for r in files)) or rewrite_texts(files)
    return tuple(replace(rego, text=text) for rego, text in zip(files, texts, strict=True))


def rewrite_texts(files: tuple[RegoFile, ...]) -> list[str]:
    """Each file's text rewritten (aliases.py, verbs.py), worked out now; GateError on
    bad Rego."""
    parse = regorus_parser(regorus.Engine)
    try:
        modules = expand([(r.display, rewritten(r.display, r.text)) for r in files], parse)
    except GateError:
        raise
    except Exception as error:  # regorus raises RuntimeError for every kind of failure
        raise GateError(f"policy does not compile: {engine_message(error)}") from error
    return [text for _, text in modules]


def _shipped(policies: PolicySet) -> PolicySet | None:
    """The built-in policies as rewritten when rolegate was built (prepared.py)."""
    texts = prepared.shipped(tuple(rego.text for rego in policies.files))
    if texts is None:
        return None
    files = zip(policies.files, texts, strict=True)
    return replace(policies, files=tuple(replace(rego, text=text) for rego, text in files))


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


REWRITE = "rego-rewritten"  # the cache's kind of entry: policies as this engine reads them


def _recalled(cache: CacheStore | None, policies: PolicySet) -> PolicySet | None:
    """The policies as rewritten and compiled before, from the cache."""
    texts = cache.get(REWRITE, _policies_key(policies)) if cache else None
    files = policies.files
    if not isinstance(texts, list) or len(texts) != len(files):
        return None
    if not all(isinstance(text, str) for text in texts):
        return None
    rewritten = tuple(replace(rego, text=text) for rego, text in zip(files, texts, strict=True))
    return replace(policies, files=rewritten)


def _policies_key(policies: PolicySet) -> str:
    digest = hashlib.sha256()
    for rego in policies.files:
        digest.update(f"{len(rego.display)}:{rego.display}{len(rego.text)}:{rego.text}".encode())
    return digest.hexdigest()


def _cache_salt() -> str:
    """The rewrite and the compile check depend on rolegate's and regorus's versions."""
    return f"rolegate {__version__} gordon-to-regorus {prepared.regorus_version()}"


class EmbeddedEvaluator:
    """The policies compiled on regorus. The built-in policies come rewritten with
    rolegate (prepared.py); with a ``cache_dir``, other policies this engine has rewritten
    (aliases.py) and compiled before are taken from the cache there: the same texts, on
    the same versions, compile the same way."""

    def __init__(self, policies: PolicySet, *, cache_dir: Path | None = None) -> None:
        shipped = _shipped(policies)
        wanted = cache_dir is not None and shipped is None  # nothing to remember otherwise
        cache = open_store(cache_dir, _cache_salt()) if wanted and cache_dir else None
        recalled = shipped or _recalled(cache, policies)
        self._policies = recalled or without_aliases(policies)
        self._engine = _engine_of(self._policies)
        self._custom_rules = policies.custom_rule_ids()
        if recalled is None:
            # Unsafe variables and similar errors only surface when the rules first run.
            self._eval(EngineInput.of(EMPTY_INPUT), failure="policy does not compile")
            if cache is not None:
                texts = [rego.text for rego in self._policies.files]
                cache.put(REWRITE, _policies_key(policies), texts)

    def evaluate(self, engine_input: EngineInput) -> dict[str, Any]:
        if shards.worthwhile(engine_input, cpu_count()):
            decision = self._decide(
                lambda: shards.evaluate(self._policies, engine_input, evaluate_modules),
                failure="evaluation failed",
            )
        else:
            decision = self._eval(engine_input, failure="evaluation failed")
        check_custom_findings(decision, self._custom_rules)
        return decision

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
    return EmbeddedEvaluator(policies, cache_dir=settings.cache_dir)
