"""The `opa` engine: the OPA binary's `opa eval` over a bundle of the active policies.

The binary is ``--opa-bin``, else ROLEGATE_OPA_BIN, else ``opa`` on PATH, and must be
OPA 1.0 or later. The bundle lives in a private temporary directory for the run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import weakref
from pathlib import Path
from typing import Any

from checker.engines import (
    EMPTY_INPUT,
    ENTRY_POINT,
    EngineInput,
    EngineSettings,
    call_timeout,
    decision_of,
    timeout_hint,
)
from checker.errors import GateError
from checker.policy.bundle import write_bundle
from checker.policy.policyset import PolicySet

MIN_VERSION = (1, 0)
_VERSION = re.compile(r"^Version:\s*v?(\d+)\.(\d+)", re.M)


def find_binary(settings: EngineSettings) -> str:
    wanted = settings.opa_bin or os.environ.get("ROLEGATE_OPA_BIN") or "opa"
    found = shutil.which(wanted)
    if found is None:
        raise GateError(
            f"OPA binary {wanted!r} not found; install OPA 1.x, put it on PATH, "
            "or pass --opa-bin / set ROLEGATE_OPA_BIN"
        )
    return found


def _run(
    command: list[str], *, timeout: float, hint: str = "raise --opa-timeout"
) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise GateError(
            f"{command[0]} {command[1]} did not finish within {round(timeout, 1):g} s ({hint})"
        ) from error
    except OSError as error:
        raise GateError(f"cannot run {command[0]}: {error.strerror or error}") from error


def check_version(binary: str, *, timeout: float) -> str:
    """The OPA version; older than 1.0 cannot run Rego v1 rules."""
    output = _run([binary, "version"], timeout=timeout).stdout
    match = _VERSION.search(output)
    if match is None:
        raise GateError(f"{binary} does not look like OPA (`opa version` printed no version)")
    found = (int(match.group(1)), int(match.group(2)))
    if found < MIN_VERSION:
        raise GateError(f"{binary} is OPA {found[0]}.{found[1]}; rolegate needs OPA 1.0 or later")
    return f"{found[0]}.{found[1]}"


def error_message(result: subprocess.CompletedProcess[str]) -> str:
    """OPA's errors as one line, with file:line:col where OPA gives one."""
    errors = _json_errors(result.stdout)
    if errors:
        return "; ".join(describe_error(error) for error in errors)
    lines = result.stderr.strip().splitlines()
    return lines[-1] if lines else f"exit code {result.returncode}"


def _json_errors(stdout: str) -> list[Any]:
    try:
        errors = json.loads(stdout).get("errors")
    except (ValueError, AttributeError):
        return []
    return errors if isinstance(errors, list) else []


def describe_error(error: Any) -> str:
    """``file:row:col: message`` for one of OPA's error objects."""
    if not isinstance(error, dict):
        return str(error)
    location = error.get("location") or {}
    message = str(error.get("message", error))
    if not location.get("file"):
        return message
    return f"{location['file']}:{location.get('row')}:{location.get('col')}: {message}"


class OpaCliEvaluator:
    def __init__(self, policies: PolicySet, settings: EngineSettings) -> None:
        self._binary = find_binary(settings)
        self._settings = settings
        check_version(self._binary, timeout=call_timeout(settings))
        self._dir = Path(tempfile.mkdtemp(prefix="rolegate-opa-"))
        weakref.finalize(self, shutil.rmtree, self._dir, ignore_errors=True)
        self._bundle = self._dir / "bundle.tar.gz"
        write_bundle(policies, self._bundle)
        self._eval(EngineInput.of(EMPTY_INPUT), failure="policy does not compile on OPA")

    def evaluate(self, engine_input: EngineInput) -> dict[str, Any]:
        return self._eval(engine_input, failure="opa eval failed")

    def _eval(self, engine_input: EngineInput, *, failure: str) -> dict[str, Any]:
        input_file = self._dir / "input.json"
        input_file.write_text(engine_input.text)
        command = [
            self._binary,
            "eval",
            # A builtin error (say, a date past 2262) must stop the evaluation: by default
            # OPA makes the expression undefined, which a rule reads as "no finding".
            "--strict-builtin-errors",
            "--bundle",
            str(self._bundle),
            "--input",
            str(input_file),
            "--format",
            "json",
            ENTRY_POINT,
        ]
        timeout = call_timeout(self._settings, input_file.stat().st_size)
        result = _run(command, timeout=timeout, hint=timeout_hint(self._settings))
        if result.returncode != 0:
            raise GateError(f"{failure}: {error_message(result)}")
        return decision_of(_value(result.stdout, failure), source=failure)


def _value(stdout: str, failure: str) -> Any:
    try:
        answer = json.loads(stdout)
    except ValueError as error:
        raise GateError(f"{failure}: opa printed something that is not JSON") from error
    results = answer.get("result") if isinstance(answer, dict) else None
    if not results:
        return None  # undefined
    try:
        return results[0]["expressions"][0]["value"]
    except (KeyError, IndexError, TypeError) as error:
        raise GateError(f"{failure}: unexpected opa eval output shape") from error


def load(policies: PolicySet, settings: EngineSettings) -> OpaCliEvaluator:
    return OpaCliEvaluator(policies, settings)
