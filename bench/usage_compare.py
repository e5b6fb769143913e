"""Compare two usage summary files row for row: the same rows in the same order, and the
same metadata (now, and per log the events, skipped rows and examples).

    python bench/usage_compare.py /tmp/i18/main10m.parquet /tmp/i18/new10m.parquet

Exits 0 and prints "identical" when they are; else 1, with the number of rows that
differ and the first few of them side by side. DuckDB compares them, so a summary of
millions of rows never becomes Python values.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

MARKER = "rolegate.usage.summary"  # checker/usage/sources.py SUMMARY_MARKER
SHOWN = 5


def _numbered(path: Path) -> str:
    return f"(SELECT * FROM read_parquet('{path}', file_row_number = true))"


def differences(old: Path, new: Path) -> list[str]:
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    found = []
    metas = [
        con.execute(
            "SELECT value FROM parquet_kv_metadata(?) WHERE CAST(key AS VARCHAR) = ?",
            [str(path), MARKER],
        ).fetchall()
        for path in (old, new)
    ]
    if metas[0] != metas[1]:
        found.append("metadata differs")
    columns = [
        row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{old}')").fetchall()
    ]
    if columns != [
        row[0] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{new}')").fetchall()
    ]:
        return [*found, "columns differ"]
    same = " AND ".join(f"a.{c} IS NOT DISTINCT FROM b.{c}" for c in columns)
    query = (
        f"SELECT coalesce(a.file_row_number, b.file_row_number) AS row, a, b "
        f"FROM {_numbered(old)} a FULL JOIN {_numbered(new)} b USING (file_row_number) "
        f"WHERE a.file_row_number IS NULL OR b.file_row_number IS NULL OR NOT ({same}) "
        f"ORDER BY row"
    )
    count = con.execute(f"SELECT count(*) FROM ({query})").fetchone()
    if count and count[0]:
        found.append(f"{count[0]} rows differ")
        found += [str(row) for row in con.execute(f"{query} LIMIT {SHOWN}").fetchall()]
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    found = differences(Path(args[0]), Path(args[1]))
    print("\n".join(found) if found else "identical")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
