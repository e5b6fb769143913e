"""``rolegate test``: run rule packs' Rego unit tests and golden cases, with coverage."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checker.commands.config_options import add_config_option
from checker.commands.options import (
    EXIT_FINDINGS,
    EXIT_PASS,
    parse_now,
    percentage,
    regular_expression,
)

EXAMPLES = """\
examples:
  rolegate test                          the built-in rules, plus the packs in .rolegate.yaml
  rolegate test my-rules                 one pack: its *_test.rego files and expect.yaml cases
  rolegate test --run interaction_delete only tests and cases whose name matches
  rolegate test -v my-rules              show what failing tests print()
  rolegate test --coverage --threshold 90 my-rules

output: PASS|FAIL per test and per case, then a last line "N passed, N failed"
exit codes: 0 all passed, 1 a test or case failed (or coverage below --threshold),
            2 could not run (a METADATA problem, a policy that does not compile, nothing found)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "test",
        help="run the rules' unit tests and golden cases",
        description="Run every test_* rule in *_test.rego files on the embedded engine, and "
        "every golden case (a directory with an expect.yaml) of the rule packs.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "dirs",
        nargs="*",
        type=Path,
        metavar="DIR",
        help="rule packs to test, directories or bundle tarballs (default: the built-in rules "
        "and their cases, plus the policies listed in .rolegate.yaml)",
    )
    parser.add_argument(
        "--run",
        type=regular_expression,
        default=None,
        metavar="REGEX",
        help="only tests (package.test_name) and cases (their directory) matching REGEX",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--coverage", action="store_true", help="report line coverage per policy file"
    )
    parser.add_argument(
        "--threshold",
        type=percentage,
        default=None,
        metavar="PCT",
        help="fail if total line coverage is below PCT (implies --coverage)",
    )
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="evaluate cases that do not pin `now` as of this date (default: the current time)",
    )
    add_config_option(parser)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show the print() output of failing tests"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.authoring import testreport
    from checker.authoring.testsuite import SuiteOptions, run_suite
    from checker.config import project_config

    packs = tuple(args.dirs) or project_config(args.config, start=Path(".")).policies
    options = SuiteOptions(
        packs=packs,
        builtin=not args.dirs,
        now=args.now or datetime.now(timezone.utc),
        name_filter=args.run,
        coverage=args.coverage or args.threshold is not None,
    )
    suite = run_suite(options)
    if args.format == "json":
        sys.stdout.write(testreport.render_json(suite, threshold=args.threshold))
    else:
        sys.stdout.write(
            testreport.render_text(suite, threshold=args.threshold, verbose=args.verbose)
        )
    failed = suite.failed > 0 or testreport.below_threshold(suite, args.threshold)
    return EXIT_FINDINGS if failed else EXIT_PASS
