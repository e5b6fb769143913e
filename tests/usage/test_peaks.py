"""The busiest hour computed only where it can exceed one record (checker/usage/peaks.py)
and events numbered by hashes of their raw keys: the same rows as the exact join, on
busy hours, keys that need trimming, and bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from usage.test_summary import EVENTS, NOW, write_csv, write_parquet

from checker.usage import duck, sql
from checker.usage.aggregate import summarize
from checker.usage.store import summary_document

# Busy hours: records repeated within a key, shared across a login's keys, ties between
# hours, events without a record, and keys written with spaces around them.
BUSY = [
    ["2026-11-06T08:05:00Z", "ana", "crm", "customer", "read", "", "", "c1", ""],
    ["2026-11-06T08:10:00Z", "ana", "crm", "customer", "read", "", "", "c1", "2"],
    ["2026-11-06T08:20:00Z", "ana", "crm", "customer", "read", "", "", "c2", ""],
    ["2026-11-06T08:30:00Z", "ana", "crm", "customer", "export", "", "", "c2", ""],
    ["2026-11-06T08:40:00Z", "ana", "crm", "case", "read", "", "", "c2", ""],
    ["2026-11-06T09:00:00Z", "ana", "crm", "customer", "read", "", "", "c3", ""],
    ["2026-11-06T09:30:00Z", "ana", "crm", "customer", "read", "", "", "c4", ""],
    ["2026-11-06T07:00:00Z", "ana", "crm", "customer", "read", "", "", "", ""],
    ["2026-11-07T10:00:00Z", "bia", "crm", "case", "update", "", "", "t1", ""],
    ["2026-11-07T10:10:00Z", "bia", "crm", "case", "update", "", "", "", ""],
    ["2026-11-07T11:00:00Z", "bia", "crm", "case", "update", "", "", "t2", ""],
    ["2026-11-07T11:10:00Z", "bia", "crm", "case", "update", "", "", "t3", ""],
    ["2026-11-08T10:00:00Z", "bia", "crm", "case", "update", "", "", "t4", ""],
    ["2026-11-08T10:05:00Z", "bia", "crm", "case", "update", "", "", "t5", ""],
]
TRIMMED = [
    ["2026-11-06T08:50:00Z", " ana", "crm ", "customer", "read", "", "", " c9 ", ""],
    ["2026-11-06T08:55:00Z", "ana", "crm", "customer", "read", " ", "", "c9", ""],
]
BAD = [
    ["2026-12-01T09:00:00Z", "ana", "crm", "customer", "read", "", "", "c7", ""],
    ["2026-11-06T08:00:00Z", "ana", "crm", "customer", "read", "", "hidden", "c8", ""],
    ["2026-11-06T08:00:00Z", "ana", "crm", "customer", "read", "", "", "c8", "0"],
]


def _document(logs: list[str]) -> dict[str, object]:
    return summary_document(summarize(logs, now=NOW))


@pytest.mark.parametrize("rows", [BUSY, BUSY + TRIMMED, BUSY + BAD + EVENTS], ids=range(3))
def test_hashed_ids_give_the_rows_of_the_join(
    rows: list[list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = [
        str(write_csv(tmp_path / "e.csv", rows)),
        str(write_parquet(tmp_path / "e.parquet", EVENTS)),
    ]
    hashed = _document(logs)
    monkeypatch.setattr(duck, "HASHED", False)
    assert _document(logs) == hashed


def test_busy_hours_count_distinct_records_and_the_first_hour_wins(tmp_path: Path) -> None:
    summary = summarize([str(write_csv(tmp_path / "e.csv", BUSY + BAD))], now=NOW)
    peaks = {
        (g["account"], g["resource"], g["action"]): (g["peak_hour"], g["peak_records"])
        for g in summary.grants
    }
    assert peaks[("ana", "customer", "read")] == ("2026-11-06T08:00:00Z", 2)
    assert peaks[("ana", "customer", "export")] == ("2026-11-06T08:00:00Z", 1)
    assert peaks[("bia", "case", "update")] == ("2026-11-07T11:00:00Z", 2)
    accounts = {a["account"]: (a["peak_hour"], a["peak_records"]) for a in summary.accounts}
    # customer/c2 and case/c2 are two records; customer/c2 twice in one hour is one.
    assert accounts == {"ana": ("2026-11-06T08:00:00Z", 3), "bia": ("2026-11-07T11:00:00Z", 2)}


def _hashes_name_keys(rows: list[list[str]], tmp_path: Path) -> bool:
    found: list[bool] = []
    real = duck._rows

    def spy(con: object, query: str, logs: object) -> list[tuple[object, ...]]:
        result = real(con, query, logs)  # type: ignore[arg-type]
        if query == sql.HASHES_NAME_KEYS:
            found.append(bool(result[0][0]))
        return result

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duck, "_rows", spy)
        summarize([str(write_csv(tmp_path / "k.csv", rows))], now=NOW)
    return found == [True]


def test_keys_that_trim_alike_fall_back_to_the_join(tmp_path: Path) -> None:
    assert _hashes_name_keys(BUSY + BAD, tmp_path)
    assert not _hashes_name_keys(BUSY + TRIMMED, tmp_path)


def test_colliding_hashes_fall_back_to_the_join(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every key hashed alike: a collision the check must see, and the join must survive.
    expected = summary_document(summarize([str(write_csv(tmp_path / "c.csv", BUSY))], now=NOW))
    monkeypatch.setattr(sql, "DUCKDB", sql.Dialect(*[*vars(sql.DUCKDB).values()][:5], "42"))
    assert not _hashes_name_keys(BUSY, tmp_path)
    found = summary_document(summarize([str(write_csv(tmp_path / "c.csv", BUSY))], now=NOW))
    assert found == expected
