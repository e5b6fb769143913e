"""``--base REF`` and ``--new-only``: compare the config repo with a git revision."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from checker.errors import GateError

if TYPE_CHECKING:
    from checker.load.base import GitBase
    from checker.load.patterns import PathPatterns


def add_base_option(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--base",
        required=required,
        metavar="REF",
        help="git revision to compare with, e.g. origin/main: read with git, never checked "
        "out; the change rules and the access diff compare with it",
    )


def add_new_only_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-only",
        action="store_true",
        help="with --base: fail only on findings the base does not have (the others are "
        "reported as pre-existing)",
    )


def git_base(
    args: argparse.Namespace,
    *,
    root: Path = Path("."),
    ignore: PathPatterns | None = None,
    limit: int,
) -> GitBase | None:
    """The base the options name, its files read up to ``limit`` bytes each, or None;
    GateError for --new-only without --base."""
    from checker.load.base import GitBase

    if getattr(args, "new_only", False) and not args.base:
        raise GateError("--new-only compares with a base; give --base REF too")
    if not args.base:
        return None
    return GitBase(args.base, tuple(args.paths), root=root, ignore=ignore, limit=limit)
