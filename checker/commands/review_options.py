"""What the access-review commands share: the check options, and running one check that
also asks data.rolegate.review for a view."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from checker.commands.config_options import add_config_option, read_project_config
from checker.commands.engine_options import add_engine_options
from checker.commands.options import (
    add_paths_argument,
    add_policy_option,
    add_reading_options,
    parse_now,
)

if TYPE_CHECKING:  # the pipeline is imported only when a command runs
    from checker.check import LoadedPolicies
    from checker.config import ProjectConfig
    from checker.result import Report
    from checker.review.request import ReviewRequest

VISIBILITIES = ("none", "compare", "masked", "reveal_on_demand", "full")
SCOPES = ("self", "assigned", "team", "division", "all")


def add_check_arguments(parser: argparse.ArgumentParser, *, what: str) -> None:
    """PATH, --now, --policy, --config, --strict, --max-file-size, the engine options
    and -v."""
    add_paths_argument(parser, what=what)
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="evaluate as of this UTC date or time, e.g. 2026-12-01 (default: the current "
        "time); waivers in force and expiries depend on it",
    )
    add_policy_option(parser)
    add_config_option(parser)
    add_reading_options(parser)
    add_engine_options(parser)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="on an unexpected error, the traceback"
    )
    parser.set_defaults(base=None)  # no --base unless the command adds it


def paths_after_options(parser: argparse.ArgumentParser) -> None:
    """Let PATH follow options, as in ``who-can read customer.phone --visibility full .``.

    Before Python 3.13, argparse gives PATH (``nargs="*"``) its empty default as soon as
    it matches the positionals before the options, and then rejects a PATH that follows
    them as unrecognised. Here the words left over that are not options become the paths.
    """
    parse = parser.parse_known_args
    default = next(a.default for a in parser._actions if a.dest == "paths")

    def parse_known_args(
        args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extras = parse(args, namespace)
        words = [word for word in extras if not word.startswith("-")]
        if words:
            given = [] if parsed.paths is default else list(parsed.paths)
            parsed.paths = [*given, *(type(default[0])(word) for word in words)]
        return parsed, [word for word in extras if word.startswith("-")]

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign,assignment]


def reviewed(
    args: argparse.Namespace,
    request: ReviewRequest,
    *,
    config: ProjectConfig | None = None,
    loaded: LoadedPolicies | None = None,
) -> Report:
    """One check of the config repo whose report also holds the review's ``request``."""
    from checker.check import run_check
    from checker.commands.check_options import check_options

    config = config or read_project_config(args, start=args.paths[0])
    options = replace(check_options(args, config), review=request)
    return run_check(options, loaded=loaded)
