"""Measure usage evidence: `usage summarize` on generated logs, and what a usage summary
adds to `rolegate check` on a generated repo.

    python bench/usage_run.py --roles 10000 --accounts 50000 \\
        --events 10000000 100000000 --formats parquet csv

Generates the repo (bench/generate.py) and, per size and format, the logs
(bench/usage_gen.py); runs `python -m checker usage summarize` in a fresh process and
records its wall time, CPU time (user + sys), peak memory (the process tree's RSS) and
events per second; then times `check` of the repo without and with the last summary, in
the same run, and prints their ratio. Prints JSON, with the load average. How far the
summary is from DuckDB's own floor: bench/usage_floor.py. The issue's targets: 100M
Parquet events in at most 60 s and 2 GiB; check with a summary at most 1.3x the check
without, at 10,000 roles.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import run
from roles_gen import NOW

BENCH = Path(__file__).resolve().parent


def _generate_repo(repo: Path, roles: int, accounts: int) -> None:
    command = [
        sys.executable,
        str(BENCH / "generate.py"),
        "--roles",
        str(roles),
        "--accounts",
        str(accounts),
        "--seed",
        "1",
        str(repo),
    ]
    subprocess.run(command, check=True, capture_output=True)


def _summarize(repo: Path, work: Path, events: int, fmt: str) -> dict[str, Any]:
    log = work / f"events-{events}.{fmt}"
    command = [
        sys.executable,
        str(BENCH / "usage_gen.py"),
        "--repo",
        str(repo),
        "--events",
        str(events),
        "--format",
        fmt,
        str(log),
    ]
    subprocess.run(command, check=True, capture_output=True)
    summary = work / "usage.parquet"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run(
        [
            sys.executable,
            "-m",
            "checker",
            "usage",
            "summarize",
            str(log),
            "-o",
            str(summary),
            "--now",
            NOW.isoformat(),
        ]
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.code != 0:
        raise SystemExit(f"summarize failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result = {
        "events": events,
        "format": fmt,
        "log_bytes": log.stat().st_size,
        "seconds": round(done.wall, 2),
        "cpu_seconds": round(cpu, 2),
        "tree_rss_mib": round(done.tree_rss / 2**20),
        "events_per_second": round(events / done.wall),
        "summary_rows": int(done.stderr.rsplit(": ", 1)[1].split()[0]),
    }
    log.unlink()
    return result


def _check(repo: Path, usage: Path | None) -> float:
    command = [
        sys.executable,
        "-m",
        "checker",
        "check",
        str(repo),
        "--now",
        NOW.isoformat(),
        "--format",
        "json",
    ]
    done = run(command + (["--usage", str(usage)] if usage else []), sample=False)
    if done.code not in (0, 1):
        raise SystemExit(f"check failed: {done.stderr}")
    return done.wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roles", type=int, default=10000)
    parser.add_argument("--accounts", type=int, default=50000)
    parser.add_argument("--events", type=int, nargs="+", default=[10_000_000])
    parser.add_argument("--formats", nargs="+", choices=("parquet", "csv"), default=["parquet"])
    parser.add_argument("--skip-check", action="store_true", help="only time summarize")
    parser.add_argument("--work", type=Path, help="where logs go (default: a temporary folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rolegate-usage-bench-", dir=args.work) as scratch:
        work = Path(scratch)
        repo = work / "repo"
        _generate_repo(repo, args.roles, args.accounts)
        runs = [_summarize(repo, work, n, f) for n in args.events for f in args.formats]
        result: dict[str, Any] = {
            "roles": args.roles,
            "accounts": args.accounts,
            "load_average": [round(x, 1) for x in os.getloadavg()],
            "summarize": runs,
        }
        if not args.skip_check:
            without = _check(repo, None)
            with_usage = _check(repo, work / "usage.parquet")
            result["check"] = {
                "without_usage_s": round(without, 2),
                "with_usage_s": round(with_usage, 2),
                "ratio": round(with_usage / without, 2),
            }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
