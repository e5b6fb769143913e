"""Compare what rules cost under two versions of the policies, on both engines.

    python bench/rule_ab.py --before ../main --roles 4000 --repeat 9 ACC-001 TP-001 decision

On one generated repo (bench/generate.py; accounts 5x roles) it evaluates each rule's
findings (or the whole decision) with the policies of the ``--before`` checkout and with
this checkout's, on the embedded engine and on OPA (in-process, opa-golib-python-bindings),
the two versions taking turns, and prints the best CPU time of ``--repeat`` for each.
CPU time, not wall time: other work on a shared machine then moves the numbers far less.
Both versions read this checkout's input document (extra keys are ignored by the other).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import generate
import regorus
from roles_gen import NOW

from checker.inventory import build_input
from checker.policy.policyset import load_policy_set
from checker.repo import read_repo

PACKAGES = {
    "decision": "rolegate.main.decision",
    **{r.id: f"rolegate.rules.{r.area}.{r.name}.findings" for r in load_policy_set().rules},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout to compare with")
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("rules", nargs="+", choices=sorted(PACKAGES), metavar="RULE")
    args = parser.parse_args(argv)
    policies = load_policy_set()
    sides = {
        "before": [(f.display, (args.before / f.display).read_text()) for f in policies.files],
        "after": [(f.display, f.text) for f in policies.files],
    }
    with tempfile.TemporaryDirectory() as work:
        repo = Path(work) / "repo"
        generate.main(["--roles", str(args.roles), "--accounts", str(args.roles * 5), str(repo)])
        document = build_input(read_repo((repo,), root=repo).validated, now=NOW)
    data = policies.data()
    opa = {side: _opa(modules, data, document) for side, modules in sides.items()}
    for rule in args.rules:
        query = f"data.{PACKAGES[rule]}"
        best: dict[tuple[str, str], float] = {}
        for _ in range(args.repeat):
            for side, modules in sides.items():
                times = {
                    "embedded": _embedded(modules, data, document, query),
                    "opa": _on_opa(opa[side], query),
                }
                for engine, seconds in times.items():
                    best[(side, engine)] = min(best.get((side, engine), seconds), seconds)
        cells = [
            f"{side}/{engine} {seconds * 1000:8.1f} ms" for (side, engine), seconds in best.items()
        ]
        print(f"{rule:9} " + "  ".join(cells), flush=True)
    return 0


def _opa(modules: list[tuple[str, str]], data: dict[str, Any], document: dict[str, Any]) -> Any:
    from opa_bindings.engine import OpaEngine

    engine = OpaEngine()
    for display, text in modules:
        engine.add_policy(display, text)
    engine.add_data({**data, "bench_input": document})
    return engine


def _embedded(
    modules: list[tuple[str, str]], data: dict[str, Any], document: dict[str, Any], query: str
) -> float:
    engine = regorus.Engine()
    for display, text in modules:
        engine.add_policy(display, text)
    engine.add_data_json(json.dumps(data))
    engine.set_input_json(json.dumps(document))
    return _timed(lambda: engine.eval_rule_as_json(query))


def _on_opa(engine: Any, query: str) -> float:
    return _timed(lambda: engine.eval_query(f"x := {query} with input as data.bench_input"))


def _timed(evaluation: Any) -> float:
    start = time.process_time()
    evaluation()
    return time.process_time() - start


if __name__ == "__main__":
    sys.exit(main())
