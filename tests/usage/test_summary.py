"""The usage summary: the same events in every neutral format give the same summary, its
size follows accounts x grants and not events, and it survives being written out."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from checker.usage.aggregate import summarize
from checker.usage.store import read_summary, summary_document, write_summary

NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
COLUMNS = [
    "time",
    "account",
    "system",
    "resource",
    "action",
    "field",
    "visibility",
    "record",
    "count",
]
EVENTS = [
    ["2026-11-02T09:00:00Z", "ana", "crm", "customer", "read", "phone", "masked", "c1", "1"],
    ["2026-11-02T09:10:00-03:00", "ana", "crm", "customer", "read", "phone", "masked", "c2", "2"],
    ["2026-11-02T12:20:00+00:00", "ana", "crm", "customer", "read", "phone", "full", "c3", ""],
    ["2026-11-03T10:00:00Z", "bia", "crm", "case", "update", "", "", "t9", "3"],
    ["2026-11-04T10:00:00.250Z", "bia", "crm", "case", "update", "", "", "", ""],
]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: list[list[str]]) -> Path:
    lines = [json.dumps({k: v for k, v in zip(COLUMNS, row, strict=True) if v}) for row in rows]
    path.write_text("".join(line + "\n" for line in lines))
    return path


def write_parquet(path: Path, rows: list[list[str]]) -> Path:
    source = write_csv(path.with_suffix(".tmp.csv"), rows)
    duckdb.sql(
        f"COPY (SELECT * REPLACE (CAST(time AS TIMESTAMPTZ) AS time, "
        f"TRY_CAST(count AS INTEGER) AS count) FROM read_csv('{source}', all_varchar = true)) "
        f"TO '{path}' (FORMAT parquet)"
    )
    source.unlink()
    return path


def _rows(summary: object) -> dict[str, object]:
    document = summary_document(summary)  # type: ignore[arg-type]
    return {key: document[key] for key in ("grants", "accounts")}


@pytest.mark.parametrize("writer", [write_jsonl, write_parquet], ids=["jsonl", "parquet"])
def test_every_neutral_format_gives_the_csv_summary(tmp_path: Path, writer: object) -> None:
    expected = summarize([str(write_csv(tmp_path / "e.csv", EVENTS))], now=NOW)
    suffix = ".jsonl" if writer is write_jsonl else ".parquet"
    found = summarize([str(writer(tmp_path / f"e{suffix}", EVENTS))], now=NOW)  # type: ignore[operator]
    assert _rows(found) == _rows(expected)


def test_rows_hold_first_last_events_and_the_busiest_hour(tmp_path: Path) -> None:
    summary = summarize([str(write_csv(tmp_path / "e.csv", EVENTS))], now=NOW)
    masked = next(g for g in summary.grants if g["visibility"] == "masked")
    assert masked == {
        "account": "ana",
        "system": "crm",
        "resource": "customer",
        "action": "read",
        "field": "phone",
        "visibility": "masked",
        "first_use": "2026-11-02T09:00:00Z",
        "last_use": "2026-11-02T12:10:00Z",
        "events": 3,
        "peak_hour": "2026-11-02T09:00:00Z",
        "peak_records": 1,
    }
    ana = next(a for a in summary.accounts if a["account"] == "ana")
    assert (ana["events"], ana["peak_hour"], ana["peak_records"]) == (4, "2026-11-02T12:00:00Z", 2)


def test_size_follows_accounts_and_grants_not_events(tmp_path: Path) -> None:
    few = summarize([str(write_csv(tmp_path / "few.csv", EVENTS))], now=NOW)
    many = summarize([str(write_csv(tmp_path / "many.csv", EVENTS * 400))], now=NOW)
    assert (len(many.grants), len(many.accounts)) == (len(few.grants), len(few.accounts))
    assert sum(a["events"] for a in many.accounts) == 400 * sum(a["events"] for a in few.accounts)


@pytest.mark.parametrize("suffix", [".parquet", ".json"])
def test_a_written_summary_reads_back_the_same(tmp_path: Path, suffix: str) -> None:
    summary = summarize([str(write_csv(tmp_path / "e.csv", EVENTS))], now=NOW)
    write_summary(summary, tmp_path / f"usage{suffix}")
    if suffix == ".json":
        document = json.loads((tmp_path / "usage.json").read_text())
        assert document == json.loads(json.dumps(summary_document(summary)))
    else:
        assert read_summary(tmp_path / "usage.parquet", "usage.parquet") == summary
        assert summarize([str(tmp_path / "usage.parquet")], now=NOW) == summary


def test_events_after_now_and_bad_rows_are_counted_with_examples(tmp_path: Path) -> None:
    bad = [
        ["2026-12-01T09:00:00Z", "ana", "crm", "customer", "read", "", "", "", ""],
        ["2026-11-01T09:00:00Z", "", "crm", "customer", "read", "", "", "", ""],
        ["2026-11-01 09:00:00", "ana", "crm", "customer", "read", "", "", "", ""],
        ["2026-11-01T09:00:00Z", "ana", "crm", "customer", "read", "phone", "shown", "", ""],
        ["2026-11-01T09:00:00Z", "ana", "crm", "customer", "read", "", "", "", "-2"],
    ]
    summary = summarize([str(write_csv(tmp_path / "e.csv", EVENTS + bad))], now=NOW)
    [source] = summary.sources
    assert dict(source.skipped) == {
        "count is not a positive integer": 1,
        "in the future (after --now)": 1,
        "missing account": 1,
        "unknown visibility": 1,
        "unparsable time (ISO 8601 with an offset expected)": 1,
    }
    assert source.examples == (
        f"{source.file}:7: in the future (after --now)",
        f"{source.file}:8: missing account",
        f"{source.file}:9: unparsable time (ISO 8601 with an offset expected)",
    )
    assert source.events == 8


def test_running_out_of_memory_says_which_limit_to_raise() -> None:
    from checker.usage.duck import MEMORY_LIMIT, failure

    words = failure(RuntimeError("Out of Memory Error: failed to allocate\n 4.0 MiB"))
    assert words.startswith("Out of Memory Error: failed to allocate 4.0 MiB; ")
    assert f"DuckDB may use {MEMORY_LIMIT}" in words and "ROLEGATE_DUCKDB_MEMORY" in words
    assert failure(RuntimeError("Binder Error: no column x")) == "Binder Error: no column x"
