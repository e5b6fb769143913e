"""Generate usage logs in the neutral format for a generated repo (bench/generate.py).

    python bench/usage_gen.py --repo /tmp/repo --events 10000000 --format parquet \\
        --seed 1 /tmp/usage/events.parquet

Every event is something the repo grants: an account, one of its roles' grants (its
system, resource, an action, a field at the visibility the grant shows, else masked), a
record among 200,000 customers and a time in the 90 days before roles_gen.NOW. The rows
are made by DuckDB from integer arithmetic on the row number and the seed, so the same
arguments always give the same file, and 100 million rows take minutes, not hours.
One account in 50 never appears (dormant), and every grant's last action is used by
nobody, so the USE rules have something to find.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import yaml

NOW = "2026-11-28 00:00:00"
WINDOW_SECONDS = 90 * 24 * 3600
RECORDS = 200_000
DORMANT_EVERY = 50


def combos(repo: Path) -> Iterator[tuple[str, str, str, str, str, str]]:
    """(account, system, resource, action, field, visibility) the repo grants."""
    roles: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for path in sorted((repo / "roles").rglob("*.yaml")):
        role: Any = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        grants = []
        for grant in role["spec"]["grants"]:
            fields = grant.get("fields") or {"": ""}
            field, shown = next(iter(fields.items()))
            visibility = shown if shown in ("masked", "reveal_on_demand", "full") else ""
            for action in grant["actions"][:-1] or grant["actions"]:
                grants.append(
                    (role["metadata"]["system"], grant["resource"], action, field, visibility)
                )
        roles[role["metadata"]["name"]] = grants
    number = 0
    for path in sorted((repo / "bindings").rglob("*.yaml")):
        bindings: Any = yaml.load(path.read_text(), Loader=yaml.CSafeLoader)
        for account in bindings["spec"]["accounts"]:
            number += 1
            if number % DORMANT_EVERY == 0:
                continue
            for name in account.get("roles", []):
                for grant in roles.get(name, []):
                    yield (account["id"], *grant)


def generate(repo: Path, events: int, out: Path, *, fmt: str, seed: int) -> int:
    with tempfile.TemporaryDirectory(prefix="rolegate-usage-gen-") as work:
        table = Path(work) / "combos.csv"
        with table.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["account", "system", "resource", "action", "field", "visibility"])
            count = sum(1 for row in combos(repo) if writer.writerow(row) or True)
        con = duckdb.connect(config={"temp_directory": work, "memory_limit": "2GB"})
        con.execute("SET TimeZone = 'UTC'")
        con.execute(
            f"CREATE TABLE combos AS SELECT row_number() OVER () - 1 AS k, * "
            f"FROM read_csv('{table}', all_varchar = true)"
        )
        # Multiplicative hashes of the row number pick the combo, the second and the record.
        # Parquet keeps the time as a timestamp with time zone, as a data lake does; CSV as
        # ISO 8601 text with its offset.
        moment = (
            f"TIMESTAMP '{NOW}' - to_seconds(((i * 2654435761 + {seed}) "
            f"% {WINDOW_SECONDS})::BIGINT)"
        )
        time = (
            f"timezone('UTC', {moment})"
            if fmt == "parquet"
            else f"strftime({moment}, '%Y-%m-%dT%H:%M:%SZ')"
        )
        select = f"""
            SELECT
              {time} AS time,
              c.account, c.system, c.resource, c.action,
              nullif(c.field, '') AS field, nullif(c.visibility, '') AS visibility,
              'C' || ((i * 40503 + {seed} * 7) % {RECORDS}) AS record,
              1 AS count
            FROM range({events}) r(i)
            JOIN combos c ON c.k = (i * 48271 + {seed}) % {count}
        """
        options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
        con.execute(f"COPY ({select}) TO '{out}' ({options})")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", type=Path, required=True)
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    grants = generate(args.repo, args.events, args.out, fmt=args.format, seed=args.seed)
    print(
        f"wrote {args.out}: {args.events} events over {grants} granted combinations",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
