"""``rolegate import VENDOR EXPORT... -o DIR``: a rolegate repo from a platform's export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_PASS

VENDORS = ("zendesk", "amazon-connect", "salesforce", "genesys")

EXAMPLES = """\
examples:
  rolegate import zendesk export/ -o access-repo
  rolegate import salesforce profiles/ permissionsets/ users.json \\
      permission-set-assignments.json -o access-repo --mapping acme-salesforce.yaml
  rolegate check --now 2026-11-28 access-repo

Writes DIR/<system>/ (a System, one Role per platform role, the accounts) and, when DIR
has none yet, a starting DataCatalog and JobFunctions to complete. Importing again
replaces DIR/<system>/ and leaves every other file alone. Permissions the mapping does
not know are kept as `unmapped` entries, which rule IMP-001 reports. docs/import.md.
exit codes: 0 imported, 2 could not (bad or incomplete export, bad mapping, cannot write)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "import",
        help="write a rolegate repo from a platform's export",
        description="Read a platform's export of roles, permissions and users and write "
        "the rolegate repo it amounts to.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("vendor", choices=VENDORS, metavar="VENDOR", help=", ".join(VENDORS))
    parser.add_argument(
        "exports", nargs="+", type=Path, metavar="EXPORT", help="export files, or their folder"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="DIR", help="the repo to write"
    )
    add_mapping_option(parser)
    parser.set_defaults(handler=run)


def add_mapping_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="extend or override the shipped permission mapping (custom fields, objects, "
        "role tiers and functions); docs/import.md",
    )


def run(args: argparse.Namespace) -> int:
    from checker.importers.build import import_repo

    summary = import_repo(args.vendor, args.exports, args.output, mapping=args.mapping)
    print(summary, file=sys.stderr)
    return EXIT_PASS
