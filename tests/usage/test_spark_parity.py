"""The aggregation is defined once (checker/usage/sql.py) and runs on DuckDB and on
Spark: on the same logs both give the same summary, skipped rows and examples included.
Spark runs in local mode; Java comes from Debian's packages (.ci/run installs it)."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from usage.test_summary import EVENTS, write_csv, write_jsonl, write_parquet

from checker.usage.aggregate import summarize
from checker.usage.store import read_summary, summary_document

from conftest import FIXTURES, NOW, unavailable

MOMENT = datetime(2026, 11, 28, tzinfo=timezone.utc)
BAD = [
    ["2026-12-01T09:00:00Z", "ana", "crm", "customer", "read", "", "", "", ""],
    ["2026-11-01T09:00:00Z", "", "crm", "customer", "read", "", "", "", ""],
    ["2026-11-01 09:00:00", "ana", "crm", "customer", "read", "", "", "", ""],
    ["2026-11-01T09:00:00Z", "ana", "crm", "customer", "read", "", "", "", "x"],
]


@pytest.fixture(scope="module")
def spark_ready() -> None:
    if importlib.util.find_spec("pyspark") is None:
        unavailable("pyspark is not installed (pip install 'rolegate[spark]')")
    if shutil.which("java") is None:
        unavailable("no Java for Spark: apt-get install default-jre-headless")


@pytest.mark.usefixtures("spark_ready", "in_root")
def test_duckdb_and_spark_give_identical_summaries(tmp_path: Path) -> None:
    logs = [
        str(write_csv(tmp_path / "neutral.csv", EVENTS + BAD)),
        str(write_jsonl(tmp_path / "neutral.jsonl", EVENTS + BAD)),
        str(write_parquet(tmp_path / "neutral.parquet", EVENTS)),
        "fixtures/usage/logs",  # the neutral CRM log and the Zendesk and Connect logs
    ]
    on_duckdb = summarize(logs, now=MOMENT, engine="duckdb")
    on_spark = summarize(logs, now=MOMENT, engine="spark")
    assert summary_document(on_spark) == summary_document(on_duckdb)
    assert sum(sum(n for _, n in s.skipped) for s in on_duckdb.sources) == 11
    assert len(on_duckdb.grants) > 40


@pytest.mark.usefixtures("spark_ready")
def test_summarize_on_spark_writes_what_check_reads(
    cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    logs = str(FIXTURES / "usage" / "logs")
    for engine in ("duckdb", "spark"):
        code, _, err = cli(
            "usage",
            "summarize",
            logs,
            "-o",
            str(tmp_path / f"{engine}.parquet"),
            "--engine",
            engine,
            "--now",
            NOW,
        )
        assert (code, err.splitlines()[-1]) == (
            0,
            f"wrote {tmp_path / f'{engine}.parquet'}: 85 rows ({engine})",
        )
    assert read_summary(tmp_path / "spark.parquet", "s") == read_summary(
        tmp_path / "duckdb.parquet", "d"
    )
