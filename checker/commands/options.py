"""Options and exit codes shared by several subcommands."""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timezone
from pathlib import Path

EXIT_PASS, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def add_policy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--policy",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="extra rule pack: a directory of rules or a bundle tarball (.tar.gz); repeatable",
    )


def add_reading_options(parser: argparse.ArgumentParser) -> None:
    """How the config repo's files are read: ``--strict`` and ``--max-file-size``."""
    parser.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="make every YAML document that is not rolegate's a finding instead of ignoring "
        "it (default: strict in .rolegate.yaml, else off)",
    )
    parser.add_argument(
        "--max-file-size",
        type=_size,
        default=None,
        metavar="SIZE",
        help="largest config file read, e.g. 32MiB; a larger file is a finding "
        "(default: max_file_size in .rolegate.yaml, else 8MiB; at most 1GiB)",
    )


def _size(text: str) -> int:
    from checker.load.limits import parse_size

    try:
        return parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def add_paths_argument(parser: argparse.ArgumentParser, *, what: str) -> None:
    """The config repo's files or directories, default the current directory."""
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path(".")],
        metavar="PATH",
        help=f"files or directories {what} (default: .)",
    )


def add_format_option(
    parser: argparse.ArgumentParser, choices: tuple[str, ...], note: str = ""
) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]}{note})",
    )


def parse_now(text: str) -> datetime:
    """``--now``: a UTC date or time; naive values are taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date or time like 2026-12-01 or 2026-12-01T09:30:00Z"
        ) from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def regular_expression(text: str) -> re.Pattern[str]:
    """An argparse type: ``text`` compiled, or a usage error saying why not."""
    try:
        return re.compile(text)
    except re.error as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a regular expression: {error}"
        ) from error


def percentage(text: str) -> float:
    """An argparse type: a number from 0 to 100."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 100.0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage from 0 to 100")
    return value
