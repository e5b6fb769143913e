"""``rolegate check``: evaluate a config repo and gate on the findings."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.commands.base_options import add_base_option, add_new_only_option
from checker.commands.check_options import add_cache_options
from checker.commands.config_options import add_config_option, read_project_config
from checker.commands.engine_options import add_engine_options
from checker.commands.options import (
    EXIT_FINDINGS,
    EXIT_PASS,
    add_paths_argument,
    add_policy_option,
    add_reading_options,
    parse_now,
)
from checker.commands.report_options import add_report_options, report_settings, write_reports
from checker.commands.usage_options import add_usage_option
from checker.findings import SEVERITIES

if TYPE_CHECKING:  # the check pipeline is imported only when the command runs
    from checker.result import Report

EXAMPLES = """\
examples:
  rolegate check                         check the config repo in the current directory
  rolegate check fixtures/example        check one directory
  rolegate check --fail-on medium .      fail on medium findings too
  rolegate check --format json . > out.json
  rolegate check --now 2026-12-01 .      evaluate dates as of a fixed day (reproducible)
  rolegate check --policy ./my-rules .   add a directory of custom rules
  rolegate check --strict -v .           every YAML document must be rolegate's; list what
                                         was skipped
  rolegate check . --usage logs/*.csv    also judge usage logs (or a summary): the USE rules
  rolegate check --base origin/main --format sarif --output rolegate.sarif --format github
                                         in CI: compare with the target branch, write SARIF,
                                         annotate the pull request

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
    add_paths_argument(parser, what="to check")
    add_report_options(parser)
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="lowest severity that fails the check (default: high, or fail_on in .rolegate.yaml)",
    )
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="evaluate as of this UTC date or time, e.g. 2026-12-01 (default: the current time)",
    )
    add_base_option(parser)
    add_new_only_option(parser)
    add_policy_option(parser)
    add_reading_options(parser)
    add_cache_options(parser)
    add_config_option(parser)
    add_engine_options(parser)
    add_usage_option(parser)
    parser.add_argument(
        "--emit-input",
        type=Path,
        metavar="FILE",
        help="also write the exact input document the rules evaluate (JSON), e.g. to query "
        "OPA directly",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="FILE",
        help="also write the time of each stage and the counts as JSON (bench/run.py reads it)",
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only failing findings, no summary"
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also list what was not read and why (paths skipped, YAML documents that are "
        "not rolegate's), stage timings and, on an unexpected error, the traceback",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.check import run_check
    from checker.commands.check_options import check_options

    config = read_project_config(args, start=args.paths[0])
    reports = report_settings(args, config)
    report = run_check(check_options(args, config))
    if args.emit_input:
        write_json(args.emit_input, report.input_document, what="input document")
    started = time.perf_counter()
    write_reports(report, reports)
    timings = {**report.timings, "report": time.perf_counter() - started}
    if args.verbose:
        sys.stderr.write(left_out(report))
        stages = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in timings.items())
        print(f"timings: {stages}", file=sys.stderr)
    if args.profile:
        write_json(args.profile, profile(report, timings), what="profile")
    return EXIT_FINDINGS if report.failing(reports.fail_on) else EXIT_PASS


def left_out(report: Report) -> str:
    """What ``-v`` says the check did not read: each path discovery skipped, and each
    YAML document that is not rolegate's, with why."""
    lines = [f"skipped {item.file}: {item.reason}" for item in report.skipped]
    lines += [
        f"ignored {item.file}:{item.line}: not rolegate's ({item.detail})"
        for item in report.ignored
    ]
    return "".join(line + "\n" for line in lines)


def profile(report: Report, timings: dict[str, float]) -> dict[str, Any]:
    """What --profile writes: the seconds each stage took, and what was checked."""
    return {
        "stages": timings,
        "files": report.files,
        "documents": report.documents,
        "findings": len(report.findings),
    }


def write_json(path: Path, document: object, *, what: str) -> None:
    from checker.files import write_file

    write_file(path, json.dumps(document, indent=2, sort_keys=True) + "\n", what=what)
