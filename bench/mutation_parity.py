"""Do the real OPA's `opa test` and rolegate mutate (embedded engine) judge mutants alike?

    ROLEGATE_OPA_BIN=../shared/tools/opa/opa python bench/mutation_parity.py [--rule RE]

For every explained mutant (they must survive on OPA too) and every mutant of the rules
matching ``--rule`` (default: a few rules), the mutated module, its tests and the files
they import are written to a temporary directory and ``opa test`` is run there. Prints
each disagreement and the counts; exit 1 on any disagreement, 2 when something cannot run.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from checker.authoring.mutants import Mutant, mutants_of
from checker.authoring.mutation import Target, run_rule, targets
from checker.authoring.mutationexplanations import read_explanations
from checker.policy.policyset import load_policy_set

ROOT = Path(__file__).resolve().parent.parent
EXPLANATIONS = ROOT / "bench" / "mutation-explanations.yaml"


def opa_status(opa: str, target: Target, mutant: Mutant) -> str:
    """killed, survived or invalid, as `opa test` on the mutant says."""
    with tempfile.TemporaryDirectory() as work:
        for rego in (*target.support, target.tests):
            _write(Path(work), rego.display, rego.text)
        _write(Path(work), target.module.display, mutant.source)
        done = subprocess.run([opa, "test", work], capture_output=True, text=True)
    if done.returncode == 0:
        return "survived"
    compile_error = re.search(
        r"rego_(parse|compile|type|unsafe_var)_error", done.stdout + done.stderr
    )
    return "invalid" if compile_error else "killed"


def _write(work: Path, display: str, text: str) -> None:
    path = work / display
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", default="ACC-001|SOD-002|CHG-003|GOV-002")
    args = parser.parse_args(argv)
    opa = os.environ.get("ROLEGATE_OPA_BIN") or sys.exit("set ROLEGATE_OPA_BIN to a real OPA")
    explained = read_explanations(EXPLANATIONS)
    wanted = re.compile(args.rule)
    found = targets(load_policy_set(tests=True), lambda r: True)
    compared = disagreements = 0
    for target in found:
        whole = wanted.fullmatch(target.rule.id) is not None
        outcomes = {o.mutant.key: o.status for o in run_rule(target).outcomes}
        for mutant in mutants_of(target.module.text):
            if not whole and (target.rule.id, mutant.key) not in explained:
                continue
            theirs = opa_status(opa, target, mutant)
            compared += 1
            if theirs != outcomes[mutant.key]:
                disagreements += 1
                print(
                    f"{target.rule.id}: {mutant.key}: embedded {outcomes[mutant.key]}, opa {theirs}"
                )
    print(f"{compared} mutants compared with opa test, {disagreements} judged differently")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
