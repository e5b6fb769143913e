"""Time the two evaluation shares the rules are dealt into, to see that they come out
even (checker/engines/shards.py, costs.py, rule_costs.json).

    python bench/share_times.py --roles 10000
    python bench/share_times.py --input input.json      # an --emit-input file

Each share is evaluated on a fresh engine in a process of its own, one after the other,
as the check does (the same modules, data and input file); it prints each share's rules,
CPU seconds and peak RSS. CPU time, not wall time: the machine's load moves it less.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import run
from roles_gen import NOW

from checker.engines import shards
from checker.engines.embedded import evaluate_modules, without_aliases
from checker.policy.policyset import load_policy_set


def one_share(which: int, input_file: str) -> dict[str, object]:
    """Evaluate share ``which`` (0 or 1) here; its rules, CPU seconds and peak RSS."""
    policies = without_aliases(load_policy_set())
    share = shards.shares(policies)[which]
    modules, data = shards._share_job(policies, share)
    started = time.process_time()
    evaluate_modules(modules, data, input_file, shards.SHARE_RULES)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {
        "share": which,
        "rules": [rule.id for rule in share],
        "cpu": round(time.process_time() - started, 2),
        "peak_rss_mib": round(peak / 2**20),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roles", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--input", type=Path, help="an input file (--emit-input) to use")
    parser.add_argument("--share", type=int, choices=(0, 1), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.share is not None:  # one share, in this process (started by the loop below)
        print(json.dumps(one_share(args.share, str(args.input))))
        return 0
    with tempfile.TemporaryDirectory() as work:
        input_file = args.input
        if input_file is None:
            repo = run.prepare(Path(work), args.roles, args.seed)
            input_file = Path(work) / "input.json"
            check = [*run.rolegate_command(None), "check", "--no-cache", "--quiet"]
            emit = [*check, "--now", NOW.isoformat(), "--emit-input", str(input_file), str(repo)]
            subprocess.run(emit, capture_output=True, check=False)
        for which in (0, 1):
            command = [sys.executable, __file__, "--input", str(input_file)]
            done = subprocess.run([*command, "--share", str(which)], capture_output=True, text=True)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 2
            found = json.loads(done.stdout)
            print(
                f"share {which}: {found['cpu']:6.2f} s CPU, peak {found['peak_rss_mib']} MiB, "
                f"{len(found['rules'])} rules: {' '.join(found['rules'])}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
