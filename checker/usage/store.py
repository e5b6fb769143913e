"""A usage summary as a file: ``usage summarize -o FILE`` writes it, ``--usage FILE``
reads it back. Parquet (one table, a ``level`` column telling grant, account and system
rows apart; the logs' reports and ``now`` in the file's key-value metadata) or JSON."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.files import write_file
from checker.usage.needs import need
from checker.usage.sources import SUMMARY_MARKER
from checker.usage.summary import ACCOUNT_FIELDS, GRANT_FIELDS, SourceReport, Summary

_LEVELS = {
    "grant": GRANT_FIELDS,
    "account": ACCOUNT_FIELDS,
    "system": ("system", "first_use", "last_use", "events"),
}
COLUMNS = {
    "level": "VARCHAR",
    "account": "VARCHAR",
    "system": "VARCHAR",
    "resource": "VARCHAR",
    "action": "VARCHAR",
    "field": "VARCHAR",
    "visibility": "VARCHAR",
    "first_use": "VARCHAR",
    "last_use": "VARCHAR",
    "events": "BIGINT",
    "peak_hour": "VARCHAR",
    "peak_records": "BIGINT",
    "observed": "VARCHAR[]",
    "sources": "VARCHAR[]",
}
VERSION = 1


def summary_document(summary: Summary) -> dict[str, Any]:
    return {
        SUMMARY_MARKER: VERSION,
        "now": summary.now,
        "sources": [s.as_dict() for s in summary.sources],
        "systems": list(summary.systems),
        "accounts": list(summary.accounts),
        "grants": list(summary.grants),
    }


def write_summary(summary: Summary, path: Path) -> None:
    if path.suffix == ".json":
        text = json.dumps(summary_document(summary), indent=1, sort_keys=True) + "\n"
        write_file(path, text, what="usage summary")
        return
    if path.suffix != ".parquet":
        raise GateError(f"{path}: a usage summary is written as .parquet or .json")
    duckdb = need("duckdb")

    meta = json.dumps({"now": summary.now, "sources": [s.as_dict() for s in summary.sources]})
    with tempfile.TemporaryDirectory(prefix="rolegate-summary-") as scratch:
        rows = Path(scratch) / "rows.jsonl"
        rows.write_text("".join(json.dumps(r) + "\n" for r in summary_rows(summary)), "utf-8")
        target = Path(scratch) / "summary.parquet"
        columns = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items())
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            con.execute(
                f"COPY (SELECT * FROM read_json(?, format = 'newline_delimited', "
                f"columns = {{{columns}}})) TO {_quote(str(target))} (FORMAT parquet, "
                f"KV_METADATA {{{_quote(SUMMARY_MARKER)}: {_quote(meta)}}})",
                [str(rows)],
            )
        write_file(path, target.read_bytes(), what="usage summary")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def summary_rows(summary: Summary) -> list[dict[str, Any]]:
    """The file's rows in order: systems, accounts, then the grants ``summary`` holds."""
    out: list[dict[str, Any]] = []
    for level, rows in (
        ("system", summary.systems),
        ("account", summary.accounts),
        ("grant", summary.grants),
    ):
        out += [{"level": level, **row} for row in rows]
    return out


def read_summary(path: Path, shown: str) -> Summary:
    duckdb = need("duckdb")

    try:
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            meta = con.execute(
                "SELECT value FROM parquet_kv_metadata(?) WHERE CAST(key AS VARCHAR) = ?",
                [str(path), SUMMARY_MARKER],
            ).fetchone()
            cursor = con.execute("SELECT * FROM read_parquet(?)", [str(path)])
            names = [c[0] for c in cursor.description]
            rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        data: dict[str, Any] = json.loads(bytes(meta[0]).decode("utf-8")) if meta else {}
        sources = tuple(SourceReport.from_dict(s) for s in data["sources"])
    except (duckdb.Error, ValueError, KeyError, TypeError) as error:
        raise GateError(f"{shown}: not a readable usage summary: {error}") from error
    by_level: dict[str, list[dict[str, Any]]] = {level: [] for level in _LEVELS}
    for row in rows:
        level = row["level"]
        keep = (*_LEVELS[level], "observed", "sources") if level == "system" else _LEVELS[level]
        by_level[level].append({k: row[k] for k in keep})
    return Summary(
        str(data["now"]),
        tuple(by_level["grant"]),
        tuple(by_level["account"]),
        tuple(by_level["system"]),
        sources,
    )
