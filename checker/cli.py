"""Command line: parse arguments, run a command, map the outcome to an exit code.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 the gate
could not decide (bad usage or config, policy or engine failure, nothing to check).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from checker import __version__
from checker.errors import GateError
from checker.findings import SEVERITIES

EXIT_PASS, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

_CHECK_EXAMPLES = """\
examples:
  rolegate check                         check the config repo in the current directory
  rolegate check fixtures/example        check one directory
  rolegate check --fail-on medium .      fail on medium findings too
  rolegate check --format json . > out.json
  rolegate check --now 2026-12-01 .      evaluate dates as of a fixed day (reproducible)
  rolegate check --policy ./my-rules .   add a directory of custom rules

exit codes: 0 passed, 1 findings at or above --fail-on, 2 could not decide
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rolegate",
        description="Policy-as-code gate for the access model of customer-service systems: "
        "minimal necessary access and traceability, checked before deployment.",
    )
    parser.add_argument("--version", action="version", version=f"rolegate {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_check(commands)
    _add_rules(commands)
    _add_explain(commands)
    return parser


def _add_policy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="extra directory of rules (repeatable)",
    )


def _add_check(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help="check a config repo against the rules",
        description="Load, validate and evaluate every YAML file under the paths as one repo.",
        epilog=_CHECK_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path(".")],
        metavar="PATH",
        help="files or directories to check (default: .)",
    )
    check.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="high",
        help="lowest severity that fails the check (default: high)",
    )
    check.add_argument(
        "--now",
        type=_parse_now,
        default=None,
        metavar="DATE",
        help="evaluate as of this UTC date or time, e.g. 2026-12-01 (default: the current time)",
    )
    _add_policy_option(check)
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print only failing findings, no summary"
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="show stage timings and, on an unexpected error, the traceback",
    )
    check.set_defaults(handler=_run_check)


def _add_rules(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    rules = commands.add_parser(
        "rules", help="list the rules", description="List every rule: id, severity, title."
    )
    rules.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="output format (default: text; markdown is docs/rules.md)",
    )
    _add_policy_option(rules)
    rules.set_defaults(handler=_run_rules)


def _add_explain(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    explain = commands.add_parser(
        "explain",
        help="explain one rule",
        description="Print a rule's description, controls, remediation and a bad and a good "
        "example.",
    )
    explain.add_argument("rule_id", metavar="ID", help="rule id, e.g. LP-002")
    _add_policy_option(explain)
    explain.set_defaults(handler=_run_explain)


def _parse_now(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date or time like 2026-12-01 or 2026-12-01T09:30:00Z"
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def _run_check(args: argparse.Namespace) -> int:
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


def _run_rules(args: argparse.Namespace) -> int:
    from checker import ruledocs
    from checker.policies import load_policy_set

    render = {
        "text": ruledocs.rules_text,
        "json": ruledocs.rules_json,
        "markdown": ruledocs.rules_markdown,
    }[args.format]
    sys.stdout.write(render(load_policy_set(tuple(args.policy)).rules))
    return EXIT_PASS


def _run_explain(args: argparse.Namespace) -> int:
    from checker import ruledocs
    from checker.policies import load_policy_set

    sys.stdout.write(ruledocs.explain(args.rule_id, load_policy_set(tuple(args.policy)).rules))
    return EXIT_PASS


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, or a usage error already printed
        return exit_.code if isinstance(exit_.code, int) else EXIT_ERROR
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_ERROR
    try:
        code: int = args.handler(args)
        return code
    except GateError as error:
        print(f"rolegate: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as error:  # a bug: never let it read as a pass
        if getattr(args, "verbose", False):
            traceback.print_exc()
        print(
            f"rolegate: unexpected error: {type(error).__name__}: {error} "
            "(rerun with -v for the traceback, and please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR
