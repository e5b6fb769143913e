"""Time `rolegate import` of a generated vendor export (bench/import_gen.py).

    python bench/import_run.py --roles 10000 --users 50000 --repeat 1

Generates the export once, then runs the import in a fresh process (`python -m checker
import zendesk ...`) ``--repeat`` times into a new directory each time, and prints the
seconds of each run and the best as JSON. The issue's budget: 10,000 roles and 50,000
users in at most 30 s on the project's 2-core machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roles", type=int, default=10000)
    parser.add_argument("--users", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    with tempfile.TemporaryDirectory(prefix="rolegate-import-bench-") as work:
        export = Path(work) / "export"
        gen = [sys.executable, str(BENCH / "import_gen.py"), "--roles", str(args.roles)]
        gen += ["--users", str(args.users), "--seed", str(args.seed), str(export)]
        subprocess.run(gen, check=True, capture_output=True)
        runs = []
        for attempt in range(args.repeat):
            out = Path(work) / f"repo{attempt}"
            command = [
                sys.executable,
                "-m",
                "checker",
                "import",
                "zendesk",
                str(export),
                "-o",
                str(out),
            ]
            started = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            runs.append(round(time.perf_counter() - started, 2))
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
    result = {"roles": args.roles, "users": args.users, "seconds": runs, "best": min(runs)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
