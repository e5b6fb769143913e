"""How the rules' time grows with the repo on both engines: embedded and real `opa eval`.

    python bench/opa_scaling.py --opa ../shared/tools/opa/opa                 # 1k, 3k, 10k
    python bench/opa_scaling.py --sizes 1000 3000 --engine-opa --work /tmp/scaling

For each size it generates a repo (generate.py; accounts 5 x roles, --seed 7) and runs,
each as a cold process:

  rolegate check --format json --emit-input input.json REPO      (embedded, end to end)
  opa eval --strict-builtin-errors --bundle rolegate-bundle.tar.gz --input input.json
      data.rolegate.main.decision                                  (the bundle users deploy)
  rolegate check --engine opa REPO                                 (with --engine-opa)

It prints CPU time (user + sys of the process and its children) and wall time of each,
with the ratio of each size to the smallest, and whether OPA's decision holds exactly the
embedded findings, waivers and rule counts (decisions.py). CPU time moves far less than
wall time on a shared machine; the load average is printed and saved beside them.
Exit 1 when a decision differs, 2 when a run cannot decide (a failing --engine opa is
recorded first, and the other sizes still run).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import decisions
import run
import targets
from roles_gen import NOW

ENTRY_POINT = "data.rolegate.main.decision"
SEED = 7


class CannotDecide(Exception):
    pass


@dataclass(frozen=True)
class Timed:
    cpu: float  # seconds, user + sys of the process tree
    wall: float  # seconds


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(command: list[str], output: Path, *, codes: tuple[int, ...] = (0, 1)) -> Timed:
    """Run ``command`` with stdout to ``output``; its CPU and wall time."""
    cpu, start = _cpu(), time.perf_counter()
    with output.open("wb") as out:
        done = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True)
    timed = Timed(round(_cpu() - cpu, 2), round(time.perf_counter() - start, 2))
    if done.returncode not in codes:
        raise CannotDecide(f"{' '.join(command[:4])} ... exited {done.returncode}:\n{done.stderr}")
    return timed


def measure_size(
    rolegate: list[str], opa: str, work: Path, roles: int, *, engine_opa: bool
) -> dict[str, Any]:
    """One size: the times of each way and whether OPA decided as the embedded engine."""
    repo = run.prepare(work, roles, SEED)
    check = [*rolegate, "check", "--now", NOW.isoformat(), "--format", "json"]
    input_file = work / f"input-{roles}.json"
    embedded = _run([*check, "--emit-input", str(input_file), str(repo)], work / "embedded.json")
    reference = decisions.from_report(json.loads((work / "embedded.json").read_text()))
    bundle = work / "rolegate-bundle.tar.gz"
    subprocess.run([*rolegate, "bundle", "-o", str(bundle)], check=True, capture_output=True)
    evaluate = [opa, "eval", "--strict-builtin-errors", "--bundle", str(bundle)]
    evaluate += ["--input", str(input_file), "--format", "json", ENTRY_POINT]
    result: dict[str, Any] = {"roles": roles, "accounts": roles * 5, "embedded": asdict(embedded)}
    result["opa_eval"] = asdict(_run(evaluate, work / "eval.json", codes=(0,)))
    found = decisions.from_opa_eval(json.loads((work / "eval.json").read_text()))
    differing = decisions.differences(reference, found)
    if engine_opa:
        with_opa = [*check, "--engine", "opa", "--opa-bin", opa, str(repo)]
        try:
            result["engine_opa"] = asdict(_run(with_opa, work / "opa.json"))
        except CannotDecide as error:  # say, its default timeout: recorded, not fatal
            result["engine_opa"] = {"error": str(error).strip().splitlines()[-1]}
        else:
            found = decisions.from_report(json.loads((work / "opa.json").read_text()))
            differing += decisions.differences(reference, found)
    result.update(findings=len(reference["findings"]), same=not differing, differences=differing)
    return result


WAYS = (("embedded", "embedded check"), ("opa_eval", "opa eval"), ("engine_opa", "--engine opa"))


def size_lines(size: dict[str, Any], first: dict[str, Any]) -> list[str]:
    """A size's lines: CPU and wall seconds of each way, and CPU as a ratio to ``first``."""
    same = "the same on every way" if size["same"] else "DECISIONS DIFFER"
    counts = f"{size['roles']:,} roles, {size['accounts']:,} accounts"
    lines = [f"{counts}: {size['findings']:,} findings, {same}"]
    for key, name in WAYS:
        if "error" in size.get(key, {}):
            lines.append(f"  {name:15} FAILED: {size[key]['error']}")
        elif key in size and "error" not in first.get(key, {}):
            cpu = size[key]["cpu"]
            lines.append(
                f"  {name:15} CPU {cpu:8.2f} s  wall {size[key]['wall']:8.2f} s  "
                f"{cpu / first[key]['cpu']:6.2f} x the CPU at {first['roles']:,} roles"
            )
    return lines + [f"  {line}" for line in size["differences"]]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--opa", metavar="PATH", help="OPA binary (default: $ROLEGATE_OPA_BIN)")
    parser.add_argument("--engine-opa", action="store_true", help="also run --engine opa")
    parser.add_argument("--work", type=Path, default=Path("scaling-work"), help="repos kept here")
    parser.add_argument("--out", type=Path, default=Path("opa-scaling-results.json"))
    parser.add_argument("--rolegate", metavar="PROGRAM", help="default: this Python's")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    opa = shutil.which(args.opa or os.environ.get("ROLEGATE_OPA_BIN") or "opa")
    if opa is None:
        print("opa_scaling.py: error: no OPA binary; pass --opa PATH (OPA 1.x)", file=sys.stderr)
        return 2
    rolegate = run.rolegate_command(args.rolegate)
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    load_before, sizes = os.getloadavg(), []
    try:
        for roles in sorted(args.sizes):
            sizes.append(measure_size(rolegate, opa, work, roles, engine_opa=args.engine_opa))
            print("\n".join(size_lines(sizes[-1], sizes[0])), flush=True)
    except CannotDecide as error:
        print(f"opa_scaling.py: error: {error}", file=sys.stderr)
        return 2
    load = {
        "before": [round(x, 2) for x in load_before],
        "after": [round(x, 2) for x in os.getloadavg()],
    }
    print(f"load average (1, 5, 15 min): before {load['before']}, after {load['after']}")
    result = {"machine": targets.machine(), "load": load, "seed": SEED, "sizes": sizes}
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    if any("error" in size.get("engine_opa", {}) for size in sizes):
        return 2
    return 0 if all(size["same"] for size in sizes) else 1


if __name__ == "__main__":
    sys.exit(main())
