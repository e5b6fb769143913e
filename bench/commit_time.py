"""What a pre-commit hook waits for: rolegate on a small repo, against check-jsonschema.

    python bench/commit_time.py                      # 20 roles, 7 interleaved repetitions
    python bench/commit_time.py --roles 20 --repeat 9 --out /tmp/commit.json

Each repetition runs, as cold processes and one after the other (so that the load of the
machine falls on all of them alike), check-jsonschema on the repo's files with rolegate's
schemas (references.py), then rolegate's ``check`` in five situations:

- ``no-cache``: ``--no-cache``, every file parsed and validated;
- ``empty-cache``: a cache folder made for this run (the first commit after installing);
- ``new-clone``: the repo copied to a new folder, the cache warm from the original (a
  fresh clone or worktree of the same files: the cache is keyed by content, not path);
- ``warm``: the same repo again;
- ``edited``: one role file edited (a comment line added) since the warm run.

It prints the minimum and median wall and CPU (user + system) time of each, their ratio
to check-jsonschema's median in the same run, and writes everything as JSON.

The tools run as an installed hook runs them: with Python's bytecode cache on (an
inherited PYTHONDONTWRITEBYTECODE is dropped; pip compiles an installed package's
bytecode anyway, but an editable checkout would otherwise recompile every module on every
run), after one untimed run of each so the bytecode exists.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import measure
import references
import targets
from roles_gen import NOW
from run import prepare, rolegate_command

SITUATIONS = ("no-cache", "empty-cache", "new-clone", "warm", "edited")


def rolegate_run(command: list[str], repo: Path, cache: Path | None) -> measure.Run:
    options = ["--no-cache"] if cache is None else ["--cache-dir", str(cache)]
    run = measure.run(
        [*command, "check", "--now", NOW.isoformat(), "--quiet", *options, str(repo)],
        sample=False,
    )
    if run.code not in (0, 1):
        raise SystemExit(
            f"commit_time.py: rolegate could not decide (exit {run.code}):\n{run.stderr}"
        )
    return run


def warm_up(command: list[str], repo: Path, schema: Path, work: Path) -> None:
    """One untimed run of each tool: their bytecode written, the files in the OS cache."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # inherited by every run after this
    references.check_jsonschema("check-jsonschema", repo, schema)
    rolegate_run(command, repo, None)
    rolegate_run(command, repo, work / "cache-warm-up")


def one_repetition(
    command: list[str], repo: Path, schema: Path, work: Path, number: int
) -> dict[str, measure.Run]:
    cache = work / f"cache-{number}"
    clone = work / f"clone-{number}"
    found = {"check-jsonschema": references.check_jsonschema("check-jsonschema", repo, schema)}
    found["no-cache"] = rolegate_run(command, repo, None)
    found["empty-cache"] = rolegate_run(command, repo, cache)
    shutil.copytree(repo, clone)
    found["new-clone"] = rolegate_run(command, clone, cache)
    found["warm"] = rolegate_run(command, clone, cache)
    edited = sorted((clone / "roles").rglob("*.yaml"))[0]
    edited.write_text(edited.read_text() + f"# edited in repetition {number}\n")
    found["edited"] = rolegate_run(command, clone, cache)
    shutil.rmtree(clone)
    return found


def summary(runs: list[dict[str, measure.Run]]) -> dict[str, Any]:
    reference = statistics.median(r["check-jsonschema"].wall for r in runs)
    found: dict[str, Any] = {}
    for name in ("check-jsonschema", *SITUATIONS):
        walls = [r[name].wall for r in runs]
        cpus = [r[name].cpu for r in runs]
        found[name] = {
            "wall_min": min(walls),
            "wall_median": statistics.median(walls),
            "cpu_min": min(cpus),
            "cpu_median": statistics.median(cpus),
            "ratio_to_check_jsonschema": statistics.median(walls) / reference,
        }
    return found


def table(found: dict[str, Any]) -> str:
    lines = ["situation          wall min / median (s)   cpu min / median (s)   / check-jsonschema"]
    for name, row in found.items():
        lines.append(
            f"{name:<18} {row['wall_min']:6.3f} / {row['wall_median']:6.3f}"
            f"        {row['cpu_min']:6.3f} / {row['cpu_median']:6.3f}"
            f"        {row['ratio_to_check_jsonschema']:.2f}x"
        )
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=20, help="roles in the repo (default 20)")
    parser.add_argument("--repeat", type=int, default=7, help="repetitions (default 7)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("commit-time.json"))
    parser.add_argument("--rolegate", metavar="PROGRAM", help="default: this Python's")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        references.check_jsonschema_command("check-jsonschema")
    except references.MissingTool as error:
        print(f"commit_time.py: error: {error}", file=sys.stderr)
        return 2
    command = rolegate_command(args.rolegate)
    with tempfile.TemporaryDirectory(prefix="rolegate-commit-") as temp:
        work = Path(temp)
        repo = prepare(work, args.roles, args.seed)
        schema = references.schema_dir(work / "schemas")
        warm_up(command, repo, schema, work)
        runs = []
        for number in range(args.repeat):
            runs.append(one_repetition(command, repo, schema, work, number))
            print(f"  repetition {number + 1}/{args.repeat}", file=sys.stderr)
    found = summary(runs)
    result = {
        "machine": {**targets.machine(), "load_average": os.getloadavg()},
        "roles": args.roles,
        "repeat": args.repeat,
        "summary": found,
        "runs": [{k: {"wall": v.wall, "cpu": v.cpu} for k, v in r.items()} for r in runs],
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(table(found))
    print(f"load average at the end: {os.getloadavg()}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
