"""bench/usage_gen.py and bench/usage_run.py work on a tiny size (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb

from conftest import ROOT

BENCH = ROOT / "bench"


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BENCH / script), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)


def test_log_generator_is_deterministic_and_grants_every_event(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    made = _run("generate.py", "--roles", "20", "--accounts", "100", "--seed", "1", str(repo))
    assert made.returncode == 0, made.stderr
    for out in ("a.csv", "b.csv"):
        done = _run(
            "usage_gen.py",
            "--repo",
            str(repo),
            "--events",
            "500",
            "--format",
            "csv",
            str(tmp_path / out),
        )
        assert done.returncode == 0, done.stderr
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    rows = duckdb.sql(f"SELECT count(*), count(DISTINCT account) FROM '{tmp_path / 'a.csv'}'")
    [(events, accounts)] = rows.fetchall()
    assert (events, accounts <= 98) == (500, True)  # one account in 50 never appears


def test_runner_reports_summarize_and_check_figures() -> None:
    done = _run(
        "usage_run.py",
        "--roles",
        "20",
        "--accounts",
        "100",
        "--events",
        "2000",
        "--formats",
        "parquet",
        "csv",
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert [(r["events"], r["format"]) for r in result["summarize"]] == [
        (2000, "parquet"),
        (2000, "csv"),
    ]
    assert set(result["check"]) == {"without_usage_s", "with_usage_s", "ratio"}
