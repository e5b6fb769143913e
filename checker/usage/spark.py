"""The aggregation on Apache Spark (pyspark), for logs that live in a data lake.

The statements are those of ``sql.py``, run by Spark SQL; only reading the files is
Spark's own (FAILFAST, so a malformed line stops the run as it does on DuckDB). The
session is local unless ``SPARK_MASTER`` names a cluster, or the job runs under
spark-submit, which sets one (docs/usage.md); its time zone is UTC.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.usage import peaks, sql
from checker.usage.aggregate import Aggregated, Problem
from checker.usage.needs import need
from checker.usage.prepare import Prepared

ENGINE = "spark"
EXAMPLES = 3
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
_SCHEMA = ", ".join(f"`{c}` STRING" for c in _NEUTRAL)


def session() -> Any:
    """The Spark session: the one running (spark-submit, a notebook) or a local one."""
    spark_sql = need("pyspark.sql")
    builder = spark_sql.SparkSession.builder.appName("rolegate-usage")
    if "SPARK_MASTER" in os.environ or not os.environ.get("SPARK_HOME"):
        builder = builder.master(os.environ.get("SPARK_MASTER", "local[2]"))
    return (
        builder.config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )


def aggregate(logs: Sequence[Prepared], *, now: str, grants_file: Path | None = None) -> Aggregated:
    """Spark returns the grant rows (a driver collects them); ``grants_file`` is unused."""
    spark = session()
    spark.sparkContext.setLogLevel("ERROR")
    try:
        frames = [_raw(spark, log) for log in logs]
        raw = frames[0]
        for frame in frames[1:]:
            raw = raw.unionByName(frame)
        raw.createOrReplaceTempView("usage_raw")
        spark.sql(sql.checked_view(sql.SPARK, now))
        _cache(spark, sql.grouped(sql.SPARK, now))
        problems = [Problem(*row) for row in spark.sql(sql.PROBLEMS).collect()]
        hashed = bool(spark.sql(sql.HASHES_NAME_KEYS).collect()[0][0])
        found = {p.problem for p in problems if p.problem}
        _cache(spark, peaks.tables(sql.SPARK, now, hashed=hashed, problems=found))
        examples = {
            log.src: _examples(spark, log, now)
            for log in logs
            if any(p.src == log.src and p.problem for p in problems)
        }
        return Aggregated(
            grants=_dicts(spark, peaks.grants_query(sql.SPARK)),
            accounts=_dicts(spark, peaks.accounts_query(sql.SPARK)),
            systems=_dicts(spark, sql.systems_query(sql.SPARK)),
            problems=tuple(problems),
            examples=examples,
            src_systems=tuple(tuple(r) for r in spark.sql(sql.SOURCE_SYSTEMS).collect()),
        )
    except Exception as error:  # Spark raises its own error types from the JVM
        if isinstance(error, GateError):
            raise
        message = " ".join(str(error).split())[:400]
        raise GateError(f"the Spark aggregation failed: {message}") from error


def _cache(spark: Any, tables: tuple[tuple[str, str], ...]) -> None:
    for table, select in tables:
        spark.catalog.dropTempView(table)  # a session runs several summaries
        spark.sql(f"CACHE TABLE {table} AS {select}")


def _read(spark: Any, log: Prepared) -> Any:
    path = str(log.path)
    if log.format == "csv":
        return spark.read.csv(path, header=True, schema=None, inferSchema=False, mode="FAILFAST")
    if log.format == "jsonl":
        return spark.read.schema(_SCHEMA).option("mode", "FAILFAST").json(path)
    return spark.read.parquet(path)


def _raw(spark: Any, log: Prepared) -> Any:
    frame = _read(spark, log)
    frame.createOrReplaceTempView("usage_source")
    timestamped = dict(frame.dtypes).get("time", "string").startswith("timestamp")
    return spark.sql(_select(log, "usage_source", timestamped))


def _select(log: Prepared, relation: str, timestamped: bool, extra: str = "") -> str:
    text = {
        c: f"CAST(`{c}` AS STRING)" if c in log.columns else "CAST(NULL AS STRING)"
        for c in _NEUTRAL
    }
    if timestamped:
        parsed = "CAST(`time` AS TIMESTAMP)"
    else:
        parsed = (
            f"CASE WHEN {sql.SPARK.match(text['time'], sql.OFFSET)} "
            f"THEN try_cast({text['time']} AS TIMESTAMP) END"
        )
    src = "'" + log.src.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return (
        f"SELECT {extra}{src} AS src, {text['account']} AS account, {text['system']} AS system, "
        f"{text['resource']} AS resource, {text['action']} AS action, "
        f"{text['field']} AS field, {text['visibility']} AS visibility, "
        f"{text['record']} AS record, {text['count']} AS count_text, "
        f"{text['time']} AS time_text, {parsed} AS t FROM {relation}"
    )


def _examples(spark: Any, log: Prepared, now: str) -> list[tuple[int, str]]:
    """The first rows with a problem, numbered in the file's order (zipWithIndex)."""
    frame = _read(spark, log)
    numbered = frame.rdd.zipWithIndex().map(lambda pair: (pair[1] + 1, *pair[0]))
    columns = ["row_number", *frame.columns]
    spark.createDataFrame(numbered, columns).createOrReplaceTempView("usage_numbered")
    timestamped = dict(frame.dtypes).get("time", "string").startswith("timestamp")
    raw = _select(log, "usage_numbered", timestamped, extra="row_number, ")
    checked = sql.checked_select(sql.SPARK, now, f"({raw}) AS numbered", "row_number,")
    rows = spark.sql(
        f"SELECT row_number, problem FROM ({checked}) AS c WHERE problem IS NOT NULL "
        f"ORDER BY row_number LIMIT {EXAMPLES}"
    ).collect()
    return [(int(row[0]) + log.header_lines, str(row[1])) for row in rows]


def _dicts(spark: Any, query: str) -> list[dict[str, Any]]:
    return [row.asDict() for row in spark.sql(query).collect()]
