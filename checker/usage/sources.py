"""Usage logs as given (files, folders, globs), each with the format it is in.

The format is told from the file itself, fail-closed: the neutral format by its columns
(CSV header, the first JSON line's keys, the Parquet schema), a vendor log by the fields
its vendor writes, a usage summary by its marker. A file that is none of them, or a
neutral file with an unknown or a missing column, is an error naming the file.
"""

from __future__ import annotations

import csv
import glob
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.files import display_path
from checker.usage.needs import need

REQUIRED = ("time", "account", "system", "resource", "action")
OPTIONAL = ("field", "visibility", "record", "count")
NEUTRAL_FORMATS = ("csv", "jsonl", "parquet")
# What a folder's logs are; a .json file is read only when named (an export's users.json
# sits beside its logs).
_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".parquet")
SUMMARY_MARKER = "rolegate.usage.summary"
# A vendor log: the fields of its first record that identify it, and its format name.
VENDOR_SIGNS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"user_id", "method", "url", "status", "timestamp"}), "zendesk-access"),
    (frozenset({"ContactId", "Agent", "InitiationMethod", "InitiationTimestamp"}), "connect-ctr"),
)


@dataclass(frozen=True)
class Source:
    path: Path
    shown: str  # as messages name it
    format: str  # csv | jsonl | parquet | summary | a vendor format (VENDOR_SIGNS)
    columns: tuple[str, ...] = ()  # the neutral columns it has


def expand(patterns: Sequence[str], *, base: Path | None = None) -> list[Path]:
    """The files that ``patterns`` name: files, folders (their log files, recursively) and
    globs, relative to ``base`` when given; sorted, each once. A pattern that names
    nothing is an error: a usage run never quietly reads fewer logs than it was given."""
    found: dict[Path, None] = {}
    for pattern in patterns:
        text = str(base / pattern) if base is not None else str(pattern)
        matches = sorted(Path(m) for m in glob.glob(text, recursive=True)) if _glob(text) else []
        paths = matches or ([Path(text)] if Path(text).exists() else [])
        if not paths:
            raise GateError(f"{pattern}: no usage log matches; check the path or the glob")
        for path in paths:
            for file in _files(path):
                found.setdefault(file, None)
    if not found:
        raise GateError(
            f"{' '.join(map(str, patterns))}: no usage log files (*.csv, *.jsonl, *.parquet) found"
        )
    return sorted(found)


def _glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in _SUFFIXES)
    return [path]


def identify(path: Path, *, root: Path | None = None) -> Source:
    """The log's format; ``root`` is what its name in messages is relative to."""
    shown = display_path(path, root)
    if path.suffix == ".parquet":
        return _parquet(path, shown)
    head = _head(path, shown)
    if path.suffix == ".csv":
        return _csv(path, shown, head)
    if path.suffix in (".jsonl", ".ndjson", ".json"):
        return _json(path, shown, head)
    raise GateError(f"{shown}: not a usage log: expected .csv, .jsonl or .parquet (docs/usage.md)")


def _head(path: Path, shown: str) -> str:
    try:
        with path.open("r", encoding="utf-8", newline="") as handle:
            return handle.read(65536)
    except (OSError, UnicodeDecodeError) as error:
        raise GateError(f"{shown}: cannot read the usage log: {error}") from error


def _csv(path: Path, shown: str, head: str) -> Source:
    header = next(csv.reader(io.StringIO(head)), [])
    if "EVENT_TYPE" in header:
        raise GateError(
            f"{shown}:1: a Salesforce event log file: not read yet; convert it to the "
            "neutral format (docs/usage.md)"
        )
    return Source(path, shown, "csv", _neutral(header, f"{shown}:1: the CSV header"))


def _json(path: Path, shown: str, head: str) -> Source:
    first = next((line for line in head.splitlines() if line.strip()), "")
    try:
        record: Any = json.loads(first)
    except json.JSONDecodeError as error:
        raise GateError(
            f"{shown}:1: not JSON lines ({error.msg}); a usage log holds one JSON object per line"
        ) from None
    if not isinstance(record, dict):
        raise GateError(f"{shown}:1: expected one JSON object per line")
    for sign, name in VENDOR_SIGNS:
        if sign <= record.keys():
            return Source(path, shown, name)
    return Source(path, shown, "jsonl", _neutral(list(record), f"{shown}:1: the first event"))


def _parquet(path: Path, shown: str) -> Source:
    duckdb = need("duckdb")

    try:
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            keys = con.execute(
                "SELECT CAST(key AS VARCHAR) FROM parquet_kv_metadata(?)", [str(path)]
            ).fetchall()
            names = [
                row[0]
                for row in con.execute(
                    "SELECT name FROM parquet_schema(?) WHERE num_children IS NULL", [str(path)]
                ).fetchall()
            ]
    except duckdb.Error as error:
        raise GateError(f"{shown}: cannot read the Parquet file: {error}") from error
    if (SUMMARY_MARKER,) in keys:
        return Source(path, shown, "summary")
    return Source(path, shown, "parquet", _neutral(names, f"{shown}: the schema"))


def _neutral(columns: Sequence[str], where: str) -> tuple[str, ...]:
    names = [str(c).strip() for c in columns]
    missing = [c for c in REQUIRED if c not in names]
    unknown = [c for c in names if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unknown {', '.join(unknown)}"] if unknown else []
        raise GateError(
            f"{where} is not the neutral usage format ({'; '.join(problems)}): columns are "
            f"{', '.join(REQUIRED)} and optionally {', '.join(OPTIONAL)} (docs/usage.md)"
        )
    return tuple(names)
