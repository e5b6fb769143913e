"""A usage summary file whose grant rows never become Python values.

The grant rows are the bulk of a summary (one per account x grant used). For
``usage summarize -o FILE.parquet`` an engine that can writes them itself, sorted and in
the summary file's columns, to a Parquet file of their own (``grants_copy``); the summary
file is then that file with the system and account rows and the metadata put before it,
by DuckDB (``write_summary_file``). It reads back as the summary ``store.py`` writes.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from checker.files import write_file
from checker.usage.aggregate import summarize
from checker.usage.needs import need
from checker.usage.sources import SUMMARY_MARKER
from checker.usage.store import COLUMNS, summary_rows, write_summary
from checker.usage.summary import GRANT_FIELDS, Summary

_KEY = GRANT_FIELDS[: GRANT_FIELDS.index("first_use")]
_NUMBERS = ("events", "peak_records")


def grants_copy(query: str, target: str) -> str:
    """The COPY that writes the rows of ``query`` (the grants) to ``target`` (a quoted
    path) as the summary file has them: its columns and types, sorted by their key."""
    columns = ", ".join(
        f"CAST(g.{name} AS BIGINT) AS {name}"
        if name in _NUMBERS
        else f"coalesce(g.{name}, '') AS {name}"
        for name in GRANT_FIELDS
    )
    order = ", ".join(f"g.{name}" for name in _KEY)
    return (
        f"COPY (SELECT {columns} FROM ({query}) AS g ORDER BY {order}) TO {target} (FORMAT parquet)"
    )


def summarize_to_file(
    patterns: Sequence[str], *, now: datetime, engine: str, output: Path
) -> Summary:
    """Summarise the logs into ``output``; the grant rows go from the engine to the file
    when it writes them (DuckDB and a .parquet output), else through ``store.py``."""
    if output.suffix != ".parquet":
        summary = summarize(patterns, now=now, engine=engine)
        write_summary(summary, output)
        return summary
    with tempfile.TemporaryDirectory(prefix="rolegate-grants-") as scratch:
        grants = Path(scratch) / "grants.parquet"
        summary = summarize(patterns, now=now, engine=engine, grants_file=grants)
        if summary.grants_written:
            write_summary_file(summary, grants, output)
        else:  # the engine returned the grants as rows, or the logs were a summary
            write_summary(summary, output)
    return summary


def write_summary_file(summary: Summary, grants: Path, output: Path) -> None:
    """The summary file: the system and account rows of ``summary``, then the grant rows
    of the Parquet file ``grants``, in that order, with the metadata ``store.py`` reads."""
    duckdb = need("duckdb")

    meta = json.dumps({"now": summary.now, "sources": [s.as_dict() for s in summary.sources]})
    with tempfile.TemporaryDirectory(prefix="rolegate-summary-") as scratch:
        rows = Path(scratch) / "rows.jsonl"
        numbered = ({**row, "ordinal": i} for i, row in enumerate(summary_rows(summary)))
        rows.write_text("".join(json.dumps(r) + "\n" for r in numbered), "utf-8")
        target = Path(scratch) / "summary.parquet"
        with duckdb.connect() as con:
            con.execute("SET enable_progress_bar = false")
            con.execute(_union(rows, grants, target, meta))
        write_file(output, target.read_bytes(), what="usage summary")


def _union(rows: Path, grants: Path, target: Path, meta: str) -> str:
    types = ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items())
    names = ", ".join(COLUMNS)
    from_grants = ", ".join(
        "'grant'" if name == "level" else name if name in GRANT_FIELDS else f"NULL::{kind}"
        for name, kind in COLUMNS.items()
    )
    return f"""
COPY (
  SELECT {names} FROM (
    SELECT 0 AS part, ordinal, {names} FROM read_json({_quote(str(rows))},
      format = 'newline_delimited', columns = {{{types}, 'ordinal': 'BIGINT'}})
    UNION ALL
    SELECT 1 AS part, file_row_number AS ordinal, {from_grants}
    FROM read_parquet({_quote(str(grants))}, file_row_number = true)
  ) AS s ORDER BY part, ordinal
) TO {_quote(str(target))} (FORMAT parquet,
  KV_METADATA {{{_quote(SUMMARY_MARKER)}: {_quote(meta)}}})
"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
