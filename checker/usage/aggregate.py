"""Summarising logs, whatever the engine: find and identify the logs, prepare them, run
the engine's aggregation (``sql.py``), and assemble the ``Summary`` in one order.

Engines are plugins in ENGINES (a module with ``aggregate(logs, now=...)``), imported
only when chosen: DuckDB in process, or Spark (pyspark) where the logs live.
"""

from __future__ import annotations

import importlib
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol, cast

from checker.errors import GateError
from checker.usage.prepare import Prepared, prepare
from checker.usage.sources import Source, expand, identify
from checker.usage.summary import (
    ACCOUNT_FIELDS,
    ALL,
    GRANT_FIELDS,
    SourceReport,
    Summary,
)

ENGINES = {"duckdb": "checker.usage.duck", "spark": "checker.usage.spark"}


class Problem(NamedTuple):
    src: str
    problem: str  # "" for the rows that were used
    rows: int
    events: int


@dataclass(frozen=True)
class Aggregated:
    """What an engine returns: the summary's rows and what it skipped, unsorted."""

    grants: list[dict[str, Any]]
    accounts: list[dict[str, Any]]
    systems: list[dict[str, Any]]
    problems: tuple[Problem, ...]
    examples: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    src_systems: tuple[tuple[str, str], ...] = ()
    grants_written: int = 0  # rows written to the grants file instead of ``grants``


class Engine(Protocol):
    ENGINE: str

    def aggregate(
        self, logs: Sequence[Prepared], *, now: str, grants_file: Path | None = None
    ) -> Aggregated:
        """The summary's rows; with ``grants_file``, the engine may write the grant rows
        there (grantfile.grants_copy) and count them in ``grants_written`` instead."""
        ...


def load_engine(name: str) -> Engine:
    if name not in ENGINES:
        raise GateError(f"unknown usage engine {name!r}; choose one of {', '.join(ENGINES)}")
    try:
        return cast(Engine, importlib.import_module(ENGINES[name]))
    except ImportError as error:
        extra = "spark" if name == "spark" else "usage"
        raise GateError(
            f"the {name} engine needs {error.name}; install it with pip install 'rolegate[{extra}]'"
        ) from error


def summarize(
    patterns: Sequence[str],
    *,
    now: datetime,
    engine: str = "duckdb",
    base: Path | None = None,
    root: Path | None = None,
    grants_file: Path | None = None,
) -> Summary:
    """The summary of the logs ``patterns`` name (files, folders, globs, relative to
    ``base`` when given); messages name them relative to ``root``."""
    sources = [identify(path, root=root) for path in expand(patterns, base=base)]
    summaries = [s for s in sources if s.format == "summary"]
    if summaries:
        if len(sources) > 1:
            raise GateError(
                f"{summaries[0].shown}: a usage summary cannot be combined with other logs; "
                "summarize all the logs together (rolegate usage summarize)"
            )
        from checker.usage.store import read_summary

        return read_summary(summaries[0].path, summaries[0].shown)
    return summarize_sources(sources, now=now, engine=engine, grants_file=grants_file)


def summarize_sources(
    sources: Sequence[Source], *, now: datetime, engine: str, grants_file: Path | None = None
) -> Summary:
    runner = load_engine(engine)
    moment = now.strftime("%Y-%m-%d %H:%M:%S")
    with tempfile.TemporaryDirectory(prefix="rolegate-usage-") as scratch:
        logs = [prepare(source, Path(scratch), i) for i, source in enumerate(sources)]
        result = runner.aggregate(logs, now=moment, grants_file=grants_file)
    return assemble(logs, result, now=now.strftime("%Y-%m-%dT%H:%M:%SZ"))


def assemble(logs: Sequence[Prepared], result: Aggregated, *, now: str) -> Summary:
    reports = [_report(log, result) for log in logs]
    accounts = _with_activity(result.accounts, reports)
    src_systems = {*result.src_systems, *((r.file, a[1]) for r in reports for a in r.activity)}
    observed = _observed(reports, sorted(src_systems))
    logs_of = {
        s: sorted({src for src, system in src_systems if system == s}) for _, s in src_systems
    }
    systems = [
        {**row, "observed": observed.get(row["system"], []), "sources": logs_of[row["system"]]}
        for row in result.systems
    ]
    return Summary(
        now=now,
        grants=tuple(_sorted(result.grants, GRANT_FIELDS)),
        accounts=tuple(_sorted(accounts, ACCOUNT_FIELDS)),
        systems=tuple(sorted((_plain(s) for s in systems), key=lambda s: s["system"])),
        sources=tuple(reports),
        grants_written=result.grants_written,
    )


def _with_activity(
    accounts: list[dict[str, Any]], reports: Sequence[SourceReport]
) -> list[dict[str, Any]]:
    """Account rows with the activity vendor rows showed without a grant (a refused or
    unmapped request is still the login in use): first and last widened, rows added."""
    rows = {(row["account"], row["system"]): dict(row) for row in accounts}
    for report in reports:
        for account, system, first, last, count in report.activity:
            row = rows.setdefault(
                (account, system),
                {
                    "account": account,
                    "system": system,
                    "first_use": first,
                    "last_use": last,
                    "events": 0,
                    "peak_hour": None,
                    "peak_records": 0,
                },
            )
            row["first_use"] = min(row["first_use"], first)
            row["last_use"] = max(row["last_use"], last)
            row["events"] = int(row["events"]) + count
    return list(rows.values())


def _report(log: Prepared, result: Aggregated) -> SourceReport:
    mine = [p for p in result.problems if p.src == log.src]
    skipped = Counter(dict(log.report.skipped))
    skipped.update({p.problem: p.rows for p in mine if p.problem})
    examples = [*log.report.examples]
    examples += [f"{log.src}:{row}: {problem}" for row, problem in result.examples.get(log.src, [])]
    return SourceReport(
        file=log.src,
        format=log.report.format,
        events=sum(p.events for p in mine if not p.problem),
        skipped=tuple(sorted(skipped.items())),
        examples=tuple(examples[:3]),
        unmapped=log.report.unmapped,
        observed=log.report.observed,
        activity=log.report.activity,
    )


def _observed(
    reports: Sequence[SourceReport], src_systems: Sequence[tuple[str, str]]
) -> dict[str, list[str]]:
    by_src = {r.file: r.observed for r in reports}
    found: dict[str, set[str]] = defaultdict(set)
    for src, system in src_systems:
        found[system].update(by_src.get(src, ()))
    return {system: [ALL] if ALL in kinds else sorted(kinds) for system, kinds in found.items()}


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """JSON values only: a missing peak hour as ""."""
    return {k: ("" if v is None else v) for k, v in row.items()}


def _sorted(rows: list[dict[str, Any]], fields: Sequence[str]) -> list[dict[str, Any]]:
    """The rows in the fields' order, sorted by their key (the text fields before
    first_use, which identify a row), "" for a missing peak hour."""
    key = fields[: fields.index("first_use")]
    ordered = sorted(rows, key=lambda row: tuple(row[f] for f in key))
    return [{f: ("" if row[f] is None else row[f]) for f in fields} for row in ordered]
