"""Measure what each built-in rule adds to an evaluation, for sharing rules across processes.

    python bench/rule_costs.py --roles 10000 --repeat 1 --write checker/engines/rule_costs.json

For each rule it times, on one generated repo, the evaluation of the shared libraries alone
and of the libraries plus the rule's findings (best of ``--repeat``), and keeps the
difference in milliseconds. checker/engines/shards.py deals the rules into two shares of
about equal cost with these numbers; a rule missing from them (a custom pack's) counts as
the median. Wrong numbers only unbalance the shares: every rule still runs once.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import generate
from roles_gen import NOW

from checker.check import read_repo
from checker.engines.embedded import new_engine
from checker.inventory import build_input
from checker.policies import PolicySet, load_policy_set

LIBRARIES = "data.rolegate.lib"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--write", type=Path, help="write the costs (JSON) here")
    args = parser.parse_args(argv)
    policies = load_policy_set()
    with tempfile.TemporaryDirectory() as work:
        repo = Path(work) / "repo"
        sizes = ["--roles", str(args.roles), "--accounts", str(args.roles * 5)]
        generate.main([*sizes, "--seed", str(args.seed), str(repo)])
        input_json = json.dumps(build_input(read_repo((repo,), root=repo).validated, now=NOW))
    base = _best(policies, input_json, f"x := {LIBRARIES}", args.repeat)
    costs = {}
    for rule in policies.rules:
        query = f"x := {LIBRARIES}; y := data.rolegate.rules.{rule.area}.{rule.name}.findings"
        added = _best(policies, input_json, query, args.repeat) - base
        costs[rule.id] = max(1, round(added * 1000))
        print(f"{rule.id:10} {costs[rule.id]:6d} ms", file=sys.stderr)
    median = statistics.median(costs.values())
    print(f"median {median} ms, libraries {base * 1000:.0f} ms", file=sys.stderr)
    text = json.dumps(dict(sorted(costs.items())), indent=1) + "\n"
    if args.write:
        args.write.write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def _best(policies: PolicySet, input_json: str, query: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        engine = new_engine(policies)
        engine.set_input_json(input_json)
        started = time.perf_counter()
        engine.eval_query_as_json(query)
        times.append(time.perf_counter() - started)
    return min(times)


if __name__ == "__main__":
    raise SystemExit(main())
