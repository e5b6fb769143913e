"""``rolegate access PERSON|ACCOUNT|ROLE``: one subject's effective access and its reasons."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checker.commands.options import EXIT_PASS, add_format_option
from checker.commands.review_options import add_check_arguments, paths_after_options, reviewed

EXAMPLES = """\
examples:
  rolegate access tier1-agent                 a role
  rolegate access ana.souza                   an account: its roles together
  rolegate access person:E10231               a person: all their accounts merged
  rolegate access BPO-33107 --format csv fixtures/incident

Per resource: the actions, the scope and each field's visibility, beside what the
role's job functions need (marked when more), and for each grant the function that
justifies it, or "no function needs this". A name that is both a role and an account
(or a person) must say which: role:NAME, account:ID, person:KEY.
exit codes: 0 answered, 2 could not answer (an unknown name: the nearest are suggested)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "access",
        help="show the effective access of a person, account or role",
        description="The effective access of one person (all their accounts), account or "
        "role, per resource and field, with the job function that justifies each grant; "
        "from the same effective access the rules judge.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "subject", metavar="PERSON|ACCOUNT|ROLE", help="a name, or role:, account:, person: NAME"
    )
    add_format_option(parser, ("text", "json", "csv"))
    add_check_arguments(parser, what="of the config repo")
    paths_after_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.report import access_report
    from checker.review.request import parse_subject

    report = reviewed(args, parse_subject(args.subject))
    sys.stdout.write(access_report.render(report, fmt=args.format))
    return EXIT_PASS
