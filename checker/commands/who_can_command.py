"""``rolegate who-can ACTION RESOURCE[.FIELD]``: every role, account and person that can."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.commands.options import EXIT_PASS, add_format_option
from checker.commands.review_options import (
    SCOPES,
    VISIBILITIES,
    add_check_arguments,
    paths_after_options,
    reviewed,
)
from checker.errors import GateError

EXAMPLES = """\
examples:
  rolegate who-can read customer.phone --visibility full      who sees full phone numbers
  rolegate who-can export customer --scope team --format csv > exporters.csv
  rolegate who-can read payment_card.pan fixtures/example

For each role: its scope and visibility, the grants that give it (file:line), the
findings and waivers that touch it, and every account bound to it with its person.
--visibility and --scope are minimums: "--visibility masked" also lists full.
exit codes: 0 answered (even when nobody can), 2 could not answer (an unknown action,
resource or field: the nearest names are suggested; bad config)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "who-can",
        help="list who can do an action on a resource or see a field",
        description="Every role that can do ACTION on RESOURCE (or see RESOURCE.FIELD), "
        "with its grants, the accounts and people bound to it, and the findings that "
        "touch it; from the same effective access the rules judge.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("action", metavar="ACTION", help="an action, e.g. read, export, dial")
    parser.add_argument(
        "target", metavar="RESOURCE[.FIELD]", help="a resource of the DataCatalog, or one field"
    )
    parser.add_argument(
        "--visibility",
        choices=VISIBILITIES,
        default="",
        help="with a field: only who sees it at least this well (default: more than none)",
    )
    parser.add_argument(
        "--scope", choices=SCOPES, default="", help="only who reaches at least this scope"
    )
    add_format_option(parser, ("text", "json", "csv"))
    add_check_arguments(parser, what="of the config repo")
    paths_after_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.report import who_can_report
    from checker.review.request import WhoCan, parse_target

    resource, field = parse_target(args.target)
    if args.visibility and not field:
        raise GateError(f"--visibility is about a field: write {resource}.FIELD")
    request = WhoCan(args.action, resource, field, args.visibility, args.scope)
    sys.stdout.write(who_can_report.render(reviewed(args, request), fmt=args.format))
    return EXIT_PASS
