"""The aggregation on DuckDB: in process, reads CSV, JSON lines and Parquet itself, and
spills to disk beyond its memory limit, so a log larger than memory still summarises."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.usage import peaks, sql
from checker.usage.aggregate import Aggregated, Problem
from checker.usage.grantfile import grants_copy
from checker.usage.needs import need
from checker.usage.prepare import Prepared

ENGINE = "duckdb"
EXAMPLES = 3  # skipped rows shown per log
# DuckDB's memory ceiling; past it, sorts and hash tables spill to a scratch folder.
MEMORY_LIMIT = os.environ.get("ROLEGATE_DUCKDB_MEMORY", "1GB")
# Whether events may be numbered by hashing their raw keys when the hashes are checked
# to name the keys (sql.HASHES_NAME_KEYS); False forces the join, for tests.
HASHED = True


def aggregate(logs: Sequence[Prepared], *, now: str, grants_file: Path | None = None) -> Aggregated:
    duckdb = need("duckdb")

    with tempfile.TemporaryDirectory(prefix="rolegate-duckdb-") as spill:
        try:
            con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "temp_directory": spill})
        except duckdb.Error as error:
            raise GateError(f"cannot start DuckDB: {error}") from error
        with con:
            con.execute("SET TimeZone = 'UTC'")
            con.execute("SET enable_progress_bar = false")
            # No statement below needs the rows in the files' order (sql.py), and keeping
            # it holds 100M-row tables in memory past the limit instead of spilling them.
            con.execute("SET preserve_insertion_order = false")
            # src is the log's number here, a key cheaper to group by than its path.
            selects = [_select(log, _zoned(con, log), str(i)) for i, log in enumerate(logs)]
            _run(con, "CREATE TEMPORARY VIEW usage_raw AS " + " UNION ALL ".join(selects), logs)
            _run(con, sql.checked_view(sql.DUCKDB, now), logs)
            for table, select in sql.grouped(sql.DUCKDB, now):
                _run(con, f"CREATE TEMPORARY TABLE {table} AS {select}", logs)
            problems = [
                Problem(logs[int(src)].src, *row) for src, *row in _rows(con, sql.PROBLEMS, logs)
            ]
            hashed = bool(_rows(con, sql.HASHES_NAME_KEYS, logs)[0][0]) and HASHED
            found = {p.problem for p in problems if p.problem}
            for table, select in peaks.tables(sql.DUCKDB, now, hashed=hashed, problems=found):
                _run(con, f"CREATE TEMPORARY TABLE {table} AS {select}", logs)
            examples = {
                log.src: _examples(con, log, now)
                for log in logs
                if any(p.src == log.src and p.problem for p in problems)
            }
            written = _write_grants(con, grants_file, logs) if grants_file else 0
            return Aggregated(
                grants=[] if grants_file else _dicts(con, peaks.grants_query(sql.DUCKDB), logs),
                accounts=_dicts(con, peaks.accounts_query(sql.DUCKDB), logs),
                systems=_dicts(con, sql.systems_query(sql.DUCKDB), logs),
                problems=tuple(problems),
                examples=examples,
                src_systems=tuple(
                    (logs[int(src)].src, system)
                    for src, system in _rows(con, sql.SOURCE_SYSTEMS, logs)
                ),
                grants_written=written,
            )


def _write_grants(con: Any, target: Path, logs: Sequence[Prepared]) -> int:
    """The grant rows written by DuckDB to ``target``, never fetched; how many."""
    copy = grants_copy(peaks.grants_query(sql.DUCKDB), _quote(str(target)))
    return int(_rows(con, copy, logs)[0][0])


def _zoned(con: Any, log: Prepared) -> bool:
    """Whether the log's time is a Parquet timestamp with time zone: an instant already,
    read as it is instead of printed as text and parsed back for every row."""
    if log.format != "parquet":
        return False
    query = f"DESCRIBE SELECT time FROM read_parquet({_quote(str(log.path))})"
    return bool(_rows(con, query, [log])[0][1] == "TIMESTAMP WITH TIME ZONE")


def _select(log: Prepared, zoned: bool, src: str | None = None) -> str:
    """The log as usage_raw's columns; ``src`` its number (default: its name)."""
    path = _quote(str(log.path))
    text = {c: f"CAST({c} AS VARCHAR)" if c in log.columns else "NULL" for c in _NEUTRAL}
    if log.format == "csv":
        relation = f"read_csv({path}, header = true, all_varchar = true, delim = ',', quote = '\"')"
    elif log.format == "jsonl":
        columns = ", ".join(f"'{c}': 'VARCHAR'" for c in log.columns)
        relation = f"read_json({path}, format = 'newline_delimited', columns = {{{columns}}})"
    else:
        relation = f"read_parquet({path})"
    time_text = text["time"]
    parsed = (
        f"CASE WHEN {sql.DUCKDB.match(text['time'], sql.OFFSET)} "
        f"THEN TRY_CAST(TRY_CAST({text['time']} AS TIMESTAMPTZ) AS TIMESTAMP) END"
    )
    if zoned:  # the text only tells a missing time from a present one
        time_text, parsed = (
            "CASE WHEN time IS NOT NULL THEN 'timestamp' END",
            "CAST(time AS TIMESTAMP)",
        )
    return (
        f"SELECT {src or _quote(log.src)} AS src, {text['account']} AS account, "
        f"{text['system']} AS system, {text['resource']} AS resource, "
        f"{text['action']} AS action, {text['field']} AS field, "
        f"{text['visibility']} AS visibility, {text['record']} AS record, "
        f"{text['count']} AS count_text, {time_text} AS time_text, {parsed} AS t "
        f"FROM {relation}"
    )


