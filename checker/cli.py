"""Command line: parse arguments, run a command, map the outcome to an exit code.

Exit codes: 0 no finding at or above --fail-on; 1 findings at or above it; 2 the gate
could not decide (bad usage or config, policy or engine failure, nothing to check).
This is the one error boundary: GateError is a message, anything else is a bug, and
neither ever reads as a pass.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from checker import __version__
from checker.commands import COMMANDS
from checker.commands.options import EXIT_ERROR
from checker.errors import GateError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rolegate",
        description="Policy-as-code gate for the access model of customer-service systems: "
        "minimal necessary access and traceability, checked before deployment.",
    )
    parser.add_argument("--version", action="version", version=f"rolegate {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands)
    return parser


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
    except GateError as error:  # one line a problem, when several are reported at once
        for line in str(error).splitlines() or [""]:
            print(f"rolegate: error: {line}", file=sys.stderr)
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
