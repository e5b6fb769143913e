"""Mutation testing of the rule library, with its cost against one run of the rule tests.

    python bench/mutation.py --out bench/results-mutation-2026-12-05.json
    python bench/mutation.py --jobs 1 --jobs 2        # the worker processes compared

Runs ``rolegate mutate --format json`` with the explanations file (once per ``--jobs``)
and, as the reference in the same run, ``opa test policies/`` with the real OPA binary
(ROLEGATE_OPA_BIN): every Rego test once. Wall and CPU seconds (user + sys of the process
and its workers) are measured for each; the machine's load average is recorded before and
after, as other work on the machine changes wall times. Writes the per-rule scores, the
totals and the timings as JSON; exit 1 when a rule is below the threshold, 2 when
something cannot run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXPLANATIONS = ROOT / "bench" / "mutation-explanations.yaml"


def timed(command: list[str]) -> tuple[subprocess.CompletedProcess[str], dict[str, float]]:
    """Run ``command`` to its end; its output and its wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def mutate(jobs: int) -> tuple[dict[str, Any], dict[str, float]]:
    rolegate = Path(sys.executable).with_name("rolegate")
    command = [str(rolegate), "mutate", "--format", "json", "--jobs", str(jobs)]
    done, cost = timed([*command, "--explanations", str(EXPLANATIONS)])
    if done.returncode not in (0, 1):
        sys.exit(f"rolegate mutate failed (exit {done.returncode}): {done.stderr.strip()}")
    return json.loads(done.stdout), cost


def reference() -> dict[str, float]:
    opa = os.environ.get("ROLEGATE_OPA_BIN")
    if not opa:
        sys.exit("set ROLEGATE_OPA_BIN to a real OPA binary: `opa test policies/` is the reference")
    done, cost = timed([opa, "test", "policies/"])
    if done.returncode != 0:
        sys.exit(f"opa test policies/ failed: {done.stdout.strip()[-500:]}")
    return cost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, action="append", default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    ref = reference()
    runs = {}
    report: dict[str, Any] = {}
    for jobs in args.jobs or [2]:
        report, cost = mutate(jobs)
        runs[str(jobs)] = {**cost, "cpu_ratio_to_reference": round(cost["cpu_s"] / ref["cpu_s"], 1)}
    result = {
        "command": "rolegate mutate --format json --explanations bench/mutation-explanations.yaml",
        "reference": {"command": "opa test policies/", **ref},
        "runs_by_jobs": runs,
        "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        **report,
    }
    text = json.dumps(result, indent=2) + "\n"
    if args.out:
        args.out.write_text(text)
    print(json.dumps({k: result[k] for k in ("reference", "runs_by_jobs", "totals")}, indent=2))
    print(
        f"load average before {result['load_average_before']}, after {result['load_average_after']}"
    )
    below = [r["rule"] for r in report.get("rules", []) if r["score"] < report.get("threshold", 90)]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
