"""``rolegate check``: evaluate a config repo and gate on the findings."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_FINDINGS, EXIT_PASS, add_policy_option, parse_now
from checker.findings import SEVERITIES

EXAMPLES = """\
examples:
  rolegate check                         check the config repo in the current directory
  rolegate check fixtures/example        check one directory
  rolegate check --fail-on medium .      fail on medium findings too
  rolegate check --format json . > out.json
  rolegate check --now 2026-12-01 .      evaluate dates as of a fixed day (reproducible)
  rolegate check --policy ./my-rules .   add a directory of custom rules

exit codes: 0 passed, 1 findings at or above --fail-on, 2 could not decide
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="check a config repo against the rules",
        description="Load, validate and evaluate every YAML file under the paths as one repo.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path(".")],
        metavar="PATH",
        help="files or directories to check (default: .)",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="high",
        help="lowest severity that fails the check (default: high)",
    )
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="evaluate as of this UTC date or time, e.g. 2026-12-01 (default: the current time)",
    )
    add_policy_option(parser)
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only failing findings, no summary"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show stage timings and, on an unexpected error, the traceback",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.check import CheckOptions, run_check
    from checker.report import REPORTERS

    options = CheckOptions(
        paths=tuple(args.paths),
        now=args.now or datetime.now(timezone.utc),
        policy_dirs=tuple(args.policy),
    )
    report = run_check(options)
    sys.stdout.write(REPORTERS[args.format](report, fail_on=args.fail_on, quiet=args.quiet))
    if args.verbose:
        stages = ", ".join(
            f"{name} {seconds * 1000:.0f} ms" for name, seconds in report.timings.items()
        )
        print(f"timings: {stages}", file=sys.stderr)
    return EXIT_FINDINGS if report.failing(args.fail_on) else EXIT_PASS
