"""One repo decided by the embedded engine and by a real OPA server, side by side.

A decision here is everything a user sees of a check: each finding (rule, severity,
message, file, line, column, subject), the waived ones, each rule's counts, the subjects
checked and the exit code; or, when the gate cannot decide, exit 2. Two engines agree
when those are equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checker.check import CheckOptions, LoadedPolicies, load_policies, run_check
from checker.commands.config_options import DEFAULT_FAIL_ON
from checker.engines import EngineSettings
from checker.errors import GateError
from checker.result import Report

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
EXIT_CANNOT_DECIDE = 2


@dataclass(frozen=True)
class Engines:
    embedded: LoadedPolicies
    opa: LoadedPolicies

    def __repr__(self) -> str:  # a failing example prints it: not the whole policy set
        return "Engines(embedded, opa-server)"


def engines(opa_url: str, policy_dirs: tuple[Path, ...] = ()) -> Engines:
    """Both engines with the policies compiled once (OPA's from its preloaded bundle)."""
    settings = EngineSettings(opa_url=opa_url, opa_preloaded=not policy_dirs)
    return Engines(
        load_policies(_options((), "embedded", EngineSettings(), policy_dirs)),
        load_policies(_options((), "opa-server", settings, policy_dirs)),
    )


def embedded_policies() -> LoadedPolicies:
    return load_policies(_options((), "embedded", EngineSettings(), ()))


def _options(
    paths: tuple[Path, ...], engine: str, settings: EngineSettings, policy_dirs: tuple[Path, ...]
) -> CheckOptions:
    root = paths[0] if paths else Path(".")
    return CheckOptions(
        paths=paths,
        now=NOW,
        root=root,
        engine=engine,
        engine_settings=settings,
        policy_dirs=policy_dirs,
    )


def report_of(paths: tuple[Path, ...], loaded: LoadedPolicies, engine: str = "embedded") -> Report:
    """``rolegate check`` on ``paths`` (file names relative to the first)."""
    return run_check(_options(paths, engine, EngineSettings(), ()), loaded=loaded)


def decision(paths: tuple[Path, ...], loaded: LoadedPolicies, engine: str) -> Any:
    """What a user sees of ``rolegate check`` on ``paths``, as a comparable value."""
    try:
        report = report_of(paths, loaded, engine)
    except GateError:
        return EXIT_CANNOT_DECIDE
    code = 1 if report.failing(DEFAULT_FAIL_ON) else 0
    return (code, report.findings, report.waived, report.rules, report.subjects)


def both(paths: tuple[Path, ...], pair: Engines) -> tuple[Any, Any]:
    return decision(paths, pair.embedded, "embedded"), decision(paths, pair.opa, "opa-server")