_NEUTRAL = (
    "time",
    "account",
    "system",
    "resource",
    "action",
    "field",
    "visibility",
    "record",
    "count",
)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _examples(con: Any, log: Prepared, now: str) -> list[tuple[int, str]]:
    select = _select(log, _zoned(con, log))
    numbered = f"(SELECT row_number() OVER () AS row_number, * FROM ({select}))"
    checked = sql.checked_select(sql.DUCKDB, now, numbered, "row_number,")
    query = (
        f"SELECT row_number, problem FROM ({checked}) "
        f"WHERE problem IS NOT NULL ORDER BY row_number LIMIT {EXAMPLES}"
    )
    con.execute("SET preserve_insertion_order = true")  # rows numbered in the file's order
    try:
        rows = _rows(con, query, [log])
    finally:
        con.execute("SET preserve_insertion_order = false")
    return [(int(row) + log.header_lines, str(problem)) for row, problem in rows]


def _rows(con: Any, query: str, logs: Sequence[Prepared]) -> list[tuple[Any, ...]]:
    return list(_run(con, query, logs).fetchall())


def _dicts(con: Any, query: str, logs: Sequence[Prepared]) -> list[dict[str, Any]]:
    cursor = _run(con, query, logs)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _run(con: Any, query: str, logs: Sequence[Prepared]) -> Any:
    duckdb = need("duckdb")

    try:
        return con.execute(query)
    except duckdb.Error as error:
        files = ", ".join(log.src for log in logs) if len(logs) < 4 else f"{len(logs)} logs"
        raise GateError(f"{files}: cannot read the usage log: {failure(error)}") from error


def failure(error: Exception) -> str:
    """DuckDB's words on one line, and for running out of memory what to raise."""
    message = " ".join(str(error).split())
    if "out of memory" in message.lower():
        message += (
            f"; DuckDB may use {MEMORY_LIMIT} here: raise it with ROLEGATE_DUCKDB_MEMORY"
            " (e.g. ROLEGATE_DUCKDB_MEMORY=4GB), or use --engine spark (docs/usage.md)"
        )
    return message
