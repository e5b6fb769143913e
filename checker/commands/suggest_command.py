"""``rolegate suggest ROLE --usage LOGS``: the role right-sized by its usage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.commands.config_options import add_config_option, read_project_config
from checker.commands.engine_options import add_engine_options
from checker.commands.options import (
    EXIT_PASS,
    add_policy_option,
    add_reading_options,
    parse_now,
)
from checker.commands.usage_options import add_usage_option

EXAMPLES = """\
examples:
  rolegate suggest crm-agent --usage logs/             the diff, ready for a pull request
  rolegate suggest crm-agent --usage usage.parquet --write   edit the role's file in place
  rolegate suggest crm-agent --repo access/ --usage logs/ -o crm-agent.yaml

Keeps the actions a holder used within the usage window and those the logs cannot show;
removes a grant with none left; lowers a field shown full that its holders only saw
masked or revealed on demand, adding the reveal safeguards. Scope is kept: logs do not
say whose records a holder could open. docs/usage.md.
exit codes: 0 suggested (the diff may be empty), 2 could not (no such role, no usage of
its system, bad logs)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "suggest",
        help="right-size a role by its usage logs (a diff for a pull request)",
        description="Suggest a role with only the access its holders used.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("role", metavar="ROLE", help="the role's metadata.name")
    parser.add_argument(
        "--repo",
        type=Path,
        default=Path("."),
        metavar="PATH",
        help="the config repo (default: the current directory)",
    )
    add_usage_option(parser)
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="judge the usage window as of this UTC date or time (default: now)",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the suggested role's file here instead of printing the diff",
    )
    output.add_argument("--write", action="store_true", help="edit the role's file in place")
    add_policy_option(parser)
    add_config_option(parser)
    add_reading_options(parser)
    add_engine_options(parser)
    parser.set_defaults(handler=run, base=None)


def run(args: argparse.Namespace) -> int:
    from checker.authoring.suggest import suggest
    from checker.commands.check_options import check_options
    from checker.files import write_file

    config = read_project_config(args, start=args.repo)
    options = check_options(argparse.Namespace(**{**vars(args), "paths": [args.repo]}), config)
    found = suggest(options, args.role)
    if args.write or args.output:
        target = found.file if args.write else args.output
        write_file(target, found.after, what="suggested role")
        print(f"wrote {target}", file=sys.stderr)
    else:
        sys.stdout.write(found.diff())
    for change in found.changes:
        print(f"{found.shown}: {change}", file=sys.stderr)
    if not found.changes:
        print(f"role {args.role!r}: its usage needs everything it grants", file=sys.stderr)
    return EXIT_PASS
