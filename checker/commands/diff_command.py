"""``rolegate diff --base REF``: who gains or loses access to what, compared with REF."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.commands.base_options import add_base_option
from checker.commands.config_options import add_config_option, read_project_config
from checker.commands.engine_options import add_engine_options
from checker.commands.options import (
    EXIT_PASS,
    add_format_option,
    add_paths_argument,
    add_policy_option,
    add_reading_options,
)

EXAMPLES = """\
examples:
  rolegate diff --base origin/main             the access diff of this branch, as text
  rolegate diff --base HEAD~1 --format markdown config/

Per role and per person: each action, scope and field visibility gained (+) or lost (-),
its sensitivity, and for a role how many of the people holding it the change reaches.
exit codes: 0 the diff was computed, 2 it could not be (no git, unknown REF, bad config)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help="show the access diff against a git revision",
        description="Compare the config repo with its version at a git revision: per role "
        "and per person, which access was gained or lost and how sensitive it is.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_paths_argument(parser, what="of the config repo")
    add_base_option(parser, required=True)
    add_format_option(parser, ("text", "markdown", "json"))
    add_policy_option(parser)
    add_reading_options(parser)
    add_config_option(parser)
    add_engine_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.check import run_check
    from checker.commands.check_options import check_options
    from checker.report import diff_report

    config = read_project_config(args, start=args.paths[0])
    report = run_check(check_options(args, config))
    render = {
        "text": diff_report.render_text,
        "markdown": diff_report.render_markdown,
        "json": diff_report.render_json,
    }[args.format]
    sys.stdout.write(render(report.access_diff, base=args.base))
    return EXIT_PASS
