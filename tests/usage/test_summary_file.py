"""A summary file whose grant rows DuckDB wrote itself (checker/usage/grantfile.py) reads
back as the one written through Python rows: same rows, same order, same reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from usage.test_summary import EVENTS, NOW, write_csv, write_parquet

from checker.usage.aggregate import summarize
from checker.usage.grantfile import summarize_to_file
from checker.usage.store import read_summary, summary_document, write_summary

from conftest import FIXTURES

BAD = [
    ["2026-12-01T09:00:00Z", "ana", "crm", "customer", "read", "", "", "", ""],
    ["2026-11-01T09:00:00Z", "", "crm", "customer", "read", "", "", "", ""],
]
# Keys that sort differently by code point than by a locale (capitals, accents).
MIXED = [
    ["2026-11-05T08:00:00Z", "Zoe", "crm", "customer", "read", "", "", "c1", ""],
    ["2026-11-05T08:00:00Z", "ábel", "crm", "customer", "read", "", "", "c1", ""],
    ["2026-11-05T08:00:00Z", "abel", "crm", "customer", "export", "", "", "c2", ""],
]


def _logs(tmp_path: Path) -> list[str]:
    return [
        str(write_csv(tmp_path / "neutral.csv", EVENTS + BAD + MIXED)),
        str(write_parquet(tmp_path / "neutral.parquet", EVENTS)),
        str(FIXTURES / "usage" / "logs"),  # the neutral CRM log, Zendesk and Connect logs
    ]


def _through_python(logs: list[str], target: Path) -> dict[str, object]:
    write_summary(summarize(logs, now=NOW), target)
    return summary_document(read_summary(target, target.name))


def test_grants_written_by_duckdb_read_back_as_written_through_python(tmp_path: Path) -> None:
    logs = _logs(tmp_path)
    direct = summarize_to_file(logs, now=NOW, engine="duckdb", output=tmp_path / "direct.parquet")
    assert direct.grants == () and direct.grants_written > 40  # the grants never were rows
    found = summary_document(read_summary(tmp_path / "direct.parquet", "direct.parquet"))
    assert found == _through_python(logs, tmp_path / "python.parquet")
    assert len(found["grants"]) == direct.grants_written  # type: ignore[arg-type]


def test_the_file_keeps_the_levels_and_the_grants_in_key_order(tmp_path: Path) -> None:
    summarize_to_file(_logs(tmp_path), now=NOW, engine="duckdb", output=tmp_path / "u.parquet")
    keys = "account, system, resource, action, field, visibility"
    rows = duckdb.sql(f"SELECT level, {keys} FROM '{tmp_path / 'u.parquet'}'").fetchall()
    levels = [level for level, *_ in rows]
    assert levels == sorted(levels, key=["system", "account", "grant"].index)
    grants = [tuple(key) for level, *key in rows if level == "grant"]
    assert grants == sorted(grants)  # code point order, as Python sorts the rows
    assert grants[0][0] == "Zoe" and grants[-1][0] == "ábel"


@pytest.mark.parametrize(
    "make",
    [
        lambda tmp: [str(write_csv(tmp / "bad.csv", BAD))],  # no usable event: no grant
        lambda tmp: [str(tmp / "given.parquet")],  # a summary summarised again
    ],
    ids=["no-grants", "summary-input"],
)
def test_without_grants_from_the_engine_the_rows_go_through_python(
    tmp_path: Path, make: Callable[[Path], list[str]]
) -> None:
    summarize_to_file(_logs(tmp_path), now=NOW, engine="duckdb", output=tmp_path / "given.parquet")
    logs = make(tmp_path)
    summary = summarize_to_file(logs, now=NOW, engine="duckdb", output=tmp_path / "out.parquet")
    assert summary.grants_written == 0
    found = summary_document(read_summary(tmp_path / "out.parquet", "out.parquet"))
    assert found == _through_python(logs, tmp_path / "python.parquet")


def test_a_json_summary_is_written_through_python(tmp_path: Path) -> None:
    logs = _logs(tmp_path)
    summary = summarize_to_file(logs, now=NOW, engine="duckdb", output=tmp_path / "u.json")
    assert summary.grants_written == 0 and len(summary.grants) > 40
