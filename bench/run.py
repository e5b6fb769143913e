"""Benchmark `rolegate check` on generated repos against two references, in one run.

    python bench/run.py                       # 20, 1,000 and 10,000 roles, 3 repetitions
    python bench/run.py --sizes 20 --repeat 5 --out /tmp/small.json
    python bench/run.py --sizes 10000 --repeat 2 --references floor,opa --opa PATH-TO-OPA

For each size (accounts 5x roles) it generates a repo (bench/generate.py), then per
repetition runs rolegate as a cold process (wall time, peak RSS, the stage times it
writes with --profile) and the references on the same files (references.py). It prints
medians, the ratios to the references and the targets, and writes everything as JSON.
A reference that was asked for but cannot run stops the benchmark (exit 2).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import generate
import measure
import references
import targets
from roles_gen import NOW

REFERENCES = ("floor", "check-jsonschema", "opa")


def rolegate_command(program: str | None) -> list[str]:
    """The rolegate console script of this Python, else ``python -m checker``."""
    if program:
        return [program]
    beside = Path(sys.executable).with_name("rolegate")
    return [str(beside)] if beside.exists() else [sys.executable, "-m", "checker"]


def prepare(work: Path, roles: int, seed: int) -> Path:
    """The generated repo for ``roles``, made once per parameters."""
    repo = work / f"roles-{roles}-seed-{seed}"
    if not repo.exists():
        generate.main(
            ["--roles", str(roles), "--accounts", str(roles * 5), "--seed", str(seed), str(repo)]
        )
    return repo


def check_once(command: list[str], repo: Path, profile: Path) -> dict[str, Any]:
    run = measure.run(
        [
            *command,
            "check",
            "--no-cache",  # every file parsed and validated (commit_time.py measures the cache)
            "--now",
            NOW.isoformat(),
            "--quiet",
            "--profile",
            str(profile),
            str(repo),
        ]
    )
    if run.code not in (0, 1):
        raise SystemExit(
            f"run.py: rolegate could not decide on {repo} (exit {run.code}):\n{run.stderr}"
        )
    stages = json.loads(profile.read_text())
    return {
        "wall": run.wall,
        "max_rss": run.max_rss,
        "tree_rss": run.tree_rss,
        "cpu": run.cpu,
        "code": run.code,
        "load_average": os.getloadavg()[0],
        **stages,
    }


def references_once(
    args: argparse.Namespace, roles: int, repo: Path, schema: Path
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if "floor" in args.references:
        found["floor"] = references.floor(repo)
    if "opa" in args.references:
        command = references.opa_inputs(
            rolegate_command(args.rolegate), args.opa, repo, repo.parent, NOW.isoformat()
        )
        result = references.opa_eval(command)
        found["opa_eval"] = {"wall": result.wall, "cpu": result.cpu, "tree_rss": result.tree_rss}
        found["opa_eval_command"] = " ".join(command)
    if "check-jsonschema" in args.references and roles <= args.check_jsonschema_max_roles:
        result = references.check_jsonschema(args.check_jsonschema, repo, schema)
        found["check_jsonschema"] = {"wall": result.wall, "code": result.code}
    return found


def measure_size(args: argparse.Namespace, roles: int, work: Path, schema: Path) -> dict[str, Any]:
    repo = prepare(work, roles, args.seed)
    command = rolegate_command(args.rolegate)
    runs, refs = [], []
    for repetition in range(args.repeat):
        runs.append(check_once(command, repo, work / f"profile-{roles}-{repetition}.json"))
        refs.append(references_once(args, roles, repo, schema))
        print(
            f"  {roles} roles, run {repetition + 1}/{args.repeat}: {runs[-1]['wall']:.2f} s",
            file=sys.stderr,
        )
    return {
        "roles": roles,
        "accounts": roles * 5,
        "files": runs[0]["files"],
        "runs": runs,
        "references": refs,
        "median": summarise(runs, refs),
    }


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def summarise(runs: list[dict[str, Any]], refs: list[dict[str, Any]]) -> dict[str, Any]:
    stages = sorted({name for run in runs for name in run["stages"]})
    summary: dict[str, Any] = {
        "wall": _median([r["wall"] for r in runs]),
        "max_rss": _median([r["max_rss"] for r in runs]),
        "tree_rss": _median([r["tree_rss"] for r in runs]),
        "cpu": _median([r.get("cpu", 0.0) for r in runs]),
        "stages": {s: _median([r["stages"].get(s, 0.0) for r in runs]) for s in stages},
    }
    summary["load_validate"] = summary["stages"].get("load", 0.0) + summary["stages"].get(
        "validate", 0.0
    )
    if refs and "floor" in refs[0]:
        summary["floor_parse"] = _median([r["floor"]["parse"] for r in refs])
        summary["floor_events"] = _median([r["floor"]["events"] for r in refs])
    if refs and "opa_eval" in refs[0]:
        summary["opa_eval"] = _median([r["opa_eval"]["wall"] for r in refs])
        summary["opa_eval_cpu"] = _median([r["opa_eval"]["cpu"] for r in refs])
    if refs and "check_jsonschema" in refs[0]:
        summary["check_jsonschema"] = _median([r["check_jsonschema"]["wall"] for r in refs])
    return summary


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",")]
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not a list of role counts: {text!r}") from error
    if min(sizes) < 1:
        raise argparse.ArgumentTypeError("role counts must be at least 1")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=[20, 1000, 10000],
        help="role counts, comma-separated (default: 20,1000,10000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per size (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, default=Path("bench-results.json"), help="JSON result file"
    )
    parser.add_argument(
        "--work", type=Path, help="where generated repos are kept (default: a temp dir)"
    )
    parser.add_argument(
        "--references",
        default=",".join(REFERENCES),
        help="comma-separated: floor, check-jsonschema, opa; or none",
    )
    parser.add_argument(
        "--opa",
        default=os.environ.get("ROLEGATE_OPA_BIN", "opa"),
        metavar="PATH",
        help="OPA binary for the opa reference (default: $ROLEGATE_OPA_BIN, else opa)",
    )
    parser.add_argument("--check-jsonschema", default="check-jsonschema", metavar="PROGRAM")
    parser.add_argument(
        "--check-jsonschema-max-roles",
        type=int,
        default=1000,
        metavar="N",
        help="run check-jsonschema on sizes up to N roles only (default 1000: "
        "it takes minutes on 10,000; the target compares at 20)",
    )
    parser.add_argument(
        "--rolegate", metavar="PROGRAM", help="rolegate command (default: this Python's)"
    )
    args = parser.parse_args(argv)
    args.references = [] if args.references == "none" else args.references.split(",")
    unknown = sorted(set(args.references) - set(REFERENCES))
    if unknown or args.repeat < 1:
        parser.error(
            f"unknown reference {unknown} (choose from {', '.join(REFERENCES)})"
            if unknown
            else "--repeat must be at least 1"
        )
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if "check-jsonschema" in args.references:
            references.check_jsonschema_command(args.check_jsonschema)
        with tempfile.TemporaryDirectory(prefix="rolegate-bench-") as temp:
            work = args.work or Path(temp)
            schema = references.schema_dir(work / "schemas")
            sizes = [measure_size(args, roles, work, schema) for roles in args.sizes]
    except references.MissingTool as error:
        print(f"run.py: error: {error}", file=sys.stderr)
        return 2
    result = {"machine": targets.machine(), "sizes": sizes, "targets": targets.check(sizes)}
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(targets.table(result))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
