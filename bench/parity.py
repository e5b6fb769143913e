"""The engines decide a generated repo the same: embedded, real `opa eval`, real server.

    python bench/parity.py --opa ../shared/tools/opa/opa            # 1,000 roles
    python bench/parity.py --roles 20 --opa /usr/local/bin/opa --out /tmp/parity.json

Generates the repo (generate.py; accounts 5 x roles, --seed) and decides it five ways,
each a cold process, timed, from the directory the repo is in:

  rolegate check --format json --emit-input input.json REPO     (embedded, the reference)
  opa eval --bundle rolegate-bundle.tar.gz --input input.json data.rolegate.main.decision
  rolegate check --engine opa --opa-bin OPA --format json REPO
  rolegate check --engine opa-server --opa-url URL --format json REPO   (twice: the first
      pushes the policies to a real `opa run --server` started here, the second finds
      them there)

`opa eval`'s decision must hold exactly the findings, waivers and rule counts of the
embedded report (decisions.py), and each engine's report must equal it. Prints the
times, with their ratio to the embedded check, and writes them as JSON. Exit 1 when any
decision differs (the differences are printed), 2 when a run cannot decide.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import decisions
import measure
import run
import targets
from roles_gen import NOW

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from opa_process import running_opa  # the tests' real-server helper

ENTRY_POINT = "data.rolegate.main.decision"


class CannotDecide(Exception):
    pass


def _timed(command: list[str], cwd: Path, output: Path) -> tuple[float, dict[str, Any]]:
    """Run, keep stdout in ``output``; the wall time and the JSON it printed."""
    done = measure.run(command, cwd=cwd, sample=False, stdout=output)
    if done.code not in (0, 1):
        raise CannotDecide(f"{' '.join(command[:4])} ... exited {done.code}:\n{done.stderr}")
    return done.wall, json.loads(output.read_text())


def _check(rolegate: list[str], repo: Path, name: str, *options: str) -> tuple[float, Any]:
    command = [*rolegate, "check", "--now", NOW.isoformat(), "--format", "json", *options]
    output = repo.parent / f"{name}.json"
    wall, report = _timed([*command, repo.name], repo.parent, output)
    return wall, decisions.from_report(report)


def _opa_eval(rolegate: list[str], opa: str, work: Path) -> tuple[float, Any]:
    bundle = work / "rolegate-bundle.tar.gz"
    subprocess.run([*rolegate, "bundle", "-o", str(bundle)], check=True, capture_output=True)
    command = [opa, "eval", "--bundle", str(bundle), "--input", "input.json"]
    wall, output = _timed([*command, "--format", "json", ENTRY_POINT], work, work / "eval.json")
    try:
        return wall, decisions.from_opa_eval(output)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise CannotDecide(f"opa eval: {error}") from error


def decide_every_way(rolegate: list[str], opa: str, repo: Path) -> dict[str, tuple[float, Any]]:
    """Each way's (seconds, comparable decision); the embedded check comes first."""
    found = {"embedded": _check(rolegate, repo, "embedded", "--emit-input", "input.json")}
    found["opa eval"] = _opa_eval(rolegate, opa, repo.parent)
    found["--engine opa"] = _check(rolegate, repo, "opa", "--engine", "opa", "--opa-bin", opa)
    with running_opa(opa) as server:
        pushed = ("--engine", "opa-server", "--opa-url", server.url)
        found["--engine opa-server (push)"] = _check(rolegate, repo, "push", *pushed)
        found["--engine opa-server"] = _check(rolegate, repo, "server", *pushed)
    return found


def report(found: dict[str, tuple[float, Any]], roles: int) -> tuple[list[str], dict[str, Any]]:
    """The lines to print (differences first) and the JSON result."""
    reference_time, reference = found["embedded"]
    lines, result = [], {}
    for way, (wall, decision) in found.items():
        differing = decisions.differences(reference, decision)
        lines += [f"{way}: {line}" for line in differing]
        result[way] = {"seconds": round(wall, 3), "same": not differing}
    lines.append(
        f"{roles:,} roles, {roles * 5:,} accounts: {decisions.counts(reference)} "
        + ("on every way" if all(r["same"] for r in result.values()) else "(embedded)")
    )
    for way, entry in result.items():
        ratio = entry["seconds"] / reference_time
        same = "same" if entry["same"] else "DIFFERS"
        lines.append(f"  {way:32} {entry['seconds']:8.2f} s  {ratio:5.2f} x embedded  {same}")
    return lines, result


def _opa_binary(given: str | None) -> str:
    wanted = given or os.environ.get("ROLEGATE_OPA_BIN") or "opa"
    found = shutil.which(wanted)
    if found is None:
        raise CannotDecide(f"no OPA binary {wanted!r}; pass --opa PATH (OPA 1.x)")
    return found


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=1000, help="roles (default 1000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--opa", metavar="PATH", help="OPA binary (default: $ROLEGATE_OPA_BIN)")
    parser.add_argument("--out", type=Path, default=Path("parity-results.json"))
    parser.add_argument("--work", type=Path, help="where the repo is kept (default: temp dir)")
    parser.add_argument("--rolegate", metavar="PROGRAM", help="default: this Python's")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    rolegate = run.rolegate_command(args.rolegate)
    try:
        opa = _opa_binary(args.opa)
        with tempfile.TemporaryDirectory(prefix="rolegate-parity-") as temp:
            repo = run.prepare((args.work or Path(temp)).resolve(), args.roles, args.seed)
            found = decide_every_way(rolegate, opa, repo)
    except (CannotDecide, RuntimeError) as error:  # RuntimeError: the server did not start
        print(f"parity.py: error: {error}", file=sys.stderr)
        return 2
    lines, result = report(found, args.roles)
    print("\n".join(lines))
    machine = targets.machine()
    args.out.write_text(json.dumps({"machine": machine, "roles": args.roles, **result}, indent=2))
    print(f"wrote {args.out}")
    return 0 if all(entry["same"] for entry in result.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
