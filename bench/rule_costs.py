"""Measure what each built-in rule and library adds to an evaluation, for sharing rules
across processes.

    python bench/rule_costs.py --roles 10000 --repeat 1 --write checker/engines/rule_costs.json

On one generated repo it times (best of ``--repeat``, in CPU time of this process: a
loaded machine moves it far less than wall time) the evaluation of every library
package, and keeps in milliseconds what each library adds to the others (``libraries``)
and what each rule's findings add to all the libraries (``rules``).
checker/engines/costs.py deals the rules into two shares of about equal cost with these
numbers; a rule missing from them (a custom pack's) counts as the median. Wrong numbers
only unbalance the shares: every rule still runs once.
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

from checker.engines.embedded import new_engine
from checker.inventory import build_input
from checker.policy.metadata import package_of
from checker.policy.policyset import PolicySet, load_policy_set
from checker.repo import read_repo

LIBRARY = "rolegate.lib."


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
    libraries = _library_packages(policies)
    base = _best(policies, input_json, _all_of(libraries), args.repeat)
    library_costs = {}
    for library in libraries:
        others = [other for other in libraries if other != library]
        added = base - _best(policies, input_json, _all_of(others), args.repeat)
        library_costs[library] = max(0, round(added * 1000))
        print(f"{library:28} {library_costs[library]:6d} ms", file=sys.stderr)
    rule_costs = {}
    for rule in policies.rules:
        findings = f"data.rolegate.rules.{rule.area}.{rule.name}.findings"
        query = f"{_all_of(libraries)}; y := count({findings})"
        added = _best(policies, input_json, query, args.repeat) - base
        rule_costs[rule.id] = max(1, round(added * 1000))
        print(f"{rule.id:28} {rule_costs[rule.id]:6d} ms", file=sys.stderr)
    median = statistics.median(rule_costs.values())
    print(f"median rule {median} ms, libraries {base * 1000:.0f} ms", file=sys.stderr)
    costs = {"libraries": library_costs, "rules": dict(sorted(rule_costs.items()))}
    text = json.dumps(costs, indent=1) + "\n"
    if args.write:
        args.write.write_text(text)
    else:
        sys.stdout.write(text)
    return 0


def _library_packages(policies: PolicySet) -> list[str]:
    packages = (package_of(rego.text) for rego in policies.files)
    return sorted({found[0] for found in packages if found and found[0].startswith(LIBRARY)})


def _all_of(packages: list[str]) -> str:
    """A query that works out the packages in full but answers only a count, so that
    writing the answer out costs nothing worth measuring."""
    return f"x := count([{', '.join(f'data.{package}' for package in packages)}])"


def _best(policies: PolicySet, input_json: str, query: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        engine = new_engine(policies)
        engine.set_input_json(input_json)
        started = time.process_time()
        engine.eval_query_as_json(query)
        times.append(time.process_time() - started)
    return min(times)


if __name__ == "__main__":
    raise SystemExit(main())
