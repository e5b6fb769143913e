"""``--usage``: usage logs (or a usage summary) for the USE rules, as ``check`` and
``suggest`` take them; ``usage:`` in ``.rolegate.yaml`` when the command line has none."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.config import ProjectConfig


def add_usage_option(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--usage",
        nargs="+",
        action="extend",
        default=[],
        required=required,
        metavar="LOG",
        help="usage logs: files, folders or globs (neutral CSV, JSON lines or Parquet, "
        "Zendesk access logs, Amazon Connect contact records) or a usage summary; "
        "without them the USE rules are not evaluated (default: usage in .rolegate.yaml)",
    )


def usage_logs(
    args: argparse.Namespace, config: ProjectConfig
) -> tuple[tuple[str, ...], Path | None]:
    """The logs to read and the folder they are relative to (None: the working directory).
    The command line wins over the config file."""
    given = tuple(getattr(args, "usage", None) or ())
    if given:
        return given, None
    return config.usage, config.base
