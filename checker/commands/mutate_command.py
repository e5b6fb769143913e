"""``rolegate mutate``: mutation testing of the rules' Rego unit tests."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_FINDINGS, EXIT_PASS, percentage, regular_expression

EXAMPLES = """\
examples:
  rolegate mutate                                   every built-in rule
  rolegate mutate --rule ACC-001 --rule 'CHG-.*'    some rules (ids, regular expressions)
  rolegate mutate --explanations bench/mutation-explanations.yaml --format json
  rolegate mutate my-rules                          the rules of a pack, with its tests

output: per rule its tests, mutants, killed, explained, survived, invalid and score
        (killed / (mutants that compile - explained)), then each surviving mutant
exit codes: 0 every rule at or above --threshold, 1 a rule below it,
            2 could not run (a test failing on the rule as written, a bad explanations file)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "mutate",
        help="mutation-test the rules: do their unit tests notice small faults?",
        description="Make small faults in each rule (negate or drop a condition, swap a "
        "comparison, change a constant) and run the rule's *_test.rego on each on the "
        "embedded engine: a mutant no test fails on is a gap in the tests, or equivalent.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "dirs", nargs="*", type=Path, metavar="DIR",
        help="rule packs whose rules to mutate (default: the built-in rules)",
    )  # fmt: skip
    parser.add_argument(
        "--rule", action="append", type=regular_expression, default=[], metavar="ID",
        help="only rules whose id matches (a regular expression; repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--explanations", type=Path, default=None, metavar="FILE",
        help="YAML file explaining surviving mutants that no test can kill (equivalent ones)",
    )  # fmt: skip
    parser.add_argument(
        "--threshold", type=percentage, default=90.0, metavar="PCT",
        help="fail if a rule's score is below PCT (default: 90)",
    )  # fmt: skip
    parser.add_argument(
        "--format", choices=("text", "markdown", "json"), default="text",
        help="output format (default: text)",
    )  # fmt: skip
    parser.add_argument(
        "--jobs", type=_positive, default=None, metavar="N",
        help="worker processes (default: the CPUs there are)",
    )  # fmt: skip
    parser.set_defaults(handler=run)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 or more)")
    return int(text)


def run(args: argparse.Namespace) -> int:
    from checker.authoring.mutation import run_all, targets
    from checker.authoring.mutationexplanations import read_explanations
    from checker.authoring.mutationreport import FORMATS, score
    from checker.errors import GateError
    from checker.policy.policyset import load_policy_set
    from checker.processes import cpu_count

    explanations = read_explanations(args.explanations) if args.explanations else {}
    policies = load_policy_set(tuple(args.dirs), tests=True)
    packs = tuple(d.resolve() for d in args.dirs)

    def wanted(rule: Any) -> bool:
        chosen = not args.rule or any(p.fullmatch(rule.id) for p in args.rule)
        where = Path(rule.file).resolve()
        return chosen and (not packs or any(where.is_relative_to(d) for d in packs))

    found = targets(policies, wanted)
    if not found:
        raise GateError("no rule to mutate: no rule id matches --rule")
    runs = run_all(found, jobs=args.jobs or cpu_count())
    report = score(runs, explanations)
    sys.stdout.write(FORMATS[args.format](report, threshold=args.threshold))
    return EXIT_FINDINGS if report.below(args.threshold) else EXIT_PASS
