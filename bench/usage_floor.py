"""How far `usage summarize` is from the floor: DuckDB's bare GROUP BY over the same log.

    python bench/usage_floor.py /tmp/usage/events-100000000.parquet

Any summary on DuckDB has to read every event and group it by its six keys at least;
that bare GROUP BY (first and last time, events; no checks, no busiest hour, no file)
is the floor. Both run here, one after the other, as fresh processes with the same
DuckDB memory limit: wall time, CPU time (user + sys) and peak RSS of each, and the
summary's CPU as a ratio of the floor's — the figure that survives a loaded machine.
Prints JSON, with the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
from pathlib import Path
from typing import Any

from measure import run
from roles_gen import NOW

KEYS = "account, system, resource, action, field, visibility"
_MEMORY = os.environ.get("ROLEGATE_DUCKDB_MEMORY", "1GB")  # as checker/usage/duck.py


def floor(log: Path, scratch: Path) -> None:
    """The bare GROUP BY, its result kept in a table so that nothing is pruned."""
    import duckdb

    con = duckdb.connect(config={"memory_limit": _MEMORY, "temp_directory": str(scratch)})
    con.execute("SET enable_progress_bar = false")
    con.execute(
        f"CREATE TEMPORARY TABLE floor AS SELECT {KEYS}, min(time) AS first, "
        f"max(time) AS last, sum(count) AS events FROM read_parquet(?) GROUP BY {KEYS}",
        [str(log)],
    )
    print(con.execute("SELECT count(*) FROM floor").fetchone()[0])  # type: ignore[index]


def _measured(command: list[str]) -> dict[str, Any]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = run(command)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.code != 0:
        raise SystemExit(f"{' '.join(command[1:4])} failed: {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall_s": round(done.wall, 1),
        "cpu_s": round(cpu, 1),
        "tree_rss_mib": round(done.tree_rss / 2**20),
    }


def compare(log: Path, scratch: Path) -> dict[str, Any]:
    load_before = os.getloadavg()
    bare = _measured([sys.executable, __file__, "--floor", str(log), str(scratch)])
    summary = scratch / "usage.parquet"
    command = ["usage", "summarize", str(log), "-o", str(summary), "--now", NOW.isoformat()]
    summarize = _measured([sys.executable, "-m", "checker", *command])
    return {
        "log": str(log),
        "log_bytes": log.stat().st_size,
        "floor": bare,
        "summarize": summarize,
        "cpu_ratio": round(summarize["cpu_s"] / bare["cpu_s"], 2),
        "wall_ratio": round(summarize["wall_s"] / bare["wall_s"], 2),
        "load_before": [round(x, 1) for x in load_before],
        "load_after": [round(x, 1) for x in os.getloadavg()],
        "cores": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--floor"]:
        floor(Path(args[1]), Path(args[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("logs", nargs="+", type=Path, help="neutral Parquet logs (usage_gen.py)")
    parser.add_argument("--work", type=Path, help="scratch folder (default: a temporary one)")
    parsed = parser.parse_args(args)
    results = []
    for log in parsed.logs:
        with tempfile.TemporaryDirectory(prefix="rolegate-floor-", dir=parsed.work) as scratch:
            results.append(compare(log, Path(scratch)))
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
